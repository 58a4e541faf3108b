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
        &["spec", "--engines", "plain,v8"],
        &["spec", "--engines", ""],
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
    assert!(
        out.contains(
            "wrong.wast:2:2 [plain, memo, memo-aggressive, wasmi]  assert_return  expected [2:i32], got [1:i32]"
        ),
        "{out}"
    );
}

#[test]
fn spec_runs_the_selected_engines() {
    let tmp = TempDir::new("spec_runs_the_selected_engines");
    let script = b"(module (func (export \"sq\") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0))))\n\
(assert_return (invoke \"sq\" (i32.const 7)) (i32.const 49))\n\
(assert_return (invoke \"sq\" (i32.const 7)) (i32.const 49))\n\
(assert_return (invoke \"sq\" (i32.const 7)) (i32.const 50))\n";
    let f = tmp.file("sq.wast", script);

    // Default: every engine, a passed/failed/skipped column each, hits for the memo ones.
    let o = memowasm(&["spec", &f]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let header = out.lines().find(|l| l.starts_with("file")).unwrap_or_default();
    let columns: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(columns, ["file", "plain", "memo", "hits", "memo-aggressive", "hits", "wasmi", "divergences"], "{out}");
    let row = out.lines().find(|l| l.contains("sq.wast ")).unwrap_or_default();
    let cells: Vec<&str> = row.split_whitespace().skip(1).collect();
    assert_eq!(cells[0], "3/1/0", "{out}");
    assert_eq!(cells[1], "3/1/0", "{out}");
    assert_eq!(cells[3], "3/1/0", "{out}");
    assert_ne!(cells[4], "0", "memo-aggressive hits the second call: {out}");
    assert_eq!(cells[5], "3/1/0", "{out}");
    assert_eq!(cells[6], "0", "no divergences: {out}");
    for engine in ["plain", "memo", "memo-aggressive", "wasmi"] {
        let total = out.lines().find(|l| l.split_whitespace().next() == Some(engine));
        assert!(total.is_some_and(|l| l.split_whitespace().nth(1) == Some("3")), "{engine}: {out}");
    }
    assert!(out.contains("sq.wast:4:2 [plain, memo, memo-aggressive, wasmi]  assert_return"), "{out}");

    // wasmi alone, or next to one memowasm engine.
    let o = memowasm(&["spec", "--engines", "wasmi", &f]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let header = out.lines().find(|l| l.starts_with("file")).unwrap_or_default();
    assert_eq!(header.split_whitespace().collect::<Vec<_>>(), ["file", "wasmi"], "{out}");
    assert!(out.contains("sq.wast:4:2 [wasmi]  assert_return  expected [50:i32], got [49:i32]"), "{out}");
    let o = memowasm(&["spec", "--engines", "wasmi,plain", &f]);
    let out = stdout(&o);
    let header = out.lines().find(|l| l.starts_with("file")).unwrap_or_default();
    assert_eq!(header.split_whitespace().collect::<Vec<_>>(), ["file", "plain", "wasmi", "divergences"], "{out}");
    assert!(out.contains("sq.wast:4:2 [plain, wasmi]  assert_return"), "{out}");

    // One engine: its column only.
    let o = memowasm(&["spec", "--engines", "memo-aggressive", &f]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let header = out.lines().find(|l| l.starts_with("file")).unwrap_or_default();
    assert_eq!(header.split_whitespace().collect::<Vec<_>>(), ["file", "memo-aggressive", "hits"], "{out}");
    assert!(out.contains("sq.wast:4:2 [memo-aggressive]  assert_return"), "{out}");
    assert!(!out.lines().any(|l| l.starts_with("plain")), "{out}");

    // Order and repeats do not matter: columns come in the usual order, once each.
    let o = memowasm(&["spec", "--engines", "memo,plain,memo", &f]);
    let out = stdout(&o);
    let header = out.lines().find(|l| l.starts_with("file")).unwrap_or_default();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["file", "plain", "memo", "hits", "divergences"],
        "{out}"
    );
}

/// `--json` prints one JSON document instead of the tables: counts per file and engine,
/// totals per engine and overall, every failure and divergence; the exit status still judges.
#[test]
fn spec_json_summary() {
    use memowasm_spec::serde_json::{self, Value};
    let tmp = TempDir::new("spec_json_summary");
    let script = b"(module (func (export \"one\") (result i32) (i32.const 1)))\n\
(assert_return (invoke \"one\") (i32.const 1))\n\
(assert_return (invoke \"one\") (i32.const 2))\n";
    let f = tmp.file("one.wast", script);
    let o = memowasm(&["spec", "--json", &f]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)));
    for key in ["engines", "files", "totals", "overall", "failures", "unexpected_passes", "divergences", "ok"] {
        assert!(v.get(key).is_some(), "no {key:?} in {v:#}");
    }
    assert_eq!(v["engines"], serde_json::json!(["plain", "memo", "memo-aggressive", "wasmi"]));
    assert_eq!(v["ok"], false);
    let file = &v["files"][0];
    assert!(file["file"].as_str().is_some_and(|n| n.ends_with("one.wast")), "{file:#}");
    for engine in ["plain", "memo", "memo-aggressive", "wasmi"] {
        let counts = &file["engines"][engine];
        for key in ["passed", "failed", "skipped", "divergences", "hits"] {
            assert!(counts.get(key).is_some(), "no {key:?} for {engine}: {counts:#}");
        }
        assert_eq!((counts["passed"].as_u64(), counts["failed"].as_u64()), (Some(2), Some(1)), "{engine}");
        assert_eq!(v["totals"][engine]["failed"], 1, "{engine}");
    }
    assert_eq!(file["engines"]["plain"]["hits"], Value::Null);
    assert!(file["engines"]["memo-aggressive"]["hits"].is_u64());
    assert_eq!(v["overall"]["passed"], 8);
    assert_eq!(v["overall"]["divergences"], 0);
    assert_eq!(v["overall"]["unexpected_failures"], 4);
    let failures = v["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 4);
    assert_eq!(
        (&failures[0]["line"], &failures[0]["expected"], &failures[0]["got"]),
        (&3.into(), &"[2:i32]".into(), &"[1:i32]".into())
    );
    assert_eq!(failures[3]["engine"], "wasmi");
    assert_eq!(failures[0]["known"], Value::Null);
    assert!(!stdout(&o).contains("passed/failed/skipped"), "no table with --json");

    // A run that passes exits 0, with one engine's column.
    let good = tmp.file("good.wast", b"(module (func (export \"one\") (result i32) (i32.const 1)))\n(assert_return (invoke \"one\") (i32.const 1))\n");
    let o = memowasm(&["spec", "--json", "--engines", "wasmi", &good]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((&v["ok"], &v["engines"]), (&Value::Bool(true), &serde_json::json!(["wasmi"])));
    assert_eq!(v["totals"]["wasmi"]["passed"], 2);
}

/// `--junit PATH` writes JUnit XML: a test suite per file, a test case per engine, failures
/// with their details, escaped.
#[test]
fn spec_junit_report() {
    let tmp = TempDir::new("spec_junit_report");
    let script = b"(module (func (export \"one\") (result i32) (i32.const 1)))\n(assert_return (invoke \"one\") (i32.const 2))\n";
    let f = tmp.file("a&b.wast", script);
    let xml_path = tmp.0.join("out/report.xml");
    let o = memowasm(&["spec", "--junit", xml_path.to_str().unwrap(), &f]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let xml = std::fs::read_to_string(&xml_path).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "{xml}");
    assert!(xml.contains("tests=\"5\" failures=\"4\""), "4 engines and the cross-engine case: {xml}");
    for engine in ["plain", "memo", "memo-aggressive", "wasmi", "cross-engine"] {
        assert!(xml.contains(&format!("name=\"{engine}\">")), "{engine}: {xml}");
    }
    assert!(xml.contains("a&amp;b.wast:2:2 [wasmi] assert_return: expected [2:i32], got [1:i32]"), "{xml}");
    assert!(!xml.contains("a&b"), "unescaped: {xml}");
}

/// A `differential` input whose module wasmi alone gets wrong (found by `memowasm fuzz
/// --target differential --seconds 90 --jobs 2 --seed 77`, input 50084): replayed, it is
/// written as a finding, and wabt settles it for memowasm, so the exit status is 0.
/// Needs wabt (`apt-get install wabt`; `ci/test.sh` installs it).
#[test]
fn fuzz_replay_settles_a_wasmi_only_finding_with_wabt() {
    let dir = TempDir::new("wasmi-only");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/wasmi-divergences/inputs");
    for (input, what) in [
        ("differential-i32-funcref-result.input", "plain and wasmi diverge at step 0"),
        ("differential-wasmi-panics.input", "wasmi panicked"),
    ] {
        let findings = dir.0.join(input);
        let path = root.join(input);
        let o = memowasm(&[
            "fuzz",
            "--target",
            "differential",
            "--input",
            path.to_str().unwrap(),
            "--findings",
            findings.to_str().unwrap(),
        ]);
        let out = stdout(&o);
        assert!(out.contains(what), "{input}: {out}");
        assert!(out.contains("wasmi only: wabt's spectest-interp passes every assertion of plain's values"), "{out}");
        assert_eq!(o.status.code(), Some(0), "{input}: {out}{}", stderr(&o));
        let names: Vec<String> = std::fs::read_dir(&findings)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let wast = names.iter().find(|n| n.ends_with(".wabt.wast")).unwrap_or_else(|| panic!("{names:?}"));
        let script = std::fs::read_to_string(findings.join(wast)).unwrap();
        assert!(script.contains("(assert_return"), "{script}");
        let txt = names.iter().find(|n| n.ends_with(".txt")).unwrap();
        assert!(std::fs::read_to_string(findings.join(txt)).unwrap().contains("wasmi only"));
    }
}
