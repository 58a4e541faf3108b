(module
  (type (;0;) (func (result f64)))
  (global (;0;) (mut externref) ref.null extern)
  (global (;1;) (mut f64) f64.const -0x1.e1f2273f0d68dp-948 (;=-0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000007912658917501663;))
  (global (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i64) i64.const 0)
  (global (;4;) (mut i64) i64.const 0)
  (global (;5;) (mut i32) i32.const 0)
  (export "\u{144}" (func 0))
  (export "" (func 1))
  (export "2" (func 2))
  (export "3" (global 0))
  (export "4" (global 1))
  (export "+" (global 2))
  (export "v" (global 3))
  (export "7" (global 4))
  (export "8" (global 5))
  (func (;0;) (type 0) (result f64)
    (local f32)
    loop (type 0) (result f64) ;; label = @1
      i64.const 4611686018427387903
      f64.const 0x1.fffffffffffffp-1016 (;=0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000028480945388892175;)
      block (result f32) ;; label = @2
        block (type 0) (result f64) ;; label = @3
          f64.const -0x1.653b6b90f2559p-578 (;=-0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000014104998027824706;)
          global.get 0
          f64.const 0x1.c0de114751186p+454 (;=81563561392962600000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
          i64.const -4645224200422633381
          br 2 (;@1;)
          f32.const -0x1.1d980ap-107 (;=-0.000000000000000000000000000000006875423;)
          f32.neg
          f32.ceil
          local.tee 0
          f32.const nan (;=NaN;)
          local.get 0
          local.get 0
          f32.eq
          select
          i32.reinterpret_f32
          global.get 2
          i32.xor
          global.set 2
          global.get 3
          i64.xor
          global.set 3
          i64.reinterpret_f64
          global.get 4
          i64.xor
          global.set 4
          drop
        end
        i64.reinterpret_f64
        global.get 4
        i64.xor
        global.set 4
        f32.const -nan:0x7f7fff (;=NaN;)
      end
      i32.reinterpret_f32
      global.get 2
      i32.xor
      global.set 2
      i64.reinterpret_f64
      global.get 4
      i64.xor
      global.set 4
      global.get 3
      i64.xor
      global.set 3
      f64.const -nan:0xffffffffe0000 (;=NaN;)
    end
  )
  (func (;1;) (type 0) (result f64)
    (local externref f32)
    nop
    i64.const -65537
    f32.convert_i64_u
    f32.trunc
    local.tee 1
    f32.const nan (;=NaN;)
    local.get 1
    local.get 1
    f32.eq
    select
    i32.trunc_f32_u
    global.get 0
    loop ;; label = @1
      br 0 (;@1;)
      nop
      i64.const -6131897617288731042
      global.get 3
      i64.xor
      global.set 3
    end
    drop
    global.get 5
    i32.xor
    global.set 5
    f64.const 0x1.ffffep-1055 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000518065;)
  )
  (func (;2;) (type 0) (result f64)
    i32.const 2
    block (type 0) (result f64) ;; label = @1
      i32.const 255
      i32.eqz
      f32.const -nan:0x7e0000 (;=NaN;)
      block (result externref) ;; label = @2
        f32.const 0x1.7890d4p+53 (;=13249229000000000;)
        block (result f64) ;; label = @3
          call 0
          f64.abs
          i64.trunc_f64_s
          f32.convert_i64_u
          f32.neg
          f32.neg
          global.get 0
          f32.const 0x1.4dbf3ap-108 (;=0.000000000000000000000000000000004017333;)
          i32.reinterpret_f32
          global.get 2
          i32.xor
          global.set 2
          drop
          i32.reinterpret_f32
          global.get 2
          i32.xor
          global.set 2
          f64.const -nan:0xffffffffffdff (;=NaN;)
        end
        i64.reinterpret_f64
        global.get 4
        i64.xor
        global.set 4
        i32.reinterpret_f32
        global.get 2
        i32.xor
        global.set 2
        ref.null extern
      end
      drop
      i32.reinterpret_f32
      global.get 2
      i32.xor
      global.set 2
      global.get 5
      i32.xor
      global.set 5
      f64.const -nan:0xffffc00000000 (;=NaN;)
    end
    i64.reinterpret_f64
    global.get 4
    i64.xor
    global.set 4
    global.get 5
    i32.xor
    global.set 5
    f64.const 0x1.fff8p-1061 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000080943;)
  )
)
