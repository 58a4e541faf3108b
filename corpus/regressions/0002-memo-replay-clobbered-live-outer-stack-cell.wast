;; The same flaw as 0001, where it breaks results. The inner block writes the outer label's
;; result cell only when it branches (`br_if $l`); on the fallthrough path that cell holds
;; the live value of $x, which is not an input of the inner block. An entry recorded on the
;; fallthrough path restored the old $x on a later hit with another $x: f(7, 0) returned
;; 6 instead of 8 once f(5, 0) was cached. Fixed by recording only the cells an exit carries.
(module
  (func (export "f") (param $x i32) (param $c i32) (result i32)
    block $l (result i32)
      local.get $x
      block $u
        i32.const 99 local.get $c br_if $l drop
      end
      i32.const 1 i32.add
    end))
(assert_return (invoke "f" (i32.const 5) (i32.const 0)) (i32.const 6))
(assert_return (invoke "f" (i32.const 5) (i32.const 0)) (i32.const 6))
(assert_return (invoke "f" (i32.const 5) (i32.const 0)) (i32.const 6))
(assert_return (invoke "f" (i32.const 7) (i32.const 0)) (i32.const 8))
(assert_return (invoke "f" (i32.const 7) (i32.const 1)) (i32.const 99))
(assert_return (invoke "f" (i32.const 9) (i32.const 0)) (i32.const 10))
