(module
  (type (;0;) (func (param f64 f64) (result funcref)))
  (type (;1;) (func (result i32)))
  (table (;0;) 1 2 funcref)
  (global (;0;) (mut i32) i32.const 0)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i64) i64.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (export "2\u{3656}" (func 0))
  (export "" (table 0))
  (export "2" (global 0))
  (export "3" (global 1))
  (export "8" (global 2))
  (export "Q" (global 3))
  (func (;0;) (type 0) (param f64 f64) (result funcref)
    (local f32 f32 f32 f32)
    loop (type 1) (result i32) ;; label = @1
      i32.const 16383
      i32.const 1274481362
      br 0 (;@1;)
      f64.convert_i32_u
      ref.null extern
      block ;; label = @2
        i32.const 2097151
        f32.convert_i32_u
        f64.const -nan:0xfffffff7fffff (;=NaN;)
        i64.const -17
        f32.const 0x1.7100a6p-36 (;=0.000000000020975366;)
        f32.floor
        local.tee 2
        f32.const nan (;=NaN;)
        local.get 2
        local.get 2
        f32.eq
        select
        f32.sqrt
        local.tee 3
        f32.const nan (;=NaN;)
        local.get 3
        local.get 3
        f32.eq
        select
        f32.sqrt
        local.tee 4
        f32.const nan (;=NaN;)
        local.get 4
        local.get 4
        f32.eq
        select
        f32.nearest
        local.tee 5
        f32.const nan (;=NaN;)
        local.get 5
        local.get 5
        f32.eq
        select
        i32.const -1037477499
        loop ;; label = @3
          table.size 0
          br_table 0 (;@3;) 1 (;@2;) 2 (;@1;) 1 (;@2;)
        end
        f64.convert_i32_u
        drop
        i32.reinterpret_f32
        global.get 0
        i32.xor
        global.set 0
        global.get 1
        i64.xor
        global.set 1
        i64.reinterpret_f64
        global.get 2
        i64.xor
        global.set 2
        i32.reinterpret_f32
        global.get 0
        i32.xor
        global.set 0
      end
      drop
      i64.reinterpret_f64
      global.get 2
      i64.xor
      global.set 2
    end
    global.get 3
    i32.xor
    global.set 3
    ref.null func
  )
  (data (;0;) "")
  (data (;1;) "")
)
