(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i64)))
  (type (;3;) (func (param i64 i64) (result i32 i64)))
  (type (;4;) (func (param i32 i64)))
  (type (;5;) (func (param i64 i64)))
  (type (;6;) (func (param i32 i32)))
  (type (;7;) (func (param i64)))
  (memory $mem (;0;) 1 1)
  (global $g0 (;0;) (mut i32) i32.const 3)
  (global $g1 (;1;) (mut i32) i32.const 2)
  (global $g2 (;2;) (mut i64) i64.const 1)
  (global $g3 (;3;) (mut f32) f32.const 0x1p+1 (;=2;))
  (global $g4 (;4;) (mut f64) f64.const 0x1p+1 (;=2;))
  (global $g5 (;5;) i32 i32.const 7)
  (export "mem" (memory $mem))
  (export "g0" (global $g0))
  (export "g1" (global $g1))
  (export "g2" (global $g2))
  (export "g3" (global $g3))
  (export "g4" (global $g4))
  (export "h0" (func $h0))
  (export "h1" (func $h1))
  (export "h2" (func $h2))
  (export "h3" (func $h3))
  (export "rec" (func $rec))
  (export "m_store8" (func $m_store8))
  (export "m_store32" (func $m_store32))
  (export "m_gset2" (func $m_gset2))
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
  (func $h0 (;4;) (type 2) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i64)
    i32.const 1024
    i32.load8_u
    drop
    local.get 4
    i32.const 1
    i32.and
    memory.grow
    drop
    global.get $g0
    call $k1
    drop
    i64.const -9223372036854775808
  )
  (func $h1 (;5;) (type 3) (param i64 i64) (result i32 i64)
    (local i64)
    i32.const 0
    memory.grow
    if ;; label = @1
      i32.const 8
      global.get $g1
      memory.size
      i32.const 0
      i32.load8_s
      global.get $g0
      call $k0
      call $k1
      i32.const 2147483647
      i32.const 64
      i32.const 2147483647
      i32.const 60
      i32.load16_s
      i32.const 8
      global.get $g0
      i32.const 64
      i32.load8_s
      call $h0
      drop
    else
    end
    global.get $g0
    i32.const 4094
    i64.load32_s
  )
  (func $h2 (;6;) (type 4) (param i32 i64)
    (local i64 i32)
    local.get 2
    global.get $g2
    call $h1
    drop
    drop
    local.get 3
    memory.size
    i32.store16 offset=4
  )
  (func $h3 (;7;) (type 5) (param i64 i64)
    (local i32)
  )
  (func $rec (;8;) (type $kt) (param i32) (result i32)
    local.get 0
    i32.eqz
    if (result i32) ;; label = @1
      local.get 0
      call $k2
      i32.clz
      if (result i32) ;; label = @2
        global.get $g0
        drop
        global.get $g0
      else
        local.get 0
        i64.load16_s
        drop
        local.get 0
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
  (func $m_store8 (;9;) (type 6) (param i32 i32)
    local.get 0
    local.get 1
    i32.store8
  )
  (func $m_store32 (;10;) (type 6) (param i32 i32)
    local.get 0
    local.get 1
    i32.store
  )
  (func $m_gset2 (;11;) (type 7) (param i64)
    local.get 0
    global.set $g2
  )
  (data (;0;) (i32.const 4092) "\f7\97\15\c2\e2\5c\fcB")
)
