//! The runner against the interpreter and wasmi: every directive kind it supports passes when
//! the script is right, and each deliberately wrong directive is reported as a failure -- in
//! every engine column alike, with no divergence between the engines.

use memowasm_spec::{run_file, EngineKind, RunOptions, WastSource};

const SCRIPT: &str = r#"
(module $a
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $loop (export "loop") (call $loop))
  (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
  (func (export "two") (result i32 i64) (i32.const 1) (i64.const 2))
  (global (export "g") (mut i32) (i32.const 7))
  (memory (export "mem") 1))
(register "a" $a)
(module $b (import "a" "div" (func $d (param i32 i32) (result i32)))
  (func (export "half") (param i32) (result i32) (call $d (local.get 0) (i32.const 2))))
(assert_return (invoke $b "half" (i32.const 9)) (i32.const 4))
(assert_return (invoke $a "div" (i32.const 9) (i32.const 3)) (i32.const 3))
(assert_trap (invoke $a "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke $a "div" (i32.const 0x80000000) (i32.const -1)) "integer overflow")
(assert_exhaustion (invoke $a "loop") "call stack exhausted")
(assert_return (invoke $a "nan") (f32.const nan:canonical))
(assert_return (invoke $a "nan") (f32.const nan:arithmetic))
(assert_return (invoke $a "two") (i32.const 1) (i64.const 2))
(assert_return (get $a "g") (i32.const 7))
(assert_return (invoke $a "two") (either (i32.const 1) (i32.const 5)) (i64.const 2))
(assert_unlinkable (module (import "a" "nope" (func))) "unknown import")
(assert_unlinkable (module (import "a" "div" (func (param i32)))) "incompatible import type")
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
(assert_trap (module (memory 1) (data (i32.const 70000) "x")) "out of bounds memory access")
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_malformed (module quote "(func (result i32) i32.const)") "unexpected token")
(assert_malformed (module binary "\00asm\02\00\00\00") "unknown binary version")
(module definition $d (func (export "f") (result i32) (i32.const 42)))
(module instance $i1 $d)
(assert_return (invoke $i1 "f") (i32.const 42))
(module (import "spectest" "print_i32" (func $p (param i32))) (func (export "p") (call $p (i32.const 3))))
(invoke "p")
;; deliberately wrong:
(assert_return (invoke $a "div" (i32.const 9) (i32.const 3)) (i32.const 4))
(assert_trap (invoke $a "div" (i32.const 1) (i32.const 1)) "integer divide by zero")
(assert_return (invoke $a "nan") (f32.const 0))
(assert_return (invoke $a "two") (i32.const 1))
(assert_exhaustion (invoke $a "div" (i32.const 1) (i32.const 0)) "call stack exhausted")
(assert_invalid (module (func (result i32) (i32.const 0))) "type mismatch")
(assert_unlinkable (module (import "a" "div" (func (param i32 i32) (result i32)))) "incompatible")
"#;

#[test]
fn every_directive_kind_passes_and_wrong_ones_fail() {
    let report = run_file(&WastSource::user("directives.wast", SCRIPT.into()), &RunOptions::default());
    let plain = report.engine(EngineKind::Plain).unwrap();
    let failures: Vec<(u32, &str)> = plain.failures.iter().map(|f| (f.line, f.directive)).collect();
    assert_eq!(
        failures,
        [
            (35, "assert_return"),
            (36, "assert_trap"),
            (37, "assert_return"),
            (38, "assert_return"),
            (39, "assert_exhaustion"),
            (40, "assert_invalid"),
            (41, "assert_unlinkable"),
        ],
        "{:#?}",
        plain.failures
    );
    assert_eq!(plain.passed, 25, "{:#?}", plain.failures);
    assert_eq!(plain.skipped(), 0, "{:#?}", plain.skips);
    let nan = &plain.failures[2];
    assert_eq!(nan.expected, "[0:f32]");
    assert!(nan.got.starts_with("[nan:0x"), "{}", nan.got);
    assert_eq!(plain.hits, None);

    // The memo engines and wasmi run the same directives in their own stores, with the same
    // verdicts, and their actions agree with plain's.
    let engines: Vec<EngineKind> = report.engines.iter().map(|e| e.engine).collect();
    assert_eq!(engines, EngineKind::ALL);
    for other in &report.engines[1..] {
        let (failures, passed) = (&other.failures, other.passed);
        assert_eq!((failures, passed, other.skipped()), (&plain.failures, plain.passed, 0), "[{}]", other.engine);
        assert_eq!(other.memo_divergences, 0, "[{}]", other.engine);
        assert_eq!(other.hits.is_some(), other.engine.is_memo(), "[{}]", other.engine);
    }
    assert_eq!(report.divergences, [], "the engines disagree");
}

/// wasmi runs with the suite's features, cut to memowasm's: a second memory is invalid in a
/// v1 or v2 script (wasmi's default configuration would accept it), SIMD is unsupported and
/// skipped like in memowasm, and a runaway recursion traps instead of crashing.
#[test]
fn wasmi_runs_the_suite_features_and_limits() {
    let script = r#"
(assert_invalid (module (memory 0) (memory 0)) "multiple memories")
(module (func (export "v") (result i32) (drop (v128.const i64x2 0 0)) (i32.const 1)))
(assert_return (invoke "v") (i32.const 1))
(module (func $loop (export "loop") (call $loop))
  (func $deep (export "deep") (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)))))
      (else (i32.const 0)))))
(assert_exhaustion (invoke "loop") "call stack exhausted")
(assert_return (invoke "deep" (i32.const 10000)) (i32.const 10000))
(assert_trap (invoke "deep" (i32.const 100000)) "call stack exhausted")
"#;
    for suite in [memowasm_spec::Suite::V1, memowasm_spec::Suite::V2] {
        let source = WastSource { features: suite.features(), ..WastSource::user("wasmi.wast", script.into()) };
        let options = RunOptions { engines: vec![EngineKind::Plain, EngineKind::Wasmi], ..RunOptions::default() };
        let report = run_file(&source, &options);
        let wasmi = report.engine(EngineKind::Wasmi).unwrap();
        assert_eq!(wasmi.failures, [], "{suite:?}");
        assert_eq!((wasmi.passed, wasmi.skipped()), (5, 2), "{suite:?}: {:#?}", wasmi.skips);
        assert!(wasmi.skips[0].reason.starts_with("unsupported module"), "{:?}", wasmi.skips);
        let plain = report.engine(EngineKind::Plain).unwrap();
        let lines = |e: &memowasm_spec::EngineReport| e.skips.iter().map(|s| s.line).collect::<Vec<_>>();
        assert_eq!((plain.passed, lines(plain)), (wasmi.passed, lines(wasmi)), "{suite:?}");
        assert_eq!(report.divergences, []);
    }
}

/// A function called again with the same arguments hits the memo cache: at once in
/// memo-aggressive (threshold 1), after its threshold in memo (the adaptive policy, which
/// makes units only of blocks of at least 8 instructions). Verify finds nothing stale.
#[test]
fn memo_engines_count_hits() {
    let mut script = String::from(
        r#"(module
  (global $g (mut i32) (i32.const 0))
  ;; x*x + 0 + x*0: 9 instructions, a unit under the adaptive policy (min_unit_ops 8) too.
  (func $sq (export "sq") (param i32) (result i32)
    (i32.add (i32.add (i32.mul (local.get 0) (local.get 0)) (i32.const 0)) (i32.mul (local.get 0) (i32.const 0))))
  (func (export "sum") (param i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (call $sq (i32.rem_u (local.get $i) (i32.const 3)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get 0))))
    (local.get $s))
  (func (export "bump") (result i32)
    (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g)))
"#,
    );
    for n in 1..=20 {
        script.push_str(&format!("(assert_return (invoke \"bump\") (i32.const {n}))\n"));
    }
    script.push_str("(assert_return (invoke \"sum\" (i32.const 30)) (i32.const 50))\n");
    script.push_str("(assert_return (invoke \"sq\" (i32.const 7)) (i32.const 49))\n");
    script.push_str("(assert_return (invoke \"sq\" (i32.const 7)) (i32.const 49))\n");
    let report = run_file(&WastSource::user("hits.wast", script), &RunOptions::default());
    for column in &report.engines {
        assert_eq!((column.passed, column.failed()), (24, 0), "[{}] {:#?}", column.engine, column.failures);
        assert_eq!(column.memo_divergences, 0);
    }
    assert_eq!(report.engine(EngineKind::Plain).unwrap().hits, None);
    for engine in [EngineKind::Memo, EngineKind::MemoAggressive] {
        let hits = report.engine(engine).unwrap().hits;
        assert!(hits.is_some_and(|h| h > 0), "[{engine}] {hits:?}");
    }
}
