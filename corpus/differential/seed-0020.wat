(module
  (type (;0;) (func (param f64 f32) (result f64 i32)))
  (type (;1;) (func))
  (table (;0;) 1 4 funcref)
  (table (;1;) 14 21 funcref)
  (global (;0;) (mut i32) i32.const 0)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (export "x" (func 0))
  (export "" (table 0))
  (export "2" (table 1))
  (export "\u{1a}y\u{7}" (global 0))
  (export "4" (global 1))
  (export "5" (global 2))
  (elem (;0;) func)
  (func (;0;) (type 1)
    (local i64 f64 f64)
    i32.const -16385
    f32.reinterpret_i32
    br 0
    i32.const -1259014753
    f64.const 0x1.fff8p-1061 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000080943;)
    local.tee 1
    local.get 1
    f64.ne
    local.get 1
    f64.const inf (;=inf;)
    f64.eq
    local.get 1
    f64.const -inf (;=-inf;)
    f64.eq
    i32.or
    i32.or
    if ;; label = @1
      f64.const 0x0p+0 (;=0;)
      local.set 1
    end
    local.get 1
    f64.const 0x0p+0 (;=0;)
    f64.lt
    if ;; label = @1
      f64.const 0x0p+0 (;=0;)
      local.set 1
    end
    local.get 1
    f64.const 0x1.fffffffcp+30 (;=2147483647;)
    f64.gt
    if ;; label = @1
      f64.const 0x1.fffffffcp+30 (;=2147483647;)
      local.set 1
    end
    local.get 1
    i32.trunc_f64_u
    if ;; label = @1
    end
    i32.eqz
    elem.drop 0
    table.size 0
    f32.convert_i32_u
    call 0
    data.drop 0
    i32.trunc_sat_f32_u
    i32.or
    i64.extend_i32_s
    f64.reinterpret_i64
    f64.ceil
    local.tee 2
    f64.const nan (;=NaN;)
    local.get 2
    local.get 2
    f64.eq
    select
    loop ;; label = @1
      loop (type 1) ;; label = @2
        loop ;; label = @3
          br 1 (;@2;)
          data.drop 0
          f64.const 0x1.6476fb3f2119p-837 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001519393554369087;)
          data.drop 0
          call 0
          table.size 1
          global.get 0
          i32.xor
          global.set 0
          i64.reinterpret_f64
          global.get 1
          i64.xor
          global.set 1
        end
      end
    end
    i64.reinterpret_f64
    global.get 1
    i64.xor
    global.set 1
    i32.reinterpret_f32
    global.get 2
    i32.xor
    global.set 2
  )
  (data (;0;) "")
)
