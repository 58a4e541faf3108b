;; Memo mode replayed a recursive function's `if` unit with a cell value that the recorded
;; path never wrote. A unit's outputs were every cell its code could write; on the `then`
;; path the else-branch's call temporary keeps whatever it held, and the entry recorded
;; that stale value. Here the cell was dead, so only verify mode (memo-aggressive) saw it:
;; "cached: cell 4 = 0x0; real: cell 4 = 0x1". Fixed by making a unit's outputs the locals
;; it writes plus the cells its exit carries (MemoLeave). Found by the spec runner's
;; memo-aggressive column on v1/call.wast:261 and call_indirect.wast.
(module
  (func $f (export "f") (param i64) (result i64)
    (if (result i64) (i64.le_u (local.get 0) (i64.const 1))
      (then (i64.const 1))
      (else (i64.add (call $f (i64.sub (local.get 0) (i64.const 1))) (call $f (i64.const 0)))))))
(assert_return (invoke "f" (i64.const 3)) (i64.const 3))
(assert_return (invoke "f" (i64.const 5)) (i64.const 5))
