(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (param i64) (result i32 i32)))
  (type (;3;) (func (param i32)))
  (type (;4;) (func (param i32 i32)))
  (table $tab (;0;) 3 7 funcref)
  (memory $mem (;0;) 1 3)
  (global $g0 (;0;) (mut i32) i32.const 3)
  (global $g1 (;1;) (mut i32) i32.const 1)
  (global $g2 (;2;) (mut i64) i64.const 2)
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
  (export "rec" (func $rec))
  (export "m_store8" (func $m_store8))
  (export "m_store32" (func $m_store32))
  (export "m_gset0" (func $m_gset0))
  (export "m_tnull" (func $m_tnull))
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
  (func $h0 (;4;) (type 2) (param i64) (result i32 i32)
    (local i32 i64)
    global.get $g0
    i32.eqz
    if ;; label = @1
      i32.const 3
      i32.extend16_s
      i32.extend8_s
      if ;; label = @2
        local.get 1
        i32.load
        br_if 1 (;@1;)
        local.get 1
        i32.const 65535
        i32.and
        global.get $g0
        i32.store16
      else
        i32.const 61
        i64.const 63
        i64.store
      end
    end
    global.get $g0
    i32.const 4096
    i32.load16_u
  )
  (func $h1 (;5;) (type 3) (param i32)
    (local i32 i64)
    block ;; label = @1
      i32.const 31
      drop
    end
    i32.const 2147483647
    i64.extend_i32_u
    global.set $g2
  )
  (func $rec (;6;) (type $kt) (param i32) (result i32)
    local.get 0
    i32.eqz
    if (result i32) ;; label = @1
      local.get 0
    else
      local.get 0
      i32.const 1
      i32.sub
      call $rec
      global.get $g0
      i32.add
    end
  )
  (func $m_store8 (;7;) (type 4) (param i32 i32)
    local.get 0
    local.get 1
    i32.store8
  )
  (func $m_store32 (;8;) (type 4) (param i32 i32)
    local.get 0
    local.get 1
    i32.store
  )
  (func $m_gset0 (;9;) (type 3) (param i32)
    local.get 0
    global.set $g0
  )
  (func $m_tnull (;10;) (type 3) (param i32)
    local.get 0
    ref.null func
    table.set $tab
  )
  (func $m_tset (;11;) (type 3) (param i32)
    local.get 0
    ref.func $k1
    table.set $tab
  )
  (func $m_tbad (;12;) (type 3) (param i32)
    local.get 0
    ref.func $k3
    table.set $tab
  )
  (func $m_tgrow (;13;) (type $kt) (param i32) (result i32)
    ref.null func
    local.get 0
    table.grow $tab
  )
  (data (;0;) (i32.const 0) "r\d9{\bd\e0\9b\02\92")
)
