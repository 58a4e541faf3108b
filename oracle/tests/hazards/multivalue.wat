;; Multi-value blocks, block parameters, br_table to outer labels, early returns: unit exits
;; and arity are the hazard.
(module
  (memory (export "mem") 1)
  (type $two (func (param i32 i32) (result i32 i32)))
  (func (export "swap") (param i32 i32) (result i32 i32)
    local.get 0 local.get 1 (block (type $two) (local.set 0) (local.set 1) local.get 0 local.get 1))
  (func (export "divmod") (param i32 i32) (result i32 i32)
    local.get 1 i32.eqz if (result i32 i32) i32.const -1 i32.const -1 else
      local.get 0 local.get 1 i32.div_u local.get 0 local.get 1 i32.rem_u end)
  (func (export "exit") (param i32) (result i32)
    block $a (result i32)
      block $b (result i32)
        block $c (result i32)
          i32.const 100 local.get 0 br_table $a $b $c
        end
        i32.const 1 i32.add return
      end
      i32.const 2 i32.add
    end
    i32.const 3 i32.add)
  (func (export "fold") (param i32 i32 i32) (result i32)
    local.get 0 local.get 1 local.get 2
    (block (param i32 i32 i32) (result i32) i32.add i32.mul))
  (func (export "pairs") (param i64) (result i64 i64 i32)
    local.get 0 local.get 0 i64.const 1 i64.shl local.get 0 i64.eqz)
  (func (export "store_pair") (param i32 i32) (result i32)
    local.get 0 i32.const 255 i32.and local.get 1
    (block (param i32 i32) (result i32) i32.store i32.const 7)
    local.get 0 i32.const 255 i32.and i32.load i32.add))
