(module
  (type (;0;) (func))
  (type (;1;) (func))
  (type (;2;) (func (param i32)))
  (memory (;0;) 1 1)
  (global (;0;) (mut i64) i64.const -583499844134492666)
  (global (;1;) (mut i32) i32.const 0)
  (global (;2;) (mut i64) i64.const 0)
  (export "" (func 0))
  (export "1" (func 1))
  (export "2" (func 2))
  (export "3" (func 3))
  (export "4" (memory 0))
  (export "5" (global 0))
  (export ".\u{d}" (global 1))
  (export "7" (global 2))
  (elem (;0;) func)
  (func (;0;) (type 1)
    (local i32 i32 i64 i64 i32 i32 i32 i32 i64)
    memory.size
    local.set 5
    block ;; label = @1
      block ;; label = @2
        memory.size
        i32.const 65536
        i32.mul
        i32.const 65371
        local.get 5
        i32.add
        i32.le_u
        br_if 0 (;@2;)
        local.get 5
        i32.const 0
        i32.le_s
        br_if 0 (;@2;)
        local.get 5
        i32.load8_u offset=65367
        local.set 6
        br 1 (;@1;)
      end
      i32.const 0
      local.set 6
    end
    local.get 6
    memory.size
    block (type 2) (param i32) ;; label = @1
      br_if 0 (;@1;)
      data.drop 0
      call 2
      loop (type 1) ;; label = @2
        loop (type 0) ;; label = @3
          loop (type 1) ;; label = @4
            global.get 0
            local.get 1
            local.set 7
            block ;; label = @5
              block ;; label = @6
                memory.size
                i32.const 65536
                i32.mul
                i32.const 23360
                local.get 7
                i32.add
                i32.le_u
                br_if 0 (;@6;)
                local.get 7
                i32.const 0
                i32.le_s
                br_if 0 (;@6;)
                local.get 7
                i64.load32_s offset=23352 align=2
                local.set 8
                br 1 (;@5;)
              end
              i64.const 0
              local.set 8
            end
            local.get 8
            i64.rotl
            i64.const -8388609
            i64.ctz
            br 4
            i64.gt_s
            global.get 1
            i32.xor
            global.set 1
          end
        end
      end
    end
    global.get 1
    i32.xor
    global.set 1
  )
  (func (;1;) (type 2) (param i32)
    (local i32 i32 i32 i64)
    br 0
    return
    block (result i32) ;; label = @1
      memory.size
      local.set 1
      block ;; label = @2
        block ;; label = @3
          memory.size
          i32.const 65536
          i32.mul
          i32.const 55892
          local.get 1
          i32.add
          i32.le_u
          br_if 0 (;@3;)
          local.get 1
          i32.const 0
          i32.le_s
          br_if 0 (;@3;)
          local.get 1
          i32.load16_u offset=55888
          local.set 2
          br 1 (;@2;)
        end
        i32.const 0
        local.set 2
      end
      local.get 2
      if (result i32) ;; label = @2
        block (type 1) ;; label = @3
          i64.const 545604439418206361
          i32.const 8388608
          local.tee 0
          local.set 3
          block ;; label = @4
            block ;; label = @5
              memory.size
              i32.const 65536
              i32.mul
              i32.const 950
              local.get 3
              i32.add
              i32.le_u
              br_if 0 (;@5;)
              local.get 3
              i32.const 0
              i32.le_s
              br_if 0 (;@5;)
              local.get 3
              i64.load8_u offset=942
              local.set 4
              br 1 (;@4;)
            end
            i64.const 0
            local.set 4
          end
          local.get 4
          block (result i64) ;; label = @4
            loop (type 1) ;; label = @5
              global.get 0
              local.get 0
              call 0
              br_table 0 (;@5;) 2 (;@3;) 5 5
              global.set 0
            end
            i64.const -2049
          end
          global.get 2
          i64.xor
          global.set 2
          global.get 2
          i64.xor
          global.set 2
          global.get 2
          i64.xor
          global.set 2
        end
        i32.const 1431655765
      else
        i32.const -1273079367
      end
    end
    global.get 1
    i32.xor
    global.set 1
  )
  (func (;2;) (type 1)
    (local i64 i32 i64 i32 i64)
    memory.size
    loop (type 2) (param i32) ;; label = @1
      i64.extend_i32_s
      call 2
      global.get 0
      i32.wrap_i64
      br 0 (;@1;)
      memory.size
      i32.const -262144
      if (type 1) ;; label = @2
        loop ;; label = @3
          global.get 0
          br 1 (;@2;)
          i64.const -281474976710657
          data.drop 0
          local.set 0
          loop (result i32) ;; label = @4
            block ;; label = @5
              local.get 0
              data.drop 0
              global.get 0
              data.drop 0
              global.get 0
              i64.eqz
              nop
              memory.grow
              block (type 2) (param i32) ;; label = @6
                br_if 2 (;@4;)
                memory.size
                br_table 0 (;@6;) 1 (;@5;) 2 (;@4;) 3 (;@3;) 4 (;@2;) 6 4 (;@2;)
              end
              i64.sub
              local.set 0
              loop (type 1) ;; label = @6
                memory.size
                local.set 1
                block ;; label = @7
                  block ;; label = @8
                    memory.size
                    i32.const 65536
                    i32.mul
                    i32.const 14445
                    local.get 1
                    i32.add
                    i32.le_u
                    br_if 0 (;@8;)
                    local.get 1
                    i32.const 0
                    i32.le_s
                    br_if 0 (;@8;)
                    local.get 1
                    i64.load8_s offset=14437
                    local.set 2
                    br 1 (;@7;)
                  end
                  i64.const 0
                  local.set 2
                end
                local.get 2
                local.tee 0
                i64.eqz
                local.set 3
                block ;; label = @7
                  block ;; label = @8
                    memory.size
                    i32.const 65536
                    i32.mul
                    i32.const 47699
                    local.get 3
                    i32.add
                    i32.le_u
                    br_if 0 (;@8;)
                    local.get 3
                    i32.const 0
                    i32.le_s
                    br_if 0 (;@8;)
                    local.get 3
                    i64.load16_u offset=47691 align=1
                    local.set 4
                    br 1 (;@7;)
                  end
                  i64.const 0
                  local.set 4
                end
                local.get 4
                global.get 2
                i64.xor
                global.set 2
              end
            end
            i32.const 524287
          end
          global.get 1
          i32.xor
          global.set 1
          global.get 2
          i64.xor
          global.set 2
        end
      end
      global.get 1
      i32.xor
      global.set 1
      global.get 2
      i64.xor
      global.set 2
    end
  )
  (func (;3;) (type 2) (param i32)
    (local i32 i64 i32 i64)
    call 2
    i64.const 3190166460993422790
    i64.const 6003276371900865942
    i64.gt_u
    br_if 0
    data.drop 0
    block (type 1) ;; label = @1
      call 2
      i32.const 1749374356
      i32.ctz
      i64.extend_i32_u
      i32.wrap_i64
      global.get 0
      i32.const 512
      br_if 1
      loop (type 0) ;; label = @2
        call 0
        br 1 (;@1;)
        br 2
        call 0
        memory.size
        memory.grow
        local.set 1
        block ;; label = @3
          block ;; label = @4
            memory.size
            i32.const 65536
            i32.mul
            i32.const 46253
            local.get 1
            i32.add
            i32.le_u
            br_if 0 (;@4;)
            local.get 1
            i32.const 0
            i32.le_s
            br_if 0 (;@4;)
            local.get 1
            i64.load16_u offset=46245 align=1
            local.set 2
            br 1 (;@3;)
          end
          i64.const 0
          local.set 2
        end
        local.get 2
        call 2
        call 2
        i64.popcnt
        loop ;; label = @3
          local.get 0
          local.set 3
          block ;; label = @4
            block ;; label = @5
              memory.size
              i32.const 65536
              i32.mul
              i32.const 58012
              local.get 3
              i32.add
              i32.le_u
              br_if 0 (;@5;)
              local.get 3
              i32.const 0
              i32.le_s
              br_if 0 (;@5;)
              local.get 3
              i64.load16_s offset=58004
              local.set 4
              br 1 (;@4;)
            end
            i64.const 0
            local.set 4
          end
          local.get 4
          global.get 2
          i64.xor
          global.set 2
        end
        global.get 2
        i64.xor
        global.set 2
      end
      global.get 2
      i64.xor
      global.set 2
      global.get 1
      i32.xor
      global.set 1
    end
  )
  (data (;0;) (i32.const 27728) "\12")
)
