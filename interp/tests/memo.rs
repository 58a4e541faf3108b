//! Memo mode against the plain interpreter, one test per invalidation bug class of the
//! soundness model. Each script runs in a plain and a memo engine side by side; every step's
//! outcome must agree, and a checkpoint before the invalidating action proves that the memo
//! engine really was hitting its cache (so the test cannot pass by never caching).

use memowasm::{
    Config, Engine, Error, Extern, Global, GlobalType, Instance, Linker, MemoConfig, Memory, MemoryType, Module, Store,
    Trap, ValType, Value,
};

/// One step of a script.
#[derive(Clone)]
enum Step {
    /// Call an export of instance `i` (0 unless the script makes several).
    Call(usize, &'static str, Vec<Value>),
    /// Call it `n` times with the same arguments.
    Repeat(usize, &'static str, Vec<Value>, usize),
    /// Host write into the shared memory.
    HostWrite(u32, Vec<u8>),
    /// Host write of the shared global.
    HostSetGlobal(Value),
    /// Host grow of the shared memory.
    HostGrow(u32),
    /// The memo engine has hit its cache at least once by now.
    ExpectHits,
}
use Step::*;

fn i32v(x: i32) -> Value {
    Value::I32(x)
}

/// Instantiates `instances` copies of `wat` importing a shared memory ("env" "mem", 1..4
/// pages) and a shared mutable i32 global ("env" "g"), runs `script`, and returns every
/// step's outcome.
struct Run {
    store: Store,
    insts: Vec<Instance>,
    mem: Memory,
    global: Global,
}

impl Run {
    fn new(config: Config, wat: &str, instances: usize) -> Run {
        let engine = Engine::new(config);
        let mut store = Store::new(&engine);
        let mem = Memory::new(&mut store, MemoryType { min: 1, max: Some(4) }).unwrap();
        let global = Global::new(&mut store, GlobalType { content: ValType::I32, mutable: true }, i32v(0)).unwrap();
        let mut linker = Linker::new();
        linker.define("env", "mem", Extern::Memory(mem)).define("env", "g", Extern::Global(global));
        let module = Module::from_wat(&engine, wat).unwrap();
        let insts = (0..instances).map(|_| linker.instantiate(&mut store, &module).unwrap()).collect();
        Run { store, insts, mem, global }
    }

    fn step(&mut self, step: &Step) -> Vec<Result<Vec<Value>, Error>> {
        match step {
            Call(i, name, args) => vec![self.insts[*i].call(&mut self.store, name, args)],
            Repeat(i, name, args, n) => (0..*n).map(|_| self.insts[*i].call(&mut self.store, name, args)).collect(),
            HostWrite(at, bytes) => {
                self.mem.write(&mut self.store, *at as usize, bytes).unwrap();
                vec![]
            }
            HostSetGlobal(v) => {
                self.global.set(&mut self.store, *v).unwrap();
                vec![]
            }
            HostGrow(n) => vec![Ok(vec![i32v(self.mem.grow(&mut self.store, *n).map_or(-1, |o| o as i32))])],
            ExpectHits => vec![],
        }
    }
}

/// Runs `script` in plain and memo mode; panics on the first disagreement or if the memo
/// engine has no hits at an `ExpectHits` checkpoint. Returns the memo store's stats.
fn check(wat: &str, instances: usize, memo: MemoConfig, base: Config, script: &[Step]) -> memowasm::MemoStats {
    let mut plain = Run::new(base.clone(), wat, instances);
    let mut memod = Run::new(base.memo(Some(memo)), wat, instances);
    for (n, step) in script.iter().enumerate() {
        let (a, b) = (plain.step(step), memod.step(step));
        assert_eq!(a, b, "step {n}: plain and memo disagree");
        if matches!(step, ExpectHits) {
            let hits = memod.store.memo_stats().unwrap().totals.hits;
            assert!(hits > 0, "step {n}: memo engine had no hits before the invalidation");
        }
        assert_eq!(memod.store.memo_divergences(), &[], "step {n}: verify mode found a stale entry");
        assert_eq!(plain.mem.data(&plain.store), memod.mem.data(&memod.store), "step {n}: memories differ");
        assert_eq!(plain.global.get(&plain.store), memod.global.get(&memod.store), "step {n}: globals differ");
    }
    memod.store.memo_stats().unwrap()
}

fn quick() -> MemoConfig {
    MemoConfig::seed().threshold(2)
}

/// The adaptive policy with every block a unit and a short window, so units are switched
/// off (their probes patched out of the code) and back on while the hazards happen.
fn adaptive() -> MemoConfig {
    MemoConfig::default().threshold(1).min_unit_ops(0).window(2)
}

fn run(wat: &str, script: &[Step]) -> memowasm::MemoStats {
    // Each script also runs with verify on, where no step may report a divergence, and
    // under the adaptive policy.
    check(wat, 1, quick().verify(true), Config::default(), script);
    check(wat, 1, adaptive().verify(true), Config::default(), &no_checkpoints(script));
    check(wat, 1, quick(), Config::default(), script)
}

/// The script without its hit checkpoints (the adaptive policy may have switched off).
fn no_checkpoints(script: &[Step]) -> Vec<Step> {
    script.iter().filter(|s| !matches!(s, ExpectHits)).cloned().collect()
}

const IMPORTS: &str = r#"(import "env" "mem" (memory 1 4)) (import "env" "g" (global $g (mut i32)))"#;

fn module(body: &str) -> String {
    format!("(module {IMPORTS} {body})")
}

#[test]
fn fib_hits_and_is_right() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../bench/wat/fib.wat")).unwrap();
    let engine = Engine::new(Config::default().memo(Some(MemoConfig::default())));
    let module = Module::from_wat(&engine, &text).unwrap();
    let mut s = Store::new(&engine);
    let i = Linker::new().instantiate(&mut s, &module).unwrap();
    for _ in 0..5 {
        assert_eq!(i.call(&mut s, "fib", &[i32v(25)]).unwrap(), vec![i32v(75025)]);
    }
    let t = s.memo_stats().unwrap().totals;
    // Each distinct argument is computed once; every other call of its body is a hit. (Five
    // plain calls of fib(25) make 1,213,925 calls.) The `if` unit inside the body never hits
    // where the body missed, but it covers calls, so the adaptive policy keeps it.
    assert!(t.hits >= 25 && t.executions < 200, "{t:?}");
    assert_eq!(t.switched_off, 0, "{t:?}");
}

// 1. Stale memory read: the loaded address is rewritten by every kind of writer.
#[test]
fn class01_stale_memory_read() {
    let wat = module(
        r#"(data $d "\2a\00\00\00")
        (func (export "get") (param i32) (result i32) local.get 0 i32.load)
        (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store)
        (func (export "fill") (param i32 i32) local.get 0 local.get 1 i32.const 4 memory.fill)
        (func (export "copy") (param i32 i32) local.get 0 local.get 1 i32.const 4 memory.copy)
        (func (export "init") (param i32) local.get 0 i32.const 0 i32.const 4 memory.init $d)"#,
    );
    let get = || Repeat(0, "get", vec![i32v(100)], 4);
    run(
        &wat,
        &[
            get(),
            ExpectHits,
            Call(0, "store", vec![i32v(100), i32v(7)]),
            get(),
            Call(0, "fill", vec![i32v(100), i32v(1)]),
            get(),
            Call(0, "store", vec![i32v(200), i32v(99)]),
            Call(0, "copy", vec![i32v(100), i32v(200)]),
            get(),
            Call(0, "init", vec![i32v(100)]),
            get(),
            HostWrite(101, vec![5]),
            get(),
        ],
    );
}

// 2. Cross-chunk access: an i64 load straddling two chunks depends on both.
#[test]
fn class02_cross_chunk_access() {
    let wat = module(
        r#"(func (export "get") (param i32) (result i64) local.get 0 i64.load)
        (func (export "poke") (param i32 i32) local.get 0 local.get 1 i32.store8)
        (func (export "poke32") (param i32 i32) local.get 0 local.get 1 i32.store)"#,
    );
    let memo = MemoConfig::seed().threshold(2).chunk_size(64);
    let script = [
        Repeat(0, "get", vec![i32v(60)], 4),
        ExpectHits,
        Call(0, "poke", vec![i32v(66), i32v(0xab)]),
        Repeat(0, "get", vec![i32v(60)], 2),
        HostWrite(67, vec![0xcd]),
        Repeat(0, "get", vec![i32v(60)], 2),
        // The low chunk too.
        Call(0, "poke", vec![i32v(61), i32v(3)]),
        Repeat(0, "get", vec![i32v(60)], 2),
        // A store that starts in the low chunk and ends in the high one, which is all that
        // `get(64)` read.
        Repeat(0, "get", vec![i32v(64)], 4),
        Call(0, "poke32", vec![i32v(62), i32v(0x0102_0304)]),
        Repeat(0, "get", vec![i32v(64)], 2),
    ];
    check(&wat, 1, memo.clone().verify(true), Config::default(), &script);
    check(&wat, 1, adaptive().chunk_size(64).verify(true), Config::default(), &no_checkpoints(&script));
    check(&wat, 1, memo, Config::default(), &script);
}

// 3. Hash collisions: with a one-bit hash, distinct inputs share keys.
#[test]
fn class03_hash_collision() {
    let wat = module(r#"(func (export "sq") (param i32) (result i32) local.get 0 local.get 0 i32.mul)"#);
    let memo = MemoConfig::seed().threshold(1).hash_bits(1);
    let mut script = vec![Repeat(0, "sq", vec![i32v(3)], 3), ExpectHits];
    for x in 0..40 {
        script.push(Call(0, "sq", vec![i32v(x)]));
        script.push(Call(0, "sq", vec![i32v(x + 1)]));
    }
    let stats = check(&wat, 1, memo, Config::default(), &script);
    assert!(stats.totals.miss_collision > 0, "{:?}", stats.totals);
}

// 4. Version wraparound: a narrow counter must flush the cache, never reuse a version.
#[test]
fn class04_version_wraparound() {
    let wat = module(
        r#"(func (export "get") (result i32) i32.const 0 i32.load)
        (func (export "set") (param i32) i32.const 0 local.get 0 i32.store)"#,
    );
    let memo = MemoConfig::seed().threshold(1).version_bits(3);
    let mut script = vec![Repeat(0, "get", vec![], 3), ExpectHits];
    for v in 0..40 {
        script.push(Call(0, "set", vec![i32v(v % 3)]));
        script.push(Repeat(0, "get", vec![], 2));
    }
    let stats = check(&wat, 1, memo, Config::default(), &script);
    assert!(stats.flushes > 0, "the counter never wrapped");
}

// 5. Memory size: memory.size after a grow elsewhere; a growing block grows every time.
#[test]
fn class05_memory_size() {
    let wat = module(
        r#"(func (export "size") (result i32) memory.size)
        (func (export "grow") (result i32) i32.const 1 memory.grow)
        (func (export "last") (result i32) memory.size i32.const 16 i32.shl i32.const 4 i32.sub i32.load)"#,
    );
    run(
        &wat,
        &[
            Repeat(0, "size", vec![], 4),
            Repeat(0, "last", vec![], 4),
            ExpectHits,
            HostGrow(1),
            Repeat(0, "size", vec![], 2),
            Repeat(0, "last", vec![], 2),
            // Returns the old size each time, grows each time, then -1 at the maximum.
            Repeat(0, "grow", vec![], 4),
            Repeat(0, "size", vec![], 2),
        ],
    );
}

// 6. Traps and partial effects: a hit must not skip a trap; a block that stores then traps
// keeps its store and caches nothing.
#[test]
fn class06_traps_and_partial_effects() {
    let wat = module(
        r#"(func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
        (func (export "far") (param i32) (result i32) local.get 0 i32.load)
        (func (export "store_then_div") (param i32 i32) (result i32)
          i32.const 8 local.get 0 i32.store
          local.get 0 local.get 1 i32.div_u)
        (func (export "grow") (result i32) i32.const 1 memory.grow)
        (func (export "peek") (result i32) i32.const 8 i32.load)"#,
    );
    run(
        &wat,
        &[
            Repeat(0, "div", vec![i32v(10), i32v(3)], 4),
            ExpectHits,
            Call(0, "div", vec![i32v(10), i32v(0)]),
            Call(0, "div", vec![i32v(i32::MIN), i32v(-1)]),
            Repeat(0, "far", vec![i32v(70_000)], 3),
            Call(0, "grow", vec![]),
            Repeat(0, "far", vec![i32v(70_000)], 2),
            Repeat(0, "store_then_div", vec![i32v(5), i32v(0)], 3),
            Repeat(0, "peek", vec![], 2),
            Repeat(0, "store_then_div", vec![i32v(6), i32v(2)], 3),
            Repeat(0, "peek", vec![], 2),
        ],
    );
}

// 7. Segment drops: memory.init and table.init after data.drop / elem.drop trap.
#[test]
fn class07_segment_drops() {
    let wat = module(
        r#"(data $d "abcd")
        (table $t 4 funcref) (elem $e func $f)
        (func $f (result i32) i32.const 1)
        (func (export "minit") (result i32) i32.const 0 i32.const 0 i32.const 4 memory.init $d i32.const 0 i32.load)
        (func (export "dd") data.drop $d)
        (func (export "tinit") (result i32) i32.const 0 i32.const 0 i32.const 1 table.init $t $e i32.const 0 call_indirect $t (result i32))
        (func (export "ed") elem.drop $e)"#,
    );
    run(
        &wat,
        &[
            Repeat(0, "minit", vec![], 4),
            Repeat(0, "tinit", vec![], 4),
            ExpectHits,
            Call(0, "dd", vec![]),
            Repeat(0, "minit", vec![], 2),
            Call(0, "ed", vec![]),
            Repeat(0, "tinit", vec![], 2),
        ],
    );
}

// 8. Tables: call_indirect after table.set calls the new function; a null slot traps.
#[test]
fn class08_tables() {
    let wat = module(
        r#"(table $t 2 funcref) (elem (i32.const 0) func $a)
        (func $a (result i32) i32.const 10)
        (func $b (result i32) i32.const 20)
        (elem declare func $b)
        (func (export "call") (param i32) (result i32) local.get 0 call_indirect $t (result i32))
        (func (export "set_b") i32.const 0 ref.func $b table.set $t)
        (func (export "clear") i32.const 0 ref.null func table.set $t)
        (func (export "fill_a") i32.const 0 ref.func $a i32.const 2 table.fill $t)
        (func (export "grow") (result i32) ref.func $b i32.const 1 table.grow $t)
        (func (export "size") (result i32) table.size $t)"#,
    );
    run(
        &wat,
        &[
            Repeat(0, "call", vec![i32v(0)], 4),
            Repeat(0, "size", vec![], 4),
            ExpectHits,
            Call(0, "set_b", vec![]),
            Repeat(0, "call", vec![i32v(0)], 2),
            Call(0, "clear", vec![]),
            Repeat(0, "call", vec![i32v(0)], 2),
            Call(0, "fill_a", vec![]),
            Repeat(0, "call", vec![i32v(1)], 2),
            Call(0, "grow", vec![]),
            Repeat(0, "size", vec![], 2),
            Repeat(0, "call", vec![i32v(2)], 2),
        ],
    );
}

// 9. Globals: reads see a later global.set by wasm or by the host; writes replay.
#[test]
fn class09_globals() {
    let wat = module(
        r#"(global $own (mut i32) (i32.const 1))
        (func (export "get") (result i32) global.get $g global.get $own i32.add)
        (func (export "set") (param i32) local.get 0 global.set $g)
        (func (export "set_own") (param i32) local.get 0 global.set $own)
        (func (export "bump") (param i32) (result i32) local.get 0 global.set $g local.get 0)"#,
    );
    run(
        &wat,
        &[
            Repeat(0, "get", vec![], 4),
            ExpectHits,
            Call(0, "set", vec![i32v(5)]),
            Repeat(0, "get", vec![], 2),
            HostSetGlobal(i32v(9)),
            Repeat(0, "get", vec![], 2),
            Call(0, "set_own", vec![i32v(100)]),
            Repeat(0, "get", vec![], 2),
            // The write must be replayed on a hit: the host changes it in between.
            Repeat(0, "bump", vec![i32v(3)], 3),
            HostSetGlobal(i32v(0)),
            Repeat(0, "bump", vec![i32v(3)], 2),
            Repeat(0, "get", vec![], 2),
        ],
    );
}

// 10. Exits and arity: branches to outer labels chosen by an input, returns, and a block
// with more than 8 parameters that differ only in the deepest one.
#[test]
fn class10_exits_and_arity() {
    let wat = module(
        r#"(type $nine (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
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
        (func (export "live") (param $x i32) (param $c i32) (result i32)
          block $l (result i32)
            local.get $x
            block $u
              i32.const 99 local.get $c br_if $l drop
            end
            i32.const 1 i32.add
          end)
        (func (export "brif") (param i32) (result i32)
          block $out (result i32)
            i32.const 7 local.get 0 br_if $out drop i32.const 8
          end)
        (func (export "nine") (param i32) (result i32)
          local.get 0 i32.const 1 i32.const 1 i32.const 1 i32.const 1 i32.const 1 i32.const 1 i32.const 1 i32.const 1
          block (type $nine)
            i32.add i32.add i32.add i32.add i32.add i32.add i32.add i32.add
          end)"#,
    );
    let mut script = vec![Repeat(0, "exit", vec![i32v(0)], 4), ExpectHits];
    // The inner block writes the outer label's result cell only when it branches; on the
    // fallthrough path that cell holds the live value of $x, which is not an input of the
    // inner block, so a replay must not restore it.
    for x in [5, 7, 9] {
        script.push(Repeat(0, "live", vec![i32v(x), i32v(0)], 3));
        script.push(Repeat(0, "live", vec![i32v(x), i32v(1)], 3));
    }
    for x in [1, 2, 0, 5, 1] {
        script.push(Repeat(0, "exit", vec![i32v(x)], 3));
        script.push(Repeat(0, "brif", vec![i32v(x)], 3));
        script.push(Repeat(0, "nine", vec![i32v(x)], 3));
    }
    run(&wat, &script);
}

// 11. Floats: +0.0 and -0.0 are different inputs; NaN payloads compare by bits.
#[test]
fn class11_floats() {
    let wat = module(
        r#"(func (export "inv") (param f64) (result f64) f64.const 1 local.get 0 f64.div)
        (func (export "bits") (param f32) (result i32) local.get 0 i32.reinterpret_f32)"#,
    );
    let (pz, nz) = (Value::F64(0.0f64.to_bits()), Value::F64((-0.0f64).to_bits()));
    let (n1, n2) = (Value::F32(0x7fc0_0001), Value::F32(0x7fc0_0002));
    run(
        &wat,
        &[
            Repeat(0, "inv", vec![pz], 4),
            ExpectHits,
            Repeat(0, "inv", vec![nz], 2),
            Repeat(0, "inv", vec![pz], 2),
            Repeat(0, "bits", vec![n1], 3),
            Repeat(0, "bits", vec![n2], 3),
            Repeat(0, "bits", vec![Value::F32(0xffc0_0001)], 2),
        ],
    );
}

// 12. Identity and limits: two instances of one module, two functions with equal block
// offsets, a shared memory written by the other instance, fuel running out inside a
// block, and call depth near the limit.
#[test]
fn class12_identity_and_limits() {
    // Each instance has its own memory 1 and global; both share env.mem.
    let wat = module(
        r#"(global $mine (mut i32) (i32.const 0))
        (func (export "f1") (result i32) global.get $mine)
        (func (export "f2") (result i32) global.get $g)
        (func (export "set_mine") (param i32) local.get 0 global.set $mine)
        (func (export "read") (result i32) i32.const 16 i32.load)
        (func (export "write") (param i32) i32.const 16 local.get 0 i32.store)"#,
    );
    let script = [
        Call(0, "set_mine", vec![i32v(1)]),
        Call(1, "set_mine", vec![i32v(2)]),
        Repeat(0, "f1", vec![], 4),
        Repeat(1, "f1", vec![], 4),
        Repeat(0, "f2", vec![], 4),
        Repeat(0, "read", vec![], 4),
        ExpectHits,
        Call(1, "write", vec![i32v(77)]),
        Repeat(0, "read", vec![], 2),
        Repeat(0, "f1", vec![], 2),
        Repeat(1, "f1", vec![], 2),
    ];
    check(&wat, 2, quick().verify(true), Config::default(), &script);
    check(&wat, 2, adaptive().verify(true), Config::default(), &no_checkpoints(&script));
    check(&wat, 2, quick(), Config::default(), &script);

    // Fuel: the cached block costs more than what is left, so the hit must not be taken.
    let wat = module(
        r#"(func (export "work") (param i32) (result i32) (local i32)
          block loop
            local.get 0 i32.eqz br_if 1
            local.get 1 local.get 0 i32.add local.set 1
            local.get 0 i32.const 1 i32.sub local.set 0
            br 0
          end end
          local.get 1)"#,
    );
    let mut refused = 0;
    for fuel in [10_000u64, 2_000, 600, 300, 150] {
        let base = Config::default().consume_fuel(true);
        let mut plain = Run::new(base.clone(), &wat, 1);
        let mut memod = Run::new(base.memo(Some(quick())), &wat, 1);
        for r in [&mut plain, &mut memod] {
            r.store.set_fuel(fuel);
        }
        for _ in 0..12 {
            let a = plain.step(&Call(0, "work", vec![i32v(20)]));
            let b = memod.step(&Call(0, "work", vec![i32v(20)]));
            assert_eq!(a, b, "fuel {fuel}");
            assert_eq!(plain.store.fuel(), memod.store.fuel(), "fuel left after a call, budget {fuel}");
        }
        let t = memod.store.memo_stats().unwrap().totals;
        assert!(fuel < 2_000 || t.hits > 0, "fuel {fuel}: no hits");
        refused += t.miss_limit;
    }
    assert!(refused > 0, "fuel never refused a hit");

    // Call depth: a hit whose recorded execution went deeper than what is left must trap.
    let wat = module(
        r#"(func $down (export "down") (param i32) (result i32)
          local.get 0 i32.eqz if (result i32) i32.const 0 else local.get 0 i32.const 1 i32.sub call $down end)
        (func $pad (export "pad") (param i32 i32) (result i32)
          local.get 0 i32.eqz if (result i32) local.get 1 i32.const 10 call $down drop else local.get 0 i32.const 1 i32.sub local.get 1 call $pad end)"#,
    );
    let base = Config::default().max_call_depth(40);
    let mut script = vec![Repeat(0, "down", vec![i32v(10)], 4), ExpectHits];
    for pad in [5, 20, 26, 27, 28, 29, 30, 35] {
        script.push(Repeat(0, "pad", vec![i32v(pad), i32v(1)], 2));
    }
    check(&wat, 1, quick().verify(true), base.clone(), &script);
    check(&wat, 1, adaptive().verify(true), base.clone(), &no_checkpoints(&script));
    let stats = check(&wat, 1, quick(), base, &script);
    assert!(stats.totals.miss_limit > 0, "the depth limit never refused a hit: {:?}", stats.totals);
}

#[test]
fn host_calls_are_never_cached() {
    let engine = Engine::new(Config::default().memo(Some(quick())));
    let mut store = Store::new(&engine);
    let counter = std::sync::Arc::new(std::sync::atomic::AtomicI32::new(0));
    let c = counter.clone();
    let f = memowasm::Func::new(&mut store, memowasm::FuncType::new([], [ValType::I32]), move |_| {
        Ok(vec![i32v(c.fetch_add(1, std::sync::atomic::Ordering::SeqCst))])
    });
    let mut linker = Linker::new();
    linker.define("env", "tick", Extern::Func(f));
    let module = Module::from_wat(
        &engine,
        r#"(module (import "env" "tick" (func $t (result i32))) (func (export "t") (result i32) call $t))"#,
    )
    .unwrap();
    let i = linker.instantiate(&mut store, &module).unwrap();
    for n in 0..6 {
        assert_eq!(i.call(&mut store, "t", &[]).unwrap(), vec![i32v(n)]);
    }
    let t = store.memo_stats().unwrap().totals;
    assert_eq!(t.hits, 0);
    assert!(t.discarded > 0, "{t:?}");
}

#[test]
fn a_trap_inside_a_unit_discards_the_recording() {
    let engine = Engine::new(Config::default().memo(Some(MemoConfig::seed().threshold(0))));
    let module = Module::from_wat(
        &engine,
        r#"(module (func (export "f") (param i32) (result i32) i32.const 1 local.get 0 i32.div_u))"#,
    )
    .unwrap();
    let mut s = Store::new(&engine);
    let i = Linker::new().instantiate(&mut s, &module).unwrap();
    assert_eq!(i.call(&mut s, "f", &[i32v(0)]), Err(Error::Trap(Trap::IntegerDivideByZero)));
    assert_eq!(i.call(&mut s, "f", &[i32v(0)]), Err(Error::Trap(Trap::IntegerDivideByZero)));
    let t = s.memo_stats().unwrap().totals;
    assert_eq!((t.hits, t.recordings), (0, 0), "{t:?}");
    assert!(t.discarded >= 2);
}

#[test]
fn adaptive_gets_out_of_the_way_of_a_loop_with_no_reuse() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../bench/wat/sumsq.wat")).unwrap();
    let engine = Engine::new(Config::default().memo(Some(MemoConfig::default())));
    let module = Module::from_wat(&engine, &text).unwrap();
    let mut s = Store::new(&engine);
    let i = Linker::new().instantiate(&mut s, &module).unwrap();
    // sum of i*i for i < 100000, mod 2^32.
    let want = (0..100_000u64).map(|i| i * i).sum::<u64>() as u32 as i32;
    assert_eq!(i.call(&mut s, "sumsq", &[i32v(100_000)]).unwrap(), vec![i32v(want)]);
    let stats = s.memo_stats().unwrap();
    // The loop unit missed a window of lookups, was switched off, and nothing else hit,
    // so execution dropped to the plain loop: far fewer lookups than iterations.
    assert!(stats.totals.switched_off >= 1, "{:?}", stats.totals);
    assert_eq!(stats.plain_switches, 1);
    assert!(stats.totals.lookups < 100, "{:?}", stats.totals);
    // Later calls start in the plain loop, then try memoizing again after a while.
    for _ in 0..8 {
        assert_eq!(i.call(&mut s, "sumsq", &[i32v(1000)]).unwrap().len(), 1);
    }
    assert_eq!(i.call(&mut s, "sumsq", &[i32v(100_000)]).unwrap(), vec![i32v(want)]);
}

#[test]
fn adaptive_keeps_units_that_hit() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../bench/wat/fib.wat")).unwrap();
    let engine = Engine::new(Config::default().memo(Some(MemoConfig::default())));
    let module = Module::from_wat(&engine, &text).unwrap();
    let mut s = Store::new(&engine);
    let i = Linker::new().instantiate(&mut s, &module).unwrap();
    assert_eq!(i.call(&mut s, "fib", &[i32v(30)]).unwrap(), vec![i32v(832040)]);
    let t = s.memo_stats().unwrap();
    assert_eq!(t.plain_switches, 0, "{:?}", t.totals);
    assert!(t.totals.hits > 20, "{:?}", t.totals);
}

#[test]
fn profiling_times_the_machinery_and_the_units() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../bench/wat/fib.wat")).unwrap();
    for (config, timed) in [(MemoConfig::default().profile(true), true), (MemoConfig::default(), false)] {
        let engine = Engine::new(Config::default().memo(Some(config)));
        let module = Module::from_wat(&engine, &text).unwrap();
        let mut s = Store::new(&engine);
        let i = Linker::new().instantiate(&mut s, &module).unwrap();
        assert_eq!(i.call(&mut s, "fib", &[i32v(20)]).unwrap(), vec![i32v(6765)]);
        let stats = s.memo_stats().unwrap();
        let p = stats.profile;
        assert_eq!(p.key_ns > 0 && p.lookup_ns > 0 && p.replay_ns > 0 && p.record_ns > 0, timed, "{p:?}");
        assert_eq!(stats.totals.timed > 0 && stats.totals.exec_ns > 0, timed, "{:?}", stats.totals);
    }
}

#[test]
fn adaptive_switches_off_a_big_unit_that_never_hits() {
    // Each call recurses 40 deep (a unit covering much work) on arguments never seen before.
    let wat = r#"(module
      (func $rec (param $n i32) (param $salt i32) (result i32)
        (if (result i32) (i32.eqz (local.get $n))
          (then (local.get $salt))
          (else (i32.add (local.get $n)
            (call $rec (i32.sub (local.get $n) (i32.const 1)) (i32.mul (local.get $salt) (i32.const 3)))))))
      (func (export "run") (param $k i32) (result i32)
        (call $rec (i32.const 40) (local.get $k))))"#;
    let engine = Engine::new(Config::default().memo(Some(MemoConfig::default())));
    let module = Module::from_wat(&engine, wat).unwrap();
    let mut s = Store::new(&engine);
    let i = Linker::new().instantiate(&mut s, &module).unwrap();
    for k in 0..400i32 {
        let want = (1..=40).sum::<i32>().wrapping_add(k.wrapping_mul(3i32.wrapping_pow(40)));
        assert_eq!(i.call(&mut s, "run", &[i32v(k)]).unwrap(), vec![i32v(want)]);
    }
    let stats = s.memo_stats().unwrap();
    assert_eq!(stats.totals.hits, 0, "{:?}", stats.totals);
    assert!(stats.totals.switched_off >= 1, "{:?}", stats.totals);
    assert!(stats.totals.lookups < 400 * 40 / 4, "{:?}", stats.totals);
}

#[test]
fn adaptive_records_only_inputs_met_before() {
    // A unit pays for a recording only when its inputs come back: the first pass over new
    // arguments records nothing, the second records each, the third hits each.
    let wat = r#"(module
      (func (export "f") (param i32) (result i32)
        (i32.sub (i32.shl (i32.xor (i32.add (i32.mul (local.get 0) (i32.const 3)) (i32.const 7))
          (local.get 0)) (i32.const 5)) (local.get 0))))"#;
    let engine = Engine::new(Config::default().memo(Some(MemoConfig::default().threshold(1).window(64))));
    let module = Module::from_wat(&engine, wat).unwrap();
    let mut s = Store::new(&engine);
    let i = Linker::new().instantiate(&mut s, &module).unwrap();
    let f = |x: i32| ((x.wrapping_mul(3).wrapping_add(7) ^ x) << 5).wrapping_sub(x);
    // The first execution is cold (threshold 1).
    assert_eq!(i.call(&mut s, "f", &[i32v(-1)]).unwrap(), vec![i32v(f(-1))]);
    for pass in 1..=3u64 {
        for x in 0..8 {
            assert_eq!(i.call(&mut s, "f", &[i32v(x)]).unwrap(), vec![i32v(f(x))]);
        }
        let t = s.memo_stats().unwrap().totals;
        let (first, recorded, hits) = [(8, 0, 0), (8, 8, 0), (8, 8, 8)][pass as usize - 1];
        assert_eq!((t.first_sight, t.recordings, t.hits), (first, recorded, hits), "pass {pass}: {t:?}");
    }
}

#[test]
fn loop_iterations_make_first_sights_not_cheap() {
    // The collatz shape: a call around a long loop, on 24 arguments that come back. The first
    // pass meets them (nothing recorded), the second records them; neither hits. The loop's
    // iterations, counted while its body's unit is off, make the call's unit one that covers
    // much work, so it is kept until its arguments hit.
    let wat = r#"(module
      (func (export "len") (param $x i64) (result i32) (local $steps i32)
        (block $done
          (loop $step
            (br_if $done (i64.eq (local.get $x) (i64.const 1)))
            (local.set $x
              (if (result i64) (i64.eqz (i64.and (local.get $x) (i64.const 1)))
                (then (i64.shr_u (local.get $x) (i64.const 1)))
                (else (i64.add (i64.mul (local.get $x) (i64.const 3)) (i64.const 1)))))
            (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
            (br $step)))
        (local.get $steps)))"#;
    let engine = Engine::new(Config::default().memo(Some(MemoConfig::default())));
    let module = Module::from_wat(&engine, wat).unwrap();
    let mut s = Store::new(&engine);
    let i = Linker::new().instantiate(&mut s, &module).unwrap();
    let len = |mut x: i64| {
        let mut n = 0;
        while x != 1 {
            x = if x % 2 == 0 { x / 2 } else { 3 * x + 1 };
            n += 1;
        }
        n
    };
    for _ in 0..4 {
        for j in 0..24 {
            let x = 1000 + 7 * j;
            assert_eq!(i.call(&mut s, "len", &[Value::I64(x)]).unwrap(), vec![i32v(len(x))]);
        }
    }
    let t = s.memo_stats().unwrap().totals;
    assert!(t.hits >= 20, "{t:?}");
}

#[test]
fn a_global_set_and_restored_leaves_entries_valid() {
    // Compiled C moves a stack pointer global down on entry and back on exit. Entries of a
    // function that reads it stay valid across other functions' frames, because a global is
    // a dependency on its value; setting it to another value invalidates them.
    let wat = module(
        r#"(func $frame (export "frame") (param i32) (result i32) (local $fp i32)
          (local.set $fp (i32.sub (global.get $g) (i32.const 16)))
          (global.set $g (local.get $fp))
          (local.set 0 (i32.add (i32.mul (local.get 0) (local.get $fp)) (i32.const 7)))
          (local.set 0 (i32.xor (local.get 0) (i32.shl (local.get 0) (i32.const 3))))
          (global.set $g (i32.add (local.get $fp) (i32.const 16)))
          (local.get 0))
        (func (export "other") (result i32) (call $frame (i32.const 99)))"#,
    );
    let script = [
        HostSetGlobal(i32v(4096)),
        Repeat(0, "frame", vec![i32v(5)], 3),
        Call(0, "other", vec![]),
        Call(0, "other", vec![]),
        Repeat(0, "frame", vec![i32v(5)], 2),
        ExpectHits,
        HostSetGlobal(i32v(2048)),
        Repeat(0, "frame", vec![i32v(5)], 3),
    ];
    check(&wat, 1, quick().verify(true), Config::default(), &script);
    let stats = check(&wat, 1, quick(), Config::default(), &script);
    // frame(5) hits after `other`'s frames set and restored the global; the new value then
    // invalidates its entry once.
    assert!(stats.totals.hits >= 3, "{:?}", stats.totals);
    // Invalidations by kind, in `DepKind` order: memory, memory size, global, ...
    assert_eq!(stats.totals.miss_invalidated[2], 1, "{:?}", stats.totals);
}
