//! A memo hit must not allocate: the key is hashed and the inputs compared in place in the
//! frame, and the cached entry is shared with the replay, not copied. Counts the heap
//! allocations of one call that hits a thousand times (this file's own global allocator, so
//! it runs as its own test binary). Nor must a plain call from the host, wasm calls inside
//! it included: the value stack and the caller list keep their buffers in the store.

// A counting global allocator needs `unsafe impl GlobalAlloc`; it only forwards to `System`.
#![allow(unsafe_code)]

use memowasm::{Config, Engine, Linker, MemoConfig, Module, Store, Value};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The count is process-wide, so the tests take turns.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// `run(n)` sums `work(i % 4)` for i < n; `work` is a pure loop of 64 steps, so its
/// calls hit after the first few.
const WAT: &str = r#"(module
  (func $work (param $x i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.mul (local.get $x) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 64))))
    (local.get $s))
  (func (export "run") (param $n i32) (result i32) (local $i i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (call $work (i32.and (local.get $i) (i32.const 3)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $acc)))"#;

#[test]
fn a_hit_does_not_allocate() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let engine = Engine::new(Config::default().memo(Some(MemoConfig::default())));
    let module = Module::from_wat(&engine, WAT).unwrap();
    let mut store = Store::new(&engine);
    let instance = Linker::new().instantiate(&mut store, &module).unwrap();
    // Warm up: record the four entries.
    instance.call(&mut store, "run", &[Value::I32(16)]).unwrap();
    let hits_before = store.memo_stats().unwrap().totals.hits;
    let before = ALLOCS.load(Ordering::Relaxed);
    instance.call(&mut store, "run", &[Value::I32(1000)]).unwrap();
    let allocs = ALLOCS.load(Ordering::Relaxed) - before;
    let hits = store.memo_stats().unwrap().totals.hits - hits_before;
    assert!(hits >= 990, "{hits} hits");
    // A few recordings happen (units retried after their back-off); hits allocate nothing.
    assert!(allocs < hits / 10, "{allocs} allocations for {hits} hits");
}

#[test]
fn a_plain_call_does_not_allocate() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let engine = Engine::default();
    let module = Module::from_wat(&engine, WAT).unwrap();
    let mut store = Store::new(&engine);
    let instance = Linker::new().instantiate(&mut store, &module).unwrap();
    let run = instance.get_func(&store, "run").unwrap();
    let mut results = [Value::I32(0)];
    // Warm up: translation, and the stack and caller list grown once.
    run.call_into(&mut store, &[Value::I32(4)], &mut results).unwrap();
    let before = ALLOCS.load(Ordering::Relaxed);
    for _ in 0..100 {
        run.call_into(&mut store, &[Value::I32(4)], &mut results).unwrap();
    }
    let allocs = ALLOCS.load(Ordering::Relaxed) - before;
    assert_eq!(results, [Value::I32(4 * 64 * 63 / 2 * 6 / 4)]);
    assert_eq!(allocs, 0, "{allocs} allocations in 100 calls");
}
