(module
  (type (;0;) (func (result i64 funcref)))
  (type (;1;) (func (param funcref i64)))
  (type (;2;) (func (result i64 i64 i32)))
  (type (;3;) (func))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 1 1)
  (global (;0;) (mut funcref) ref.func 0)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (export "\u{1}\u{16}" (func 0))
  (export "" (func 1))
  (export "2" (table 0))
  (export "3" (memory 0))
  (export "4" (global 0))
  (export "|" (global 1))
  (export "l6m\u{15}\u{11}" (global 2))
  (func (;0;) (type 0) (result i64 funcref)
    (local i64 funcref i32 i64 i32 i64)
    table.size 0
    local.get 0
    i32.wrap_i64
    i32.le_s
    local.set 2
    block ;; label = @1
      block ;; label = @2
        memory.size
        i32.const 65536
        i32.mul
        i32.const 5788
        local.get 2
        i32.add
        i32.le_u
        br_if 0 (;@2;)
        local.get 2
        i32.const 0
        i32.le_s
        br_if 0 (;@2;)
        local.get 2
        i64.load8_u offset=5780
        local.set 3
        br 1 (;@1;)
      end
      i64.const 0
      local.set 3
    end
    local.get 3
    table.size 0
    table.size 0
    i32.lt_s
    local.set 4
    block ;; label = @1
      block ;; label = @2
        memory.size
        i32.const 65536
        i32.mul
        i32.const 8032
        local.get 4
        i32.add
        i32.le_u
        br_if 0 (;@2;)
        local.get 4
        i32.const 0
        i32.le_s
        br_if 0 (;@2;)
        local.get 4
        i64.load16_u offset=8024 align=1
        local.set 5
        br 1 (;@1;)
      end
      i64.const 0
      local.set 5
    end
    local.get 5
    global.get 1
    i64.xor
    global.set 1
    ref.null func
  )
  (func (;1;) (type 1) (param funcref i64)
    (local funcref i32 i32 i32 i32)
    loop (type 2) (result i64 i64 i32) ;; label = @1
      i64.const -1477915645062579548
      i64.extend8_s
      loop ;; label = @2
        ref.func 0
        ref.is_null
        call 0
        block ;; label = @3
          global.get 0
          block (result i64) ;; label = @4
            i32.const -536870912
            i32.const 33554431
            local.set 3
            block ;; label = @5
              block ;; label = @6
                memory.size
                i32.const 65536
                i32.mul
                i32.const 31734
                local.get 3
                i32.add
                i32.le_u
                br_if 0 (;@6;)
                local.get 3
                i32.const 0
                i32.le_s
                br_if 0 (;@6;)
                local.get 3
                i32.load8_u offset=31730
                local.set 4
                br 1 (;@5;)
              end
              i32.const 0
              local.set 4
            end
            local.get 4
            local.set 5
            i32.const 1
            local.get 5
            local.get 5
            i32.eqz
            select
            local.set 5
            local.set 6
            block ;; label = @5
              block ;; label = @6
                local.get 6
                local.get 5
                local.set 5
                local.tee 6
                i32.const -2147483648
                i32.ne
                br_if 0 (;@6;)
                local.get 5
                i32.const -1
                i32.ne
                br_if 0 (;@6;)
                i32.const 1
                local.set 5
                br 1 (;@5;)
              end
            end
            local.get 6
            local.get 5
            i32.rem_s
            global.get 2
            i32.xor
            global.set 2
            i64.const 281474976710656
          end
          global.get 1
          i64.xor
          global.set 1
          drop
        end
        drop
        global.get 1
        i64.xor
        global.set 1
        global.get 2
        i32.xor
        global.set 2
      end
      i64.const 1073741824
      i32.const -262145
    end
    global.get 2
    i32.xor
    global.set 2
    global.get 1
    i64.xor
    global.set 1
    global.get 1
    i64.xor
    global.set 1
  )
  (data (;0;) (i32.const 23433) "")
)
