(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (param f64 i32 f64)))
  (type (;3;) (func (param f64 f32 f32)))
  (type (;4;) (func (param i64) (result i32)))
  (type (;5;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;6;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (type (;7;) (func (param i32 i32)))
  (type (;8;) (func (param i32)))
  (type (;9;) (func (param i32 i32 i32)))
  (type (;10;) (func))
  (table $tab (;0;) 6 7 funcref)
  (memory $mem (;0;) 1 3)
  (global $g0 (;0;) (mut i32) i32.const 1)
  (global $g1 (;1;) (mut i32) i32.const 0)
  (global $g2 (;2;) (mut i64) i64.const 1)
  (global $g3 (;3;) (mut f32) f32.const 0x0p+0 (;=0;))
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
  (export "m_tset" (func $m_tset))
  (export "m_tbad" (func $m_tbad))
  (export "m_tinit" (func $m_tinit))
  (export "m_edrop" (func $m_edrop))
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
  (func $h0 (;4;) (type 2) (param f64 i32 f64)
    local.get 1
    i32.const 4095
    i32.and
    f32.load
    f32.ceil
    global.set $g3
  )
  (func $h1 (;5;) (type 3) (param f64 f32 f32)
    (local f32 i32)
    block ;; label = @1
      i32.const 64
      i32.const 1
      memory.grow
      i32.store
      i32.const 4094
      block (result f32) ;; label = @2
        local.get 1
        global.get $g0
        br_if 0 (;@2;)
        drop
        global.get $g3
      end
      f64.promote_f32
      f64.store
      i32.const 64
      i32.load
      i32.const 1
      table.get $tab
      ref.is_null
      i32.xor
      if ;; label = @2
        i32.const 0
        local.set 4
        loop ;; label = @3
          global.get $g0
          drop
          local.get 4
          i32.const 7
          i32.and
          i32.const 4092
          i32.add
          i32.const -1
          local.get 4
          i32.const 15
          i32.and
          memory.fill
          local.get 4
          drop
          local.get 4
          i32.const 1
          i32.add
          local.tee 4
          i32.const 2
          i32.lt_u
          br_if 0 (;@3;)
        end
      else
      end
    end
  )
  (func $h2 (;6;) (type 4) (param i64) (result i32)
    i32.const 4094
    i32.load16_s
    i32.extend16_s
    i32.const 1
    i32.const 2
    i32.const 3
    i32.const 4
    i32.const 5
    i32.const 6
    i32.const 7
    i32.const 8
    i32.const 9
    i32.const 10
    block (type 5) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @1
      i32.add
      i32.add
      i32.shl
      i32.rotl
      i32.rotl
      i32.add
      i32.rotl
      i32.rotl
      i32.sub
      i32.add
    end
    if (result i32) ;; label = @1
      global.get $g4
      i32.const 8
      f32.convert_i32_s
      global.get $g3
      f32.nearest
      call $h1
      i32.const 0
      memory.grow
      i32.const 0
      i32.const 7
      i32.div_s
      i32.const 65535
      select
    else
      i32.const 65536
    end
    i32.extend16_s
  )
  (func $h3 (;7;) (type 6) (param i32 i32 i32 i32 i32 i32 i32 i32 i32)
    (local i64)
    i32.const 65535
    f32.convert_i32_s
    f64.promote_f32
    drop
    local.get 2
    i32.const 7
    i32.and
    i32.const 256
    i32.add
    global.get $g3
    f32.store
    local.get 2
    i32.const 1
    i32.and
    memory.grow
    local.set 7
    block (result i32) ;; label = @1
      i32.const -1082130432
      f32.reinterpret_i32
      global.set $g3
      i64.const 8
      global.set $g2
      i32.const 128
      i32.load8_s
      local.get 4
      br_if 0 (;@1;)
      drop
      global.get $g5
    end
    if (result i32) ;; label = @1
      local.get 3
      call $k0
    else
      global.get $g1
      local.set 8
      local.get 5
      i32.load16_u
    end
    i32.clz
    if ;; label = @1
      return
    end
  )
  (func $m_store8 (;8;) (type 7) (param i32 i32)
    local.get 0
    local.get 1
    i32.store8
  )
  (func $m_store32 (;9;) (type 7) (param i32 i32)
    local.get 0
    local.get 1
    i32.store
  )
  (func $m_tset (;10;) (type 8) (param i32)
    local.get 0
    ref.func $k1
    table.set $tab
  )
  (func $m_tbad (;11;) (type 8) (param i32)
    local.get 0
    ref.func $k3
    table.set $tab
  )
  (func $m_tinit (;12;) (type 9) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    table.init $e0
  )
  (func $m_edrop (;13;) (type 10)
    elem.drop $e0
  )
  (data (;0;) (i32.const 4092) "\855b\c6\87\11\14\dc")
  (data $d0 (;1;) "oJW\e0 \9b\de\e8\9bt\9d\b1\9b\cd\fe\dd")
)
