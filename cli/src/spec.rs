//! `memowasm spec`: run official spec files (by suite and name filter) or given `.wast`
//! files, print a table per file and every failure, and judge the run by the expectations.

use crate::exit;
use anyhow::{anyhow, bail, Context};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use memowasm_spec::{run_all, EngineKind, Expectations, FileReport, RunOptions, Suite, Totals, Verdict, WastSource};
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// Run WebAssembly spec tests (.wast) and compare with spec-tests/expectations.txt.
#[derive(Args)]
pub struct SpecArgs {
    /// Official suite to take files from; repeat for several [default: v1 and v2].
    #[arg(long, value_enum, value_name = "SUITE")]
    suite: Vec<SuiteArg>,
    /// Substrings of official file names (as `v1/i32.wast`), or paths of .wast files to run.
    /// Without any, every file of the selected suites runs.
    #[arg(value_name = "FILTER|FILE.wast")]
    inputs: Vec<String>,
    /// Print every directive's outcome, the spectest prints and every skipped directive
    /// (runs files one at a time so the output reads in order).
    #[arg(long, short)]
    verbose: bool,
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
            RunOptions { verbose: self.verbose, threads: if self.verbose { 1 } else { 0 }, ..Default::default() };

        let bar = progress_bar(sources.len() as u64);
        let reports = run_all(&sources, &options, &|report| {
            bar.set_message(report.file.clone());
            bar.inc(1);
        });
        bar.finish_and_clear();

        let verdict = expectations.check(&reports);
        print_table(&reports, &options.engines);
        print_failures(&reports, &expectations, self.verbose);
        print_verdict(&verdict);
        Ok(if verdict.is_ok() { ExitCode::SUCCESS } else { ExitCode::from(exit::FAILED) })
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

/// One row per file, one `passed failed skipped` group per engine, and the totals.
fn print_table(reports: &[FileReport], engines: &[EngineKind]) {
    let width = reports.iter().map(|r| r.file.len()).chain([5]).max().unwrap_or(5);
    let mut header = format!("{:width$}", "file");
    for engine in engines {
        let prefix = if engines.len() > 1 { format!("{engine} ") } else { String::new() };
        header.push_str(&format!("  {:>8} {:>8} {:>8}", prefix + "passed", "failed", "skipped"));
    }
    println!("{header}");
    println!("{}", "-".repeat(header.len()));
    for report in reports {
        let mut row = format!("{:width$}", report.file);
        for &engine in engines {
            if let Some(e) = report.engine(engine) {
                row.push_str(&format!("  {:>8} {:>8} {:>8}", e.passed, e.failed(), e.skipped()));
            }
        }
        println!("{row}");
    }
    println!("{}", "-".repeat(header.len()));
    let mut row = format!("{:width$}", "total");
    for &engine in engines {
        let t = Totals::of(reports, engine);
        row.push_str(&format!("  {:>8} {:>8} {:>8}", t.passed, t.failed, t.skipped));
    }
    println!("{row}");
}

/// Every failure, known ones marked; skips of unsupported directive kinds always, the others
/// (directives of unsupported modules) only with `verbose`.
fn print_failures(reports: &[FileReport], expectations: &Expectations, verbose: bool) {
    let multi = reports.first().is_some_and(|r| r.engines.len() > 1);
    let mut printed_header = false;
    for report in reports {
        for column in &report.engines {
            let engine = if multi { format!(" [{}]", column.engine) } else { String::new() };
            for f in &column.failures {
                if !printed_header {
                    println!("\nfailures:");
                    printed_header = true;
                }
                let known = match expectations.reason(&report.file, f.line) {
                    Some(reason) => format!("  (known: {reason})"),
                    None => String::new(),
                };
                println!(
                    "  {}:{}:{}{engine}  {}  expected {}, got {}{known}",
                    report.file, f.line, f.col, f.directive, f.expected, f.got
                );
            }
        }
    }
    let mut printed_header = false;
    for report in reports {
        for column in &report.engines {
            for s in column.skips.iter().filter(|s| verbose || s.reason.starts_with("unsupported directive")) {
                if !printed_header {
                    println!("\nskipped:");
                    printed_header = true;
                }
                println!("  {}:{}:{}  {}  {}", report.file, s.line, s.col, s.directive, s.reason);
            }
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
    if verdict.is_ok() {
        println!("ok: every failure is listed in spec-tests/expectations.txt ({} known)", verdict.known_failures);
    } else {
        println!(
            "FAILED: {unexpected} unexpected failure(s), {passes} unexpected pass(es), {} known failure(s)",
            verdict.known_failures
        );
    }
}
