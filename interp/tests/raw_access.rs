//! Programs that exercise every place where the loop re-derives its unchecked frame and
//! memory pointers: deep calls that move the value stack, host calls, memory growth in a
//! callee, bulk memory operations and memo replays. Small enough to run under Miri:
//! `cargo +nightly miri test -p memowasm --test raw_access` (and `--lib exec::raw`).

use memowasm::{Config, Engine, Func, FuncType, Linker, MemoConfig, Module, Store, ValType, Value};

const PROGRAM: &str = r#"(module
  (import "host" "twice" (func $twice (param i32) (result i32)))
  (memory (export "mem") 1)
  ;; Recursion deep enough to grow the value stack several times.
  (func $depth (export "depth") (param i32) (result i32)
    local.get 0 i32.eqz
    if (result i32) i32.const 0
    else local.get 0 i32.const 1 i32.sub call $depth i32.const 1 i32.add end)
  ;; Grows the memory in a callee, then stores and loads past the old end in the caller.
  (func $grow (param i32) (result i32) local.get 0 memory.grow)
  (func (export "grow_then_touch") (result i32)
    i32.const 8 i32.const 5 i32.store
    ;; Growth here and in a callee: old pointers into the memory are stale after each.
    i32.const 1 memory.grow drop
    i32.const 8 i32.load drop
    i32.const 1 call $grow drop
    i32.const 70000 i32.const 0x01020304 i32.store
    i32.const 70000 i32.load
    i32.const 70002 i32.load16_u i32.add)
  ;; Bulk operations, then loads of what they wrote.
  (func (export "bulk") (result i32)
    i32.const 100 i32.const 7 i32.const 16 memory.fill
    i32.const 200 i32.const 100 i32.const 16 memory.copy
    i32.const 212 i32.load)
  ;; A host call between two uses of the frame.
  (func (export "host") (param i32) (result i32)
    local.get 0 call $twice local.get 0 i32.add)
  ;; A pure function worth memoizing: fib with a loop inside.
  (func $fib (export "fib") (param i32) (result i32)
    local.get 0 i32.const 2 i32.lt_u
    if (result i32) local.get 0
    else local.get 0 i32.const 1 i32.sub call $fib
         local.get 0 i32.const 2 i32.sub call $fib i32.add end)
  ;; Writes memory from a memoized function, so replays store through the safe path.
  (func $fill (export "fill") (param i32) (result i32) (local i32)
    loop
      local.get 1 i32.const 4 i32.mul local.get 0 local.get 1 i32.add i32.store
      local.get 1 i32.const 1 i32.add local.tee 1 i32.const 8 i32.lt_u br_if 0
    end
    i32.const 28 i32.load)
  (func (export "fills") (param i32) (result i32) (local i32 i32)
    loop
      local.get 1 i32.const 3 i32.rem_u call $fill local.get 2 i32.add local.set 2
      local.get 1 i32.const 1 i32.add local.tee 1 local.get 0 i32.lt_u br_if 0
    end
    local.get 2)
)"#;

fn run(memo: Option<MemoConfig>) -> Vec<i32> {
    let engine = Engine::new(Config::default().memo(memo));
    let module = Module::from_wat(&engine, PROGRAM).unwrap();
    let mut store = Store::new(&engine);
    let twice = Func::new(&mut store, FuncType::new([ValType::I32], [ValType::I32]), |args| {
        let Value::I32(x) = args[0] else { unreachable!("typed call") };
        Ok(vec![Value::I32(x * 2)])
    });
    let mut linker = Linker::new();
    linker.define("host", "twice", twice);
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let mut out = Vec::new();
    let mut call = |name: &str, args: &[Value]| match inst.call(&mut store, name, args).unwrap()[..] {
        [Value::I32(v)] => out.push(v),
        ref other => panic!("{name}: unexpected results {other:?}"),
    };
    call("depth", &[Value::I32(300)]);
    call("grow_then_touch", &[]);
    call("bulk", &[]);
    call("host", &[Value::I32(21)]);
    call("fib", &[Value::I32(12)]);
    call("fills", &[Value::I32(12)]);
    out
}

#[test]
fn plain_engine_keeps_its_pointers_fresh() {
    let want = vec![300, 0x01020304 + 0x0102, 0x07070707, 63, 144, 12 * 7 + (0..12).map(|i| i % 3).sum::<i32>()];
    assert_eq!(run(None), want);
}

#[test]
fn memo_engines_agree_with_plain() {
    let plain = run(None);
    assert_eq!(run(Some(MemoConfig::default())), plain);
    assert_eq!(run(Some(MemoConfig::aggressive())), plain);
}

/// Globals are read and written through unchecked indices (`check_code` bounds them by the
/// module's globals): an imported one among defined ones, in a second instance whose store
/// globals do not start at 0, in every engine.
#[test]
fn globals_through_unchecked_indices() {
    use memowasm::{Global, GlobalType};
    let wat = r#"(module
      (import "env" "g" (global $g (mut i32)))
      (global $a (mut i32) (i32.const 5))
      (global $b (mut i64) (i64.const 7))
      (func (export "f") (param $n i32) (result i32)
        (loop $l
          (global.set $a (i32.add (global.get $a) (global.get $g)))
          (global.set $g (i32.add (global.get $g) (i32.const 1)))
          (global.set $b (i64.add (global.get $b) (i64.extend_i32_u (global.get $a))))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (i32.add (global.get $a) (i32.wrap_i64 (global.get $b)))))"#;
    for memo in [None, Some(MemoConfig::default()), Some(MemoConfig::aggressive())] {
        let engine = Engine::new(Config::default().memo(memo));
        let module = Module::from_wat(&engine, wat).unwrap();
        let mut store = Store::new(&engine);
        let mut results = Vec::new();
        for start in [1, 2] {
            let g = Global::new(&mut store, GlobalType { content: ValType::I32, mutable: true }, Value::I32(start))
                .unwrap();
            let inst = Linker::new().define("env", "g", g).instantiate(&mut store, &module).unwrap();
            let f = inst.get_func(&store, "f").unwrap();
            results.push(f.call(&mut store, &[Value::I32(4)]).unwrap());
        }
        // a: 5 + g + (g+1) + (g+2) + (g+3); b: 7 + the four values of a.
        let expect = |g: i32| {
            let a = [1, 2, 3, 4].map(|k| 5 + (0..k).map(|i| g + i).sum::<i32>());
            a[3] + 7 + a.iter().sum::<i32>()
        };
        assert_eq!(results, [vec![Value::I32(expect(1))], vec![Value::I32(expect(2))]]);
    }
}
