(module
  (type (;0;) (func))
  (global (;0;) (mut i32) i32.const 0)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i64) i64.const 0)
  (global (;4;) (mut i32) i32.const 3419)
  (export "w" (func 0))
  (export "" (func 1))
  (export "4" (global 0))
  (export "\u{16}\u{c}" (global 1))
  (export "\u{4cd}" (global 2))
  (export "!id" (global 3))
  (func (;0;) (type 0)
    (local externref f64 f64 f64 f64)
    global.get 4
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 4
    i32.const 1
    i32.sub
    global.set 4
    local.get 0
    f64.const 0x1.p-1062 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020237;)
    f64.nearest
    local.tee 1
    f64.const nan (;=NaN;)
    local.get 1
    local.get 1
    f64.eq
    select
    f64.ceil
    local.tee 2
    f64.const nan (;=NaN;)
    local.get 2
    local.get 2
    f64.eq
    select
    f64.sqrt
    local.tee 3
    f64.const nan (;=NaN;)
    local.get 3
    local.get 3
    f64.eq
    select
    i64.trunc_sat_f64_s
    br 0
    i64.ctz
    f32.convert_i64_s
    i32.reinterpret_f32
    f32.const 0x1.26d6d4p-29 (;=0.0000000021452373;)
    loop ;; label = @1
      global.get 4
      i32.eqz
      if ;; label = @2
        unreachable
      end
      global.get 4
      i32.const 1
      i32.sub
      global.set 4
      i64.const -827745040956501106
      i64.clz
      i64.clz
      f64.const 0x1.e9fa3d8378c42p+151 (;=5463431702772359000000000000000000000000000000;)
      br 1
      local.tee 4
      local.get 4
      f64.ne
      local.get 4
      f64.const inf (;=inf;)
      f64.eq
      local.get 4
      f64.const -inf (;=-inf;)
      f64.eq
      i32.or
      i32.or
      if ;; label = @2
        f64.const 0x0p+0 (;=0;)
        local.set 4
      end
      local.get 4
      f64.const 0x0p+0 (;=0;)
      f64.lt
      if ;; label = @2
        f64.const 0x0p+0 (;=0;)
        local.set 4
      end
      local.get 4
      f64.const 0x1.fffffffcp+30 (;=2147483647;)
      f64.gt
      if ;; label = @2
        f64.const 0x1.fffffffcp+30 (;=2147483647;)
        local.set 4
      end
      local.get 4
      i32.trunc_f64_u
      global.get 0
      i32.xor
      global.set 0
      global.get 1
      i64.xor
      global.set 1
    end
    i32.reinterpret_f32
    global.get 2
    i32.xor
    global.set 2
    global.get 0
    i32.xor
    global.set 0
    drop
  )
  (func (;1;) (type 0)
    (local f32 externref f64 f64 f64)
    global.get 4
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 4
    i32.const 1
    i32.sub
    global.set 4
    nop
    f32.const -0x1.3e504cp+92 (;=-6157081600000000000000000000;)
    i64.trunc_sat_f32_u
    f64.const 0x1.a37b07e567a7p-311 (;=0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003927744711748829;)
    block (result f64) ;; label = @1
      block ;; label = @2
        br 2
        f32.const -0x1.4805a6p+24 (;=-21497254;)
        f32.const -nan:0x7ff7ff (;=NaN;)
        i64.const -6932356088212239205
        f64.const -nan:0xffffffffdffff (;=NaN;)
        br 0 (;@2;)
        loop (result f64) ;; label = @3
          global.get 4
          i32.eqz
          if ;; label = @4
            unreachable
          end
          global.get 4
          i32.const 1
          i32.sub
          global.set 4
          block ;; label = @4
            loop ;; label = @5
              global.get 4
              i32.eqz
              if ;; label = @6
                unreachable
              end
              global.get 4
              i32.const 1
              i32.sub
              global.set 4
              data.drop 1
              br 3 (;@2;)
              data.drop 1
              f32.const -0x1.b20102p+78 (;=-512381400000000000000000;)
              local.set 0
              br 0 (;@5;)
              f64.const -0x1.adbffbd756374p-394 (;=-0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000416061532414044;)
              f64.sqrt
              local.tee 2
              f64.const nan (;=NaN;)
              local.get 2
              local.get 2
              f64.eq
              select
              f64.abs
              f64.neg
              f64.sqrt
              local.tee 3
              f64.const nan (;=NaN;)
              local.get 3
              local.get 3
              f64.eq
              select
              i64.reinterpret_f64
              f64.convert_i64_u
              f64.abs
              local.tee 4
              local.get 4
              f64.ne
              local.get 4
              f64.const inf (;=inf;)
              f64.eq
              local.get 4
              f64.const -inf (;=-inf;)
              f64.eq
              i32.or
              i32.or
              if ;; label = @6
                f64.const 0x0p+0 (;=0;)
                local.set 4
              end
              local.get 4
              f64.const -0x1.fffffffffffffp+62 (;=-9223372036854775000;)
              f64.lt
              if ;; label = @6
                f64.const -0x1.fffffffffffffp+62 (;=-9223372036854775000;)
                local.set 4
              end
              local.get 4
              f64.const 0x1.fffffffffffffp+62 (;=9223372036854775000;)
              f64.gt
              if ;; label = @6
                f64.const 0x1.fffffffffffffp+62 (;=9223372036854775000;)
                local.set 4
              end
              local.get 4
              i64.trunc_f64_s
              global.get 1
              i64.xor
              global.set 1
            end
          end
          f64.const -0x1p+1021 (;=-22471164185778950000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
        end
        i64.reinterpret_f64
        global.get 3
        i64.xor
        global.set 3
        i64.reinterpret_f64
        global.get 3
        i64.xor
        global.set 3
        global.get 1
        i64.xor
        global.set 1
        i32.reinterpret_f32
        global.get 2
        i32.xor
        global.set 2
        i32.reinterpret_f32
        global.get 2
        i32.xor
        global.set 2
      end
      f64.const -0x1p+1009 (;=-5486124068793689000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
    end
    i64.reinterpret_f64
    global.get 3
    i64.xor
    global.set 3
    i64.reinterpret_f64
    global.get 3
    i64.xor
    global.set 3
    global.get 1
    i64.xor
    global.set 1
  )
  (data (;0;) "")
  (data (;1;) "$")
)
