(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (result i32)))
  (type (;3;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;4;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;5;) (func (param i32 i32) (result f32)))
  (type (;6;) (func (param i32 i32)))
  (type (;7;) (func (param i32 i64)))
  (memory $mem (;0;) 1 3)
  (global $g0 (;0;) (mut i32) i32.const 2)
  (global $g1 (;1;) (mut i32) i32.const 2)
  (global $g2 (;2;) (mut i64) i64.const 0)
  (global $g3 (;3;) (mut f32) f32.const 0x1.8p+1 (;=3;))
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
  (export "m_store64" (func $m_store64))
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
  (func $h0 (;4;) (type 2) (result i32)
    (local f64)
    global.get $g5
    if ;; label = @1
      i32.const 16
      i32.load16_s
      unreachable
    end
    i32.const 4094
    i64.const 2
    i64.store
    block ;; label = @1
      i32.const 64
      i32.load8_s offset=4
      i32.const 255
      i32.const 65528
      i32.load
      select
      i32.const 2147483647
      i32.const 128
      i32.load16_u offset=1
      select
      drop
      i32.const 4094
      i64.load32_u
      i64.eqz
      global.get $g1
      i32.mul
      if ;; label = @2
        block (result f32) ;; label = @3
          i32.const 4094
          i32.const 4092
          i32.store8
          i32.const 4094
          i32.load
          global.set $g1
          i32.const 2143289345
          f32.reinterpret_i32
        end
        i32.reinterpret_f32
        return
      end
      global.get $g0
      i32.const 64
      i32.rem_s
      i32.const 1
      i32.const 2
      i32.const 3
      i32.const 4
      i32.const 5
      i32.const 6
      i32.const 7
      i32.const 8
      block (type 3) (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @2
        i32.add
        i32.shl
        i32.add
        i32.add
        i32.shl
        i32.shl
        i32.xor
        i32.xor
      end
      if ;; label = @2
        global.get $g0
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
        block (type 4) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @3
          i32.sub
          i32.xor
          i32.add
          i32.add
          i32.rotl
          i32.shl
          i32.shl
          i32.xor
          i32.add
          i32.xor
        end
        drop
      end
    end
    i32.const 31
  )
  (func $h1 (;5;) (type 5) (param i32 i32) (result f32)
    (local i32)
    i32.const 2141192193
    f32.reinterpret_i32
    global.get $g3
    f32.mul
  )
  (func $m_store8 (;6;) (type 6) (param i32 i32)
    local.get 0
    local.get 1
    i32.store8
  )
  (func $m_store32 (;7;) (type 6) (param i32 i32)
    local.get 0
    local.get 1
    i32.store
  )
  (func $m_store64 (;8;) (type 7) (param i32 i64)
    local.get 0
    local.get 1
    i64.store
  )
  (data (;0;) (i32.const 0) "u\cat\d2w\85\aa\ee")
  (data (;1;) (i32.const 0) "\c9\22v\c3\9fNva")
  (data (;2;) (i32.const 4092) "\b4\d8\ab\c1\8beM\1f")
)
