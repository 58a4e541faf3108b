;; Naive recursive Fibonacci: call-heavy, with repeated arguments.
(module
  (export "fib" (func $fib))
  (func $fib (param $n i32) (result i32)
    local.get $n
    i32.const 2
    i32.lt_u
    if (result i32)
      local.get $n
    else
      local.get $n
      i32.const 1
      i32.sub
      call $fib
      local.get $n
      i32.const 2
      i32.sub
      call $fib
      i32.add
    end)
  ;; For runners that only call exports without arguments (wabt's wasm-interp).
  (func (export "fib30") (result i32)
    i32.const 30
    call $fib)
  ;; The benchmark entry (bench/workloads.json): fib(n), checked against a loop.
  (func (export "run") (param $n i32) (result i32) (local $r i32) (local $a i32) (local $b i32) (local $t i32)
    (local.set $r (call $fib (local.get $n)))
    (local.set $b (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i32.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (if (i32.ne (local.get $r) (local.get $a)) (then unreachable))
    (local.get $r)))
