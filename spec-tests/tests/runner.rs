//! The runner against the interpreter: every directive kind it supports passes when the
//! script is right, and each deliberately wrong directive is reported as a failure.

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
}
