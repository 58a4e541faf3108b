//! The threaded handlers must call each other in tail position: a handler that makes a
//! real call grows the native stack by a frame per op executed. This runs a long loop over
//! every class of hot op (each load and store width, calls, indirect calls, returns, globals,
//! memory.size, table.size and drops of dropped segments) on a thread with a small stack,
//! so such a handler overflows it. Meaningful in release builds (`cargo test --release`,
//! as CI runs it); builds with debug assertions return to a loop after every op.

use memowasm::{Config, Engine, Linker, MemoConfig, Module, Store, Value};

const LOOP: &str = r#"(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (type $t (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $inc)
  (elem $e func $inc)
  (data $d "abc")
  (func $inc (param i32) (result i32) local.get 0 i32.const 1 i32.add)
  ;; A frame of more initial cells than the fixed-size copy: the call continues in a second handler.
  (func $wide (param i32) (result i32) (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64) local.get 0)
  (func (export "spin") (param $n i32) (result i64)
    (local $i i32) (local $a i32) (local $b i64) (local $f f32) (local $d f64) (local $acc i64)
    i32.const 1 local.set $a
    i64.const 3 local.set $b
    f32.const 1.5 local.set $f
    f64.const 2.5 local.set $d
    loop $top
      ;; i32 and i64 arithmetic, bit ops, comparisons (binary), unary ops.
      local.get $a local.get $i i32.add i32.const 7 i32.mul i32.const 3 i32.xor i32.const 1 i32.rotl
      i32.const 5 i32.shr_u i32.popcnt i32.eqz local.set $a
      local.get $b local.get $i i64.extend_i32_u i64.add i64.const 9 i64.rem_u i64.const 1 i64.or
      local.get $b i64.const 2 i64.div_s i64.sub i64.clz local.set $b
      ;; Trapping conversion and float ops.
      local.get $f local.get $i f32.convert_i32_u f32.add f32.const 0.5 f32.mul f32.nearest local.set $f
      local.get $d f64.sqrt f64.const 1.25 f64.max i32.trunc_f64_s drop
      local.get $f f32.abs i32.trunc_sat_f32_u drop
      ;; Loads and stores of every width.
      i32.const 64 local.get $i i32.store8
      i32.const 66 local.get $i i32.store16
      i32.const 68 local.get $i i32.store
      i32.const 72 local.get $b i64.store
      i32.const 64 i32.load8_s i32.const 64 i32.load8_u i32.add
      i32.const 66 i32.load16_s i32.add i32.const 66 i32.load16_u i32.add i32.const 68 i32.load i32.add
      i64.extend_i32_s
      i32.const 64 i64.load8_s i64.add i32.const 64 i64.load8_u i64.add i32.const 66 i64.load16_s i64.add
      i32.const 66 i64.load16_u i64.add i32.const 68 i64.load32_s i64.add i32.const 68 i64.load32_u i64.add
      i32.const 72 i64.load i64.add
      ;; A load and a store whose address is an i32.add (fused into one op each).
      i32.const 60 local.get $i i32.const 7 i32.and i32.add local.get $i i32.store
      i32.const 60 local.get $i i32.const 7 i32.and i32.add i32.load i64.extend_i32_u i64.add
      local.get $acc i64.add local.set $acc
      ;; select, a branch table, if/else (conditional branches), block results (copies).
      local.get $a local.get $i local.get $i i32.const 1 i32.and select drop
      block $x block $y
        local.get $i i32.const 3 i32.and br_table $x $y $x
      end end
      local.get $i i32.const 1 i32.and
      if (result i32) local.get $a else local.get $i end drop
      i32.const 1 i32.const 2 block (param i32 i32) (result i32 i32) end drop drop
      ;; A call and a return.
      local.get $i call $inc drop
      local.get $i call $wide drop
      local.get $i i32.const 0 call_indirect (type $t) global.set $g
      global.get $g drop
      memory.size drop
      ;; Table size, and drops of dropped segments.
      table.size drop
      elem.drop $e
      data.drop $d
      ;; The loop test, a fused compare-and-branch.
      local.get $i i32.const 1 i32.add local.tee $i local.get $n i32.lt_u br_if $top
    end
    local.get $acc local.get $b i64.add local.get $a i64.extend_i32_u i64.add)
)"#;

/// Runs the loop on a small thread in the given engine; the memo engine soon drops to its
/// plain loop, which runs the second handler table.
fn spin(memo: Option<MemoConfig>) -> Vec<Value> {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let engine = Engine::new(Config::default().memo(memo));
            let module = Module::from_wat(&engine, LOOP).unwrap();
            let mut store = Store::new(&engine);
            let inst = Linker::new().instantiate(&mut store, &module).unwrap();
            let out = inst.call(&mut store, "spin", &[Value::I32(200_000)]).unwrap();
            if let Some(stats) = store.memo_stats() {
                assert!(stats.plain_switches > 0, "the memo engine never ran its plain loop");
            }
            out
        })
        .unwrap()
        .join()
        .expect("the loop ran out of native stack")
}

#[test]
fn hot_ops_do_not_grow_the_native_stack() {
    let result = spin(None);
    assert!(matches!(result[..], [Value::I64(_)]));
    assert_eq!(spin(Some(MemoConfig::default())), result);
}
