//! Reduction under `cargo test`: deliberately broken memo engines (a cache that never
//! invalidates results; an instance that drops host writes) diverge on a padded module, and
//! the reducer must shrink the case while keeping the divergence's signature, give the same
//! bytes twice, and write a regression script that the spec runner passes on the real engine.

use memowasm::MemoConfig;
use memowasm_oracle::reduce::{regression_script, replay, Case, ReduceError, ReduceOptions, Reducer, Signature, What};
use memowasm_oracle::{
    DiffEngine, DiffInstance, DiffValue, EngineConfig, EngineSpec, Failure, Plan, RunConfig, Step, TableEntry, Verdict,
};
use memowasm_spec::{EngineKind, RunOptions, WastSource};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Noise around the functions under test: exported functions the plan calls too, which the
/// reducer has to cut.
fn padded(core: &str) -> Vec<u8> {
    let mut text = format!("(module\n{core}\n");
    for k in 0..24 {
        writeln!(
            text,
            r#"(func (export "n{k}") (param i32 i32) (result i32)
                local.get 0 local.get 1 i32.add i32.const {} i32.mul i32.const {} i32.xor local.get 1 i32.rotl)"#,
            k * 7 + 3,
            k * 131 + 17
        )
        .unwrap();
    }
    text.push(')');
    wat::parse_str(&text).unwrap()
}

const CORE: &str = r#"
  (memory (export "mem") 1)
  (global $g (export "g") (mut i32) (i32.const 5))
  (func (export "get") (param $a i32) (result i32)
    (i32.add (i32.load (local.get $a)) (global.get $g)))
  (func (export "put") (param $a i32) (param $v i32)
    (i32.store (local.get $a) (local.get $v)))
  (func (export "bump") (global.set $g (i32.add (global.get $g) (i32.const 1))))"#;

/// A plan over every export, with host writes, repeated calls and noise.
fn plan() -> Plan {
    let call = |f: &str, args: &[i32]| Step::Call {
        export: f.into(),
        args: args.iter().map(|&x| DiffValue::I32(x)).collect(),
    };
    let mut steps = Vec::new();
    for k in 0..30 {
        steps.push(call(&format!("n{}", k % 24), &[k * 1000 + 7, -k]));
        if k % 7 == 3 {
            steps.push(call("get", &[64]));
            steps.push(call("get", &[64]));
        }
        if k == 20 {
            steps.push(Step::WriteMemory { export: "mem".into(), addr: 64, bytes: vec![9, 8, 7, 6, 5] });
        }
        if k == 11 {
            steps.push(call("put", &[128, 12345]));
        }
    }
    steps.push(call("get", &[64]));
    steps.push(call("get", &[64]));
    Plan { steps }
}

fn config() -> RunConfig {
    RunConfig::named(
        &["plain", "memo"],
        &MemoConfig::default().threshold(1),
        EngineConfig::default().fuel(Some(100_000)),
    )
    .unwrap()
}

/// The memo engine wrapped so that it breaks in one of two ways.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Breakage {
    /// Results are cached by export and arguments and never invalidated.
    StaleResults,
    /// Host writes to memory are dropped.
    DroppedHostWrites,
}

struct Broken(Box<dyn DiffEngine>, Breakage);

struct BrokenInstance {
    inner: Box<dyn DiffInstance>,
    breakage: Breakage,
    cache: HashMap<(String, Vec<DiffValue>), Vec<DiffValue>>,
}

impl DiffEngine for Broken {
    fn name(&self) -> &str {
        self.0.name()
    }

    fn family(&self) -> &str {
        self.0.family()
    }

    fn instantiate(&mut self, wasm: &[u8]) -> Result<Box<dyn DiffInstance>, Failure> {
        Ok(Box::new(BrokenInstance { inner: self.0.instantiate(wasm)?, breakage: self.1, cache: HashMap::new() }))
    }
}

impl DiffInstance for BrokenInstance {
    fn call(&mut self, export: &str, args: &[DiffValue]) -> Result<Vec<DiffValue>, Failure> {
        let out = self.inner.call(export, args)?;
        if self.breakage != Breakage::StaleResults || out.is_empty() {
            return Ok(out);
        }
        Ok(self.cache.entry((export.to_string(), args.to_vec())).or_insert(out).clone())
    }

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
        match self.breakage {
            Breakage::DroppedHostWrites => Ok(()),
            Breakage::StaleResults => self.inner.write_memory(export, addr, bytes),
        }
    }

    fn set_global(&mut self, export: &str, value: DiffValue) -> Result<(), Failure> {
        self.inner.set_global(export, value)
    }

    fn fuel_left(&self) -> Option<u64> {
        self.inner.fuel_left()
    }

    fn memo_stats(&self) -> Option<memowasm::MemoStats> {
        self.inner.memo_stats()
    }

    fn take_memo_divergences(&mut self) -> Vec<memowasm::MemoDivergence> {
        self.inner.take_memo_divergences()
    }
}

/// Builds the configuration's engines, the `memo` one broken.
fn broken(breakage: Breakage) -> impl Fn(&RunConfig) -> Result<Vec<Box<dyn DiffEngine>>, String> {
    move |config: &RunConfig| {
        config
            .engines
            .iter()
            .map(|spec| {
                let engine = spec.build(&config.engine)?;
                Ok(match spec {
                    EngineSpec::Memo { name, .. } if name == "memo" => Box::new(Broken(engine, breakage)) as Box<_>,
                    _ => engine,
                })
            })
            .collect()
    }
}

fn options() -> ReduceOptions {
    ReduceOptions { attempts: 300, seed: 0, max_rounds: 4 }
}

fn reduce(breakage: Breakage) -> memowasm_oracle::reduce::Reduced {
    let case = Case { wasm: padded(CORE), plan: plan(), config: config() };
    Reducer::new(options()).engines(broken(breakage)).reduce(case).unwrap()
}

/// Runs a regression script in all four spec-runner engines; the failures, stale entries and
/// divergences it had.
fn spec_failures(name: &str, text: &str) -> Vec<String> {
    let report = memowasm_spec::run_file(
        &WastSource::user(name, text.to_string()),
        &RunOptions { engines: EngineKind::ALL.to_vec(), verbose: false, threads: 1 },
    );
    let mut problems: Vec<String> = report.divergences.iter().map(|d| d.to_string()).collect();
    for e in &report.engines {
        problems.extend(
            e.failures.iter().map(|f| format!("{} {}:{} {} {}", e.engine, f.line, f.directive, f.expected, f.got)),
        );
        problems.extend(e.skips.iter().map(|s| format!("{} {}: skipped: {}", e.engine, s.line, s.reason)));
        assert!(e.passed > 0, "{}: nothing ran", e.engine);
    }
    problems
}

#[test]
fn stale_results_reduce_to_a_small_deterministic_case() {
    let input = Case { wasm: padded(CORE), plan: plan(), config: config() };
    let r = reduce(Breakage::StaleResults);
    eprintln!(
        "stale results: {} -> {} bytes, {} -> {} steps, {} predicate calls ({} cached), {} rounds, {:.2?}",
        r.stats.bytes_before,
        r.stats.bytes_after,
        r.stats.steps_before,
        r.stats.steps_after,
        r.stats.predicate_calls,
        r.stats.cached_answers,
        r.stats.rounds,
        r.stats.elapsed
    );
    assert_eq!(r.signature.engines, ["plain", "memo"]);
    assert_eq!(r.signature.what, What::Result);
    assert!(r.case.wasm.len() * 4 < input.wasm.len(), "{} of {} bytes", r.case.wasm.len(), input.wasm.len());
    assert!(r.case.plan.steps.len() <= 4, "{}", r.case.plan.to_json());
    assert!(r.stats.predicate_calls > 0 && r.stats.steps_before == input.plan.steps.len());
    // Still diverging, the same way.
    let again = replay(&r.case, &broken(Breakage::StaleResults)).unwrap();
    let d = again.divergence().expect("the reduced case diverges");
    assert_eq!(Signature::of(d), r.signature);
    // The noise calls are gone, and values are simple.
    for s in &r.case.plan.steps {
        if let Step::Call { export, args } = s {
            assert!(!export.starts_with('n'), "{}", r.case.plan.to_json());
            assert!(args.iter().all(|a| matches!(a, DiffValue::I32(0..=256))), "{}", r.case.plan.to_json());
        }
    }
    // Twice gives the same bytes.
    let twice = reduce(Breakage::StaleResults);
    assert_eq!(twice.case, r.case, "reduction is deterministic");
    // Without the breakage the reduced case matches.
    assert!(matches!(replay(&r.case, &|c: &RunConfig| c.build()).unwrap(), Verdict::Match { .. }));

    let script = regression_script(&r, "0000: memo returned a stale result", "test input").unwrap();
    assert_eq!(script, regression_script(&twice, "0000: memo returned a stale result", "test input").unwrap());
    assert!(
        script.text.starts_with(";; 0000: memo returned a stale result\n;; Signature: plain vs memo"),
        "{}",
        script.text
    );
    assert!(script.text.contains("(assert_return (invoke $main \"get\" (i32.const "), "{}", script.text);
    let problems = spec_failures("stale.wast", &script.text);
    assert!(problems.is_empty(), "{problems:#?}\n{}", script.text);
}

#[test]
fn dropped_host_writes_keep_the_write_in_a_helper_module() {
    let r = reduce(Breakage::DroppedHostWrites);
    assert_eq!(r.signature.what, What::Memory, "{}", r.signature);
    assert!(r.case.plan.steps.iter().any(|s| matches!(s, Step::WriteMemory { .. })), "{}", r.case.plan.to_json());
    assert!(r.case.plan.steps.len() <= 2, "{}", r.case.plan.to_json());
    let Step::WriteMemory { bytes, .. } = r.case.plan.steps.last().unwrap() else { panic!() };
    assert_eq!(bytes.len(), 1, "one byte is enough");
    let script = regression_script(&r, "0000: memo dropped a host write", "test input").unwrap();
    for want in
        ["(module $main", "(register \"main\" $main)", "(module $host", "(invoke $host \"step ", "\"memory hash\""]
    {
        assert!(script.text.contains(want), "{want:?} not in:\n{}", script.text);
    }
    assert!(script.notes.iter().any(|n| n.contains("helper module")), "{:?}", script.notes);
    let problems = spec_failures("dropped.wast", &script.text);
    assert!(problems.is_empty(), "{problems:#?}\n{}", script.text);
}

#[test]
fn inputs_that_do_not_diverge_or_do_not_run_are_refused() {
    let case = Case { wasm: padded(CORE), plan: plan(), config: config() };
    let e = Reducer::default().reduce(case.clone()).unwrap_err();
    assert!(matches!(&e, ReduceError::DoesNotDiverge(m) if m.contains("agree")), "{e}");
    assert!(e.to_string().starts_with("does not diverge: "), "{e}");
    let bad = Case { wasm: b"\0asm\x01\0\0\0\x7f".to_vec(), ..case.clone() };
    assert!(matches!(Reducer::default().reduce(bad), Err(ReduceError::NotRunnable(_))));
    let imports = Case { wasm: wat::parse_str(r#"(module (import "env" "f" (func)))"#).unwrap(), ..case };
    let e = Reducer::default().reduce(imports).unwrap_err();
    assert!(e.to_string().contains("env::f"), "{e}");
}
