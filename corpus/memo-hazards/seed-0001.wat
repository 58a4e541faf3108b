(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (param f64 i64 i64) (result i32)))
  (type (;3;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32 f64)))
  (type (;4;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;5;) (func (param i32 i32)))
  (type (;6;) (func (param i32)))
  (type (;7;) (func (param i64)))
  (type (;8;) (func (param i32 i32 i32)))
  (type (;9;) (func))
  (table $tab (;0;) 6 8 funcref)
  (memory $mem (;0;) 1 1)
  (global $g0 (;0;) (mut i32) i32.const 0)
  (global $g1 (;1;) (mut i32) i32.const 1)
  (global $g2 (;2;) (mut i64) i64.const 3)
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
  (export "m_grow" (func $m_grow))
  (export "m_gset0" (func $m_gset0))
  (export "m_gset2" (func $m_gset2))
  (export "m_copy" (func $m_copy))
  (export "m_init" (func $m_init))
  (export "m_ddrop" (func $m_ddrop))
  (export "m_tset" (func $m_tset))
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
  (func $h0 (;4;) (type 2) (param f64 i64 i64) (result i32)
    i32.const 60
  )
  (func $h1 (;5;) (type 3) (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32 f64)
    (local i32)
    block (result i32) ;; label = @1
      i64.const -2251799813685248
      f64.reinterpret_i64
      global.get $g2
      i64.const -1
      call $h0
      drop
      i64.const 9218868437227405312
      f64.reinterpret_i64
      local.get 5
      i64.load16_s
      global.get $g2
      call $h0
      drop
      local.get 7
      local.get 7
      br_if 0 (;@1;)
      drop
      i32.const 1024
      i32.load8_u
    end
    i32.extend8_s
    if ;; label = @1
    end
    block (result i32) ;; label = @1
      i32.const 1020
      i32.load8_s
      global.set $g1
      local.get 6
      i32.const 131071
      i32.and
      i32.load16_s
      if ;; label = @2
        global.get $g0
        i64.const 9219994337134247937
        f64.reinterpret_i64
        unreachable
      end
      local.get 9
      global.get $g0
      br_if 0 (;@1;)
      drop
      local.get 3
    end
    call $k1
    i32.const 65535
    i32.xor
    i32.const 1
    memory.grow
    block (result i32) ;; label = @1
      local.get 6
      i32.const 7
      i32.and
      i32.const 65532
      i32.add
      i64.load16_s
      drop
      global.get $g0
    end
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
    block (type 4) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @1
      i32.add
      i32.shl
      i32.xor
      i32.shl
      i32.sub
      i32.add
      i32.rotl
      i32.rotl
      i32.add
      i32.rotl
    end
    select
    i64.const 1
    f64.reinterpret_i64
  )
  (func $rec (;6;) (type $kt) (param i32) (result i32)
    local.get 0
    i32.eqz
    if (result i32) ;; label = @1
      global.get $g5
    else
      local.get 0
      i32.const 1
      i32.sub
      call $rec
      global.get $g0
      i32.add
    end
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
  (func $m_grow (;9;) (type $kt) (param i32) (result i32)
    local.get 0
    memory.grow
  )
  (func $m_gset0 (;10;) (type 6) (param i32)
    local.get 0
    global.set $g0
  )
  (func $m_gset2 (;11;) (type 7) (param i64)
    local.get 0
    global.set $g2
  )
  (func $m_copy (;12;) (type 8) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.copy
  )
  (func $m_init (;13;) (type 8) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.init $d0
  )
  (func $m_ddrop (;14;) (type 9)
    data.drop $d0
  )
  (func $m_tset (;15;) (type 6) (param i32)
    local.get 0
    ref.func $k1
    table.set $tab
  )
  (func $m_tinit (;16;) (type 8) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    table.init $e0
  )
  (data (;0;) (i32.const 0) "r\fdn\14=\0bD5")
  (data $d0 (;1;) "\bft\db!\aaW:\a5a_z?u\a9\9b\bf")
)
