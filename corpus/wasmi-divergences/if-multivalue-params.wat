(module
  (type (;0;) (func (param i64) (result i64 i64 i64)))
  (memory (;0;) 1 3)
  (global (;0;) i64 i64.const 3017896342399051539)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (export "w" (func 0))
  (export "" (memory 0))
  (export "2" (global 0))
  (export "3" (global 1))
  (export "BL" (global 2))
  (func (;0;) (type 0) (param i64) (result i64 i64 i64)
    (local i32 i32 i32 i32 i64)
    memory.size
    local.set 2
    block ;; label = @1
      block ;; label = @2
        memory.size
        i32.const 65536
        i32.mul
        i32.const 62058
        local.get 2
        i32.add
        i32.le_u
        br_if 0 (;@2;)
        local.get 2
        i32.const 0
        i32.le_s
        br_if 0 (;@2;)
        local.get 2
        i32.load8_u offset=62054
        local.set 3
        br 1 (;@1;)
      end
      i32.const 0
      local.set 3
    end
    local.get 3
    memory.size
    i64.const -5394288872702919867
    local.get 1
    if (type 0) (param i64) (result i64 i64 i64) ;; label = @1
      i32.const 1436614039
      i32.const -1669002080
      local.tee 1
      i32.and
      local.set 4
      block ;; label = @2
        block ;; label = @3
          memory.size
          i32.const 65536
          i32.mul
          i32.const 4149
          local.get 4
          i32.add
          i32.le_u
          br_if 0 (;@3;)
          local.get 4
          i32.const 0
          i32.le_s
          br_if 0 (;@3;)
          local.get 4
          i64.load32_s offset=4141 align=2
          local.set 5
          br 1 (;@2;)
        end
        i64.const 0
        local.set 5
      end
      local.get 5
      i64.const 4649117189876815044
    else
      i64.const 65520
      i64.const 17592186044415
    end
    global.get 1
    i64.xor
    global.set 1
    global.get 1
    i64.xor
    global.set 1
    global.get 1
    i64.xor
    global.set 1
    global.get 2
    i32.xor
    global.set 2
    global.get 2
    i32.xor
    global.set 2
    i64.const -2639990262107402893
    i64.const 2048
    i64.const 1024
  )
)
