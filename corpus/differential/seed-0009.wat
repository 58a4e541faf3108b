(module
  (type (;0;) (func (result i64 i64)))
  (memory (;0;) 1 3)
  (global (;0;) (mut externref) ref.null extern)
  (global (;1;) (mut externref) ref.null extern)
  (global (;2;) (mut i64) i64.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (export "d" (func 0))
  (export "" (memory 0))
  (export "2" (global 0))
  (export "3" (global 1))
  (export "v\u{23a}\u{1}g" (global 2))
  (export "5" (global 3))
  (elem (;0;) declare func)
  (elem (;1;) func)
  (elem (;2;) func)
  (func (;0;) (type 0) (result i64 i64)
    (local i64 i32 i64)
    elem.drop 1
    memory.size
    block (result externref) ;; label = @1
      global.get 0
      i32.const 64
      local.set 1
      block ;; label = @2
        block ;; label = @3
          memory.size
          i32.const 65536
          i32.mul
          i32.const 29179
          local.get 1
          i32.add
          i32.le_u
          br_if 0 (;@3;)
          local.get 1
          i32.const 0
          i32.le_s
          br_if 0 (;@3;)
          local.get 1
          i64.load offset=29171 align=2
          local.set 2
          br 1 (;@2;)
        end
        i64.const 0
        local.set 2
      end
      local.get 2
      loop ;; label = @2
        ref.null extern
        block (type 0) (result i64 i64) ;; label = @3
          local.get 0
          block (result i32) ;; label = @4
            br 2 (;@2;)
            br 2 (;@2;)
            local.get 0
            i64.clz
            br 2 (;@2;)
            i64.popcnt
            i64.popcnt
            local.tee 0
            i64.ctz
            local.tee 0
            elem.drop 0
            i64.const -4097
            i32.const -33554433
            elem.drop 2
            i64.const 196592
            local.get 0
            local.get 0
            i64.mul
            global.get 2
            i64.xor
            global.set 2
            global.get 2
            i64.xor
            global.set 2
            global.get 3
            i32.xor
            global.set 3
            global.get 2
            i64.xor
            global.set 2
            global.get 2
            i64.xor
            global.set 2
            i32.const 65552
          end
          global.get 3
          i32.xor
          global.set 3
          i64.const 34359738368
        end
        global.get 2
        i64.xor
        global.set 2
        global.get 2
        i64.xor
        global.set 2
        drop
      end
      global.get 2
      i64.xor
      global.set 2
    end
    drop
    global.get 3
    i32.xor
    global.set 3
    i64.const 2147483647
    i64.const -562949953421313
  )
)
