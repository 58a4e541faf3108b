(module
  (type (;0;) (func))
  (memory (;0;) 1 1)
  (global (;0;) (mut i64) i64.const 0)
  (global (;1;) (mut i32) i32.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i64) i64.const 0)
  (export "o#\u{5}K" (func 0))
  (export "" (memory 0))
  (export ">-" (global 0))
  (export "3" (global 1))
  (export "4" (global 2))
  (export "5" (global 3))
  (func (;0;) (type 0)
    (local f32 f32 f64)
    block (result f64) ;; label = @1
      loop (type 0) ;; label = @2
        local.get 0
        f32.abs
        i32.const 16384
        i64.const 7817123725306906933
        local.get 1
        f64.const 0x1.fffffffffffep-1027 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001390671161566996;)
        local.tee 2
        local.get 2
        f64.ne
        local.get 2
        f64.const inf (;=inf;)
        f64.eq
        local.get 2
        f64.const -inf (;=-inf;)
        f64.eq
        i32.or
        i32.or
        if ;; label = @3
          f64.const 0x0p+0 (;=0;)
          local.set 2
        end
        local.get 2
        f64.const -0x1.fffffffffffffp+62 (;=-9223372036854775000;)
        f64.lt
        if ;; label = @3
          f64.const -0x1.fffffffffffffp+62 (;=-9223372036854775000;)
          local.set 2
        end
        local.get 2
        f64.const 0x1.fffffffffffffp+62 (;=9223372036854775000;)
        f64.gt
        if ;; label = @3
          f64.const 0x1.fffffffffffffp+62 (;=9223372036854775000;)
          local.set 2
        end
        local.get 2
        i64.trunc_f64_s
        global.get 0
        i64.xor
        global.set 0
        i32.reinterpret_f32
        global.get 1
        i32.xor
        global.set 1
        global.get 0
        i64.xor
        global.set 0
        global.get 2
        i32.xor
        global.set 2
        i32.reinterpret_f32
        global.get 1
        i32.xor
        global.set 1
      end
      f64.const 0x1.p-1066 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001265;)
    end
    i64.reinterpret_f64
    global.get 3
    i64.xor
    global.set 3
  )
)
