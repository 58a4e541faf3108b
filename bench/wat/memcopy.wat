;; memory: memcpy-like copying. A 64 KiB source buffer (pseudo-random bytes) is copied n
;; times, rotating through three copiers: a byte loop, an 8-byte word loop, and memory.copy;
;; then an overlapping memmove (memory.copy within the destination, shifted by 1..64 bytes).
;; After each copy an order-sensitive checksum of the destination is compared with the
;; expected one. Every round changes the buffers: memo should get out of the way.
;; Returns the checksum of the last destination.
;;
;; Layout: src at 0x10000, dst at 0x20000, scratch at 0x30000 (each 64 KiB).
(module
  (memory 4)
  (global $seed (mut i32) (i32.const 0x2545f491))

  (func $rand (result i32) (local $x i32)
    (local.set $x (global.get $seed))
    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
    (global.set $seed (local.get $x))
    (local.get $x))

  ;; order-sensitive checksum of len bytes at p (len a multiple of 8)
  (func $sum (param $p i32) (param $len i32) (result i64) (local $h i64) (local $end i32)
    (local.set $end (i32.add (local.get $p) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $h (i64.add (i64.mul (local.get $h) (i64.const 0x100000001b3))
                               (i64.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $next)))
    (local.get $h))

  (func $copy_bytes (param $d i32) (param $s i32) (param $n i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $d) (local.get $i)) (i32.load8_u (i32.add (local.get $s) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  (func $copy_words (param $d i32) (param $s i32) (param $n i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i64.store (i32.add (local.get $d) (local.get $i)) (i64.load (i32.add (local.get $s) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $next))))

  (func (export "run") (param $n i32) (result i32)
    (local $i i32) (local $r i32) (local $want i64) (local $got i64) (local $shift i32)
    (global.set $seed (i32.const 0x2545f491))
    ;; fill src
    (local.set $i (i32.const 0))
    (block $done
      (loop $fill
        (br_if $done (i32.ge_u (local.get $i) (i32.const 0x10000)))
        (i32.store (i32.add (i32.const 0x10000) (local.get $i)) (call $rand))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $fill)))
    (local.set $got (i64.const 0))
    (local.set $r (i32.const 0))
    (block $done
      (loop $round
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        ;; perturb one word of src so every round copies new data
        (i32.store (i32.add (i32.const 0x10000) (i32.and (i32.mul (local.get $r) (i32.const 2052)) (i32.const 0xfffc)))
                   (call $rand))
        (local.set $want (call $sum (i32.const 0x10000) (i32.const 0x10000)))
        (block $which
          (block $c2
            (block $c1
              (block $c0
                (br_table $c0 $c1 $c2 (i32.rem_u (local.get $r) (i32.const 3))))
              (call $copy_bytes (i32.const 0x20000) (i32.const 0x10000) (i32.const 0x10000))
              (br $which))
            (call $copy_words (i32.const 0x20000) (i32.const 0x10000) (i32.const 0x10000))
            (br $which))
          (memory.copy (i32.const 0x20000) (i32.const 0x10000) (i32.const 0x10000)))
        (local.set $got (call $sum (i32.const 0x20000) (i32.const 0x10000)))
        (if (i64.ne (local.get $got) (local.get $want)) (then unreachable))
        ;; memmove: shift the first 32 KiB of dst up by 1..64 bytes, in place, and compare
        ;; with the same move done by bytes from src into scratch
        (local.set $shift (i32.add (i32.const 1) (i32.and (local.get $r) (i32.const 63))))
        (memory.copy (i32.add (i32.const 0x20000) (local.get $shift)) (i32.const 0x20000) (i32.const 0x8000))
        (call $copy_bytes (i32.const 0x30000) (i32.const 0x10000) (local.get $shift))
        (call $copy_bytes (i32.add (i32.const 0x30000) (local.get $shift)) (i32.const 0x10000) (i32.const 0x8000))
        (if (i64.ne (call $sum (i32.const 0x20000) (i32.const 0x8000)) (call $sum (i32.const 0x30000) (i32.const 0x8000)))
          (then unreachable))
        (local.set $got (call $sum (i32.const 0x20000) (i32.const 0x10000)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $round)))
    (i32.wrap_i64 (i64.xor (local.get $got) (i64.shr_u (local.get $got) (i64.const 32))))))
