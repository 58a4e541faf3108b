//! `memowasm fuzz`: the stable campaign runner (no libFuzzer): random inputs for a fuzz
//! target on N threads, a live progress line, every finding written as a reproducer, exit 1 on
//! any but those wabt settles as wasmi's own bugs. Also replays one libFuzzer input (`--input`).

use crate::exit;
use anyhow::{bail, Context};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use memowasm_oracle::fuzz::campaign::{self, Campaign, Found, Stats, Totals};
use memowasm_oracle::fuzz::{Exec, Target};
use memowasm_oracle::tiebreak::Tiebreak;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Fuzz campaign: generate modules, plans and memo configurations in-process and run them in
/// lockstep (or through the validator), for a time.
///
/// Targets: differential (wasm-smith modules in plain, memo and wasmi), memo-hazards (our
/// generator of invalidation hazards, plain against memo), validate (memowasm's validator
/// against wasmparser's). Every finding is written to --findings as a reproducer
/// (crash-<sha256>.*, and the raw input as .input) before anything else. A divergence of
/// wasmi alone is put to wabt (wast2json and spectest-interp, when installed): when wabt
/// passes the plain engine's values, the finding is reported as "wasmi only" and does not
/// fail the run. Exit 0 when nothing else was found, 1 otherwise, 2 on bad arguments.
#[derive(Args)]
pub struct FuzzArgs {
    /// differential, memo-hazards (or memo_hazards) or validate.
    #[arg(long, value_name = "TARGET", default_value = "differential")]
    target: String,
    /// How long to run.
    #[arg(long, value_name = "N", default_value_t = 60.0)]
    seconds: f64,
    /// Stop after this many executions (for benchmarks and tests).
    #[arg(long, value_name = "N")]
    execs: Option<u64>,
    /// Worker threads (0: one per core).
    #[arg(long, value_name = "N", default_value_t = 1)]
    jobs: usize,
    /// Seed of the inputs: the same seed gives the same inputs (default: from the clock,
    /// printed).
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
    /// Where reproducers go.
    #[arg(long, value_name = "DIR", default_value = "findings")]
    findings: PathBuf,
    /// Stop after this many findings.
    #[arg(long, value_name = "N", default_value_t = 10)]
    max_findings: usize,
    /// Replay one input (a libFuzzer crash file, or a .input next to a reproducer): decode
    /// it, run it, write the reproducer of a finding.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["execs", "save_corpus"])]
    input: Option<PathBuf>,
    /// Save inputs that ran (with memo hits, for the lockstep targets) as corpus seeds into
    /// DIR, in the generator-independent form of corpus/<target>/.
    #[arg(long, value_name = "DIR")]
    save_corpus: Option<PathBuf>,
    /// With --save-corpus: how many seeds.
    #[arg(long, value_name = "N", default_value_t = 20)]
    keep: usize,
}

impl FuzzArgs {
    pub fn execute(self) -> anyhow::Result<ExitCode> {
        let target: Target = self.target.parse().map_err(|e: String| anyhow::anyhow!(e))?;
        if let Some(input) = &self.input {
            return self.replay(target, input);
        }
        if !(self.seconds > 0.0 && self.seconds.is_finite()) {
            bail!("--seconds must be positive, got {}", self.seconds);
        }
        let jobs = match self.jobs {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        let seed = self.seed.unwrap_or_else(|| {
            SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64 ^ std::process::id() as u64)
        });
        let mut c = Campaign::new(target);
        c.duration = Duration::from_secs_f64(self.seconds);
        c.max_execs = self.execs;
        c.jobs = jobs;
        c.seed = seed;
        c.findings = self.findings.clone();
        c.max_findings = self.max_findings.max(1);
        c.save_corpus = self.save_corpus.clone().map(|d| (d, self.keep));
        println!(
            "fuzz {target}: seed {seed}, {jobs} job(s), {} s, findings in {}",
            self.seconds,
            self.findings.display()
        );

        let stats = Stats::default();
        let bar = progress_bar();
        let on_found = |f: &Found| {
            let at = match &f.reproducer {
                Ok(p) => p.display().to_string(),
                Err(e) => format!("(reproducer not written: {e})"),
            };
            bar.suspend(|| {
                println!("finding after {:.1} s (input {}): {at}", f.at, f.index);
                for line in f.report.lines() {
                    println!("  {line}");
                }
            });
        };
        let report = std::thread::scope(|scope| {
            let worker = scope.spawn(|| campaign::run(&c, &stats, &on_found));
            let start = std::time::Instant::now();
            while !worker.is_finished() {
                bar.set_message(progress(&stats.totals(), start.elapsed().as_secs_f64()));
                std::thread::sleep(Duration::from_millis(100));
            }
            worker.join()
        });
        bar.finish_and_clear();
        let report = match report {
            Ok(r) => r,
            Err(p) => std::panic::resume_unwind(p),
        };
        let secs = report.elapsed.as_secs_f64();
        println!("{}", summary(target, &report.totals, secs, jobs));
        let t = &report.totals;
        if t.findings > 0 {
            println!("{} finding(s); reproducers in {}", t.findings, self.findings.display());
        }
        if t.wasmi_only > 0 {
            println!(
                "{} of them wasmi only: wasmi alone diverged, and wabt's spectest-interp passes plain's values \
                 (wasmi's bugs, not failures of this run)",
                t.wasmi_only
            );
        }
        if t.findings > t.wasmi_only {
            return Ok(ExitCode::from(exit::FAILED));
        }
        Ok(ExitCode::SUCCESS)
    }

    fn replay(&self, target: Target, input: &PathBuf) -> anyhow::Result<ExitCode> {
        let data = std::fs::read(input).with_context(|| format!("cannot read {}", input.display()))?;
        match campaign::on_big_stack(|| campaign::run_one(target, &data)) {
            Exec::Skipped(why) => {
                println!("skipped: the {target} target does not run this input ({why})");
                Ok(ExitCode::SUCCESS)
            }
            Exec::Ran(r) => {
                let nd = if r.nondeterministic { ", stopped as non-deterministic" } else { "" };
                println!("match: {} steps, {} memo hits / {} lookups{nd}", r.steps, r.memo_hits, r.memo_lookups);
                Ok(ExitCode::SUCCESS)
            }
            Exec::Found(finding) => {
                let path = finding
                    .write(&self.findings)
                    .with_context(|| format!("cannot write the reproducer to {}", self.findings.display()))?;
                print!("diverged: {finding}");
                let verdict = finding.tiebreak();
                if let Some(v) = &verdict {
                    println!("{}", v.summary());
                    let _ = memowasm_oracle::fuzz::note_tiebreak(&path, v);
                }
                println!("reproducer: {}", path.display());
                if matches!(verdict, Some(Tiebreak::Memowasm { .. })) {
                    return Ok(ExitCode::SUCCESS);
                }
                Ok(ExitCode::from(exit::FAILED))
            }
        }
    }
}

fn progress_bar() -> ProgressBar {
    let target =
        if std::io::stderr().is_terminal() { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
    let bar = ProgressBar::with_draw_target(None, target);
    if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

/// The live line: execs, execs/s, divergences, memo hits, non-deterministic skips.
fn progress(t: &Totals, secs: f64) -> String {
    format!(
        "execs {} ({:.0}/s), findings {}, memo hits {} ({:.1}% of lookups), non-deterministic {}, skipped {}",
        t.execs,
        t.execs as f64 / secs.max(1e-9),
        t.findings,
        t.memo_hits,
        t.hit_rate(),
        t.nondeterministic,
        t.skipped
    )
}

fn summary(target: Target, t: &Totals, secs: f64, jobs: usize) -> String {
    let rate = t.execs as f64 / secs.max(1e-9);
    format!(
        "fuzz {target}: {} execs in {secs:.1} s ({rate:.0} execs/s, {:.0} per job), {} finding(s) \
         ({} wasmi only), {} steps, memo hits {} / lookups {} ({:.1}%), {} execs with hits, invalidations {} \
         (memory {}, size {}, global {}, table {}, data {}, elem {}), {} non-deterministic, {} skipped",
        t.execs,
        rate / jobs as f64,
        t.findings,
        t.wasmi_only,
        t.steps,
        t.memo_hits,
        t.memo_lookups,
        t.hit_rate(),
        t.execs_with_hits,
        t.memo_invalidations.iter().sum::<u64>(),
        t.memo_invalidations[0],
        t.memo_invalidations[1],
        t.memo_invalidations[2],
        t.memo_invalidations[3],
        t.memo_invalidations[4],
        t.memo_invalidations[5],
        t.nondeterministic,
        t.skipped
    )
}
