;; An exported table driven by call_indirect, table.set/get/grow/fill/size and ref.func:
;; stale indirect calls and table sizes are the hazard.
(module
  (type $ret (func (result i32)))
  (type $un (func (param i32) (result i32)))
  (table $t (export "tab") 4 8 funcref)
  (elem (i32.const 0) func $ten $twenty $dbl)
  (elem declare func $ten $twenty $dbl $thirty)
  (func $ten (result i32) i32.const 10)
  (func $twenty (result i32) i32.const 20)
  (func $thirty (result i32) i32.const 30)
  (func $dbl (param i32) (result i32) local.get 0 i32.const 2 i32.mul)
  (func (export "call") (param i32) (result i32) local.get 0 call_indirect $t (type $ret))
  (func (export "call1") (param i32 i32) (result i32) local.get 1 local.get 0 call_indirect $t (type $un))
  (func (export "set") (param $i i32) (param $w i32) (local $r funcref)
    ref.func $ten local.set $r
    local.get $w i32.const 1 i32.and if ref.func $twenty local.set $r end
    local.get $w i32.const 2 i32.and if ref.func $thirty local.set $r end
    local.get $i local.get $r table.set $t)
  (func (export "size") (result i32) table.size $t)
  (func (export "grow") (param i32) (result i32) ref.func $thirty local.get 0 i32.const 3 i32.and table.grow $t)
  (func (export "fill") (param i32) local.get 0 ref.func $twenty i32.const 2 table.fill $t)
  (func (export "clear") (param i32) local.get 0 ref.null func table.set $t)
  (func (export "isnull") (param i32) (result i32) local.get 0 table.get $t ref.is_null))
