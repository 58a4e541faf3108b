(module
  (type $kt (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (param i32) (result i64)))
  (type (;2;) (func (param i32 i64) (result i32 i32)))
  (type (;3;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;4;) (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;5;) (func (param i32 i32)))
  (type (;6;) (func (param i32 i32 i32)))
  (type (;7;) (func (param i32)))
  (type (;8;) (func))
  (table $tab (;0;) 6 9 funcref)
  (memory $mem (;0;) 1 3)
  (global $g0 (;0;) (mut i32) i32.const 0)
  (global $g1 (;1;) (mut i32) i32.const 3)
  (global $g2 (;2;) (mut i64) i64.const 0)
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
  (export "h2" (func $h2))
  (export "m_store8" (func $m_store8))
  (export "m_store32" (func $m_store32))
  (export "m_grow" (func $m_grow))
  (export "m_init" (func $m_init))
  (export "m_tnull" (func $m_tnull))
  (export "m_tset" (func $m_tset))
  (export "m_tbad" (func $m_tbad))
  (export "m_tgrow" (func $m_tgrow))
  (export "m_tinit" (func $m_tinit))
  (export "m_edrop" (func $m_edrop))
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
  (func $h0 (;4;) (type 2) (param i32 i64) (result i32 i32)
    block ;; label = @1
      local.get 0
      i32.const 255
      i32.and
      i32.load offset=1
      call $k1
      i32.eqz
      if ;; label = @2
        local.get 0
        i32.const 1
        i32.const 2
        i32.const 3
        i32.const 4
        i32.const 5
        i32.const 6
        i32.const 7
        i32.const 8
        block (type 3) (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @3
          i32.xor
          i32.add
          i32.rotl
          i32.rotl
          i32.add
          i32.xor
          i32.add
          i32.sub
        end
        br_if 0 (;@2;)
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
        i32.const 10
        block (type 4) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @3
          i32.sub
          i32.rotl
          i32.sub
          i32.xor
          i32.sub
          i32.add
          i32.add
          i32.xor
          i32.rotl
          i32.shl
        end
        global.set $g0
      else
        local.get 0
        i32.const 7
        i32.and
        i32.const 128
        i32.add
        i32.load
        drop
      end
      local.get 0
      i32.load8_s
      local.get 0
      i32.const 7
      i32.and
      call_indirect (type $kt)
      br_if 0 (;@1;)
    end
    local.get 0
    local.get 0
  )
  (func $h1 (;5;) (type 2) (param i32 i64) (result i32 i32)
    block ;; label = @1
      local.get 0
      i32.const 255
      i32.and
      i32.load offset=1
      call $k1
      i32.eqz
      if ;; label = @2
        local.get 0
        i32.const 1
        i32.const 2
        i32.const 3
        i32.const 4
        i32.const 5
        i32.const 6
        i32.const 7
        i32.const 8
        block (type 3) (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @3
          i32.xor
          i32.add
          i32.rotl
          i32.rotl
          i32.add
          i32.xor
          i32.add
          i32.sub
        end
        br_if 0 (;@2;)
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
        i32.const 10
        block (type 4) (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) ;; label = @3
          i32.sub
          i32.rotl
          i32.sub
          i32.xor
          i32.sub
          i32.add
          i32.add
          i32.xor
          i32.rotl
          i32.shl
        end
        global.set $g1
      else
        local.get 0
        i32.const 7
        i32.and
        i32.const 128
        i32.add
        i32.load
        drop
      end
      local.get 0
      i32.load8_s
      local.get 0
      i32.const 7
      i32.and
      call_indirect (type $kt)
      br_if 0 (;@1;)
    end
    local.get 0
    local.get 0
  )
  (func $h2 (;6;) (type 1) (param i32) (result i64)
    (local i32 i32)
    block (result i32) ;; label = @1
      i32.const 0
      global.get $g2
      call $h1
      drop
      drop
      local.get 2
      i32.const 1
      i32.and
      memory.grow
      local.get 2
      i32.const 1
      i32.and
      memory.grow
      br_if 0 (;@1;)
      drop
      global.get $g1
    end
    call $k2
    if ;; label = @1
      block (result i32) ;; label = @2
        global.get $g1
        if (result i32) ;; label = @3
          local.get 0
        else
          local.get 0
          local.get 1
          i32.const 4095
          i32.and
          i64.load32_s
          call $h1
          drop
          drop
          global.get $g0
        end
      end
      global.set $g0
      local.get 2
      drop
      global.get $g1
      drop
    else
    end
    i64.const -1
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
  (func $m_init (;10;) (type 6) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.init $d0
  )
  (func $m_tnull (;11;) (type 7) (param i32)
    local.get 0
    ref.null func
    table.set $tab
  )
  (func $m_tset (;12;) (type 7) (param i32)
    local.get 0
    ref.func $k1
    table.set $tab
  )
  (func $m_tbad (;13;) (type 7) (param i32)
    local.get 0
    ref.func $k3
    table.set $tab
  )
  (func $m_tgrow (;14;) (type $kt) (param i32) (result i32)
    ref.null func
    local.get 0
    table.grow $tab
  )
  (func $m_tinit (;15;) (type 6) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    table.init $e0
  )
  (func $m_edrop (;16;) (type 8)
    elem.drop $e0
  )
  (data (;0;) (i32.const 4088) "k\dbfQ\9a\13^\b7")
  (data (;1;) (i32.const 60) "0\9c/:\e8\84\9dh")
  (data $d0 (;2;) "g\18\86\d6e\84\85t\0a)\cc\a9\9f\ca\fb\ed")
)
