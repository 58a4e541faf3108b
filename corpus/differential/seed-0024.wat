(module
  (type (;0;) (func (result i32)))
  (type (;1;) (func (param f64) (result f64 f32 i64)))
  (type (;2;) (func (result i32)))
  (type (;3;) (func))
  (type (;4;) (func (param f32 i64) (result f32)))
  (memory (;0;) 0 1)
  (global (;0;) (mut i64) i64.const 0)
  (global (;1;) (mut i32) i32.const 0)
  (global (;2;) (mut i64) i64.const 0)
  (export "QA/" (func 0))
  (export "" (func 1))
  (export "2" (memory 0))
  (export "3" (global 0))
  (export "\u{3}" (global 1))
  (export "\u{8}" (global 2))
  (func (;0;) (type 4) (param f32 i64) (result f32)
    (local i32 i32)
    loop (result i32) ;; label = @1
      br 0 (;@1;)
      loop (result externref) ;; label = @2
        ref.null func
        i64.const -4611686018427387904
        i64.extend16_s
        block (type 2) (result i32) ;; label = @3
          memory.size
          f64.load align=4
          i64.reinterpret_f64
          global.get 0
          i64.xor
          global.set 0
          i32.const -1847329134
        end
        global.get 1
        i32.xor
        global.set 1
        global.get 2
        i64.xor
        global.set 2
        drop
        ref.null extern
      end
      drop
      i32.const -18939095
    end
    global.get 1
    i32.xor
    global.set 1
    f32.const 0x1.a1145p+77 (;=246200190000000000000000;)
  )
  (func (;1;) (type 1) (param f64) (result f64 f32 i64)
    ref.null func
    block (type 0) (result i32) ;; label = @1
      block (type 0) (result i32) ;; label = @2
        loop (type 3) ;; label = @3
          local.get 0
          ref.null func
          br 0 (;@3;)
          local.get 0
          i64.const 1024
          local.get 0
          nop
          ref.null extern
          loop (type 0) (result i32) ;; label = @4
            local.get 0
            i64.reinterpret_f64
            global.get 0
            i64.xor
            global.set 0
            i32.const 134217728
          end
          global.get 1
          i32.xor
          global.set 1
          drop
          i64.reinterpret_f64
          global.get 0
          i64.xor
          global.set 0
          global.get 2
          i64.xor
          global.set 2
          i64.reinterpret_f64
          global.get 0
          i64.xor
          global.set 0
          drop
          i64.reinterpret_f64
          global.get 0
          i64.xor
          global.set 0
        end
        i32.const 1803967714
      end
    end
    global.get 1
    i32.xor
    global.set 1
    drop
    f64.const 0x1.fffffffffffffp-1016 (;=0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000028480945388892175;)
    f32.const 0x1.2ea072p-4 (;=0.07388348;)
    i64.const -17179869185
  )
)
