(module
  (type (;0;) (func))
  (type (;1;) (func))
  (type (;2;) (func (param f64)))
  (type (;3;) (func (param f32 funcref) (result f64)))
  (type (;4;) (func (param funcref) (result f64 i32)))
  (type (;5;) (func (result i64)))
  (type (;6;) (func (param f64 i64 f32 i64 i32 i32)))
  (memory (;0;) 1 2)
  (global (;0;) f64 f64.const -0x1.fd7c5ed4cd605p-375 (;=-0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002586090766397552;))
  (global (;1;) (mut i32) i32.const 0)
  (global (;2;) (mut i64) i64.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (export "{" (func 0))
  (export "" (memory 0))
  (export "2" (global 0))
  (export "3" (global 1))
  (export "5" (global 2))
  (export "55" (global 3))
  (func (;0;) (type 3) (param f32 funcref) (result f64)
    (local externref i32 i32 i32 i32)
    block (type 0) ;; label = @1
      f32.const 0x1.p-127 (;=0.000000000000000000000000000000000000005877472;)
      block (result i64) ;; label = @2
        i32.const 4194304
        local.set 3
        block ;; label = @3
          block ;; label = @4
            memory.size
            i32.const 65536
            i32.mul
            i32.const 84383908
            local.get 3
            i32.add
            i32.le_u
            br_if 0 (;@4;)
            local.get 3
            i32.const 0
            i32.le_s
            br_if 0 (;@4;)
            local.get 3
            i32.load8_s offset=84383904
            local.set 4
            br 1 (;@3;)
          end
          i32.const 0
          local.set 4
        end
        local.get 4
        memory.size
        local.set 5
        block ;; label = @3
          block ;; label = @4
            memory.size
            i32.const 65536
            i32.mul
            i32.const 53835
            local.get 5
            i32.add
            i32.le_u
            br_if 0 (;@4;)
            local.get 5
            i32.const 0
            i32.le_s
            br_if 0 (;@4;)
            local.get 5
            i32.load offset=53831 align=1
            local.set 6
            br 1 (;@3;)
          end
          i32.const 0
          local.set 6
        end
        local.get 6
        global.get 1
        i32.xor
        global.set 1
        global.get 1
        i32.xor
        global.set 1
        i64.const 65520
      end
      global.get 2
      i64.xor
      global.set 2
      i32.reinterpret_f32
      global.get 3
      i32.xor
      global.set 3
    end
    f64.const -0x1.fffffffffffffp+768 (;=-3105036184601417500000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
  )
  (data (;0;) (i32.const 253) "")
)
