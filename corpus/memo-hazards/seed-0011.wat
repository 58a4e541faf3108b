(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i64)))
  (type (;3;) (func (param i32 i32)))
  (type (;4;) (func (param i32 i32 i32)))
  (memory $mem (;0;) 1 3)
  (global $g0 (;0;) (mut i32) i32.const 1)
  (global $g1 (;1;) (mut i32) i32.const 0)
  (global $g2 (;2;) (mut i64) i64.const 0)
  (global $g3 (;3;) (mut f32) f32.const 0x1p+0 (;=1;))
  (global $g4 (;4;) (mut f64) f64.const 0x1p+1 (;=2;))
  (global $g5 (;5;) i32 i32.const 7)
  (export "mem" (memory $mem))
  (export "g0" (global $g0))
  (export "g1" (global $g1))
  (export "g2" (global $g2))
  (export "g3" (global $g3))
  (export "g4" (global $g4))
  (export "h0" (func $h0))
  (export "m_store8" (func $m_store8))
  (export "m_store32" (func $m_store32))
  (export "m_fill" (func $m_fill))
  (export "m_copy" (func $m_copy))
  (elem (;0;) declare func $k3)
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
  (func $h0 (;4;) (type 2) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i64)
    i64.const 4294967296
    i64.const 64
    local.get 6
    select
    local.get 7
    i32.const 255
    i32.and
    i64.load16_s
    i64.mul
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
  (func $m_fill (;7;) (type 4) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.fill
  )
  (func $m_copy (;8;) (type 4) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.copy
  )
  (data (;0;) (i32.const 0) "\afN\dd\1b\e3\c8\14\10")
  (data $d0 (;1;) "w\a4qj\cf\85p\dceI\9c\8f&?\d9u")
)
