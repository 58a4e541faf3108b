;; repeated: binomial coefficients by naive recursion, C(n,k) = C(n-1,k-1) + C(n-1,k), called
;; `n` times with one of 6 argument pairs (18 + i%3, 7 + i%2). Each call makes 64,000 to
;; 252,000 recursive calls whose arguments repeat heavily, within a call and across calls:
;; memo should turn it into dynamic programming. Every result is checked against Pascal's
;; triangle computed by a loop into memory. Returns the sum of the results (mod 2^32).
(module
  (memory 1)
  (func $binom (param $n i32) (param $k i32) (result i32)
    (if (result i32) (i32.or (i32.eqz (local.get $k)) (i32.eq (local.get $k) (local.get $n)))
      (then (i32.const 1))
      (else
        (i32.add
          (call $binom (i32.sub (local.get $n) (i32.const 1)) (i32.sub (local.get $k) (i32.const 1)))
          (call $binom (i32.sub (local.get $n) (i32.const 1)) (local.get $k))))))

  ;; Pascal's triangle, rows 0..31, at address (row*32 + col)*4.
  (func $pascal (local $r i32) (local $c i32)
    (local.set $r (i32.const 0))
    (loop $rows
      (i32.store (i32.shl (i32.mul (local.get $r) (i32.const 32)) (i32.const 2)) (i32.const 1))
      (i32.store (i32.shl (i32.add (i32.mul (local.get $r) (i32.const 32)) (local.get $r)) (i32.const 2)) (i32.const 1))
      (local.set $c (i32.const 1))
      (block $done
        (loop $cols
          (br_if $done (i32.ge_u (local.get $c) (local.get $r)))
          (i32.store
            (i32.shl (i32.add (i32.mul (local.get $r) (i32.const 32)) (local.get $c)) (i32.const 2))
            (i32.add
              (i32.load (i32.shl (i32.add (i32.mul (i32.sub (local.get $r) (i32.const 1)) (i32.const 32))
                                          (i32.sub (local.get $c) (i32.const 1))) (i32.const 2)))
              (i32.load (i32.shl (i32.add (i32.mul (i32.sub (local.get $r) (i32.const 1)) (i32.const 32))
                                          (local.get $c)) (i32.const 2)))))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br $cols)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $r) (i32.const 32)))))

  (func (export "run") (param $n i32) (result i32) (local $i i32) (local $a i32) (local $b i32) (local $v i32) (local $acc i32)
    (call $pascal)
    ;; spot checks of the table itself
    (if (i32.ne (i32.load (i32.const 2600)) (i32.const 184756)) (then unreachable)) ;; C(20,10): (20*32+10)*4
    (if (i32.ne (i32.load (i32.const 3940)) (i32.const 142506)) (then unreachable)) ;; C(30,25): (30*32+25)*4
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $a (i32.add (i32.const 18) (i32.rem_u (local.get $i) (i32.const 3))))
        (local.set $b (i32.add (i32.const 7) (i32.and (local.get $i) (i32.const 1))))
        (local.set $v (call $binom (local.get $a) (local.get $b)))
        (if (i32.ne (local.get $v)
                    (i32.load (i32.shl (i32.add (i32.mul (local.get $a) (i32.const 32)) (local.get $b)) (i32.const 2))))
          (then unreachable))
        (local.set $acc (i32.add (local.get $acc) (local.get $v)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
