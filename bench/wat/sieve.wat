;; compute: sieve of Eratosthenes over 0..n, one byte per number (memory grows to fit), then
;; count the primes <= n. The flags of the numbers below 30,000 are checked by trial division,
;; and the count against pi(n) for the n in a small table (10^k, 2-5 million, 8 million).
;; Every loop iteration sees a new index: no reuse. Returns pi(n).
(module
  (memory 1)
  ;; trial division: is x prime?
  (func $is_prime (param $x i32) (result i32) (local $d i32)
    (if (i32.lt_u (local.get $x) (i32.const 2)) (then (return (i32.const 0))))
    (local.set $d (i32.const 2))
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (i32.mul (local.get $d) (local.get $d)) (local.get $x)))
        (if (i32.eqz (i32.rem_u (local.get $x) (local.get $d))) (then (return (i32.const 0))))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (br $next)))
    (i32.const 1))

  (func $known (param $n i32) (result i32) ;; pi(n) if tabulated, else -1
    (if (i32.eq (local.get $n) (i32.const 10)) (then (return (i32.const 4))))
    (if (i32.eq (local.get $n) (i32.const 100)) (then (return (i32.const 25))))
    (if (i32.eq (local.get $n) (i32.const 1000)) (then (return (i32.const 168))))
    (if (i32.eq (local.get $n) (i32.const 10000)) (then (return (i32.const 1229))))
    (if (i32.eq (local.get $n) (i32.const 100000)) (then (return (i32.const 9592))))
    (if (i32.eq (local.get $n) (i32.const 1000000)) (then (return (i32.const 78498))))
    (if (i32.eq (local.get $n) (i32.const 2000000)) (then (return (i32.const 148933))))
    (if (i32.eq (local.get $n) (i32.const 3000000)) (then (return (i32.const 216816))))
    (if (i32.eq (local.get $n) (i32.const 4000000)) (then (return (i32.const 283146))))
    (if (i32.eq (local.get $n) (i32.const 5000000)) (then (return (i32.const 348513))))
    (if (i32.eq (local.get $n) (i32.const 8000000)) (then (return (i32.const 539777))))
    (if (i32.eq (local.get $n) (i32.const 10000000)) (then (return (i32.const 664579))))
    (i32.const -1))

  (func (export "run") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $count i32) (local $pages i32)
    (if (i32.gt_u (local.get $n) (i32.const 100000000)) (then unreachable))
    ;; memory for bytes 0..n
    (local.set $pages (i32.add (i32.shr_u (local.get $n) (i32.const 16)) (i32.const 1)))
    (if (i32.gt_u (local.get $pages) (memory.size))
      (then (if (i32.eq (memory.grow (i32.sub (local.get $pages) (memory.size))) (i32.const -1))
              (then unreachable))))
    (memory.fill (i32.const 0) (i32.const 0) (i32.add (local.get $n) (i32.const 1)))
    ;; 0 and 1 are not prime; flag 1 = composite
    (i32.store8 (i32.const 0) (i32.const 1))
    (if (i32.ge_u (local.get $n) (i32.const 1)) (then (i32.store8 (i32.const 1) (i32.const 1))))
    (local.set $i (i32.const 2))
    (block $done
      (loop $outer
        (br_if $done (i32.gt_u (i32.mul (local.get $i) (local.get $i)) (local.get $n)))
        (if (i32.eqz (i32.load8_u (local.get $i)))
          (then
            (local.set $j (i32.mul (local.get $i) (local.get $i)))
            (block $end
              (loop $inner
                (br_if $end (i32.gt_u (local.get $j) (local.get $n)))
                (i32.store8 (local.get $j) (i32.const 1))
                (local.set $j (i32.add (local.get $j) (local.get $i)))
                (br $inner)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    ;; count
    (local.set $i (i32.const 0))
    (block $done
      (loop $count
        (br_if $done (i32.gt_u (local.get $i) (local.get $n)))
        (local.set $count (i32.add (local.get $count) (i32.eqz (i32.load8_u (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $count)))
    ;; check the flags of small numbers by trial division
    (local.set $i (i32.const 0))
    (block $done
      (loop $check
        (br_if $done (i32.or (i32.gt_u (local.get $i) (local.get $n)) (i32.ge_u (local.get $i) (i32.const 30000))))
        (if (i32.ne (call $is_prime (local.get $i)) (i32.eqz (i32.load8_u (local.get $i))))
          (then unreachable))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $check)))
    (if (i32.and (i32.ne (call $known (local.get $n)) (i32.const -1))
                 (i32.ne (call $known (local.get $n)) (local.get $count)))
      (then unreachable))
    (local.get $count)))
