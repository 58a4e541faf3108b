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
    local.get $acc))
