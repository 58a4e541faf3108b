(module
  (type (;0;) (func))
  (type (;1;) (func))
  (memory (;0;) 1 2)
  (global (;0;) (mut i64) i64.const 0)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (export "" (func 0))
  (export "1" (func 1))
  (export "2" (memory 0))
  (export "g\u{9}" (global 0))
  (export "4" (global 1))
  (export "5" (global 2))
  (start 0)
  (func (;0;) (type 0)
    call 1
    i64.const -7941871462903982954
    i64.extend8_s
    block (result i64) ;; label = @1
      loop (type 1) ;; label = @2
        i64.const 3031240635748736841
        i64.eqz
        block (type 1) ;; label = @3
        end
        block (type 1) ;; label = @3
          ref.null func
          ref.null extern
          block (type 1) ;; label = @4
            memory.size
            i64.const 8762493692186797977
            block (type 1) ;; label = @5
              block (result f64) ;; label = @6
                f64.const -0x1.efbd5a021cc15p-354 (;=-0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000052770988516781363;)
              end
              i64.reinterpret_f64
              global.get 0
              i64.xor
              global.set 0
            end
            global.get 1
            i64.xor
            global.set 1
            global.get 2
            i32.xor
            global.set 2
          end
          drop
          drop
        end
        global.get 2
        i32.xor
        global.set 2
      end
      i64.const 2048
    end
    global.get 1
    i64.xor
    global.set 1
    global.get 1
    i64.xor
    global.set 1
  )
  (func (;1;) (type 1)
    (local f64 i32 i32)
    memory.size
    local.set 1
    block ;; label = @1
      block ;; label = @2
        memory.size
        i32.const 65536
        i32.mul
        i32.const 48593
        local.get 1
        i32.add
        i32.le_u
        br_if 0 (;@2;)
        local.get 1
        i32.const 0
        i32.le_s
        br_if 0 (;@2;)
        local.get 1
        i32.load offset=48589 align=1
        local.set 2
        br 1 (;@1;)
      end
      i32.const 0
      local.set 2
    end
    local.get 2
    global.get 2
    i32.xor
    global.set 2
  )
)
