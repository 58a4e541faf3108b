;; Bulk memory: memory.fill/copy/init with passive and active data, data.drop; segment drops
;; and overlapping copies are the hazard.
(module
  (memory (export "mem") 1 2)
  (data $p "hello, memo world")
  (data (i32.const 32) "\ff\fe\fd\fc")
  (func (export "fill") (param i32 i32 i32)
    local.get 0 i32.const 1023 i32.and local.get 1 local.get 2 i32.const 63 i32.and memory.fill)
  (func (export "copy") (param i32 i32 i32)
    local.get 0 i32.const 1023 i32.and local.get 1 i32.const 1023 i32.and local.get 2 i32.const 63 i32.and memory.copy)
  (func (export "init") (param i32 i32)
    local.get 0 i32.const 1023 i32.and i32.const 0 local.get 1 i32.const 31 i32.and memory.init $p)
  (func (export "drop") data.drop $p)
  (func (export "read") (param i32) (result i64) local.get 0 i32.const 1023 i32.and i64.load)
  (func (export "init_read") (result i32)
    i32.const 100 i32.const 7 i32.const 5 memory.init $p i32.const 100 i32.load))
