;; 0003: memo replayed a load from a chunk that a straddling store had changed. A store that
;; crosses a chunk boundary must bump the versions of both chunks; with only the first one bumped
;; (a bug seeded on purpose, in a scratch copy, to try `memowasm reduce`), the hot unit of
;; `peek_hi` (a load at 4096, the start of the second 4 KiB chunk) kept returning the bytes from
;; before `poke` stored across 4092..4099: memo returned 0, plain 21474836475. memo-aggressive
;; (64-byte chunks, verify on) fails too: verify mode reports the stale entry.
;; Signature: plain vs memo at a call: result differs.
;; Found by `memowasm diff --calls 2000 --seed 6` on a 3,056-byte module (48 padding functions
;; around peek/peek_hi/poke/sum) at step 271 of 2,123; `memowasm reduce` cut it to these 88 bytes
;; and 5 steps, in 0.8 s and 2,845 predicate calls. The expected values are the plain engine's.
(module
  (type (;0;) (func (result i64)))
  (type (;1;) (func (param i64)))
  (memory (;0;) 1)
  (export "peek_hi" (func 0))
  (export "poke" (func 1))
  (func (;0;) (type 0) (result i64)
    i32.const 4096
    i64.load
    i64.const 5
    i64.mul
    i64.const 0
    i64.const 9
    i64.rotl
    i64.xor
  )
  (func (;1;) (type 1) (param i64)
    i32.const 60
    local.get 0
    i64.store
    i32.const 4092
    local.get 0
    i64.store
  )
)
(assert_return (invoke "peek_hi") (i64.const 0))
(assert_return (invoke "peek_hi") (i64.const 0))
(assert_return (invoke "peek_hi") (i64.const 0))
(assert_return (invoke "poke" (i64.const -1)))
(assert_return (invoke "peek_hi") (i64.const 21474836475))
