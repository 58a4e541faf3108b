//! `memowasm spec`: run official spec files (by suite and name filter) or given `.wast`
//! files in memowasm's engines and wasmi, print a table per file, every failure and every
//! divergence between engines (or the same as JSON, and JUnit XML to a file), and judge the run
//! by the expectations.

use crate::exit;
use anyhow::{anyhow, bail, Context};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use memowasm_spec::{
    run_all, summary, EngineKind, Expectations, FileReport, RunOptions, Suite, Totals, Verdict, WastSource,
};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Run WebAssembly spec tests (.wast) in memowasm and wasmi, compare the engines' results and
/// compare the failures with spec-tests/expectations.txt.
#[derive(Args)]
pub struct SpecArgs {
    /// Official suite to take files from; repeat for several [default: v1 and v2].
    #[arg(long, value_enum, value_name = "SUITE")]
    suite: Vec<SuiteArg>,
    /// Substrings of official file names (as `v1/i32.wast`), or paths of .wast files to run.
    /// Without any, every file of the selected suites runs.
    #[arg(value_name = "FILTER|FILE.wast")]
    inputs: Vec<String>,
    /// Engines to run every file in, comma-separated: plain, memo (default memo policy),
    /// memo-aggressive (threshold 1, tiny cache, verify on), wasmi (wasmi 2.0) [default: all four].
    #[arg(long, value_name = "ENGINE,...", value_delimiter = ',', value_parser = parse_engine)]
    engines: Vec<EngineKind>,
    /// Print the summary as JSON on stdout instead of the tables: per file and engine, totals,
    /// failures and divergences.
    #[arg(long)]
    json: bool,
    /// Also write a JUnit XML report to PATH: one test suite per file, one test case per engine
    /// and one for the cross-engine comparison.
    #[arg(long, value_name = "PATH")]
    junit: Option<PathBuf>,
    /// Print every directive's outcome, the spectest prints and every skipped directive
    /// (runs files one at a time so the output reads in order).
    #[arg(long, short)]
    verbose: bool,
}

fn parse_engine(name: &str) -> Result<EngineKind, String> {
    name.trim().parse()
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
enum SuiteArg {
    V1,
    V2,
    V3,
}

impl From<SuiteArg> for Suite {
    fn from(s: SuiteArg) -> Suite {
        match s {
            SuiteArg::V1 => Suite::V1,
            SuiteArg::V2 => Suite::V2,
            SuiteArg::V3 => Suite::V3,
        }
    }
}

impl SpecArgs {
    pub fn execute(self) -> anyhow::Result<ExitCode> {
        let expectations = Expectations::embedded().map_err(|e| anyhow!("embedded {e}"))?;
        let sources = self.sources()?;
        let options =
            RunOptions { engines: self.engines(), verbose: self.verbose, threads: if self.verbose { 1 } else { 0 } };

        let bar = progress_bar(sources.len() as u64);
        let reports = run_all(&sources, &options, &|report| {
            bar.set_message(report.file.clone());
            bar.inc(1);
        });
        bar.finish_and_clear();

        let verdict = expectations.check(&reports);
        if let Some(path) = &self.junit {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            }
            let xml = summary::junit(&reports, &expectations, &verdict);
            std::fs::write(path, xml).with_context(|| format!("cannot write {}", path.display()))?;
        }
        if self.json {
            let value = summary::json(&reports, &options.engines, &expectations, &verdict);
            let mut out = std::io::stdout().lock();
            match writeln!(out, "{value:#}") {
                // A reader that stopped early (`| head`) is not an error of the run.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    return Err(e).context("cannot write the summary")
                }
                _ => {}
            }
        } else {
            print_table(&reports, &options.engines);
            print_failures(&reports, &expectations, self.verbose);
            print_divergences(&reports);
            print_verdict(&verdict);
        }
        Ok(if verdict.is_ok() { ExitCode::SUCCESS } else { ExitCode::from(exit::FAILED) })
    }

    /// The selected engines in column order, each once.
    fn engines(&self) -> Vec<EngineKind> {
        if self.engines.is_empty() {
            return EngineKind::ALL.to_vec();
        }
        let set: BTreeSet<EngineKind> = self.engines.iter().copied().collect();
        set.into_iter().collect()
    }

    /// The scripts to run: given paths, then official files matching the filters.
    fn sources(&self) -> anyhow::Result<Vec<WastSource>> {
        let (paths, filters): (Vec<&String>, Vec<&String>) =
            self.inputs.iter().partition(|s| s.ends_with(".wast") || Path::new(s).is_file());
        let mut sources = Vec::new();
        for path in &paths {
            let contents = std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
            sources.push(WastSource::user(path.as_str(), contents));
        }
        if !paths.is_empty() && filters.is_empty() {
            return Ok(sources);
        }
        let suites: BTreeSet<SuiteArg> = match self.suite.as_slice() {
            [] => [SuiteArg::V1, SuiteArg::V2].into(),
            given => given.iter().copied().collect(),
        };
        let official: Vec<WastSource> = suites.into_iter().flat_map(|s| Suite::from(s).files()).collect();
        for filter in &filters {
            if !official.iter().any(|f| f.name.contains(filter.as_str())) {
                bail!("no spec file of the selected suites matches {filter:?}");
            }
        }
        sources.extend(
            official.into_iter().filter(|f| filters.is_empty() || filters.iter().any(|p| f.name.contains(p.as_str()))),
        );
        Ok(sources)
    }
}

fn progress_bar(len: u64) -> ProgressBar {
    let target =
        if std::io::stderr().is_terminal() { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
    let bar = ProgressBar::with_draw_target(Some(len), target);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files  {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

/// One row per file with one `passed/failed/skipped` column per engine (and the memo
/// engines' cache hits) and, with several engines, the file's divergences between them; a
/// total row; then one row per engine with its totals.
fn print_table(reports: &[FileReport], engines: &[EngineKind]) {
    let width = reports.iter().map(|r| r.file.len()).chain(["total".len()]).max().unwrap_or(5);
    // Each engine column fits its name and the widest passed/failed/skipped it shows.
    let cell = |passed: usize, failed: usize, skipped: usize| format!("{passed}/{failed}/{skipped}");
    let columns: Vec<(EngineKind, usize, usize)> = engines
        .iter()
        .map(|&engine| {
            let t = Totals::of(reports, engine);
            let counts = cell(t.passed, t.failed, t.skipped).len();
            let hits = t.hits.map_or(0, |h| h.to_string().len().max("hits".len()));
            (engine, counts.max(engine.name().len()), hits)
        })
        .collect();
    let compared = engines.len() > 1;
    let row = |file: &str, cells: &[(String, Option<String>)], divergences: &str| {
        let mut line = format!("{file:width$}");
        for ((text, hits), &(_, w, hw)) in cells.iter().zip(&columns) {
            line.push_str(&format!("  {text:>w$}"));
            if let Some(hits) = hits {
                line.push_str(&format!(" {hits:>hw$}"));
            }
        }
        if compared {
            line.push_str(&format!("  {divergences:>11}"));
        }
        line
    };
    let header: Vec<(String, Option<String>)> =
        columns.iter().map(|&(e, _, _)| (e.name().to_string(), e.is_memo().then(|| "hits".to_string()))).collect();
    let header = row("file", &header, "divergences");
    let rule = "-".repeat(header.len());
    println!("{:width$}  each engine: passed/failed/skipped; hits: memo cache hits", "");
    println!("{header}");
    println!("{rule}");
    for report in reports {
        let cells: Vec<(String, Option<String>)> = columns
            .iter()
            .map(|&(engine, _, _)| match report.engine(engine) {
                Some(e) => (cell(e.passed, e.failed(), e.skipped()), e.hits.map(|h| h.to_string())),
                None => ("-".into(), engine.is_memo().then(|| "-".into())),
            })
            .collect();
        println!("{}", row(&report.file, &cells, &report.divergences.len().to_string()));
    }
    println!("{rule}");
    let totals: Vec<(String, Option<String>)> = columns
        .iter()
        .map(|&(engine, _, _)| {
            let t = Totals::of(reports, engine);
            (cell(t.passed, t.failed, t.skipped), t.hits.map(|h| h.to_string()))
        })
        .collect();
    let divergences: usize = reports.iter().map(|r| r.divergences.len()).sum();
    println!("{}", row("total", &totals, &divergences.to_string()));

    println!();
    println!(
        "{:<15}  {:>8}  {:>8}  {:>8}  {:>12}  {:>11}  {:>10}",
        "engine", "passed", "failed", "skipped", "hits", "divergences", "stale-memo"
    );
    for &engine in engines {
        let t = Totals::of(reports, engine);
        let (hits, stale) = match t.hits {
            Some(h) => (h.to_string(), t.memo_divergences.to_string()),
            None => ("-".into(), "-".into()),
        };
        println!(
            "{:<15}  {:>8}  {:>8}  {:>8}  {hits:>12}  {:>11}  {stale:>10}",
            engine.name(),
            t.passed,
            t.failed,
            t.skipped,
            t.divergences
        );
    }
    let nondeterministic: usize = reports.iter().map(|r| r.nondeterministic).sum();
    println!(
        "divergences: directives whose results an engine gave differently from the first engine \
         ({nondeterministic} call-stack exhaustion difference(s) not counted); stale-memo: stale \
         entries memo verify mode caught"
    );
}

/// The engines of `names`, as `plain, memo`.
fn engine_list(names: &[EngineKind]) -> String {
    names.iter().map(|e| e.name()).collect::<Vec<_>>().join(", ")
}

/// Every failure with the engines it happened in (the same failure in several engines is
/// listed once), known ones marked; skips of unsupported directive kinds always, the others
/// (directives of unsupported modules) only with `verbose`.
fn print_failures(reports: &[FileReport], expectations: &Expectations, verbose: bool) {
    let mut printed_header = false;
    for report in reports {
        // (line, col, directive, expected, got, known reason) -> engines, in line order.
        let mut failures: BTreeMap<_, Vec<EngineKind>> = BTreeMap::new();
        for column in &report.engines {
            for f in &column.failures {
                let known = expectations.reason(&report.file, f.line, column.engine);
                failures
                    .entry((f.line, f.col, f.directive, &f.expected, &f.got, known))
                    .or_default()
                    .push(column.engine);
            }
        }
        for ((line, col, directive, expected, got, known), engines) in failures {
            if !printed_header {
                println!("\nfailures:");
                printed_header = true;
            }
            let known = known.map_or(String::new(), |reason| format!("  (known: {reason})"));
            println!(
                "  {}:{line}:{col} [{}]  {directive}  expected {expected}, got {got}{known}",
                report.file,
                engine_list(&engines)
            );
        }
    }
    let mut printed_header = false;
    for report in reports {
        let mut skips: BTreeMap<_, Vec<EngineKind>> = BTreeMap::new();
        for column in &report.engines {
            for s in column.skips.iter().filter(|s| verbose || s.reason.starts_with("unsupported directive")) {
                skips.entry((s.line, s.col, s.directive, &s.reason)).or_default().push(column.engine);
            }
        }
        for ((line, col, directive, reason), engines) in skips {
            if !printed_header {
                println!("\nskipped:");
                printed_header = true;
            }
            println!("  {}:{line}:{col} [{}]  {directive}  {reason}", report.file, engine_list(&engines));
        }
    }
}

/// Every divergence between engines, as `file:line:col [reference vs engine]  directive  ...`.
fn print_divergences(reports: &[FileReport]) {
    let mut printed_header = false;
    for report in reports {
        for d in &report.divergences {
            if !printed_header {
                println!("\ndivergences:");
                printed_header = true;
            }
            println!(
                "  {}:{}:{} [{} vs {}]  {}  {} {}, {} {}",
                report.file,
                d.line,
                d.col,
                d.reference,
                d.engine,
                d.directive,
                d.reference,
                d.reference_got,
                d.engine,
                d.got
            );
        }
    }
}

fn print_verdict(verdict: &Verdict) {
    if !verdict.unexpected_passes.is_empty() {
        println!("\nlisted in spec-tests/expectations.txt but passing now (remove them):");
        for pass in &verdict.unexpected_passes {
            println!("  {pass}");
        }
    }
    println!();
    let unexpected = verdict.unexpected_failures.len();
    let passes = verdict.unexpected_passes.len();
    let divergences = verdict.divergences.len();
    if verdict.is_ok() {
        println!(
            "ok: every failure is listed in spec-tests/expectations.txt ({} known), no divergences",
            verdict.known_failures
        );
    } else {
        println!(
            "FAILED: {unexpected} unexpected failure(s), {passes} unexpected pass(es), {divergences} divergence(s), \
             {} known failure(s)",
            verdict.known_failures
        );
    }
}
