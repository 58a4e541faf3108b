;; recursion: the Ackermann function by plain recursion (no loop optimization).
;; run(n) = ack(2, n) = 2n + 3 (checked), which makes about 2n^2 calls and nests about 2n + 4
;; frames deep (n = 2000: ~8 million calls, ~4000 frames); then ack(3, 5) = 253 (checked).
;; The same (m, n) pairs are computed over and over: memo should pay off here.
;; Returns ack(2, n) + ack(3, 5).
(module
  (func $ack (param $m i32) (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $m))
      (then (i32.add (local.get $n) (i32.const 1)))
      (else
        (if (result i32) (i32.eqz (local.get $n))
          (then (call $ack (i32.sub (local.get $m) (i32.const 1)) (i32.const 1)))
          (else
            (call $ack (i32.sub (local.get $m) (i32.const 1))
              (call $ack (local.get $m) (i32.sub (local.get $n) (i32.const 1)))))))))

  (func (export "run") (param $n i32) (result i32) (local $a i32) (local $b i32)
    (local.set $a (call $ack (i32.const 2) (local.get $n)))
    (if (i32.ne (local.get $a) (i32.add (i32.shl (local.get $n) (i32.const 1)) (i32.const 3)))
      (then unreachable))
    (local.set $b (call $ack (i32.const 3) (i32.const 5)))
    (if (i32.ne (local.get $b) (i32.const 253)) (then unreachable))
    (i32.add (local.get $a) (local.get $b))))
