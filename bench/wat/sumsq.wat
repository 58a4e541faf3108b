;; A compute loop with nothing to reuse: every iteration of the loop body sees a new
;; counter, so memo mode can only add overhead. sumsq(n) = sum of i*i mod 2^32, i < n.
(module
  (func (export "sumsq") (param $n i32) (result i32) (local $i i32) (local $acc i32)
    block $done
      loop $next
        local.get $i
        local.get $n
        i32.ge_u
        br_if $done
        local.get $i
        local.get $i
        i32.mul
        local.get $acc
        i32.add
        local.set $acc
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $next
      end
    end
    local.get $acc)
  ;; The benchmark entry (bench/workloads.json): sumsq(n), checked against the closed form
  ;; (n-1)n(2n-1)/6 mod 2^32 (the factors 2 and 3 divided out exactly before multiplying).
  (func (export "run") (param $n i32) (result i32) (local $a i64) (local $b i64) (local $c i64) (local $r i32)
    (local.set $r (call 0 (local.get $n)))
    (local.set $a (i64.sub (i64.extend_i32_u (local.get $n)) (i64.const 1)))
    (local.set $b (i64.extend_i32_u (local.get $n)))
    (local.set $c (i64.sub (i64.shl (i64.extend_i32_u (local.get $n)) (i64.const 1)) (i64.const 1)))
    (if (i32.eqz (local.get $n)) (then (local.set $a (i64.const 0))))
    ;; one of a, b is even
    (if (i64.eqz (i64.rem_u (local.get $a) (i64.const 2)))
      (then (local.set $a (i64.div_u (local.get $a) (i64.const 2))))
      (else (local.set $b (i64.div_u (local.get $b) (i64.const 2)))))
    ;; one of a, b, c is a multiple of 3
    (if (i64.eqz (i64.rem_u (local.get $a) (i64.const 3)))
      (then (local.set $a (i64.div_u (local.get $a) (i64.const 3))))
      (else
        (if (i64.eqz (i64.rem_u (local.get $b) (i64.const 3)))
          (then (local.set $b (i64.div_u (local.get $b) (i64.const 3))))
          (else (local.set $c (i64.div_u (local.get $c) (i64.const 3)))))))
    (if (i32.ne (local.get $r) (i32.wrap_i64 (i64.mul (i64.mul (local.get $a) (local.get $b)) (local.get $c))))
      (then unreachable))
    (local.get $r)))
