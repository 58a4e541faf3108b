(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (param i64 i32 i64) (result i64)))
  (type (;3;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;4;) (func (result i32)))
  (type (;5;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;6;) (func (param i32 i32)))
  (type (;7;) (func (param i32 i64)))
  (type (;8;) (func (param i64)))
  (type (;9;) (func (param i32)))
  (table $tab (;0;) 5 7 funcref)
  (memory $mem (;0;) 1 1)
  (global $g0 (;0;) (mut i32) i32.const 2)
  (global $g1 (;1;) (mut i32) i32.const 3)
  (global $g2 (;2;) (mut i64) i64.const 2)
  (global $g3 (;3;) (mut f32) f32.const 0x0p+0 (;=0;))
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
  (export "h2" (func $h2))
  (export "h3" (func $h3))
  (export "rec" (func $rec))
  (export "m_store8" (func $m_store8))
  (export "m_store32" (func $m_store32))
  (export "m_store64" (func $m_store64))
  (export "m_grow" (func $m_grow))
  (export "m_gset2" (func $m_gset2))
  (export "m_tset" (func $m_tset))
  (export "m_tbad" (func $m_tbad))
  (export "m_tgrow" (func $m_tgrow))
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
  (func $h0 (;4;) (type 1) (param i32) (result i64)
    (local i32 i64)
    global.get $g1
    if (result i32) ;; label = @1
      i32.const 7
    else
      global.get $g1
      drop
      global.get $g5
    end
    i32.extend16_s
    i32.extend8_s
    global.set $g1
    i32.const 1
    memory.grow
    local.set 0
    local.get 0
    drop
    block ;; label = @1
      i32.const 31
      local.get 0
      i32.const 7
      i32.and
      i32.const 4092
      i32.add
      i32.load16_s
      local.get 1
      i32.const 7
      i32.and
      i32.const 126
      i32.add
      i64.load32_u
      i64.eqz
      select
      if ;; label = @2
        i32.const 120
        local.get 1
        i32.const 255
        i32.and
        i64.load16_s
        i64.store
      else
      end
    end
    global.get $g2
  )
  (func $h1 (;5;) (type 2) (param i64 i32 i64) (result i64)
    (local i32 i32)
    i32.const 16
    if ;; label = @1
      local.get 1
      i32.clz
      local.get 1
      i32.const 7
      i32.and
      i32.const 65532
      i32.add
      i32.load8_s
      local.get 1
      i32.const 1
      i32.const 2
      i32.const 3
      i32.const 4
      i32.const 5
      i32.const 6
      i32.const 7
      i32.const 8
      block (type 3) (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @2
        i32.xor
        i32.xor
        i32.xor
        i32.xor
        i32.rotl
        i32.xor
        i32.shl
        i32.add
      end
      select
      global.set $g0
      block ;; label = @2
        local.get 2
        i64.eqz
        if ;; label = @3
          i32.const 4096
          i32.load
          br_if 2 (;@1;)
          local.get 1
          call $h0
          drop
        else
        end
        local.get 3
        i32.const 65535
        i32.and
        i32.const 62
        i32.load8_u
        call $k0
        i32.store
        i32.const 252
        global.get $g0
        i32.store offset=4092
        local.get 3
        i32.const 131071
        i32.and
        i64.load8_u offset=1
        local.set 2
      end
    else
      i32.const 0
      local.set 4
      loop ;; label = @2
        local.get 4
        i32.const 1
        i32.add
        local.tee 4
        i32.const 3
        i32.lt_u
        br_if 0 (;@2;)
      end
    end
    local.get 3
    call $h0
    drop
    block (result i64) ;; label = @1
      i32.const 8
      i64.load32_u
      i64.const -9223372036854775808
      i64.xor
    end
    i64.const -1
    global.get $g5
    select
  )
  (func $h2 (;6;) (type 2) (param i64 i32 i64) (result i64)
    (local i32 i32)
    i32.const 16
    if ;; label = @1
      local.get 1
      i32.clz
      local.get 1
      i32.const 7
      i32.and
      i32.const 65532
      i32.add
      i32.load8_s
      local.get 1
      i32.const 1
      i32.const 2
      i32.const 3
      i32.const 4
      i32.const 5
      i32.const 6
      i32.const 7
      i32.const 8
      block (type 3) (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @2
        i32.xor
        i32.xor
        i32.xor
        i32.xor
        i32.rotl
        i32.xor
        i32.shl
        i32.add
      end
      select
      global.set $g1
      block ;; label = @2
        local.get 2
        i64.eqz
        if ;; label = @3
          i32.const 4096
          i32.load
          br_if 2 (;@1;)
          local.get 1
          call $h0
          drop
        else
        end
        local.get 3
        i32.const 65535
        i32.and
        i32.const 62
        i32.load8_u
        call $k0
        i32.store
        i32.const 252
        global.get $g1
        i32.store offset=4092
        local.get 3
        i32.const 131071
        i32.and
        i64.load8_u offset=1
        local.set 2
      end
    else
      i32.const 0
      local.set 4
      loop ;; label = @2
        local.get 4
        i32.const 1
        i32.add
        local.tee 4
        i32.const 3
        i32.lt_u
        br_if 0 (;@2;)
      end
    end
    local.get 3
    call $h0
    drop
    block (result i64) ;; label = @1
      i32.const 8
      i64.load32_u
      i64.const -9223372036854775808
      i64.xor
    end
    i64.const -1
    global.get $g5
    select
  )
  (func $h3 (;7;) (type 4) (result i32)
    (local i64)
    i32.const 4094
    i32.const 31
    i64.extend_i32_u
    i64.store32
    i32.const 4094
    i32.const 1
    memory.grow
    i32.store16
    i32.const 31
    i32.const 8
    drop
    table.size $tab
    i32.add
    i64.extend_i32_u
    i32.const 4096
    i32.load16_u
    if (result i64) ;; label = @1
      i32.const 64
      i64.load8_u
    else
      local.get 0
      global.get $g2
      i64.shl
    end
    i64.div_u
    global.set $g2
    i32.const 4094
    i32.load16_s
  )
  (func $rec (;8;) (type $kt) (param i32) (result i32)
    local.get 0
    i32.eqz
    if (result i32) ;; label = @1
      local.get 0
      i32.const 1
      i32.const 2
      i32.const 3
      i32.const 4
      i32.const 5
      i32.const 6
      i32.const 7
      i32.const 8
      i32.const 9
      block (type 5) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @2
        i32.shl
        i32.add
        i32.add
        i32.shl
        i32.shl
        i32.rotl
        i32.shl
        i32.shl
        i32.xor
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
  (func $m_store64 (;11;) (type 7) (param i32 i64)
    local.get 0
    local.get 1
    i64.store
  )
  (func $m_grow (;12;) (type $kt) (param i32) (result i32)
    local.get 0
    memory.grow
  )
  (func $m_gset2 (;13;) (type 8) (param i64)
    local.get 0
    global.set $g2
  )
  (func $m_tset (;14;) (type 9) (param i32)
    local.get 0
    ref.func $k1
    table.set $tab
  )
  (func $m_tbad (;15;) (type 9) (param i32)
    local.get 0
    ref.func $k3
    table.set $tab
  )
  (func $m_tgrow (;16;) (type $kt) (param i32) (result i32)
    ref.null func
    local.get 0
    table.grow $tab
  )
  (data (;0;) (i32.const 56) "\f3:\91\b3\8c}r\a5")
  (data (;1;) (i32.const 4092) "sb){S!w>")
)
