//! The conformance gate: the official v1 and v2 suites and our regressions, each in every
//! engine (plain, memo, memo-aggressive, wasmi), must agree with `expectations.txt` -- no
//! unexpected failure (a stale memo entry is one), no unexpected pass -- and the engines must
//! agree with each other: no divergence.

use memowasm_spec::{run_all, EngineKind, Expectations, FileReport, RunOptions, Suite, Totals, WastSource};
use std::path::Path;

fn gate(name: &str, sources: &[WastSource]) -> Vec<FileReport> {
    let expectations = Expectations::embedded().expect("spec-tests/expectations.txt does not parse");
    let reports = run_all(sources, &RunOptions::default(), &|_| {});
    let verdict = expectations.check(&reports);
    for &engine in EngineKind::ALL {
        let t = Totals::of(&reports, engine);
        let hits = t.hits.map_or(String::new(), |h| format!(", {h} memo hits, {} stale", t.memo_divergences));
        eprintln!(
            "{name} [{engine}] {} passed, {} failed, {} skipped, {} divergences{hits}",
            t.passed, t.failed, t.skipped, t.divergences
        );
    }
    assert!(verdict.is_ok(), "the run disagrees with spec-tests/expectations.txt or the engines diverged\n{verdict}");
    // Every engine ran every file: the wasmi column is not silently empty.
    for report in &reports {
        let engines: Vec<EngineKind> = report.engines.iter().map(|e| e.engine).collect();
        assert_eq!(engines, EngineKind::ALL, "{}", report.file);
    }
    reports
}

#[test]
fn suite_v1() {
    let reports = gate("v1", &Suite::V1.files());
    // The memo engines must really memoize, or their columns prove nothing.
    for engine in [EngineKind::Memo, EngineKind::MemoAggressive] {
        let hits = Totals::of(&reports, engine).hits;
        assert!(hits.is_some_and(|h| h > 0), "[{engine}] no memo hits in v1: {hits:?}");
    }
}

#[test]
fn suite_v2() {
    gate("v2", &Suite::V2.files());
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
    gate("regressions", &sources);
}

/// Every entry names a file of an official suite or an existing path, so none goes stale unseen.
#[test]
fn expectations_name_real_files() {
    let expectations = Expectations::embedded().unwrap();
    let official: Vec<String> = Suite::ALL.iter().flat_map(|s| s.files()).map(|f| f.name).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for (file, line, _, _) in expectations.entries() {
        assert!(
            official.iter().any(|f| f == file) || root.join(file).is_file(),
            "expectations.txt: {file}:{line} names no known .wast file"
        );
    }
}
