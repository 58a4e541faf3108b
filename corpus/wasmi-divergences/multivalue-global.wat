(module
  (type (;0;) (func (param i32 i64)))
  (memory (;0;) 0 1)
  (global (;0;) (mut f64) f64.const -0x1.5a7d0202456c9p-991 (;=-0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006467298714712408;))
  (global (;1;) (mut i32) i32.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i64) i64.const 0)
  (global (;4;) (mut i64) i64.const 0)
  (export "" (func 0))
  (export "1" (func 1))
  (export "2" (memory 0))
  (export "3" (global 0))
  (export "82" (global 1))
  (export "/" (global 2))
  (export "U" (global 3))
  (export "7" (global 4))
  (func (;0;) (type 0) (param i32 i64)
    (local i32 f32)
    loop ;; label = @1
      i32.const -1633002734
      i32.extend8_s
      br_if 0 (;@1;)
      br 1
      f32.const -0x1.a40baep-108 (;=-0.0000000000000000000000000000000050561153;)
      f64.promote_f32
      i32.const -134217729
      i32.extend16_s
      i64.load32_u align=2
      i64.ctz
      i64.clz
      br 0 (;@1;)
      i64.ctz
      local.tee 1
      memory.size
      local.get 2
      i32.extend8_s
      i64.extend_i32_s
      i64.ctz
      local.tee 1
      f32.convert_i64_u
      global.get 0
      drop
      i32.reinterpret_f32
      global.get 1
      i32.xor
      global.set 1
      global.get 2
      i32.xor
      global.set 2
      global.get 3
      i64.xor
      global.set 3
      i64.reinterpret_f64
      global.get 4
      i64.xor
      global.set 4
    end
  )
  (func (;1;) (type 0) (param i32 i64)
    (local f32)
    block ;; label = @1
      loop ;; label = @2
      end
      block (result i32) ;; label = @2
        loop (result i64) ;; label = @3
          local.get 1
          memory.size
          local.get 1
          local.get 0
          i32.eqz
          if (type 0) (param i32 i64) ;; label = @4
            f32.const -0x1.055002p+70 (;=-1205091300000000000000;)
            f32.floor
            local.tee 2
            f32.const nan (;=NaN;)
            local.get 2
            local.get 2
            f32.eq
            select
            i64.trunc_f32_u
            block ;; label = @5
              loop ;; label = @6
                global.get 0
                drop
              end
            end
            global.get 3
            i64.xor
            global.set 3
            global.get 3
            i64.xor
            global.set 3
            global.get 2
            i32.xor
            global.set 2
          else
            global.get 3
            i64.xor
            global.set 3
            global.get 2
            i32.xor
            global.set 2
          end
        end
        global.get 3
        i64.xor
        global.set 3
        i32.const 1073741823
      end
      global.get 2
      i32.xor
      global.set 2
    end
  )
)
