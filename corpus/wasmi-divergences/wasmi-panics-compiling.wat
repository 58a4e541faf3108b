(module
  (type (;0;) (func))
  (memory (;0;) 3 4)
  (global (;0;) (mut i64) i64.const 0)
  (global (;1;) (mut i32) i32.const 0)
  (func (;0;) (type 0)
    (local i32 i64 i32)
    i64.const 1
    loop ;; label = @1
      loop ;; label = @2
        block ;; label = @3
          block (result i64) ;; label = @4
            memory.size
            local.tee 0
            local.get 0
            i32.store8 offset=171789
            loop (result i64) ;; label = @5
              call 0
              call 0
              loop (result i64) ;; label = @6
                call 0
                i64.const 0
                br 2 (;@4;)
                i64.const 1
                local.get 0
                block (result i64) ;; label = @7
                  local.get 1
                  i64.const 0
                  memory.size
                  br_if 6 (;@1;)
                  i64.gt_s
                  global.get 1
                  i32.xor
                  global.set 1
                  i64.const 1
                end
                global.get 0
                i64.xor
                global.set 0
                global.get 1
                i32.xor
                global.set 1
              end
            end
          end
          global.get 0
          i64.xor
          global.set 0
        end
      end
    end
    global.get 0
    i64.xor
    global.set 0
  )
)
