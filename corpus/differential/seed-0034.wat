(module
  (type (;0;) (func (param i64 externref) (result funcref i32)))
  (type (;1;) (func (result f32 i32 i64)))
  (type (;2;) (func (param i32 f64 f32 externref i64 i64)))
  (type (;3;) (func))
  (type (;4;) (func (param f64)))
  (table (;0;) 6 12 externref)
  (global (;0;) (mut i32) i32.const 536306213)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (global (;4;) (mut i64) i64.const 0)
  (export "@" (func 0))
  (export "" (table 0))
  (export "2" (global 0))
  (export "3" (global 1))
  (export "T" (global 2))
  (export "5" (global 3))
  (export "x" (global 4))
  (func (;0;) (type 2) (param i32 f64 f32 externref i64 i64)
    (local i32 f64)
    i32.const 67108863
    i32.const -1974220289
    i32.mul
    local.set 6
    i32.const 129804260
    i32.extend8_s
    i32.extend16_s
    f64.convert_i32_u
    f64.const 0x1.p-1041 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004243991582;)
    f64.le
    br_table 0 0
    i64.const -4631144320431738684
    i64.extend32_s
    local.tee 4
    loop ;; label = @1
      br 1
      br 0 (;@1;)
      loop (type 1) (result f32 i32 i64) ;; label = @2
        i64.const 9223372036854775807
        i32.const -1431655766
        i64.extend_i32_s
        local.set 5
        f32.convert_i64_u
        ref.null extern
        global.get 0
        block (result f32) ;; label = @3
          f64.const -0x1p+513 (;=-26815615859885194000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
          f64.trunc
          local.tee 7
          f64.const nan (;=NaN;)
          local.get 7
          local.get 7
          f64.eq
          select
          i64.reinterpret_f64
          global.get 1
          i64.xor
          global.set 1
          f32.const -0x1.fffffep+126 (;=-170141170000000000000000000000000000000;)
        end
        i32.reinterpret_f32
        global.get 2
        i32.xor
        global.set 2
        global.get 3
        i32.xor
        global.set 3
        drop
        i32.const 3
        i64.const 3019898880
      end
      global.get 4
      i64.xor
      global.set 4
      global.get 3
      i32.xor
      global.set 3
      i32.reinterpret_f32
      global.get 2
      i32.xor
      global.set 2
    end
    global.get 4
    i64.xor
    global.set 4
  )
)
