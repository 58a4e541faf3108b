(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (param i64) (result i32)))
  (type (;3;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;4;) (func (param i64 i32)))
  (type (;5;) (func (param i32 i32)))
  (type (;6;) (func (param i32)))
  (type (;7;) (func (param i64)))
  (type (;8;) (func))
  (memory $mem (;0;) 1 1)
  (global $g0 (;0;) (mut i32) i32.const 2)
  (global $g1 (;1;) (mut i32) i32.const 1)
  (global $g2 (;2;) (mut i64) i64.const 0)
  (global $g3 (;3;) (mut f32) f32.const 0x0p+0 (;=0;))
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
  (export "m_store8" (func $m_store8))
  (export "m_store32" (func $m_store32))
  (export "m_gset0" (func $m_gset0))
  (export "m_gset2" (func $m_gset2))
  (export "m_ddrop" (func $m_ddrop))
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
  (func $h0 (;4;) (type 2) (param i64) (result i32)
    (local i32)
    block (result i64) ;; label = @1
      i64.const 2
      i32.const 124
      i64.load32_s
      local.get 1
      i32.const 4095
      i32.and
      i64.load32_s
      i64.add
      block (result i32) ;; label = @2
        global.get $g0
      end
      select
      local.get 1
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
      block (type 3) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @2
        i32.rotl
        i32.rotl
        i32.rotl
        i32.add
        i32.xor
        i32.sub
        i32.sub
        i32.xor
        i32.shl
        i32.add
      end
      if (result i32) ;; label = @2
        i64.const 4294967295
        global.set $g2
        block (result i32) ;; label = @3
          i32.const 1
        end
      else
        i32.const 65536
        drop
        i64.const 2
        i64.eqz
      end
      br_if 0 (;@1;)
      drop
      global.get $g2
    end
    drop
    memory.size
    drop
    global.get $g5
    drop
    local.get 1
    i32.const 255
    i32.and
    i32.load8_s
  )
  (func $h1 (;5;) (type 4) (param i64 i32)
    block ;; label = @1
    end
    global.get $g0
    global.set $g1
  )
  (func $m_store8 (;6;) (type 5) (param i32 i32)
    local.get 0
    local.get 1
    i32.store8
  )
  (func $m_store32 (;7;) (type 5) (param i32 i32)
    local.get 0
    local.get 1
    i32.store
  )
  (func $m_gset0 (;8;) (type 6) (param i32)
    local.get 0
    global.set $g0
  )
  (func $m_gset2 (;9;) (type 7) (param i64)
    local.get 0
    global.set $g2
  )
  (func $m_ddrop (;10;) (type 8)
    data.drop $d0
  )
  (data (;0;) (i32.const 4092) "\b7\f9A\09\fe\c9hq")
  (data $d0 (;1;) "\dd\00\d3\1c\88\88\c3\ede~\1c\a6\d9\95C\b5")
)
