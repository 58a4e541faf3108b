(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (param i64 f64) (result f32)))
  (type (;3;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;4;) (func (param i32 i32)))
  (memory $mem (;0;) 1 3)
  (global $g0 (;0;) (mut i32) i32.const 1)
  (global $g1 (;1;) (mut i32) i32.const 3)
  (global $g2 (;2;) (mut i64) i64.const 2)
  (global $g3 (;3;) (mut f32) f32.const 0x1p+0 (;=1;))
  (global $g4 (;4;) (mut f64) f64.const 0x1.8p+1 (;=3;))
  (global $g5 (;5;) i32 i32.const 7)
  (export "mem" (memory $mem))
  (export "g0" (global $g0))
  (export "g1" (global $g1))
  (export "g2" (global $g2))
  (export "g3" (global $g3))
  (export "g4" (global $g4))
  (export "h0" (func $h0))
  (export "h1" (func $h1))
  (export "rec" (func $rec))
  (export "m_store8" (func $m_store8))
  (export "m_store32" (func $m_store32))
  (export "m_grow" (func $m_grow))
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
  (func $h0 (;4;) (type 2) (param i64 f64) (result f32)
    (local i32)
    i32.const 0
    local.set 2
    loop ;; label = @1
      local.get 2
      i32.const 1
      i32.and
      memory.grow
      drop
      local.get 2
      i32.const 7
      i32.and
      i32.const 65528
      i32.add
      i32.load
      drop
      local.get 2
      i32.const 1
      i32.add
      local.tee 2
      i32.const 3
      i32.lt_u
      br_if 0 (;@1;)
    end
    local.get 2
    if ;; label = @1
      local.get 2
      i32.load16_u
      drop
      global.get $g1
      call $k1
      drop
    else
      i32.const 61
      i32.load16_s
      drop
    end
    i32.const -1082130432
    f32.reinterpret_i32
  )
  (func $h1 (;5;) (type 3) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
    local.get 7
    i32.const 7
    i32.and
    i32.const 4092
    i32.add
    local.get 2
    i32.const 65535
    i32.and
    i64.load32_s
    i64.store offset=4
    global.get $g5
    i32.extend8_s
  )
  (func $rec (;6;) (type $kt) (param i32) (result i32)
    local.get 0
    i32.eqz
    if (result i32) ;; label = @1
      local.get 0
      i32.const 1
      i32.and
      memory.grow
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
  (func $m_grow (;9;) (type $kt) (param i32) (result i32)
    local.get 0
    memory.grow
  )
  (data (;0;) (i32.const 4092) "\cb\82\a2\c4\b5\e3\de\bb")
)
