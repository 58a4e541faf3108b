(module
  (type (;0;) (func (result i32 funcref)))
  (global (;0;) (mut i32) i32.const 0)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i32) i32.const 710)
  (export "I\u{c721}\u{1d}L" (func 0))
  (export "" (func 1))
  (export "2" (global 0))
  (export "z" (global 1))
  (func (;0;) (type 0) (result i32 funcref)
    (local i32)
    global.get 2
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 2
    i32.const 1
    i32.sub
    global.set 2
    block (type 0) (result i32 funcref) ;; label = @1
      ref.null extern
      ref.null func
      local.get 0
      local.get 0
      i32.clz
      local.tee 0
      i32.const -1588261713
      i32.eq
      i32.gt_u
      i32.const -513
      i32.mul
      call 1
      i32.const -1306191658
      i32.const -64
      i32.popcnt
      i32.ge_s
      i32.clz
      i32.popcnt
      local.tee 0
      i32.ctz
      i32.eqz
      i64.extend_i32_s
      i32.wrap_i64
      i32.ctz
      local.get 0
      i32.eq
      br_table 0 (;@1;) 1 1
      i64.const -4782023651779523463
      block (result externref) ;; label = @2
        i64.const -65536
        i32.const 262143
        i64.extend_i32_u
        i64.shr_u
        ref.null extern
        ref.null func
        call 1
        br 1 (;@1;)
        block (type 0) (result i32 funcref) ;; label = @3
          i64.const 6506948782294895787
          i64.eqz
          i32.const -1678012438
          i32.eq
          i32.eqz
          if ;; label = @4
            call 0
            i64.const -68719476737
            block (result i32) ;; label = @5
              call 1
              loop (type 0) (result i32 funcref) ;; label = @6
                global.get 2
                i32.eqz
                if ;; label = @7
                  unreachable
                end
                global.get 2
                i32.const 1
                i32.sub
                global.set 2
                i64.const -1048576
                block (type 0) (result i32 funcref) ;; label = @7
                  i64.const 5824486632249491557
                  i32.const -1282208550
                  local.set 0
                  i32.const -643826236
                  local.set 0
                  call 1
                  drop
                  global.get 0
                  i32.xor
                  global.set 0
                  global.get 1
                  i64.xor
                  global.set 1
                  i32.const 63
                  ref.null func
                end
                drop
                global.get 0
                i32.xor
                global.set 0
                global.get 1
                i64.xor
                global.set 1
                i32.const 826700978
                ref.null func
              end
              drop
              global.get 0
              i32.xor
              global.set 0
              drop
            end
            global.get 0
            i32.xor
            global.set 0
            global.get 1
            i64.xor
            global.set 1
            drop
            global.get 0
            i32.xor
            global.set 0
          end
          i32.const -2032761701
          ref.null func
        end
        drop
        global.get 0
        i32.xor
        global.set 0
        drop
        drop
        global.get 1
        i64.xor
        global.set 1
        ref.null extern
      end
      drop
      global.get 1
      i64.xor
      global.set 1
      global.get 0
      i32.xor
      global.set 0
      drop
      drop
      i32.const 705827769
      ref.null func
    end
  )
  (func (;1;) (type 0) (result i32 funcref)
    global.get 2
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 2
    i32.const 1
    i32.sub
    global.set 2
    ref.null func
    block ;; label = @1
      i32.const 759436189
      loop (result externref) ;; label = @2
        global.get 2
        i32.eqz
        if ;; label = @3
          unreachable
        end
        global.get 2
        i32.const 1
        i32.sub
        global.set 2
        ref.null extern
      end
      drop
      global.get 0
      i32.xor
      global.set 0
    end
    drop
    i32.const -598706926
    ref.null func
  )
)
