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
    call $fib))
