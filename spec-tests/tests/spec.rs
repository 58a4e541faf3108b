//! The conformance gate: the official v1 and v2 suites and our regressions must agree with
//! `expectations.txt` -- no unexpected failure, no unexpected pass.

use memowasm_spec::{run_all, EngineKind, Expectations, FileReport, RunOptions, Suite, Totals, WastSource};
use std::path::Path;

fn gate(sources: &[WastSource]) -> Vec<FileReport> {
    let expectations = Expectations::embedded().expect("spec-tests/expectations.txt does not parse");
    let reports = run_all(sources, &RunOptions::default(), &|_| {});
    let verdict = expectations.check(&reports);
    for &engine in EngineKind::ALL {
        let t = Totals::of(&reports, engine);
        eprintln!("[{engine}] {} passed, {} failed, {} skipped", t.passed, t.failed, t.skipped);
    }
    assert!(verdict.is_ok(), "the run disagrees with spec-tests/expectations.txt\n{verdict}");
    reports
}

#[test]
fn suite_v1() {
    gate(&Suite::V1.files());
}

#[test]
fn suite_v2() {
    gate(&Suite::V2.files());
}

/// The minimized repros in `corpus/regressions/`, replayed like any script.
#[test]
fn regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/regressions");
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("corpus/regressions exists") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "wast") {
            let name = format!("corpus/regressions/{}", path.file_name().unwrap().to_string_lossy());
            sources.push(WastSource::user(name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    sources.sort_by(|a, b| a.name.cmp(&b.name));
    gate(&sources);
}

/// Every entry names a file of an official suite or an existing path, so none goes stale unseen.
#[test]
fn expectations_name_real_files() {
    let expectations = Expectations::embedded().unwrap();
    let official: Vec<String> = Suite::ALL.iter().flat_map(|s| s.files()).map(|f| f.name).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for (file, line, _) in expectations.entries() {
        assert!(
            official.iter().any(|f| f == file) || root.join(file).is_file(),
            "expectations.txt: {file}:{line} names no known .wast file"
        );
    }
}
