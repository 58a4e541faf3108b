(module
  (type (;0;) (func (result i32 i64)))
  (table (;0;) 1 3 funcref)
  (memory (;0;) 1 1)
  (global (;0;) (mut i64) i64.const 0)
  (global (;1;) (mut i32) i32.const 0)
  (export "" (func 0))
  (export "1" (func 1))
  (export "2" (table 0))
  (export "3" (memory 0))
  (export "p\u{16}" (global 0))
  (export "\u{4a4}" (global 1))
  (elem (;0;) (table 0) (i32.const 0) func)
  (func (;0;) (type 0) (result i32 i64)
    (local i32 i32 i32 i64)
    memory.size
    local.set 0
    block ;; label = @1
      block ;; label = @2
        memory.size
        i32.const 65536
        i32.mul
        i32.const 494
        local.get 0
        i32.add
        i32.le_u
        br_if 0 (;@2;)
        local.get 0
        i32.const 0
        i32.le_s
        br_if 0 (;@2;)
        local.get 0
        i32.load8_s offset=490
        local.set 1
        br 1 (;@1;)
      end
      i32.const 0
      local.set 1
    end
    local.get 1
    local.set 2
    block ;; label = @1
      block ;; label = @2
        memory.size
        i32.const 65536
        i32.mul
        i32.const 53260
        local.get 2
        i32.add
        i32.le_u
        br_if 0 (;@2;)
        local.get 2
        i32.const 0
        i32.le_s
        br_if 0 (;@2;)
        local.get 2
        i64.load offset=53252 align=1
        local.set 3
        br 1 (;@1;)
      end
      i64.const 0
      local.set 3
    end
    local.get 3
    global.get 0
    i64.xor
    global.set 0
    i32.const 4
    i64.const -3814284591071619254
  )
  (func (;1;) (type 0) (result i32 i64)
    (local i64 i32 i32 i32 i64)
    block (type 0) (result i32 i64) ;; label = @1
      i64.const -1048577
      i64.clz
      call 0
      local.tee 0
      memory.size
      br_table 0 (;@1;) 1 1
      block ;; label = @2
        local.get 0
        loop (result i64) ;; label = @3
          memory.size
          br_table 0 (;@3;) 1 (;@2;) 1 (;@2;)
          elem.drop 0
          call 1
          memory.size
          memory.grow
          local.set 1
          block ;; label = @4
            block ;; label = @5
              memory.size
              i32.const 65536
              i32.mul
              i32.const 64483
              local.get 1
              i32.add
              i32.le_u
              br_if 0 (;@5;)
              local.get 1
              i32.const 0
              i32.le_s
              br_if 0 (;@5;)
              local.get 1
              i32.load16_u offset=64479
              local.set 2
              br 1 (;@4;)
            end
            i32.const 0
            local.set 2
          end
          local.get 2
          block (type 0) (result i32 i64) ;; label = @4
            call 1
            elem.drop 0
            local.set 4
            local.set 3
            memory.size
            i32.const 65536
            i32.mul
            i32.const 16531
            local.get 3
            i32.add
            i32.le_u
            if ;; label = @5
            else
              local.get 3
              i32.const 0
              i32.le_s
              if ;; label = @6
              else
                local.get 3
                local.get 4
                i64.store32 offset=16523 align=1
              end
            end
            i32.const -1275068416
            i64.const -8796093022208
          end
          global.get 0
          i64.xor
          global.set 0
          global.get 1
          i32.xor
          global.set 1
          global.get 1
          i32.xor
          global.set 1
          global.get 0
          i64.xor
          global.set 0
          global.get 1
          i32.xor
          global.set 1
          i64.const 2710848260677808416
        end
        global.get 0
        i64.xor
        global.set 0
        global.get 0
        i64.xor
        global.set 0
      end
      global.get 0
      i64.xor
      global.set 0
      i32.const 1066152946
      i64.const -2305843009213693953
    end
  )
)
