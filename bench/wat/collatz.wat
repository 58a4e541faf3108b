;; repeated: Collatz chain lengths of a small repeating set. `n` calls of $len on one of 64
;; starting values (837799 and 800000 + 1237*j), each a loop of 100-500 steps. The same 64
;; arguments come back again and again: memo should replay whole calls. Each distinct value is
;; checked once against a recursive implementation, and len(27) = 111, len(837799) = 524.
;; Returns the sum of the lengths (mod 2^32).
(module
  ;; steps to reach 1, iterating x -> x/2 or 3x+1 in 64 bits
  (func $len (param $x i64) (result i32) (local $steps i32)
    (block $done
      (loop $step
        (br_if $done (i64.eq (local.get $x) (i64.const 1)))
        (local.set $x
          (if (result i64) (i64.eqz (i64.and (local.get $x) (i64.const 1)))
            (then (i64.shr_u (local.get $x) (i64.const 1)))
            (else (i64.add (i64.mul (local.get $x) (i64.const 3)) (i64.const 1)))))
        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
        (br $step)))
    (local.get $steps))

  (func $len_rec (param $x i64) (result i32)
    (if (result i32) (i64.eq (local.get $x) (i64.const 1))
      (then (i32.const 0))
      (else
        (i32.add (i32.const 1)
          (call $len_rec
            (if (result i64) (i64.eqz (i64.and (local.get $x) (i64.const 1)))
              (then (i64.shr_u (local.get $x) (i64.const 1)))
              (else (i64.add (i64.mul (local.get $x) (i64.const 3)) (i64.const 1)))))))))

  (func $value (param $j i32) (result i64)
    (if (result i64) (i32.eqz (local.get $j))
      (then (i64.const 837799))
      (else (i64.extend_i32_u (i32.add (i32.const 800000) (i32.mul (local.get $j) (i32.const 1237)))))))

  (func (export "run") (param $n i32) (result i32) (local $i i32) (local $acc i32) (local $want i32) (local $j i32)
    (if (i32.ne (call $len (i64.const 27)) (i32.const 111)) (then unreachable))
    (if (i32.ne (call $len (i64.const 837799)) (i32.const 524)) (then unreachable))
    ;; want = sum over i < n of len_rec(value(i % 64)), computed per distinct value
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (i32.const 64)))
        (local.set $want
          (i32.add (local.get $want)
            (i32.mul (call $len_rec (call $value (local.get $j)))
              ;; how many i < n have i % 64 == j
              (i32.add (i32.div_u (local.get $n) (i32.const 64))
                       (i32.lt_u (local.get $j) (i32.rem_u (local.get $n) (i32.const 64)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc)
          (call $len (call $value (i32.and (local.get $i) (i32.const 63))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (i32.ne (local.get $acc) (local.get $want)) (then unreachable))
    (local.get $acc)))
