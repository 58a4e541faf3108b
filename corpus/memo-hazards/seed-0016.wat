(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (param i64 i32 i32) (result i32)))
  (type (;3;) (func (result i64 i64)))
  (type (;4;) (func (param i32 i32)))
  (type (;5;) (func (param i32 i64)))
  (type (;6;) (func (param i32)))
  (type (;7;) (func (param i64)))
  (type (;8;) (func (param i32 i32 i32)))
  (type (;9;) (func))
  (memory $mem (;0;) 1 3)
  (global $g0 (;0;) (mut i32) i32.const 1)
  (global $g1 (;1;) (mut i32) i32.const 1)
  (global $g2 (;2;) (mut i64) i64.const 1)
  (global $g3 (;3;) (mut f32) f32.const 0x1.8p+1 (;=3;))
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
  (export "m_store8" (func $m_store8))
  (export "m_store32" (func $m_store32))
  (export "m_store64" (func $m_store64))
  (export "m_grow" (func $m_grow))
  (export "m_gset0" (func $m_gset0))
  (export "m_gset2" (func $m_gset2))
  (export "m_init" (func $m_init))
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
  (func $h0 (;4;) (type 2) (param i64 i32 i32) (result i32)
    (local i64)
    local.get 2
    i32.load8_u
    i64.extend_i32_u
    local.set 3
    global.get $g5
    call $k0
    call $k0
    if ;; label = @1
      local.get 2
      unreachable
    end
    local.get 1
    i32.const 7
    i32.and
    i32.const 124
    i32.add
    i32.load
  )
  (func $h1 (;5;) (type 3) (result i64 i64)
    (local i32 i32 i32)
    i32.const 0
    local.set 0
    loop ;; label = @1
      global.get $g2
      i64.eqz
      drop
      data.drop $d0
      local.get 0
      i32.const 1
      i32.add
      local.tee 0
      i32.const 1
      i32.lt_u
      br_if 0 (;@1;)
    end
    i32.const 0
    local.set 1
    loop ;; label = @1
      block ;; label = @2
        i32.const 0
        local.set 2
        loop ;; label = @3
          local.get 1
          i32.const 7
          i32.and
          i32.const 60
          i32.add
          global.get $g1
          i32.store8
          i32.const 64
          drop
          local.get 2
          i32.const 1
          i32.add
          local.tee 2
          i32.const 4
          i32.lt_u
          br_if 0 (;@3;)
        end
        i32.const 65532
        global.get $g0
        i32.const 0
        memory.fill
      end
      local.get 2
      i32.load16_s
      drop
      local.get 1
      i32.const 1
      i32.add
      local.tee 1
      i32.const 2
      i32.lt_u
      br_if 0 (;@1;)
    end
    local.get 2
    i32.const 7
    i32.and
    i32.const 65532
    i32.add
    i64.load
    i64.const 0
  )
  (func $h2 (;6;) (type 3) (result i64 i64)
    (local i32 i32 i32)
    i32.const 0
    local.set 0
    loop ;; label = @1
      global.get $g2
      i64.eqz
      drop
      data.drop $d0
      local.get 0
      i32.const 1
      i32.add
      local.tee 0
      i32.const 1
      i32.lt_u
      br_if 0 (;@1;)
    end
    i32.const 0
    local.set 1
    loop ;; label = @1
      block ;; label = @2
        i32.const 0
        local.set 2
        loop ;; label = @3
          local.get 1
          i32.const 7
          i32.and
          i32.const 60
          i32.add
          global.get $g1
          i32.store8
          i32.const 64
          drop
          local.get 2
          i32.const 1
          i32.add
          local.tee 2
          i32.const 4
          i32.lt_u
          br_if 0 (;@3;)
        end
        i32.const 65532
        global.get $g1
        i32.const 0
        memory.fill
      end
      local.get 2
      i32.load16_s
      drop
      local.get 1
      i32.const 1
      i32.add
      local.tee 1
      i32.const 2
      i32.lt_u
      br_if 0 (;@1;)
    end
    local.get 2
    i32.const 7
    i32.and
    i32.const 65532
    i32.add
    i64.load
    i64.const 0
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
  (func $m_store64 (;9;) (type 5) (param i32 i64)
    local.get 0
    local.get 1
    i64.store
  )
  (func $m_grow (;10;) (type $kt) (param i32) (result i32)
    local.get 0
    memory.grow
  )
  (func $m_gset0 (;11;) (type 6) (param i32)
    local.get 0
    global.set $g0
  )
  (func $m_gset2 (;12;) (type 7) (param i64)
    local.get 0
    global.set $g2
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
  (data (;0;) (i32.const 4088) "\99\911\10u\83\9f\e4")
  (data (;1;) (i32.const 60) "d\b4\7f\f5g\b4\a4\18")
  (data (;2;) (i32.const 4088) "\dc\eb\a0Sg\0cho")
  (data $d0 (;3;) "#\05K\88\c0D\b3\c6\e7\a2Zu\a5.\0d\07")
)
