//! The oracle under `cargo test`: a smoke run of a few hundred generated plans over the hazard
//! modules in `tests/hazards/` (plain, memo, memo-aggressive and wasmi must never diverge), a
//! broken engine the oracle must catch (with a reproducer that replays), verify-mode findings,
//! and the verdicts for instantiation failures and resource exhaustion.

use memowasm::MemoConfig;
use memowasm_oracle::{
    load_reproducer, run_plan, write_reproducer, DiffEngine, DiffInstance, DiffValue, Difference, EngineConfig,
    Failure, Memo, Plain, Plan, RunConfig, RunOptions, Step, TableEntry, Verdict, Wasmi,
};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The state methods of a wrapper instance, forwarded to `self.inner`.
macro_rules! forward_state {
    () => {
        fn exported_globals(&self) -> Vec<(String, DiffValue)> {
            self.inner.exported_globals()
        }

        fn exported_memories(&self) -> Vec<(String, &[u8])> {
            self.inner.exported_memories()
        }

        fn exported_tables(&self) -> Vec<(String, Vec<TableEntry>)> {
            self.inner.exported_tables()
        }

        fn write_memory(&mut self, export: &str, addr: u32, bytes: &[u8]) -> Result<(), Failure> {
            self.inner.write_memory(export, addr, bytes)
        }

        fn set_global(&mut self, export: &str, value: DiffValue) -> Result<(), Failure> {
            self.inner.set_global(export, value)
        }
    };
}

fn hazards() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hazards");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "wat"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let wasm = wat::parse_file(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.file_name().unwrap().to_string_lossy().into_owned(), wasm)
        })
        .collect()
}

const SMOKE_ENGINES: [&str; 4] = ["plain", "memo", "memo-aggressive", "wasmi"];

fn smoke_config() -> RunConfig {
    RunConfig::named(&SMOKE_ENGINES, &MemoConfig::default().threshold(1), EngineConfig::default()).unwrap()
}

#[test]
fn smoke() {
    let modules = hazards();
    assert!(modules.len() >= 6, "{} hazard modules", modules.len());
    let config = smoke_config();
    let plans_per_module = 300usize.div_ceil(modules.len());
    let (mut plans, mut steps, mut hits, mut nondeterministic) = (0usize, 0usize, 0u64, 0usize);
    let start = Instant::now();
    for (name, wasm) in &modules {
        let mut module_hits = 0;
        for seed in 0..plans_per_module as u64 {
            let plan = Plan::generate(wasm, 40, seed);
            let mut engines = config.build().unwrap();
            match run_plan(wasm, &plan, &mut engines, config.options()) {
                Verdict::Match { steps: n, memo_hits } => {
                    steps += n;
                    module_hits += memo_hits;
                }
                Verdict::NonDeterministic { step, .. } => {
                    steps += step.unwrap_or(0);
                    nondeterministic += 1;
                }
                Verdict::Diverged(d) => {
                    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("oracle-smoke");
                    let path = write_reproducer(&dir, wasm, &plan, &config, &d).unwrap();
                    panic!("{name}, seed {seed}:\n{d}reproducer: {}", path.display());
                }
            }
            plans += 1;
        }
        assert!(module_hits > 0, "{name}: the memo engines never hit");
        hits += module_hits;
    }
    eprintln!(
        "smoke: {plans} plans over {} modules, {steps} steps, {hits} memo hits, {nondeterministic} non-deterministic, {:.2?}",
        modules.len(),
        start.elapsed()
    );
    assert!(plans >= 300);
    assert!(nondeterministic < plans / 10, "too many plans stopped early: {nondeterministic}");
}

/// Wraps an engine; its instance corrupts the first exported global that is nonzero after
/// the first call, once, by flipping its lowest bit.
struct Broken(Box<dyn DiffEngine>);

struct BrokenInstance {
    inner: Box<dyn DiffInstance>,
    done: bool,
}

impl DiffEngine for Broken {
    fn name(&self) -> &str {
        "memo-broken"
    }

    fn family(&self) -> &str {
        self.0.family()
    }

    fn instantiate(&mut self, wasm: &[u8]) -> Result<Box<dyn DiffInstance>, Failure> {
        Ok(Box::new(BrokenInstance { inner: self.0.instantiate(wasm)?, done: false }))
    }
}

impl DiffInstance for BrokenInstance {
    fn call(&mut self, export: &str, args: &[DiffValue]) -> Result<Vec<DiffValue>, Failure> {
        let out = self.inner.call(export, args);
        if !self.done {
            for (name, v) in self.inner.exported_globals() {
                let flipped = match v {
                    DiffValue::I32(x) if x != 0 => DiffValue::I32(x ^ 1),
                    DiffValue::I64(x) if x != 0 => DiffValue::I64(x ^ 1),
                    _ => continue,
                };
                if self.inner.set_global(&name, flipped).is_ok() {
                    self.done = true;
                    break;
                }
            }
        }
        out
    }

    forward_state!();

    fn memo_stats(&self) -> Option<memowasm::MemoStats> {
        self.inner.memo_stats()
    }

    fn take_memo_divergences(&mut self) -> Vec<memowasm::MemoDivergence> {
        self.inner.take_memo_divergences()
    }
}

/// The divergence memowasm's verify mode would report for a unit of function 3.
fn made_up_stale_entry() -> memowasm::MemoDivergence {
    let mut store = memowasm::Store::new(&memowasm::Engine::default());
    let func = memowasm::Func::new(&mut store, memowasm::FuncType::default(), |_| Ok(vec![]));
    memowasm::MemoDivergence {
        unit: memowasm::memo::UnitId { func, func_index: 3, block: 1, start_ip: 4, end_ip: 9, offset: 0x2a },
        inputs: vec![(0, 100)],
        missed: "memory 0 chunk 1 at version 7".into(),
        cached: "result 5".into(),
        real: "result 7".into(),
    }
}

/// Wraps an instance; after `stale_at` calls it reports a (made-up) stale memo entry, as
/// verify mode would.
struct StaleReporter {
    inner: Box<dyn DiffInstance>,
    steps: usize,
    stale_at: usize,
}

impl DiffInstance for StaleReporter {
    fn call(&mut self, export: &str, args: &[DiffValue]) -> Result<Vec<DiffValue>, Failure> {
        self.steps += 1;
        self.inner.call(export, args)
    }

    forward_state!();

    fn take_memo_divergences(&mut self) -> Vec<memowasm::MemoDivergence> {
        if self.steps == self.stale_at {
            self.steps += 1;
            return vec![made_up_stale_entry()];
        }
        self.inner.take_memo_divergences()
    }
}

struct Stale(Box<dyn DiffEngine>, usize);

impl DiffEngine for Stale {
    fn name(&self) -> &str {
        self.0.name()
    }

    fn family(&self) -> &str {
        self.0.family()
    }

    fn instantiate(&mut self, wasm: &[u8]) -> Result<Box<dyn DiffInstance>, Failure> {
        Ok(Box::new(StaleReporter { inner: self.0.instantiate(wasm)?, steps: 0, stale_at: self.1 }))
    }
}

#[test]
fn verify_mode_findings_are_divergences() {
    let wasm = wat::parse_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hazards/memory.wat")).unwrap();
    let call = |x| Step::Call { export: "load32".into(), args: vec![DiffValue::I32(x)] };
    let plan = Plan { steps: vec![call(0), call(0), Step::Read, call(0)] };
    let memo = Memo::new("memo-aggressive", MemoConfig::aggressive(), EngineConfig::default());
    let mut engines: Vec<Box<dyn DiffEngine>> =
        vec![Box::new(Plain::new(EngineConfig::default())), Box::new(Stale(Box::new(memo), 2))];
    let v = run_plan(&wasm, &plan, &mut engines, RunOptions::default());
    let d = v.divergence().expect("a stale entry is a divergence");
    assert!(matches!(d.what, Difference::StaleMemoEntry));
    assert_eq!(d.step, Some(1), "reported at the step whose hit was stale");
    let text = d.to_string();
    for want in [
        "memo-aggressive and memo-aggressive (verify) diverge at step 1: call \"load32\"(0:i32)",
        "verify mode caught a stale memo entry",
        "memo unit: func 3 block 1 (ip 4..9, offset 0x2a)",
        "inputs: [c0=0x64]",
        "missed dependency: memory 0 chunk 1 at version 7",
        "cached: result 5",
        "real:   result 7",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
}

/// Wraps an engine (wasmi in the tests); its instances panic on every call, as wasmi does
/// on some modules.
struct Panicky(Box<dyn DiffEngine>);

struct PanickyInstance {
    inner: Box<dyn DiffInstance>,
}

impl DiffEngine for Panicky {
    fn name(&self) -> &str {
        self.0.name()
    }

    fn family(&self) -> &str {
        self.0.family()
    }

    fn instantiate(&mut self, wasm: &[u8]) -> Result<Box<dyn DiffInstance>, Failure> {
        Ok(Box::new(PanickyInstance { inner: self.0.instantiate(wasm)? }))
    }
}

impl DiffInstance for PanickyInstance {
    fn call(&mut self, _: &str, _: &[DiffValue]) -> Result<Vec<DiffValue>, Failure> {
        panic!("internal error: entered unreachable code")
    }

    forward_state!();
}

#[test]
fn a_wasmi_panic_does_not_hide_a_divergence_of_the_memowasm_engines() {
    let wasm = wat::parse_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hazards/globals.wat")).unwrap();
    let plan = Plan::generate(&wasm, 40, 3);
    let first_call = plan.steps.iter().position(|s| matches!(s, Step::Call { .. })).unwrap();
    let wasmi = || Box::new(Panicky(Box::new(Wasmi::new(EngineConfig::default())))) as Box<dyn DiffEngine>;

    // wasmi panics at the call where the broken memo engine diverges: the divergence is
    // what gets reported (a panic report would pass for wasmi's bug alone).
    let mut engines = broken_engines();
    engines.push(wasmi());
    let verdict = run_plan(&wasm, &plan, &mut engines, RunOptions::default());
    let Verdict::Diverged(d) = verdict else { panic!("nothing found: {verdict:?}") };
    assert_eq!(
        (d.engines.clone(), d.step),
        (["plain".to_string(), "memo-broken".to_string()], Some(first_call)),
        "{d}"
    );

    // With the memowasm engines in agreement, the panic is the finding, and says so.
    let memo = Memo::new("memo", MemoConfig::default().threshold(1), EngineConfig::default());
    let mut engines: Vec<Box<dyn DiffEngine>> =
        vec![Box::new(Plain::new(EngineConfig::default())), Box::new(memo), wasmi()];
    let verdict = run_plan(&wasm, &plan, &mut engines, RunOptions::default());
    let Verdict::Diverged(d) = verdict else { panic!("the panic went unnoticed: {verdict:?}") };
    assert!(matches!(d.what, Difference::Panicked { .. }) && d.step == Some(first_call), "{d}");
    let report = d.to_string();
    assert!(report.starts_with(&format!("wasmi panicked at step {first_call}: call")), "{report}");
}

fn broken_engines() -> Vec<Box<dyn DiffEngine>> {
    let memo = Memo::new("memo", MemoConfig::default().threshold(1), EngineConfig::default());
    vec![Box::new(Plain::new(EngineConfig::default())), Box::new(Broken(Box::new(memo)))]
}

#[test]
fn broken_engine_is_caught() {
    let wasm = wat::parse_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hazards/globals.wat")).unwrap();
    let plan = Plan::generate(&wasm, 40, 3);
    let verdict = run_plan(&wasm, &plan, &mut broken_engines(), RunOptions::default());
    let Verdict::Diverged(d) = verdict else { panic!("the broken engine went unnoticed: {verdict:?}") };
    assert_eq!(d.engines, ["plain", "memo-broken"]);
    assert!(matches!(d.what, Difference::Global { .. } | Difference::Outcome { .. }), "{d}");
    let first_call = plan.steps.iter().position(|s| matches!(s, Step::Call { .. })).unwrap();
    assert_eq!(d.step, Some(first_call), "caught right after the corrupting call");
    let report = d.to_string();
    assert!(report.contains("plain and memo-broken diverge at step"), "{report}");

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("oracle-broken");
    let _ = std::fs::remove_dir_all(&dir);
    // The broken wrapper has no spec of its own: the config records the memo engine it wraps.
    let config =
        RunConfig::named(&["plain", "memo"], &MemoConfig::default().threshold(1), EngineConfig::default()).unwrap();
    let path = write_reproducer(&dir, &wasm, &plan, &config, &d).unwrap();
    let stem = path.to_string_lossy().strip_suffix(".wasm").unwrap().to_string();
    assert!(stem.ends_with(&format!("crash-{}", memowasm_oracle::module_hash(&wasm))));
    for suffix in [".wasm", ".wat", ".plan.json", ".config.json", ".txt"] {
        assert!(Path::new(&format!("{stem}{suffix}")).is_file(), "missing {stem}{suffix}");
    }
    let plan_text = std::fs::read_to_string(format!("{stem}.plan.json")).unwrap();
    assert_eq!(Plan::from_json(&plan_text).unwrap(), plan);
    let wat_text = std::fs::read_to_string(format!("{stem}.wat")).unwrap();
    assert!(wat_text.contains("(module"), "{wat_text}");
    let txt = std::fs::read_to_string(format!("{stem}.txt")).unwrap();
    assert!(txt.contains(&report) && txt.contains("replay: memowasm diff"), "{txt}");

    for given in [path.clone(), PathBuf::from(&stem), PathBuf::from(format!("{stem}.plan.json"))] {
        let r = load_reproducer(&given).unwrap();
        assert_eq!((&r.wasm, &r.plan, r.config.as_ref()), (&wasm, &plan, Some(&config)));
    }
    let r = load_reproducer(&path).unwrap();
    let again = run_plan(&r.wasm, &r.plan, &mut broken_engines(), RunOptions::default());
    let d2 = again.divergence().expect("the replay diverges again");
    assert_eq!((d2.step, d2.to_string()), (d.step, report));
    // And without the corruption, the recorded engines agree.
    let clean = run_plan(&r.wasm, &r.plan, &mut r.config.unwrap().build().unwrap(), RunOptions::default());
    assert!(matches!(clean, Verdict::Match { .. }), "{clean:?}");
}

#[test]
fn instantiation_failures_that_agree_match() {
    let config = smoke_config();
    // An import the oracle does not provide: every engine fails to link.
    let wasm = wat::parse_str(r#"(module (import "env" "f" (func)) (func (export "g")))"#).unwrap();
    let v = run_plan(&wasm, &Plan::generate(&wasm, 5, 0), &mut config.build().unwrap(), config.options());
    assert!(matches!(v, Verdict::Match { steps: 0, .. }), "{v:?}");
    // A trapping start function.
    let wasm = wat::parse_str(r#"(module (func $s unreachable) (start $s) (func (export "g")))"#).unwrap();
    let v = run_plan(&wasm, &Plan::generate(&wasm, 5, 0), &mut config.build().unwrap(), config.options());
    assert!(matches!(v, Verdict::Match { steps: 0, .. }), "{v:?}");
}

const DEEP: &str = r#"(module (func $down (export "down") (param i32) (result i32)
    local.get 0 i32.eqz if (result i32) i32.const 0 else local.get 0 i32.const 1 i32.sub call $down end))"#;

fn deep_plan() -> Plan {
    let call = |n| Step::Call { export: "down".into(), args: vec![DiffValue::I32(n)] };
    Plan { steps: vec![call(10), call(10), call(5000), call(10)] }
}

#[test]
fn exhaustion_across_families_is_non_deterministic() {
    let wasm = wat::parse_str(DEEP).unwrap();
    let config = smoke_config();
    let v = run_plan(&wasm, &deep_plan(), &mut config.build().unwrap(), config.options());
    assert!(matches!(v, Verdict::NonDeterministic { step: Some(2), .. }), "{v:?}");
}

#[test]
fn exhaustion_within_a_family_is_compared() {
    let wasm = wat::parse_str(DEEP).unwrap();
    let config = EngineConfig::default().max_call_depth(100);
    let mut engines: Vec<Box<dyn DiffEngine>> = vec![
        Box::new(Plain::new(config.clone())),
        Box::new(Memo::new("memo", MemoConfig::aggressive(), config.clone())),
    ];
    let v = run_plan(&wasm, &deep_plan(), &mut engines, RunOptions::default());
    assert!(matches!(v, Verdict::Match { steps: 4, memo_hits } if memo_hits > 0), "{v:?}");
    // Different limits in one family: the exhaustion itself diverges.
    let mut engines: Vec<Box<dyn DiffEngine>> =
        vec![Box::new(Plain::new(config.clone())), Box::new(Plain::new(EngineConfig::default().max_call_depth(6000)))];
    let v = run_plan(&wasm, &deep_plan(), &mut engines, RunOptions::default());
    let d = v.divergence().expect("depth limits differ");
    assert!(matches!(&d.what, Difference::Outcome { a: Err(Failure::Exhausted(_)), b: Ok(_) }), "{d}");
}

#[test]
fn fuel_is_lined_up_within_a_family() {
    let wasm = wat::parse_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hazards/memory.wat")).unwrap();
    let config = EngineConfig::default().fuel(Some(300));
    let mut engines: Vec<Box<dyn DiffEngine>> = vec![
        Box::new(Plain::new(config.clone())),
        Box::new(Memo::new("memo", MemoConfig::default().threshold(1), config.clone())),
        Box::new(Memo::new("memo-aggressive", MemoConfig::aggressive(), config.clone())),
        Box::new(Wasmi::new(config)),
    ];
    let (mut matched, mut stopped) = (0, 0);
    for seed in 0..20 {
        match run_plan(&wasm, &Plan::generate(&wasm, 40, seed), &mut engines, RunOptions::default()) {
            Verdict::Match { .. } => matched += 1,
            Verdict::NonDeterministic { reason, .. } => {
                assert!(reason.contains("exhausted: fuel"), "{reason}");
                stopped += 1
            }
            Verdict::Diverged(d) => panic!("seed {seed}:\n{d}"),
        }
    }
    assert!(stopped > 0 && matched > 0, "{matched} matched, {stopped} ran out of fuel");
}
