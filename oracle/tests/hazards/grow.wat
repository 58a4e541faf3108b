;; memory.grow and memory.size, and loads near the end of memory: stale sizes and bounds
;; checks are the hazard.
(module
  (memory (export "mem") 1 3)
  (func (export "size") (result i32) memory.size)
  (func (export "grow") (param i32) (result i32) local.get 0 i32.const 3 i32.and memory.grow)
  (func (export "last") (result i32) memory.size i32.const 16 i32.shl i32.const 4 i32.sub i32.load)
  (func (export "poke_last") (param i32) memory.size i32.const 16 i32.shl i32.const 4 i32.sub local.get 0 i32.store)
  (func (export "at") (param i32) (result i32) local.get 0 i32.load)
  (func (export "grow_then_size") (param i32) (result i32)
    local.get 0 i32.const 1 i32.and memory.grow drop memory.size))
