//! The stable campaign loop behind `memowasm fuzz`: in-process random inputs (no libFuzzer),
//! on N threads, for a time or a number of executions, with live counters, and every finding
//! written as a reproducer before anything else happens.
//!
//! Input `i` of a campaign with seed `S` is a pure function of `(S, i)` ([`input`]), so a
//! campaign is reproducible up to how far each thread got, and a finding's input can be
//! regenerated; it is also written next to the reproducer (`crash-<sha256>.input`), in the
//! form `cargo fuzz run <target> <file>` and `memowasm reduce` take.

use super::{Exec, Finding, Target};
use crate::tiebreak::Tiebreak;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The native stack of the threads that run inputs. wasmi 2.0.0's default dispatch grows the
/// native stack with every failing `memory.grow` a loop executes (about 180 bytes each; a
/// million of them overflow 8 MiB), so the workers get room for what the fuel allows.
pub const STACK: usize = 256 << 20;

/// Runs `f` on a thread with a [`STACK`]-sized stack.
pub fn on_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new().stack_size(STACK).spawn_scoped(scope, f);
        match worker.expect("failed to spawn a fuzz thread").join() {
            Ok(t) => t,
            Err(p) => std::panic::resume_unwind(p),
        }
    })
}

/// What to run.
#[derive(Debug, Clone)]
pub struct Campaign {
    pub target: Target,
    /// Stop after this long ...
    pub duration: Duration,
    /// ... or after this many executions, whichever comes first.
    pub max_execs: Option<u64>,
    pub jobs: usize,
    pub seed: u64,
    /// Where reproducers go.
    pub findings: PathBuf,
    /// Stop once this many findings were written.
    pub max_findings: usize,
    /// An input that runs longer than this is a finding (a hang: a memo hit that skips the
    /// fuel charge can make a loop endless). A stuck thread cannot be stopped, so the process
    /// then exits with status 1 once the input is written.
    pub timeout: Duration,
    /// Keep inputs that ran (with memo hits, for the lockstep targets) as corpus seeds in
    /// this directory, at most this many.
    pub save_corpus: Option<(PathBuf, usize)>,
    /// Ask wabt about divergences of wasmi alone ([`crate::tiebreak`]).
    pub tiebreak: bool,
}

impl Campaign {
    pub fn new(target: Target) -> Campaign {
        Campaign {
            target,
            duration: Duration::from_secs(60),
            max_execs: None,
            jobs: 1,
            seed: 0,
            findings: PathBuf::from("findings"),
            max_findings: 10,
            timeout: Duration::from_secs(20),
            save_corpus: None,
            tiebreak: true,
        }
    }
}

/// Live counters, shared by the workers and whoever shows progress.
#[derive(Debug, Default)]
pub struct Stats {
    pub execs: AtomicU64,
    pub skipped: AtomicU64,
    pub steps: AtomicU64,
    pub memo_lookups: AtomicU64,
    pub memo_hits: AtomicU64,
    /// By dependency kind (see [`super::Ran::memo_invalidations`]).
    pub memo_invalidations: [AtomicU64; 6],
    /// Executions with at least one memo hit.
    pub execs_with_hits: AtomicU64,
    pub nondeterministic: AtomicU64,
    pub findings: AtomicU64,
    /// Findings that wabt settled for memowasm: wasmi's bugs.
    pub wasmi_only: AtomicU64,
}

/// A snapshot of [`Stats`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub execs: u64,
    pub skipped: u64,
    pub steps: u64,
    pub memo_lookups: u64,
    pub memo_hits: u64,
    pub memo_invalidations: [u64; 6],
    pub execs_with_hits: u64,
    pub nondeterministic: u64,
    pub findings: u64,
    pub wasmi_only: u64,
}

impl Stats {
    pub fn totals(&self) -> Totals {
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        Totals {
            execs: get(&self.execs),
            skipped: get(&self.skipped),
            steps: get(&self.steps),
            memo_lookups: get(&self.memo_lookups),
            memo_hits: get(&self.memo_hits),
            memo_invalidations: self.memo_invalidations.each_ref().map(get),
            execs_with_hits: get(&self.execs_with_hits),
            nondeterministic: get(&self.nondeterministic),
            findings: get(&self.findings),
            wasmi_only: get(&self.wasmi_only),
        }
    }
}

impl Totals {
    /// Memo hits per lookup, in percent (lookups are counted in lockstep runs only).
    pub fn hit_rate(&self) -> f64 {
        if self.memo_lookups == 0 {
            0.0
        } else {
            100.0 * self.memo_hits as f64 / self.memo_lookups as f64
        }
    }
}

/// A finding of a campaign, as written.
#[derive(Debug, Clone)]
pub struct Found {
    /// The reproducer's main file, or why it could not be written.
    pub reproducer: Result<PathBuf, String>,
    /// The input that produced it (`crash-<sha256>.input` next to the reproducer).
    pub input: Option<PathBuf>,
    pub index: u64,
    /// Seconds into the campaign.
    pub at: f64,
    pub report: String,
    /// wabt settled the divergence for memowasm: the bug is wasmi's.
    pub wasmi_only: bool,
}

/// The end of a campaign.
#[derive(Debug, Clone)]
pub struct Report {
    pub totals: Totals,
    pub elapsed: Duration,
    pub found: Vec<Found>,
}

/// The sizes of random inputs, per target: big enough for the generators to finish.
fn input_len(target: Target) -> (usize, usize) {
    match target {
        Target::Differential => (512, 4096),
        Target::MemoHazards => (256, 2048),
        Target::Validate => (8, 1024),
    }
}

/// Input `index` of a campaign of `target` with `seed`.
pub fn input(target: Target, seed: u64, index: u64) -> Vec<u8> {
    let mix = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ index.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(mix);
    let (lo, hi) = input_len(target);
    let len = rng.random_range(lo..=hi);
    (0..len).map(|_| rng.random()).collect()
}

/// Runs `target` on `data`, a panic outside the engines (in a generator) included as a
/// finding.
pub fn run_one(target: Target, data: &[u8]) -> Exec {
    match panic::catch_unwind(AssertUnwindSafe(|| target.run(data))) {
        Ok(exec) => exec,
        Err(p) => {
            let message = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            Exec::Found(Box::new(Finding::Panic { target, data: data.to_vec(), message }))
        }
    }
}

/// Runs a campaign; `on_found` sees each finding once it is written.
pub fn run(campaign: &Campaign, stats: &Stats, on_found: &(dyn Fn(&Found) + Sync)) -> Report {
    let start = Instant::now();
    let next = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let found = Mutex::new(Vec::new());
    let saved = AtomicU64::new(0);
    let jobs = campaign.jobs.max(1);
    // What each worker runs now, and since when.
    let running: Vec<Mutex<Option<(u64, Instant)>>> = (0..jobs).map(|_| Mutex::new(None)).collect();
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| watchdog(campaign, &running, &done, start, stats, on_found));
        let workers: Vec<_> = (0..jobs)
            .map(|job| {
                let (stop, next, found, saved, running) = (&stop, &next, &found, &saved, &running);
                std::thread::Builder::new()
                    .name(format!("fuzz-{job}"))
                    .stack_size(STACK)
                    .spawn_scoped(scope, move || {
                        while !stop.load(Ordering::Relaxed) && start.elapsed() < campaign.duration {
                            let index = next.fetch_add(1, Ordering::Relaxed);
                            if campaign.max_execs.is_some_and(|m| index >= m) {
                                break;
                            }
                            let data = input(campaign.target, campaign.seed, index);
                            *running[job].lock().unwrap_or_else(|e| e.into_inner()) = Some((index, Instant::now()));
                            let exec = run_one(campaign.target, &data);
                            *running[job].lock().unwrap_or_else(|e| e.into_inner()) = None;
                            stats.execs.fetch_add(1, Ordering::Relaxed);
                            match exec {
                                Exec::Skipped(_) => {
                                    stats.skipped.fetch_add(1, Ordering::Relaxed);
                                }
                                Exec::Ran(r) => {
                                    stats.steps.fetch_add(r.steps, Ordering::Relaxed);
                                    stats.memo_lookups.fetch_add(r.memo_lookups, Ordering::Relaxed);
                                    stats.memo_hits.fetch_add(r.memo_hits, Ordering::Relaxed);
                                    for (a, n) in stats.memo_invalidations.iter().zip(r.memo_invalidations) {
                                        a.fetch_add(n, Ordering::Relaxed);
                                    }
                                    stats.execs_with_hits.fetch_add(u64::from(r.memo_hits > 0), Ordering::Relaxed);
                                    stats.nondeterministic.fetch_add(u64::from(r.nondeterministic), Ordering::Relaxed);
                                    let keep = campaign.target == Target::Validate || r.memo_hits > 0;
                                    if let Some((dir, max)) = &campaign.save_corpus {
                                        if keep && saved.fetch_add(1, Ordering::Relaxed) < *max as u64 {
                                            let name = format!("{}-{:016x}-{index}", campaign.target, campaign.seed);
                                            let _ = super::corpus::save_input(campaign.target, dir, &name, &data);
                                        }
                                    }
                                }
                                Exec::Found(finding) => {
                                    // The reproducer first, before anything else can go wrong.
                                    let reproducer = finding.write(&campaign.findings).map_err(|e| e.to_string());
                                    let input = reproducer.as_ref().ok().and_then(|p| write_input(p, &data));
                                    let mut report = finding.to_string();
                                    let verdict = if campaign.tiebreak { finding.tiebreak() } else { None };
                                    if let Some(v) = &verdict {
                                        report.push_str(&v.summary());
                                        report.push('\n');
                                        if let Ok(p) = &reproducer {
                                            let _ = super::note_tiebreak(p, v);
                                        }
                                    }
                                    let wasmi_only = matches!(verdict, Some(Tiebreak::Memowasm { .. }));
                                    stats.wasmi_only.fetch_add(u64::from(wasmi_only), Ordering::Relaxed);
                                    let f = Found {
                                        reproducer,
                                        input,
                                        index,
                                        at: start.elapsed().as_secs_f64(),
                                        report,
                                        wasmi_only,
                                    };
                                    let n = stats.findings.fetch_add(1, Ordering::Relaxed) + 1;
                                    on_found(&f);
                                    found.lock().unwrap_or_else(|e| e.into_inner()).push(f);
                                    if n >= campaign.max_findings as u64 {
                                        stop.store(true, Ordering::Relaxed);
                                    }
                                }
                            }
                        }
                    })
                    .expect("failed to spawn a fuzz worker thread")
            })
            .collect();
        for w in workers {
            if let Err(p) = w.join() {
                std::panic::resume_unwind(p);
            }
        }
        done.store(true, Ordering::Relaxed);
    });
    Report {
        totals: stats.totals(),
        elapsed: start.elapsed(),
        found: found.into_inner().unwrap_or_else(|e| e.into_inner()),
    }
}

/// Writes the raw input next to a reproducer: `crash-<sha256>.input`.
fn write_input(reproducer: &Path, data: &[u8]) -> Option<PathBuf> {
    let text = reproducer.to_string_lossy();
    let stem = [".wasm", ".wast", ".input"].iter().find_map(|s| text.strip_suffix(s)).unwrap_or(&text);
    let path = PathBuf::from(format!("{stem}.input"));
    std::fs::write(&path, data).ok().map(|_| path)
}

/// Watches the workers: an input that runs past the campaign's timeout is written as a finding
/// (`crash-<sha256>.input` and `.txt`), and the process exits with status 1.
fn watchdog(
    campaign: &Campaign,
    running: &[Mutex<Option<(u64, Instant)>>],
    done: &AtomicBool,
    start: Instant,
    stats: &Stats,
    on_found: &(dyn Fn(&Found) + Sync),
) {
    while !done.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(50));
        for slot in running {
            let Some((index, since)) = *slot.lock().unwrap_or_else(|e| e.into_inner()) else { continue };
            if since.elapsed() < campaign.timeout {
                continue;
            }
            let data = input(campaign.target, campaign.seed, index);
            let finding = Finding::Timeout {
                target: campaign.target,
                data: data.clone(),
                seconds: campaign.timeout.as_secs_f64(),
            };
            let reproducer = finding.write(&campaign.findings).map_err(|e| e.to_string());
            stats.findings.fetch_add(1, Ordering::Relaxed);
            let at = start.elapsed().as_secs_f64();
            let input = reproducer.as_ref().ok().cloned();
            on_found(&Found { reproducer, input, index, at, report: finding.to_string(), wasmi_only: false });
            std::process::exit(1);
        }
    }
}
