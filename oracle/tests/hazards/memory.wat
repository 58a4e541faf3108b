;; Loads and stores of every width, an i64 load straddling 64-byte memo chunks, and a loop
;; summing memory: stale memory reads are the hazard.
(module
  (memory (export "mem") 1 4)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
  (func (export "load32") (param i32) (result i32) local.get 0 i32.load)
  (func (export "load64") (param i32) (result i64) local.get 0 i64.load)
  (func (export "load8s") (param i32) (result i32) local.get 0 i32.load8_s offset=3)
  (func (export "load16u") (param i32) (result i64) local.get 0 i64.load16_u offset=1)
  (func (export "straddle") (result i64) i32.const 60 i64.load)
  (func (export "store32") (param i32 i32) local.get 0 local.get 1 i32.store)
  (func (export "store8") (param i32 i32) local.get 0 local.get 1 i32.store8 offset=2)
  (func (export "store64") (param i32 i64) local.get 0 local.get 1 i64.store)
  (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $s i32)
    local.get $n i32.const 256 i32.rem_u local.set $n
    block $done
      loop $next
        local.get $i local.get $n i32.ge_u br_if $done
        local.get $s local.get $i i32.load8_u i32.add local.set $s
        local.get $i i32.const 1 i32.add local.set $i
        br $next
      end
    end
    local.get $s)
  (func (export "swap") (param i32 i32)
    (local $t i32)
    local.get 0 i32.const 255 i32.and local.set 0
    local.get 1 i32.const 255 i32.and local.set 1
    local.get 0 i32.load8_u local.set $t
    local.get 0 local.get 1 i32.load8_u i32.store8
    local.get 1 local.get $t i32.store8))
