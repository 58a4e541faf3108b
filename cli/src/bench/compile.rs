//! `memowasm bench --compile`: module compile time, memowasm against wasmi, on the bench
//! modules and on wasm-smith modules, in one process.
//!
//! Three compilers per module, interleaved (memowasm, wasmi lazy, wasmi eager, memowasm, ...):
//! - `memowasm`: `Module::new` with the default configuration (memo off), which decodes,
//!   validates and translates every function;
//! - `wasmi lazy`: wasmi 2.0's default, `CompilationMode::LazyTranslation`: `Module::new`
//!   validates every function but translates each on its first call, so its cost is partly
//!   deferred past what is timed here;
//! - `wasmi eager`: `CompilationMode::Eager`, validation and translation of every function in
//!   `Module::new`, the same work as memowasm's.
//!
//! Each measurement compiles the module `repetitions` times in a row, with `repetitions`
//! calibrated per module and compiler so that the interval is at least [`MIN_INTERVAL`]; the
//! per-module time is the interval divided by the repetitions. A fresh engine is made for
//! each interval and the modules are dropped after it, both outside the timed interval. An
//! interval in which the scheduler preempted the thread is measured again.

use super::{load_manifest, module_bytes, Workload};
use anyhow::{anyhow, bail};
use memowasm_oracle::fuzz::{campaign, differential, Target};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The shortest measured interval: below it the clock and one-off costs show.
const MIN_INTERVAL: Duration = Duration::from_millis(2);

/// Tries per measurement while the scheduler preempts the thread ([`Compiler::time`]).
const PREEMPTED_TRIES: u32 = 20;

/// wasm-smith inputs tried per module asked for, before giving up (most decode on the first try).
const SMITH_TRIES: u64 = 20;

/// The compilers, in the order they run and are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compiler {
    /// The default configuration: bodies validated in `Module::new`, translated at first call.
    Memowasm,
    /// `Config::lazy_translation(false)`: every body validated and translated in `Module::new`.
    MemowasmEager,
    WasmiLazy,
    WasmiEager,
}

impl Compiler {
    const ALL: [Compiler; 4] = [Compiler::Memowasm, Compiler::MemowasmEager, Compiler::WasmiLazy, Compiler::WasmiEager];

    fn name(self) -> &'static str {
        match self {
            Compiler::Memowasm => "memowasm",
            Compiler::MemowasmEager => "memowasm-eager",
            Compiler::WasmiLazy => "wasmi-lazy",
            Compiler::WasmiEager => "wasmi-eager",
        }
    }

    /// Compiles `bytes` once in a fresh engine: whether the compiler accepts the module.
    fn check(self, bytes: &[u8]) -> anyhow::Result<()> {
        self.interval(bytes, 1).map(|_| ())
    }

    /// Times `repetitions` compilations as [`Compiler::interval`] does, measuring again (up to
    /// [`PREEMPTED_TRIES`] times) while the scheduler took the CPU away in the interval: on a
    /// busy machine one time slice of another process (4 ms here) would otherwise add itself
    /// to intervals of 2 ms. Returns the interval, or the shortest one and `true` when every
    /// try was preempted.
    fn time(self, bytes: &[u8], repetitions: u32) -> anyhow::Result<(Duration, bool)> {
        let mut shortest = Duration::MAX;
        for _ in 0..PREEMPTED_TRIES {
            let before = preemptions();
            let took = self.interval(bytes, repetitions)?;
            match (before, preemptions()) {
                (Some(b), Some(a)) if a != b => shortest = shortest.min(took),
                _ => return Ok((took, false)),
            }
        }
        Ok((shortest, true))
    }

    /// Compiles `bytes` `repetitions` times into one fresh engine and returns the interval
    /// (making the engine and dropping the modules are outside it).
    fn interval(self, bytes: &[u8], repetitions: u32) -> anyhow::Result<Duration> {
        let n = repetitions as usize;
        match self {
            Compiler::Memowasm | Compiler::MemowasmEager => {
                let config = memowasm::Config::default().lazy_translation(self == Compiler::Memowasm);
                let engine = memowasm::Engine::new(config);
                let mut keep = Vec::with_capacity(n);
                let t = Instant::now();
                for _ in 0..n {
                    keep.push(memowasm::Module::new(&engine, bytes).map_err(|e| anyhow!("{e}"))?);
                }
                Ok(t.elapsed())
            }
            Compiler::WasmiLazy | Compiler::WasmiEager => {
                let mut config = wasmi::Config::default();
                if self == Compiler::WasmiEager {
                    config.compilation_mode(wasmi::CompilationMode::Eager);
                }
                let engine = wasmi::Engine::new(&config);
                let mut keep = Vec::with_capacity(n);
                let t = Instant::now();
                for _ in 0..n {
                    keep.push(wasmi::Module::new(&engine, bytes).map_err(|e| anyhow!("{e}"))?);
                }
                Ok(t.elapsed())
            }
        }
    }

    /// The repetitions that make one interval at least [`MIN_INTERVAL`] (this warms up too).
    fn calibrate(self, bytes: &[u8]) -> anyhow::Result<u32> {
        let mut repetitions = 1u32;
        loop {
            let (took, _) = self.time(bytes, repetitions)?;
            if took >= MIN_INTERVAL {
                return Ok(repetitions);
            }
            let scale = MIN_INTERVAL.as_secs_f64() / took.as_secs_f64().max(1e-9) * 1.2;
            repetitions = (f64::from(repetitions) * scale.clamp(2.0, 1000.0)).min(1e7) as u32;
        }
    }
}

/// Where a module comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Set {
    Bench,
    Smith,
}

/// One module to compile.
struct Subject {
    name: String,
    set: Set,
    bytes: Vec<u8>,
}

/// One measurement: per-module time of one interval.
#[derive(Debug, Clone, Serialize)]
struct CompileSample {
    module: String,
    set: Set,
    bytes: usize,
    compiler: &'static str,
    repetitions: u32,
    /// The interval divided by the repetitions.
    ns_per_module: f64,
    /// The scheduler preempted the thread in every try of this measurement.
    preempted: bool,
}

/// What `--compile` was asked.
pub struct CompileArgs<'a> {
    pub manifest: &'a Path,
    pub workload: &'a [String],
    pub runs: u32,
    pub smith: u32,
    pub seed: u64,
    pub json: Option<&'a PathBuf>,
}

pub fn execute(args: CompileArgs<'_>) -> anyhow::Result<ExitCode> {
    if args.runs == 0 {
        bail!("--runs must be at least 1");
    }
    let workloads: Vec<Workload> = load_manifest(args.manifest)?
        .into_iter()
        .filter(|w| args.workload.is_empty() || args.workload.iter().any(|f| w.name.contains(f.as_str())))
        .collect();
    if workloads.is_empty() && !args.workload.is_empty() {
        bail!("no workload matches {:?}", args.workload);
    }
    let mut subjects = Vec::new();
    for w in &workloads {
        let bytes = module_bytes(args.manifest, w)?;
        for c in Compiler::ALL {
            c.check(&bytes).map_err(|e| anyhow!("{}: {} rejects the module: {e:#}", w.name, c.name()))?;
        }
        subjects.push(Subject { name: w.name.clone(), set: Set::Bench, bytes });
    }
    subjects.extend(smith_modules(args.smith, args.seed)?);
    if subjects.is_empty() {
        bail!("nothing to compile (no bench workload and --smith 0)");
    }

    let bar = indicatif::ProgressBar::new(subjects.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut samples = Vec::new();
    for s in &subjects {
        bar.set_message(s.name.clone());
        let mut repetitions = [0u32; 4];
        for (r, c) in repetitions.iter_mut().zip(Compiler::ALL) {
            *r = c.calibrate(&s.bytes)?;
        }
        for _ in 0..args.runs {
            for (&r, c) in repetitions.iter().zip(Compiler::ALL) {
                let (took, preempted) = c.time(&s.bytes, r)?;
                samples.push(CompileSample {
                    module: s.name.clone(),
                    set: s.set,
                    bytes: s.bytes.len(),
                    compiler: c.name(),
                    repetitions: r,
                    ns_per_module: took.as_nanos() as f64 / f64::from(r),
                    preempted,
                });
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    print!("{}", report(&subjects, &samples, args.seed));
    if let Some(path) = args.json {
        std::fs::write(path, serde_json::to_string_pretty(&samples)?)
            .map_err(|e| anyhow!("cannot write {}: {e}", path.display()))?;
        println!("measurements written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `count` modules of the `differential` fuzz target's generator (wasm-smith with its swarm
/// configuration), from the inputs of a campaign with `seed`: module `smith-s<seed>-<i>` is
/// the one `memowasm fuzz --target differential --seed <seed>` runs as input `i`. Inputs that
/// make no module, or a module one compiler rejects, are passed over (the latter with a note).
fn smith_modules(count: u32, seed: u64) -> anyhow::Result<Vec<Subject>> {
    let mut out = Vec::new();
    let tries = u64::from(count) * SMITH_TRIES;
    for index in 0..tries {
        if out.len() == count as usize {
            break;
        }
        let data = campaign::input(Target::Differential, seed, index);
        let Ok(case) = differential::decode(&data) else { continue };
        let name = format!("smith-s{seed}-{index}");
        if let Some((c, e)) = Compiler::ALL.iter().find_map(|c| c.check(&case.wasm).err().map(|e| (c, e))) {
            eprintln!("skipped: {name}: {} rejects the module: {e:#}", c.name());
            continue;
        }
        out.push(Subject { name, set: Set::Smith, bytes: case.wasm });
    }
    if out.len() < count as usize {
        bail!("only {} of {count} wasm-smith inputs of seed {seed} made a module in {tries} tries", out.len());
    }
    Ok(out)
}

/// How often the scheduler has taken the CPU from this thread (Linux; `None` elsewhere).
fn preemptions() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/thread-self/status").ok()?;
    status.lines().find_map(|l| l.strip_prefix("nonvoluntary_ctxt_switches:")).and_then(|n| n.trim().parse().ok())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn fastest(v: Vec<f64>) -> f64 {
    v.into_iter().min_by(f64::total_cmp).unwrap_or(0.0)
}

/// The text report: a row per module with the median per-module times in µs and the ratios
/// of lazy to lazy and eager to eager, then geometric means of the ratios per set, of the
/// medians and of each compiler's fastest run (on a loaded machine slow phases reach the
/// median; the fastest run is what is left when they miss one).
fn report(subjects: &[Subject], samples: &[CompileSample], seed: u64) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<18} {:<5} {:>7} {:>12} {:>18} {:>14} {:>15} {:>7} {:>7}",
        "module",
        "set",
        "bytes",
        "memowasm µs",
        "memowasm-eager µs",
        "wasmi-lazy µs",
        "wasmi-eager µs",
        "x lazy",
        "x eager"
    );
    // Per set: the sums of ln(memowasm / wasmi lazy) and ln(memowasm eager / wasmi eager), of
    // the medians and of the fastest runs, and the count.
    let mut logs = [([0.0f64; 4], 0u32); 2];
    for s in subjects {
        let times = |c: Compiler| -> Vec<f64> {
            samples.iter().filter(|x| x.module == s.name && x.compiler == c.name()).map(|x| x.ns_per_module).collect()
        };
        let [lazy, eager, wasmi_lazy, wasmi_eager] = Compiler::ALL.map(|c| median(times(c)));
        let [lazy_min, eager_min, wasmi_lazy_min, wasmi_eager_min] = Compiler::ALL.map(|c| fastest(times(c)));
        let _ = writeln!(
            out,
            "{:<18} {:<5} {:>7} {:>12.1} {:>18.1} {:>14.1} {:>15.1} {:>7.3} {:>7.3}",
            s.name,
            match s.set {
                Set::Bench => "bench",
                Set::Smith => "smith",
            },
            s.bytes.len(),
            lazy / 1e3,
            eager / 1e3,
            wasmi_lazy / 1e3,
            wasmi_eager / 1e3,
            lazy / wasmi_lazy,
            eager / wasmi_eager
        );
        let (sums, n) = &mut logs[s.set as usize];
        let ratios = [lazy / wasmi_lazy, eager / wasmi_eager, lazy_min / wasmi_lazy_min, eager_min / wasmi_eager_min];
        for (sum, ratio) in sums.iter_mut().zip(ratios) {
            *sum += ratio.ln();
        }
        *n += 1;
    }
    let _ = writeln!(
        out,
        "\ngeometric mean of memowasm / wasmi (lazy to lazy, eager to eager), of the medians [of the fastest runs]:"
    );
    let names = ["bench modules".to_string(), format!("smith modules (seed {seed})")];
    for (set, (sums, n)) in names.iter().zip(logs) {
        if n > 0 {
            let [l, e, l_min, e_min] = sums.map(|x| (x / f64::from(n)).exp());
            let _ =
                writeln!(out, "  {set:<27} x lazy {l:.3} [{l_min:.3}]   x eager {e:.3} [{e_min:.3}]   ({n} modules)");
        }
    }
    out
}
