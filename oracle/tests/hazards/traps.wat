;; Traps after partial effects: a hit must not skip a trap, and a unit that stores then
;; traps keeps its store.
(module
  (memory (export "mem") 1)
  (global $count (export "count") (mut i32) (i32.const 0))
  (table 2 funcref)
  (elem (i32.const 0) func $nop)
  (func $nop)
  (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
  (func (export "rem") (param i64 i64) (result i64) local.get 0 local.get 1 i64.rem_u)
  (func (export "store_then_div") (param i32 i32) (result i32)
    i32.const 8 local.get 0 i32.store
    global.get $count i32.const 1 i32.add global.set $count
    local.get 0 local.get 1 i32.div_u)
  (func (export "oob") (param i32) (result i32) local.get 0 i32.load offset=65532)
  (func (export "indirect") (param i32) local.get 0 call_indirect)
  (func (export "maybe_unreachable") (param i32) (result i32)
    local.get 0 i32.const 3 i32.and i32.eqz if unreachable end local.get 0)
  (func (export "trunc") (param f32) (result i32) local.get 0 i32.trunc_f32_u))
