(module
  (type (;0;) (func (param i32) (result i64 i32 f64 f64)))
  (memory (;0;) 2 3)
  (global (;0;) (mut i64) i64.const 0)
  (global (;1;) (mut i32) i32.const 0)
  (global (;2;) (mut i64) i64.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (export "" (func 0))
  (export "1" (memory 0))
  (export "2" (global 0))
  (export "\u{10}6" (global 1))
  (export "\u{1e}" (global 2))
  (export "5" (global 3))
  (func (;0;) (type 0) (param i32) (result i64 i32 f64 f64)
    (local f64 f64 f64 f64)
    f64.const 0x1.ffffffffp-1042 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000042439915814;)
    f64.trunc
    local.tee 1
    f64.const nan (;=NaN;)
    local.get 1
    local.get 1
    f64.eq
    select
    f64.nearest
    local.tee 2
    f64.const nan (;=NaN;)
    local.get 2
    local.get 2
    f64.eq
    select
    f64.neg
    loop ;; label = @1
    end
    i64.trunc_sat_f64_u
    memory.size
    i64.load16_s offset=15437 align=1
    loop ;; label = @1
      i32.const 134217728
      i64.load8_u offset=57685
      memory.size
      i32.load16_u offset=131635
      loop (type 0) (param i32) (result i64 i32 f64 f64) ;; label = @2
        f32.convert_i32_s
        f32.const 0x1.f8p-144 (;=0.000000000000000000000000000000000000000000088;)
        i64.const 4294967296
        i64.const 9103130777147609687
        i64.lt_s
        i32.load offset=71103 align=2
        i32.load16_u offset=21062 align=1
        memory.grow
        local.tee 0
        f32.load offset=103865
        memory.size
        i64.load offset=58580 align=1
        f64.reinterpret_i64
        i64.trunc_f64_u
        nop
        i32.const 131088
        call 0
        f64.ceil
        local.tee 3
        f64.const nan (;=NaN;)
        local.get 3
        local.get 3
        f64.eq
        select
        f64.neg
        f64.nearest
        local.tee 4
        f64.const nan (;=NaN;)
        local.get 4
        local.get 4
        f64.eq
        select
        i64.reinterpret_f64
        global.get 0
        i64.xor
        global.set 0
        i64.reinterpret_f64
        global.get 0
        i64.xor
        global.set 0
        global.get 1
        i32.xor
        global.set 1
        global.get 2
        i64.xor
        global.set 2
        global.get 2
        i64.xor
        global.set 2
        i32.reinterpret_f32
        global.get 3
        i32.xor
        global.set 3
        i32.reinterpret_f32
        global.get 3
        i32.xor
        global.set 3
        i32.reinterpret_f32
        global.get 3
        i32.xor
        global.set 3
        i64.const 524287
        i32.const -286331154
        f64.const -0x1.142b94a9d023fp+55 (;=-38867505538142710;)
        f64.const 0x1.bb9997ef0b9bp-3 (;=0.21660155008562532;)
      end
      i64.reinterpret_f64
      global.get 0
      i64.xor
      global.set 0
      i64.reinterpret_f64
      global.get 0
      i64.xor
      global.set 0
      global.get 1
      i32.xor
      global.set 1
      global.get 2
      i64.xor
      global.set 2
      global.get 2
      i64.xor
      global.set 2
    end
    global.get 2
    i64.xor
    global.set 2
    i32.const -1933485999
    f64.const 0x1.a8063373af6d2p-830 (;=0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002313419011036695;)
    f64.const -0x1.b9c55a89bd7d2p-711 (;=-0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001601880944185992;)
  )
)
