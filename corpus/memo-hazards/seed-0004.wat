(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (result f64 i32)))
  (type (;3;) (func (param i32 i32)))
  (type (;4;) (func (param i32 i64)))
  (type (;5;) (func (param i64)))
  (type (;6;) (func (param i32 i32 i32)))
  (type (;7;) (func))
  (type (;8;) (func (param i32)))
  (table $tab (;0;) 3 5 funcref)
  (memory $mem (;0;) 1 3)
  (global $g0 (;0;) (mut i32) i32.const 0)
  (global $g1 (;1;) (mut i32) i32.const 2)
  (global $g2 (;2;) (mut i64) i64.const 3)
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
  (export "m_store8" (func $m_store8))
  (export "m_store32" (func $m_store32))
  (export "m_store64" (func $m_store64))
  (export "m_gset2" (func $m_gset2))
  (export "m_fill" (func $m_fill))
  (export "m_copy" (func $m_copy))
  (export "m_init" (func $m_init))
  (export "m_ddrop" (func $m_ddrop))
  (export "m_tnull" (func $m_tnull))
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
  (func $h0 (;4;) (type 2) (result f64 i32)
    (local i32)
    block ;; label = @1
      block ;; label = @2
      end
      local.get 0
      i32.const 7
      i32.and
      i32.const 4096
      i32.add
      i32.load16_s
      local.get 0
      i32.const 7
      i32.and
      table.get $tab
      ref.is_null
      i32.xor
      if (result f64) ;; label = @2
        global.get $g4
      else
        global.get $g0
        drop
        block (result f64) ;; label = @3
          i32.const 256
          local.get 0
          i32.const 7
          i32.and
          i32.const 16
          i32.add
          i64.load8_u
          i64.store32
          i32.const 8
          i32.load8_s
          drop
          i64.const 9219994337134247937
          f64.reinterpret_i64
        end
      end
      drop
    end
    global.get $g4
    local.get 0
    i32.const 16
    i32.eq
    local.get 0
    i32.lt_s
  )
  (func $m_store8 (;5;) (type 3) (param i32 i32)
    local.get 0
    local.get 1
    i32.store8
  )
  (func $m_store32 (;6;) (type 3) (param i32 i32)
    local.get 0
    local.get 1
    i32.store
  )
  (func $m_store64 (;7;) (type 4) (param i32 i64)
    local.get 0
    local.get 1
    i64.store
  )
  (func $m_gset2 (;8;) (type 5) (param i64)
    local.get 0
    global.set $g2
  )
  (func $m_fill (;9;) (type 6) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.fill
  )
  (func $m_copy (;10;) (type 6) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.copy
  )
  (func $m_init (;11;) (type 6) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.init $d0
  )
  (func $m_ddrop (;12;) (type 7)
    data.drop $d0
  )
  (func $m_tnull (;13;) (type 8) (param i32)
    local.get 0
    ref.null func
    table.set $tab
  )
  (data (;0;) (i32.const 4088) "\d5\88K\03\d8\ca\14\98")
  (data $d0 (;1;) "i\13rC\bd\9a\ea\0c\d5\96\90\80\b6^\85\a2")
)
