(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (param i64 i32) (result i64)))
  (type (;3;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;4;) (func (param i64 i32 i32) (result i64 i32)))
  (type (;5;) (func (param i32 i32)))
  (type (;6;) (func (param i32 i64)))
  (type (;7;) (func (param i32)))
  (table $tab (;0;) 6 9 funcref)
  (memory $mem (;0;) 1 2)
  (global $g0 (;0;) (mut i32) i32.const 1)
  (global $g1 (;1;) (mut i32) i32.const 3)
  (global $g2 (;2;) (mut i64) i64.const 0)
  (global $g3 (;3;) (mut f32) f32.const 0x1p+0 (;=1;))
  (global $g4 (;4;) (mut f64) f64.const 0x1.8p+1 (;=3;))
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
  (export "m_store8" (func $m_store8))
  (export "m_store32" (func $m_store32))
  (export "m_store64" (func $m_store64))
  (export "m_grow" (func $m_grow))
  (export "m_tset" (func $m_tset))
  (export "m_tbad" (func $m_tbad))
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
  (func $h0 (;4;) (type 2) (param i64 i32) (result i64)
    (local i32 i32)
    local.get 0
    local.set 0
    local.get 2
    i32.const 255
    i32.and
    i32.const 4094
    i32.load16_s
    i32.store8
    block (result i32) ;; label = @1
      local.get 3
      drop
      local.get 3
    end
    if (result i32) ;; label = @1
      i32.const 62
      i32.load8_u
      drop
      i32.const 0
      memory.grow
    else
      i32.const 7
      i32.const 1
      i32.const 2
      i32.const 3
      i32.const 4
      i32.const 5
      i32.const 6
      i32.const 7
      i32.const 8
      i32.const 9
      block (type 3) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @2
        i32.shl
        i32.shl
        i32.add
        i32.shl
        i32.xor
        i32.xor
        i32.rotl
        i32.add
        i32.shl
      end
    end
    call $k1
    drop
    local.get 2
    i64.load16_s
  )
  (func $h1 (;5;) (type 4) (param i64 i32 i32) (result i64 i32)
    block (result i32) ;; label = @1
      i32.const 16
      i32.load
      local.get 1
      i32.const 1
      i32.and
      memory.grow
      br_if 0 (;@1;)
      drop
      global.get $g5
    end
    if ;; label = @1
      local.get 0
      local.get 1
      i64.load
      global.get $g5
      i32.extend8_s
      if (result i32) ;; label = @2
        i64.const 1
        local.get 1
        call $h0
        drop
        local.get 0
        i64.eqz
      else
        i32.const 8
      end
      select
      global.get $g0
      return
    end
    global.get $g2
    local.get 2
  )
  (func $h2 (;6;) (type 4) (param i64 i32 i32) (result i64 i32)
    block (result i32) ;; label = @1
      i32.const 16
      i32.load
      local.get 1
      i32.const 1
      i32.and
      memory.grow
      br_if 0 (;@1;)
      drop
      global.get $g5
    end
    if ;; label = @1
      local.get 0
      local.get 1
      i64.load
      global.get $g5
      i32.extend8_s
      if (result i32) ;; label = @2
        i64.const 1
        local.get 1
        call $h0
        drop
        local.get 0
        i64.eqz
      else
        i32.const 8
      end
      select
      global.get $g1
      return
    end
    global.get $g2
    local.get 2
  )
  (func $m_store8 (;7;) (type 5) (param i32 i32)
    local.get 0
    local.get 1
    i32.store8
  )
  (func $m_store32 (;8;) (type 5) (param i32 i32)
    local.get 0
    local.get 1
    i32.store
  )
  (func $m_store64 (;9;) (type 6) (param i32 i64)
    local.get 0
    local.get 1
    i64.store
  )
  (func $m_grow (;10;) (type $kt) (param i32) (result i32)
    local.get 0
    memory.grow
  )
  (func $m_tset (;11;) (type 7) (param i32)
    local.get 0
    ref.func $k1
    table.set $tab
  )
  (func $m_tbad (;12;) (type 7) (param i32)
    local.get 0
    ref.func $k3
    table.set $tab
  )
  (data (;0;) (i32.const 120) "\e3\b0p\a2\1c\9d\e4\04")
)
