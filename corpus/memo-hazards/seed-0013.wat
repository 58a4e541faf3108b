(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (param i32 i32 i64) (result i32)))
  (type (;3;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;4;) (func (param i32 i32)))
  (type (;5;) (func (param i32 i64)))
  (type (;6;) (func (param i32)))
  (type (;7;) (func (param i32 i32 i32)))
  (table $tab (;0;) 5 5 funcref)
  (memory $mem (;0;) 1 1)
  (global $g0 (;0;) (mut i32) i32.const 1)
  (global $g1 (;1;) (mut i32) i32.const 2)
  (global $g2 (;2;) (mut i64) i64.const 0)
  (global $g3 (;3;) (mut f32) f32.const 0x1.8p+1 (;=3;))
  (global $g4 (;4;) (mut f64) f64.const 0x1p+1 (;=2;))
  (global $g5 (;5;) i32 i32.const 7)
  (export "mem" (memory $mem))
  (export "g0" (global $g0))
  (export "g1" (global $g1))
  (export "g2" (global $g2))
  (export "g3" (global $g3))
  (export "g4" (global $g4))
  (export "tab" (table $tab))
  (export "h0" (func $h0))
  (export "rec" (func $rec))
  (export "m_store8" (func $m_store8))
  (export "m_store32" (func $m_store32))
  (export "m_store64" (func $m_store64))
  (export "m_grow" (func $m_grow))
  (export "m_gset0" (func $m_gset0))
  (export "m_fill" (func $m_fill))
  (export "m_copy" (func $m_copy))
  (export "m_init" (func $m_init))
  (export "m_tbad" (func $m_tbad))
  (export "m_tgrow" (func $m_tgrow))
  (export "m_tinit" (func $m_tinit))
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
  (func $h0 (;4;) (type 2) (param i32 i32 i64) (result i32)
    (local i64)
    global.get $g0
  )
  (func $rec (;5;) (type $kt) (param i32) (result i32)
    local.get 0
    i32.eqz
    if (result i32) ;; label = @1
      global.get $g3
      i32.const 1065353216
      f32.reinterpret_i32
      f32.sqrt
      f32.ne
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
      i32.const 11
      block (type 3) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @2
        i32.rotl
        i32.add
        i32.xor
        i32.sub
        i32.shl
        i32.sub
        i32.add
        i32.add
        i32.sub
        i32.add
        i32.add
      end
    else
      local.get 0
      i32.const 1
      i32.sub
      call $rec
      global.get $g0
      i32.add
    end
  )
  (func $m_store8 (;6;) (type 4) (param i32 i32)
    local.get 0
    local.get 1
    i32.store8
  )
  (func $m_store32 (;7;) (type 4) (param i32 i32)
    local.get 0
    local.get 1
    i32.store
  )
  (func $m_store64 (;8;) (type 5) (param i32 i64)
    local.get 0
    local.get 1
    i64.store
  )
  (func $m_grow (;9;) (type $kt) (param i32) (result i32)
    local.get 0
    memory.grow
  )
  (func $m_gset0 (;10;) (type 6) (param i32)
    local.get 0
    global.set $g0
  )
  (func $m_fill (;11;) (type 7) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.fill
  )
  (func $m_copy (;12;) (type 7) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.copy
  )
  (func $m_init (;13;) (type 7) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.init $d0
  )
  (func $m_tbad (;14;) (type 6) (param i32)
    local.get 0
    ref.func $k3
    table.set $tab
  )
  (func $m_tgrow (;15;) (type $kt) (param i32) (result i32)
    ref.null func
    local.get 0
    table.grow $tab
  )
  (func $m_tinit (;16;) (type 7) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    table.init $e0
  )
  (data (;0;) (i32.const 0) "\9bk5\fe\dc<\f3O")
  (data (;1;) (i32.const 120) "\a0Hcvp\9b\c6\d4")
  (data (;2;) (i32.const 120) "\ec\aaq}>\c87\1e")
  (data $d0 (;3;) "\8dSu\884K\e8I,^\1e\07\07\fc\a9\cb")
)
