(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (param i32) (result f64)))
  (type (;3;) (func (result i64)))
  (type (;4;) (func (param i32 i32) (result f64)))
  (type (;5;) (func (param i64 f32 i32) (result i32)))
  (type (;6;) (func (param i32 i32)))
  (type (;7;) (func (param i32 i64)))
  (type (;8;) (func (param i32)))
  (table $tab (;0;) 4 5 funcref)
  (memory $mem (;0;) 1 3)
  (global $g0 (;0;) (mut i32) i32.const 1)
  (global $g1 (;1;) (mut i32) i32.const 0)
  (global $g2 (;2;) (mut i64) i64.const 1)
  (global $g3 (;3;) (mut f32) f32.const 0x1p+0 (;=1;))
  (global $g4 (;4;) (mut f64) f64.const 0x0p+0 (;=0;))
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
  (export "m_grow" (func $m_grow))
  (export "m_tnull" (func $m_tnull))
  (export "m_tset" (func $m_tset))
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
  (func $h0 (;4;) (type 2) (param i32) (result f64)
    ref.null func
    i32.const 2
    table.grow $tab
    drop
    local.get 0
    if (result i32) ;; label = @1
      i32.const 2147483647
      drop
      local.get 0
    else
      block (result i32) ;; label = @2
        i32.const 64
        global.set $g1
        i32.const 1325400064
        f32.reinterpret_i32
        drop
        local.get 0
        local.get 0
        br_if 0 (;@2;)
        drop
        i32.const 128
        i32.load8_s
      end
    end
    local.get 0
    i32.const 7
    i32.and
    call_indirect (type $kt)
    drop
    local.get 0
    f64.load
    f64.neg
  )
  (func $h1 (;5;) (type 3) (result i64)
    (local f32 i32)
    i32.const 64
    i32.load8_s
    call $k2
    global.set $g1
    block ;; label = @1
      i32.const 64
      i32.const 1
      memory.grow
      call $k1
      i32.store offset=1
      block ;; label = @2
      end
      i32.const 0
      local.set 1
      loop ;; label = @2
        local.get 1
        i32.const 1
        i32.add
        local.tee 1
        i32.const 2
        i32.lt_u
        br_if 0 (;@2;)
      end
    end
    block (result i64) ;; label = @1
      local.get 1
      i32.const 7
      i32.and
      i32.const 61
      i32.add
      i32.load16_s offset=60
      if (result f64) ;; label = @2
        global.get $g4
        local.get 1
        i32.const 7
        i32.and
        i32.const 4
        i32.add
        f64.load offset=60
        i32.const 1024
        i32.load8_s
        select
      else
        i32.const 31
        call $h0
        drop
        i64.const 0
        f64.reinterpret_i64
      end
      global.set $g4
      i32.const 61
      i32.load
      call $k0
      i64.extend_i32_u
      i32.const 8
      i32.load
      local.get 1
      i32.const 7
      i32.and
      table.get $tab
      ref.is_null
      i32.xor
      br_if 0 (;@1;)
      drop
      global.get $g2
    end
  )
  (func $h2 (;6;) (type 4) (param i32 i32) (result f64)
    local.get 0
    block (result i32) ;; label = @1
      local.get 1
      i32.const 1
      i32.and
      memory.grow
      local.get 0
      i32.const 1
      i32.and
      memory.grow
      br_if 0 (;@1;)
      drop
      local.get 1
      if (result i32) ;; label = @2
        local.get 1
        i32.const 7
        i32.and
        i32.const 64
        i32.add
        global.get $g5
        i32.store offset=4092
        i32.const 31
      else
        local.get 1
        i32.const 255
        i32.and
        i32.load8_u
      end
      i32.extend16_s
    end
    i32.store
    i32.const 4096
    i32.const 0
    memory.grow
    i32.const 0
    table.get $tab
    ref.is_null
    i32.xor
    i32.store16 offset=4092
    i32.const 1
    memory.grow
    call $h0
    drop
    i64.const -2251799813685248
    f64.reinterpret_i64
    f64.nearest
    global.get $g3
    f64.promote_f32
    f64.add
    i64.const 4746794007248502784
    f64.reinterpret_i64
    local.get 1
    select
    f64.sqrt
  )
  (func $h3 (;7;) (type 5) (param i64 f32 i32) (result i32)
    (local i32 i32)
    local.get 2
    i32.const 7
    i32.and
    i32.const 126
    i32.add
    f32.load
    global.set $g3
    i32.const 0
    local.set 3
    loop ;; label = @1
      i32.const 0
      local.set 4
      loop ;; label = @2
        local.get 4
        i32.const 1
        i32.add
        local.tee 4
        local.get 2
        i32.const 7
        i32.and
        i32.lt_u
        br_if 0 (;@2;)
      end
      local.get 4
      i32.const 65535
      i32.and
      local.get 3
      f32.load
      f32.store
      local.get 4
      i32.const 65535
      i32.and
      i32.const 60
      i32.load8_u
      if (result i32) ;; label = @2
        global.get $g2
        local.set 0
        i32.const 65532
        i32.load8_s
      else
        local.get 4
      end
      if (result i64) ;; label = @2
        global.get $g5
        drop
        i32.const 1
        i64.extend_i32_s
      else
        i32.const -1
        drop
        global.get $g2
      end
      i64.store
      local.get 3
      i32.const 1
      i32.add
      local.tee 3
      i32.const 5
      i32.lt_u
      br_if 0 (;@1;)
    end
    i32.const 1
    memory.grow
    call $k2
  )
  (func $m_store8 (;8;) (type 6) (param i32 i32)
    local.get 0
    local.get 1
    i32.store8
  )
  (func $m_store32 (;9;) (type 6) (param i32 i32)
    local.get 0
    local.get 1
    i32.store
  )
  (func $m_store64 (;10;) (type 7) (param i32 i64)
    local.get 0
    local.get 1
    i64.store
  )
  (func $m_grow (;11;) (type $kt) (param i32) (result i32)
    local.get 0
    memory.grow
  )
  (func $m_tnull (;12;) (type 8) (param i32)
    local.get 0
    ref.null func
    table.set $tab
  )
  (func $m_tset (;13;) (type 8) (param i32)
    local.get 0
    ref.func $k1
    table.set $tab
  )
  (data (;0;) (i32.const 4088) "\e7_tz\e0\cb\07\98")
)
