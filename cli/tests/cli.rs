//! The `memowasm` binary end to end: results on stdout, traps exit 1, bad input is one
//! `error:` line and exit 2.

use std::path::PathBuf;
use std::process::{Command, Output};

fn memowasm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memowasm")).args(args).output().expect("runs memowasm")
}

/// A directory for one test's files, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("memowasm-cli-{test}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// Writes `contents` to `name` in the directory and returns its path.
    fn file(&self, name: &str, contents: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, contents).unwrap();
        path.to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const MODULE: &str = r#"(module
  (func (export "add") (param i32 i64) (result i32 i64)
    (i32.add (local.get 0) (i32.const 1)) (i64.add (local.get 1) (i64.const 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "f") (param f32) (result f32) (local.get 0)))"#;

#[test]
fn run_prints_each_result() {
    let tmp = TempDir::new("run_prints_each_result");
    let m = tmp.file("m.wat", MODULE.as_bytes());
    let o = memowasm(&["run", &m, "--invoke", "add", "-2", "0x10"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "-1:i32\n17:i64\n");
    let o = memowasm(&["run", &m, "--invoke", "f", "--", "-inf"]);
    assert_eq!(stdout(&o), "-inf:f32\n");
}

#[test]
fn a_trap_exits_1() {
    let tmp = TempDir::new("a_trap_exits_1");
    let m = tmp.file("m.wat", MODULE.as_bytes());
    let o = memowasm(&["run", &m, "--invoke", "div", "1", "0"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "trap: integer divide by zero\n");
    let start = tmp.file("start.wat", b"(module (func $s unreachable) (start $s))");
    let o = memowasm(&["run", &start]);
    assert_eq!((o.status.code(), stderr(&o)), (Some(1), "trap: unreachable\n".to_string()));
}

#[test]
fn bad_input_is_one_error_line_and_exit_2() {
    let tmp = TempDir::new("bad_input_is_one_error_line_and_exit_2");
    let m = tmp.file("m.wat", MODULE.as_bytes());
    let bad_text = tmp.file("bad.wat", b"(module (func (result i32) i32.const))");
    let bad_binary = tmp.file("bad.wasm", b"\0asm\x01\0\0\0\x01");
    let imports = tmp.file("imports.wat", b"(module (import \"env\" \"f\" (func)))");
    let cases: &[&[&str]] = &[
        &["run", "/nonexistent/x.wasm"],
        &["run", &bad_text],
        &["run", &bad_binary],
        &["run", &imports],
        &["run", &m, "--invoke", "nope"],
        &["run", &m, "--invoke", "div", "1"],
        &["run", &m, "--invoke", "div", "1", "x"],
        &["run", &m, "--invoke", "div", "1", "99999999999"],
        &["spec", "--suite", "v9"],
        &["spec", "no-such-spec-file"],
        &["spec", "/nonexistent/x.wast"],
        &["frobnicate"],
    ];
    for args in cases {
        let o = memowasm(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.starts_with("error: ") && err.lines().count() == 1, "{args:?}: {err:?}");
    }
}

#[test]
fn spec_runs_given_files_and_judges_them() {
    let tmp = TempDir::new("spec_runs_given_files_and_judges_them");
    let good = tmp.file("good.wast", b"(module (func (export \"one\") (result i32) (i32.const 1)))\n(assert_return (invoke \"one\") (i32.const 1))\n");
    let o = memowasm(&["spec", &good]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("good.wast"));

    let wrong = tmp.file("wrong.wast", b"(module (func (export \"one\") (result i32) (i32.const 1)))\n(assert_return (invoke \"one\") (i32.const 2))\n");
    let o = memowasm(&["spec", &wrong]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("wrong.wast:2:2  assert_return  expected [2:i32], got [1:i32]"), "{out}");
}
