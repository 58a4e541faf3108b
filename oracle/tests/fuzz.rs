//! The fuzz targets under `cargo test`, without libFuzzer: a `smoke` run of a few hundred
//! inputs of each target (no finding, and memo hits where memo runs), decoding is
//! deterministic and is what the target runs, every corpus seed and every regression script
//! replays in lockstep, and findings leave reproducers that replay.

use memowasm_oracle::fuzz::campaign::{self, Campaign, Stats};
use memowasm_oracle::fuzz::{corpus, decode, decode_script, Exec, Finding, Ran, Target};
use memowasm_oracle::{load_reproducer, run_plan, Verdict};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Runs `n` campaign inputs of `target` (seed 0) and sums what ran; panics on a finding.
fn smoke(target: Target, n: u64) -> (Ran, u64) {
    let start = Instant::now();
    let (mut total, mut skipped) = (Ran::default(), 0);
    let mut with_hits = 0;
    for i in 0..n {
        let data = campaign::input(target, 0, i);
        match campaign::run_one(target, &data) {
            Exec::Ran(r) => {
                total.steps += r.steps;
                total.memo_lookups += r.memo_lookups;
                total.memo_hits += r.memo_hits;
                for (a, n) in total.memo_invalidations.iter_mut().zip(r.memo_invalidations) {
                    *a += n;
                }
                with_hits += u64::from(r.memo_hits > 0);
            }
            Exec::Skipped(_) => skipped += 1,
            Exec::Found(f) => {
                let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-smoke");
                let path = f.write(&dir).unwrap();
                panic!("{target} input {i}:\n{f}reproducer: {}", path.display());
            }
        }
    }
    eprintln!(
        "smoke {target}: {n} inputs in {:.2?}, {skipped} skipped, {} steps, {} memo hits / {} lookups, \
         invalidations {:?} (memory, size, global, table, data, elem), {with_hits} inputs with hits",
        start.elapsed(),
        total.steps,
        total.memo_hits,
        total.memo_lookups,
        total.memo_invalidations
    );
    assert!(skipped < n / 10, "{target}: {skipped} of {n} inputs skipped");
    (total, with_hits)
}

#[test]
fn smoke_differential() {
    let (ran, with_hits) = smoke(Target::Differential, 300);
    assert!(ran.steps > 1000, "{ran:?}");
    assert!(with_hits > 0, "no differential input hit the memo cache");
}

#[test]
fn smoke_memo_hazards() {
    let (ran, with_hits) = smoke(Target::MemoHazards, 300);
    assert!(ran.memo_hits > 1000 && with_hits > 100, "{ran:?}, {with_hits} inputs with hits");
    // Every kind of dependency gets invalidated.
    assert!(ran.memo_invalidations.iter().all(|&n| n > 0), "{ran:?}");
}

#[test]
fn smoke_validate() {
    smoke(Target::Validate, 300);
}

#[test]
fn decoding_is_deterministic_and_is_what_runs() {
    let mut scripts = 0;
    for target in ["differential", "memo_hazards"] {
        let t: Target = target.parse().unwrap();
        for i in 0..40 {
            let data = campaign::input(t, 7, i);
            let Some((wasm, plan, config)) = decode(target, &data) else {
                scripts += usize::from(decode_script(&data).is_some());
                continue;
            };
            let again = decode(target, &data).unwrap();
            assert_eq!((&wasm, &plan, &config), (&again.0, &again.1, &again.2));
            // Running the decoded case gives the verdict the target gives.
            let direct = run_plan(&wasm, &plan, &mut config.build().unwrap(), config.options());
            match (campaign::run_one(t, &data), direct) {
                (Exec::Ran(r), Verdict::Match { steps, memo_hits }) => {
                    assert_eq!((r.steps, r.memo_hits), (steps as u64, memo_hits));
                }
                (Exec::Ran(r), Verdict::NonDeterministic { .. }) => assert!(r.nondeterministic),
                (exec, verdict) => panic!("{target} {i}: {exec:?} but {verdict:?}"),
            }
        }
    }
    assert!(scripts > 0, "no memo_hazards input made a two-instance script");
    assert!(decode("validate", b"\0asm\x01\0\0\0").is_none());
    assert!(decode("nonsense", b"").is_none());
}

fn corpus_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("corpus").join(name)
}

#[test]
fn corpus_replays() {
    let start = Instant::now();
    let mut counts = Vec::new();
    for target in Target::ALL {
        let seeds = corpus::load(&corpus_dir(target.name())).unwrap();
        assert!(seeds.len() >= 5, "corpus/{target} has {} seeds", seeds.len());
        let mut hits = 0;
        for (name, seed) in &seeds {
            match corpus::replay(seed) {
                Exec::Ran(r) => hits += r.memo_hits,
                Exec::Skipped(why) => panic!("corpus/{target}/{name}: skipped: {why}"),
                Exec::Found(f) => panic!("corpus/{target}/{name}:\n{f}"),
            }
        }
        if target != Target::Validate {
            assert!(hits > 0, "corpus/{target}: no memo hits");
        }
        counts.push(format!("{target}: {} seeds, {hits} memo hits", seeds.len()));
    }
    // The regression scripts, through the same script check (engines agree, no stale entry).
    let mut regressions = 0;
    for entry in std::fs::read_dir(corpus_dir("regressions")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "wast") {
            let text = std::fs::read_to_string(&path).unwrap();
            if let Exec::Found(f) = memowasm_oracle::fuzz::linked::check_script(text, false) {
                panic!("{}:\n{f}", path.display());
            }
            regressions += 1;
        }
    }
    assert!(regressions >= 2);
    eprintln!("corpus: {}; {regressions} regression scripts; {:.2?}", counts.join("; "), start.elapsed());
}

#[test]
fn a_short_campaign_counts_and_writes_nothing() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-campaign");
    let _ = std::fs::remove_dir_all(&dir);
    let mut c = Campaign::new(Target::MemoHazards);
    c.duration = Duration::from_secs(30);
    c.max_execs = Some(60);
    c.jobs = 2;
    c.seed = 42;
    c.findings = dir.clone();
    let stats = Stats::default();
    let report = campaign::run(&c, &stats, &|f| panic!("{}", f.report));
    assert_eq!(report.totals.execs, 60);
    assert!(report.totals.memo_hits > 0 && report.totals.hit_rate() > 0.0);
    assert!(report.found.is_empty() && !dir.exists());
    // The same seed gives the same inputs.
    assert_eq!(campaign::input(Target::MemoHazards, 42, 5), campaign::input(Target::MemoHazards, 42, 5));
}

#[test]
fn findings_leave_reproducers_that_replay() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-findings");
    let _ = std::fs::remove_dir_all(&dir);
    // A real divergence: two plain engines, one with fuel for a single instruction.
    let wasm = wat::parse_str(r#"(module (func (export "f") (result i32) i32.const 1 i32.const 2 i32.add))"#).unwrap();
    let plan = memowasm_oracle::Plan::generate(&wasm, 3, 0);
    let config = memowasm_oracle::RunConfig::named(&["plain"], &Default::default(), Default::default()).unwrap();
    let starved = memowasm_oracle::EngineConfig::default().fuel(Some(1));
    let mut engines = vec![
        config.build().unwrap().remove(0),
        Box::new(memowasm_oracle::Plain::new(starved)) as Box<dyn memowasm_oracle::DiffEngine>,
    ];
    let Verdict::Diverged(divergence) = run_plan(&wasm, &plan, &mut engines, config.options()) else {
        panic!("fuel for one instruction against no fuel must diverge");
    };
    let case = memowasm_oracle::fuzz::Case { wasm, plan, config };
    let finding = Finding::Lockstep { case: case.clone(), divergence };
    let path = finding.write(&dir).unwrap();
    let r = load_reproducer(&path).unwrap();
    assert_eq!((r.wasm, r.plan, r.config), (case.wasm, case.plan, Some(case.config)));

    let script = Finding::Script { text: "(module)\n".into(), report: "made up".into() };
    let path = script.write(&dir).unwrap();
    assert!(path.to_string_lossy().ends_with(".wast") && path.with_extension("txt").is_file());
    let panic = Finding::Panic { target: Target::Validate, data: vec![1, 2, 3], message: "boom".into() };
    let path = panic.write(&dir).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), [1, 2, 3]);
    assert!(std::fs::read_to_string(path.with_extension("txt")).unwrap().contains("--target validate --input"));
}

#[test]
fn wasmi_select_hazard_is_detected() {
    use memowasm_oracle::fuzz::differential::wasmi_select_hazard;
    let module = |body: &str| wat::parse_str(format!("(module (func (param i32) (result i32) {body}))")).unwrap();
    // wasmi 2.0.0 returns 7 here for any argument.
    assert!(wasmi_select_hazard(&module("i32.const 7 i32.const 9 local.get 0 i32.eqz select")));
    assert!(wasmi_select_hazard(&module("i32.const 7 i32.const 9 local.get 0 i32.const 0 i32.ne select")));
    assert!(!wasmi_select_hazard(&module("i32.const 7 i32.const 9 local.get 0 select")));
    assert!(!wasmi_select_hazard(&module("i32.const 7 i32.const 9 local.get 0 i32.const 3 i32.lt_s select")));
}

/// A generated two-instance script whose module feeds `select` from `i32.eqz` runs without
/// wasmi, which miscompiles that (it takes the first operand for any condition); the same
/// script checked in all four engines diverges in wasmi.
#[test]
fn two_instance_scripts_with_the_wasmi_select_hazard_run_without_wasmi() {
    use memowasm_oracle::fuzz::linked::{check_script, run_script, select_hazard};
    let text = r#"(module $M
  (func (export "pick") (param i32) (result i32)
    i32.const 7 i32.const 9 local.get 0 i32.eqz select))
(invoke $M "pick" (i32.const 1))
(invoke $M "pick" (i32.const 0))
"#;
    assert!(select_hazard(text));
    assert!(!select_hazard("(module (func (result i32) i32.const 1 i32.const 2 i32.const 0 select))"));
    assert!(matches!(check_script(text.to_string(), true), Exec::Found(_)), "wasmi agrees with plain");
    match run_script(text.to_string()) {
        Exec::Ran(r) => assert!(r.steps > 0),
        other => panic!("{other:?}"),
    }
}
