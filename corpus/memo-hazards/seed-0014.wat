(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (result f64)))
  (type (;3;) (func (param f32 i32) (result i32)))
  (type (;4;) (func (param i64 f64) (result i32)))
  (type (;5;) (func (param i32 i32)))
  (type (;6;) (func (param i32 i64)))
  (type (;7;) (func (param i32)))
  (table $tab (;0;) 4 5 funcref)
  (memory $mem (;0;) 1 1)
  (global $g0 (;0;) (mut i32) i32.const 0)
  (global $g1 (;1;) (mut i32) i32.const 3)
  (global $g2 (;2;) (mut i64) i64.const 2)
  (global $g3 (;3;) (mut f32) f32.const 0x1p+1 (;=2;))
  (global $g4 (;4;) (mut f64) f64.const 0x1p+0 (;=1;))
  (global $g5 (;5;) i32 i32.const 7)
  (export "mem" (memory $mem))
  (export "g0" (global $g0))
  (export "g1" (global $g1))
  (export "g2" (global $g2))
  (export "g3" (global $g3))
  (export "g4" (global $g4))
  (export "tab" (table $tab))
  (export "h0" (func $h0))
  (export "h1" (func $h1))
  (export "h2" (func $h2))
  (export "h3" (func $h3))
  (export "m_store8" (func $m_store8))
  (export "m_store32" (func $m_store32))
  (export "m_store64" (func $m_store64))
  (export "m_gset0" (func $m_gset0))
  (export "m_tset" (func $m_tset))
  (export "m_tbad" (func $m_tbad))
  (export "m_tgrow" (func $m_tgrow))
  (elem (;0;) (table $tab) (i32.const 0) func $k0 $k1 $k2)
  (elem $e0 (;1;) func $k2 $k0 $k1 $k3)
  (elem (;2;) declare func $k3)
  (func $k0 (;0;) (type $kt) (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add
  )
  (func $k1 (;1;) (type $kt) (param i32) (result i32)
    local.get 0
    global.get $g0
    i32.add
  )
  (func $k2 (;2;) (type $kt) (param i32) (result i32)
    local.get 0
    i32.const 4095
    i32.and
    i32.load
  )
  (func $k3 (;3;) (type 1) (param i32) (result i64)
    local.get 0
    i64.extend_i32_u
  )
  (func $h0 (;4;) (type 2) (result f64)
    i32.const 0
    if (result i32) ;; label = @1
      i32.const 4092
      drop
      i32.const 126
      i32.load
    else
      i32.const 4094
      i32.load
    end
    i32.const 0
    drop
    table.size $tab
    i32.add
    i32.popcnt
    drop
    block ;; label = @1
      i32.const 0
      i32.load8_s
      call $k0
      call $k2
      drop
      i32.const 0
      drop
    end
    i64.const 9221120237041090560
    f64.reinterpret_i64
  )
  (func $h1 (;5;) (type 3) (param f32 i32) (result i32)
    (local i32 i32)
    call $h0
    drop
    i32.const 4088
    i32.const 1020
    f64.load
    i32.trunc_sat_f64_u
    i32.store16
    block (result f32) ;; label = @1
      i32.const 4088
      global.get $g4
      f32.demote_f64
      f32.store
      local.get 0
      local.get 2
      global.get $g0
      i32.lt_s
      call $k1
      br_if 0 (;@1;)
      drop
      i32.const 60
      f32.load
      i32.const 65532
      f32.load
      local.get 3
      i32.const 1
      i32.and
      memory.grow
      select
    end
    i32.reinterpret_f32
  )
  (func $h2 (;6;) (type 4) (param i64 f64) (result i32)
    (local i32 f64)
    i32.const 62
    i32.load16_s
    call $k1
    i32.const 0
    call_indirect (type $kt)
    local.get 2
    i32.const 7
    i32.and
    drop
    table.size $tab
    i32.add
    drop
    i32.const 1
    memory.grow
    global.set $g1
    local.get 2
    i32.const 7
    i32.and
    ref.func $k0
    table.set $tab
    block (result f32) ;; label = @1
      local.get 2
      i32.const 131071
      i32.and
      local.get 2
      i32.load8_u
      i32.store8
      local.get 2
      i64.load16_s
      global.set $g2
      i32.const 1
      f32.reinterpret_i32
      global.get $g0
      f32.convert_i32_s
      i32.const -2147483648
      f32.reinterpret_i32
      global.get $g3
      f32.ne
      call $h1
      br_if 0 (;@1;)
      drop
      i32.const 128
      f32.load
    end
    i32.const 0
    memory.grow
    call $h1
    drop
    local.get 2
    i32.const 131071
    i32.and
    i32.load
    local.get 2
    i32.load
    f32.convert_i32_s
    i32.const 2139095040
    f32.reinterpret_i32
    i32.const 2141192193
    f32.reinterpret_i32
    f32.copysign
    f32.ne
    i32.shl
  )
  (func $h3 (;7;) (type 4) (param i64 f64) (result i32)
    (local i32 f64)
    i32.const 62
    i32.load16_s
    call $k1
    i32.const 0
    call_indirect (type $kt)
    local.get 2
    i32.const 7
    i32.and
    drop
    table.size $tab
    i32.add
    drop
    i32.const 1
    memory.grow
    global.set $g1
    local.get 2
    i32.const 7
    i32.and
    ref.func $k0
    table.set $tab
    block (result f32) ;; label = @1
      local.get 2
      i32.const 131071
      i32.and
      local.get 2
      i32.load8_u
      i32.store8
      local.get 2
      i64.load16_s
      global.set $g2
      i32.const 1
      f32.reinterpret_i32
      global.get $g1
      f32.convert_i32_s
      i32.const -2147483648
      f32.reinterpret_i32
      global.get $g3
      f32.ne
      call $h1
      br_if 0 (;@1;)
      drop
      i32.const 128
      f32.load
    end
    i32.const 0
    memory.grow
    call $h1
    drop
    local.get 2
    i32.const 131071
    i32.and
    i32.load
    local.get 2
    i32.load
    f32.convert_i32_s
    i32.const 2139095040
    f32.reinterpret_i32
    i32.const 2141192193
    f32.reinterpret_i32
    f32.copysign
    f32.ne
    i32.shl
  )
  (func $m_store8 (;8;) (type 5) (param i32 i32)
    local.get 0
    local.get 1
    i32.store8
  )
  (func $m_store32 (;9;) (type 5) (param i32 i32)
    local.get 0
    local.get 1
    i32.store
  )
  (func $m_store64 (;10;) (type 6) (param i32 i64)
    local.get 0
    local.get 1
    i64.store
  )
  (func $m_gset0 (;11;) (type 7) (param i32)
    local.get 0
    global.set $g0
  )
  (func $m_tset (;12;) (type 7) (param i32)
    local.get 0
    ref.func $k1
    table.set $tab
  )
  (func $m_tbad (;13;) (type 7) (param i32)
    local.get 0
    ref.func $k3
    table.set $tab
  )
  (func $m_tgrow (;14;) (type $kt) (param i32) (result i32)
    ref.null func
    local.get 0
    table.grow $tab
  )
  (data (;0;) (i32.const 60) "\f2\ce\15\05\be(ET")
  (data (;1;) (i32.const 4092) "V\a3\efN\bdx\07K")
  (data (;2;) (i32.const 120) "\b7;\b6\aa\e5\83f\17")
)
