;; Recursion and a start function that initializes state: memo units inside call trees, and
;; call depth.
(module
  (memory (export "mem") 1)
  (global $calls (export "calls") (mut i64) (i64.const 0))
  (start $init)
  (func $init (local $i i32)
    loop $l
      local.get $i local.get $i local.get $i i32.mul i32.store
      local.get $i i32.const 4 i32.add local.tee $i i32.const 400 i32.lt_u br_if $l
    end)
  (func $fib (export "fib") (param i32) (result i32)
    global.get $calls i64.const 1 i64.add global.set $calls
    local.get 0 i32.const 20 i32.rem_u local.set 0
    local.get 0 i32.const 2 i32.lt_u if (result i32) local.get 0 else
      local.get 0 i32.const 1 i32.sub call $fib local.get 0 i32.const 2 i32.sub call $fib i32.add end)
  (func $pure_fib (param i32) (result i32)
    local.get 0 i32.const 2 i32.lt_u if (result i32) local.get 0 else
      local.get 0 i32.const 1 i32.sub call $pure_fib local.get 0 i32.const 2 i32.sub call $pure_fib i32.add end)
  (func (export "fib_small") (param i32) (result i32) local.get 0 i32.const 22 i32.rem_u call $pure_fib)
  (func $down (param i32) (result i32)
    local.get 0 i32.eqz if (result i32) i32.const 0 else local.get 0 i32.const 1 i32.sub call $down i32.const 1 i32.add end)
  ;; Deeper than the default call depth limit (1024) for arguments from 1024 to 1199.
  (func (export "down") (param i32) (result i32) local.get 0 i32.const 1200 i32.rem_u call $down)
  (func (export "table_sum") (param i32) (result i32) (local $s i32)
    local.get 0 i32.const 100 i32.rem_u local.set 0
    block $d loop $l
      local.get 0 i32.eqz br_if $d
      local.get 0 i32.const 1 i32.sub local.tee 0 i32.const 2 i32.shl i32.load local.get $s i32.add local.set $s
      br $l
    end end
    local.get $s))
