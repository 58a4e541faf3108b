//! `memowasm bench`: times the workloads of `bench/workloads.json` in several engines,
//! interleaved, each measurement in a child process (so peak memory is the engine's own),
//! and reports medians, ranges, ratios against plain and wasmi, memo hit rates and, with
//! `--callgrind`, instruction counts. `--compile` times module compilation instead
//! ([`compile`]).

mod compile;

use anyhow::{anyhow, bail, Context};
use clap::Args;
use memowasm::{Config, Engine, Linker, MemoConfig, Module, Store, Value};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Time the benchmark workloads in several engines, interleaved (A B C A B C ...).
#[derive(Args)]
pub struct BenchArgs {
    /// Only workloads whose name contains this (repeatable).
    #[arg(long, value_name = "NAME")]
    workload: Vec<String>,
    /// Engines, comma-separated: plain, memo (adaptive), memo-seed, wasmi.
    #[arg(long, value_delimiter = ',', default_value = "plain,memo,memo-seed,wasmi")]
    engines: Vec<String>,
    /// Measurements per workload and engine; the median is reported.
    #[arg(long, default_value_t = 5)]
    runs: u32,
    /// Also count instructions with valgrind --tool=callgrind (one run each; repeatable
    /// counts on a noisy machine).
    #[arg(long)]
    callgrind: bool,
    /// With --callgrind: also count each workload at a larger size (twice its first
    /// argument, twice the calls of repeated ones, or the manifest's `larger` arguments), and
    /// split each engine's extra instructions over plain into a fixed part (start-up,
    /// warm-up) and a part that grows with the work.
    #[arg(long, requires = "callgrind")]
    split: bool,
    /// Write every measurement as JSON here (for plots: bench/plot.py).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// The workload list.
    #[arg(long, default_value = "bench/workloads.json")]
    manifest: PathBuf,
    /// List the workloads and exit.
    #[arg(long)]
    list: bool,
    /// Time module compilation (memowasm lazy and eager against wasmi lazy and eager) in this
    /// process, on the workloads' modules and on `--smith` generated ones, instead of running
    /// workloads.
    #[arg(long, conflicts_with_all = ["engines", "callgrind", "one", "list"])]
    compile: bool,
    /// With --compile: how many wasm-smith modules (the `differential` fuzz generator's) to
    /// add [default: 20].
    #[arg(long, value_name = "N")]
    smith: Option<u32>,
    /// With --compile: the fuzz campaign seed the wasm-smith modules come from [default: 0].
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
    /// Internal: run one measurement `WORKLOAD:ENGINE[:SCALE]` and print it as JSON.
    #[arg(long, hide = true, value_name = "WORKLOAD:ENGINE")]
    one: Option<String>,
}

/// One workload of the manifest.
#[derive(Debug, Clone, Deserialize)]
pub struct Workload {
    pub name: String,
    pub file: String,
    pub kind: String,
    pub export: String,
    #[serde(default)]
    pub args: Vec<i64>,
    /// Calls per measurement, on one instance (for workloads that take microseconds).
    #[serde(default = "one")]
    pub repeat: u32,
    pub expected: String,
    /// What it does and why it is of its kind (read by people, shown by `--list`).
    #[serde(default)]
    pub description: String,
    /// Whether `--split` may run it at a larger size (not where the work grows
    /// exponentially with the argument).
    #[serde(default = "yes")]
    pub split: bool,
    /// The arguments of that larger size, where twice the first argument is out of the
    /// workload's range (matmul's `n` is at most 256).
    #[serde(default)]
    pub larger: Option<Vec<i64>>,
}

fn yes() -> bool {
    true
}

/// What one measurement found.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Sample {
    pub workload: String,
    pub engine: String,
    /// Compile and instantiate.
    pub compile_ns: u64,
    /// The call.
    pub run_ns: u64,
    /// Peak resident memory of the process, in KiB (VmHWM).
    pub peak_kib: u64,
    pub lookups: u64,
    pub hits: u64,
    pub executions: u64,
    /// Instructions counted by callgrind for the whole child process.
    pub instructions: Option<u64>,
    /// The workload's size, as a multiple of the manifest's ([`Workload::scaled`]).
    #[serde(default = "one")]
    pub scale: u32,
    /// What the call returned.
    #[serde(default)]
    pub result: String,
}

impl Workload {
    /// The workload at `k` times its size: `k` times the calls of a repeated workload,
    /// otherwise its first argument (its size: iterations, elements or rounds) times `k`;
    /// at `k` = 2, the manifest's `larger` arguments where it gives them. Its expected
    /// result is the manifest's only at `k` = 1.
    pub fn scaled(&self, k: u32) -> Workload {
        let mut w = self.clone();
        if k == 1 {
            return w;
        }
        match (&self.larger, w.args.first_mut()) {
            (Some(args), _) if k == 2 => w.args = args.clone(),
            (_, Some(n)) if w.repeat == 1 => *n *= i64::from(k),
            _ => w.repeat *= k,
        }
        w
    }
}

fn one() -> u32 {
    1
}

const ENGINES: [&str; 4] = ["plain", "memo", "memo-seed", "wasmi"];

impl BenchArgs {
    pub fn execute(self) -> anyhow::Result<ExitCode> {
        if !self.compile && (self.smith.is_some() || self.seed.is_some()) {
            bail!("--smith and --seed go with --compile");
        }
        if let Some(which) = &self.one {
            let (w, e) = which.split_once(':').ok_or_else(|| anyhow!("--one takes WORKLOAD:ENGINE[:SCALE]"))?;
            let (e, scale) = match e.split_once(':') {
                Some((e, k)) => (e, k.parse().map_err(|_| anyhow!("--one: bad scale {k:?}"))?),
                None => (e, 1),
            };
            let workload = load_manifest(&self.manifest)?
                .into_iter()
                .find(|x| x.name == w)
                .ok_or_else(|| anyhow!("no workload named {w:?} in {}", self.manifest.display()))?;
            let sample = measure(&self.manifest, &workload, e, scale)?;
            println!("{}", serde_json::to_string(&sample)?);
            return Ok(ExitCode::SUCCESS);
        }
        if self.list {
            for w in load_manifest(&self.manifest)? {
                println!("{:<18} {:<9} {}", w.name, w.kind, w.description);
            }
            return Ok(ExitCode::SUCCESS);
        }
        if self.compile {
            return compile::execute(compile::CompileArgs {
                manifest: &self.manifest,
                workload: &self.workload,
                runs: self.runs,
                smith: self.smith.unwrap_or(20),
                seed: self.seed.unwrap_or(0),
                json: self.json.as_ref(),
            });
        }
        for e in &self.engines {
            if !ENGINES.contains(&e.as_str()) {
                bail!("unknown engine {e:?} (known: {})", ENGINES.join(", "));
            }
        }
        if self.runs == 0 {
            bail!("--runs must be at least 1");
        }
        let all = load_manifest(&self.manifest)?;
        let workloads: Vec<Workload> = all
            .into_iter()
            .filter(|w| self.workload.is_empty() || self.workload.iter().any(|f| w.name.contains(f.as_str())))
            .collect();
        if workloads.is_empty() {
            bail!("no workload matches {:?}", self.workload);
        }
        let exe = std::env::current_exe().context("cannot find the memowasm executable")?;
        let mut samples: Vec<Sample> = Vec::new();
        let total = self.runs as usize * workloads.len() * self.engines.len();
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        for _ in 0..self.runs {
            for w in &workloads {
                for e in &self.engines {
                    bar.set_message(format!("{} {e}", w.name));
                    match child(&exe, &self.manifest, &w.name, e, false, 1) {
                        Ok(s) => samples.push(s),
                        // One engine failing one workload is a finding, not the end of the run.
                        Err(err) => bar.suspend(|| eprintln!("skipped: {err:#}")),
                    }
                    bar.inc(1);
                }
            }
        }
        if self.callgrind {
            for w in &workloads {
                for e in &self.engines {
                    bar.set_message(format!("callgrind {} {e}", w.name));
                    match child(&exe, &self.manifest, &w.name, e, true, 1) {
                        Ok(s) => samples.push(s),
                        Err(err) => bar.suspend(|| eprintln!("skipped: {err:#}")),
                    }
                }
            }
        }
        if self.split {
            for w in workloads.iter().filter(|w| w.split) {
                for e in &self.engines {
                    bar.set_message(format!("callgrind {} {e} at the larger size", w.name));
                    match child(&exe, &self.manifest, &w.name, e, true, 2) {
                        Ok(s) => samples.push(s),
                        Err(err) => bar.suspend(|| eprintln!("skipped: {err:#}")),
                    }
                }
                // No expected result at this size: the engines must agree with each other
                // (and the workload's own checks trap on a wrong answer).
                let twice: Vec<&Sample> = samples.iter().filter(|s| s.workload == w.name && s.scale == 2).collect();
                if let Some(first) = twice.first() {
                    if let Some(other) = twice.iter().find(|s| s.result != first.result) {
                        bail!(
                            "{} at the larger size: {} returned {}, {} returned {}",
                            w.name,
                            first.engine,
                            first.result,
                            other.engine,
                            other.result
                        );
                    }
                }
            }
        }
        bar.finish_and_clear();
        print!("{}", report(&workloads, &self.engines, &samples));
        if let Some(path) = &self.json {
            std::fs::write(path, serde_json::to_string_pretty(&samples)?)
                .with_context(|| format!("cannot write {}", path.display()))?;
            println!("measurements written to {}", path.display());
        }
        Ok(ExitCode::SUCCESS)
    }
}

pub fn load_manifest(path: &Path) -> anyhow::Result<Vec<Workload>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not a workload list", path.display()))
}

/// Runs one measurement in a child process (under callgrind if asked).
fn child(
    exe: &Path,
    manifest: &Path,
    workload: &str,
    engine: &str,
    callgrind: bool,
    scale: u32,
) -> anyhow::Result<Sample> {
    let one = format!("{workload}:{engine}:{scale}");
    let mut cmd = if callgrind {
        let mut c = Command::new("valgrind");
        c.args(["--tool=callgrind", "--callgrind-out-file=/dev/null"]).arg(exe);
        c
    } else {
        Command::new(exe)
    };
    cmd.arg("bench").arg("--manifest").arg(manifest).arg("--one").arg(&one);
    let out = cmd.output().with_context(|| {
        if callgrind {
            "cannot run valgrind (apt-get install valgrind)".to_string()
        } else {
            format!("cannot run {}", exe.display())
        }
    })?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty() && !l.starts_with("==")).unwrap_or("");
        bail!("{one} failed: {last}");
    }
    let line = String::from_utf8_lossy(&out.stdout);
    let mut sample: Sample =
        serde_json::from_str(line.trim()).with_context(|| format!("{one}: unexpected output {line:?}"))?;
    if callgrind {
        let collected = stderr
            .lines()
            .find_map(|l| l.split("Collected :").nth(1))
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| anyhow!("{one}: no instruction count in valgrind's output"))?;
        sample.instructions = Some(collected);
        sample.run_ns = 0;
    }
    Ok(sample)
}

/// Peak resident memory of this process in KiB (Linux's VmHWM), or 0 where unknown.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().trim_end_matches("kB").trim().to_string()))
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The binary module of a workload (its file is relative to the manifest; text is assembled).
pub fn module_bytes(manifest: &Path, w: &Workload) -> anyhow::Result<Vec<u8>> {
    let dir = manifest.parent().unwrap_or(Path::new("."));
    let path = dir.join(&w.file);
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(wat::parse_bytes(&bytes).map_err(|e| anyhow!("{}: {e}", path.display()))?.into_owned())
}

/// Compiles, instantiates and calls the workload at `scale` times its size in one engine;
/// checks the result (at `scale` 1, where the manifest gives it).
pub fn measure(manifest: &Path, w: &Workload, engine: &str, scale: u32) -> anyhow::Result<Sample> {
    let bytes = module_bytes(manifest, w)?;
    let w = &w.scaled(scale);
    let mut sample = Sample { workload: w.name.clone(), engine: engine.to_string(), scale, ..Sample::default() };
    let got = match engine {
        "wasmi" => {
            let t = Instant::now();
            // Default features and dispatch; only the limits are raised to memowasm's, so
            // that deep recursion (ackermann) runs in both.
            let mut config = wasmi::Config::default();
            config.set_max_recursion_depth(16_384);
            let engine = wasmi::Engine::new(&config);
            let module = wasmi::Module::new(&engine, &bytes).map_err(|e| anyhow!("wasmi: {e}"))?;
            let mut store = wasmi::Store::new(&engine, ());
            let linker = wasmi::Linker::<()>::new(&engine);
            let instance = linker.instantiate_and_start(&mut store, &module).map_err(|e| anyhow!("wasmi: {e}"))?;
            let func = instance.get_func(&store, &w.export).ok_or_else(|| anyhow!("no export {:?}", w.export))?;
            let ty = func.ty(&store);
            let args: Vec<wasmi::Val> = w
                .args
                .iter()
                .zip(ty.params())
                .map(|(&a, t)| match t {
                    wasmi::ValType::I64 => wasmi::Val::I64(a),
                    _ => wasmi::Val::I32(a as i32),
                })
                .collect();
            let mut results: Vec<wasmi::Val> = ty.results().iter().map(|t| wasmi::Val::default_for_ty(*t)).collect();
            sample.compile_ns = t.elapsed().as_nanos() as u64;
            let t = Instant::now();
            for _ in 0..w.repeat {
                func.call(&mut store, &args, &mut results).map_err(|e| anyhow!("wasmi: {e}"))?;
            }
            sample.run_ns = t.elapsed().as_nanos() as u64;
            results
                .iter()
                .map(|v| match v {
                    wasmi::Val::I32(x) => format!("{x}:i32"),
                    wasmi::Val::I64(x) => format!("{x}:i64"),
                    other => format!("{other:?}"),
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        name => {
            let memo = match name {
                "plain" => None,
                "memo" => Some(MemoConfig::default()),
                "memo-seed" => Some(MemoConfig::seed()),
                _ => bail!("unknown engine {name:?}"),
            };
            let t = Instant::now();
            let engine = Engine::new(Config::default().memo(memo));
            let module = Module::new(&engine, &bytes).map_err(|e| anyhow!("{e}"))?;
            let mut store = Store::new(&engine);
            let instance = Linker::new().instantiate(&mut store, &module).map_err(|e| anyhow!("{e}"))?;
            let func = instance.get_func(&store, &w.export).ok_or_else(|| anyhow!("no export {:?}", w.export))?;
            let args: Vec<Value> = w
                .args
                .iter()
                .zip(func.ty(&store).params)
                .map(|(&a, t)| if t == memowasm::ValType::I64 { Value::I64(a) } else { Value::I32(a as i32) })
                .collect();
            sample.compile_ns = t.elapsed().as_nanos() as u64;
            let t = Instant::now();
            // Like wasmi's `Func::call` below, the allocation-free entry point.
            let mut results = vec![Value::I32(0); func.ty(&store).results.len()];
            for _ in 0..w.repeat {
                func.call_into(&mut store, &args, &mut results).map_err(|e| anyhow!("{e}"))?;
            }
            sample.run_ns = t.elapsed().as_nanos() as u64;
            if let Some(stats) = store.memo_stats() {
                sample.lookups = stats.totals.lookups;
                sample.hits = stats.totals.hits;
                sample.executions = stats.totals.executions;
            }
            results.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(" ")
        }
    };
    if scale == 1 && got != w.expected {
        bail!("{} in {engine} returned {got}, expected {} (a wrong answer is never timed)", w.name, w.expected);
    }
    sample.peak_kib = peak_kib();
    sample.result = got;
    Ok(sample)
}

fn median(mut v: Vec<u64>) -> u64 {
    v.sort_unstable();
    if v.is_empty() {
        0
    } else {
        v[v.len() / 2]
    }
}

fn ms(ns: u64) -> String {
    format!("{:.1}", ns as f64 / 1e6)
}

/// The text report: one block per workload, engines side by side, ratios from this run.
pub fn report(workloads: &[Workload], engines: &[String], samples: &[Sample]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let timed = |w: &str, e: &str| -> Vec<&Sample> {
        samples
            .iter()
            .filter(|s| s.workload == w && s.engine == e && s.instructions.is_none() && s.scale == 1)
            .collect()
    };
    let med = |w: &str, e: &str| median(timed(w, e).iter().map(|s| s.run_ns).collect());
    let _ = writeln!(
        out,
        "{:<18} {:<9} {:<10} {:>9} {:>17} {:>8} {:>8} {:>9} {:>8} {:>12}",
        "workload",
        "kind",
        "engine",
        "median ms",
        "min-max ms",
        "x plain",
        "x wasmi",
        "compile",
        "peak MiB",
        "hits/lookups"
    );
    let mut logs: std::collections::BTreeMap<&str, (f64, f64, u32)> = Default::default();
    for w in workloads {
        let plain = med(&w.name, "plain");
        let wasmi = med(&w.name, "wasmi");
        for e in engines {
            let s = timed(&w.name, e);
            if s.is_empty() {
                continue;
            }
            let m = med(&w.name, e);
            let lo = s.iter().map(|x| x.run_ns).min().unwrap_or(0);
            let hi = s.iter().map(|x| x.run_ns).max().unwrap_or(0);
            let ratio = |base: u64| if base == 0 { "-".to_string() } else { format!("{:.3}", m as f64 / base as f64) };
            let compile = median(s.iter().map(|x| x.compile_ns).collect());
            let peak = s.iter().map(|x| x.peak_kib).max().unwrap_or(0);
            let hits = if e.starts_with("memo") { format!("{}/{}", s[0].hits, s[0].lookups) } else { "-".into() };
            let _ = writeln!(
                out,
                "{:<18} {:<9} {:<10} {:>9} {:>17} {:>8} {:>8} {:>9} {:>8.1} {:>12}",
                w.name,
                w.kind,
                e,
                ms(m),
                format!("{}-{}", ms(lo), ms(hi)),
                ratio(plain),
                ratio(wasmi),
                format!("{}ms", ms(compile)),
                peak as f64 / 1024.0,
                hits
            );
            if plain > 0 && m > 0 {
                let entry = logs.entry(e.as_str()).or_insert((0.0, 0.0, 0));
                entry.0 += (m as f64 / plain as f64).ln();
                if wasmi > 0 {
                    entry.1 += (m as f64 / wasmi as f64).ln();
                }
                entry.2 += 1;
            }
        }
    }
    let _ = writeln!(out, "\ngeometric mean over {} workload(s):", workloads.len());
    for e in engines {
        if let Some((lp, lw, n)) = logs.get(e.as_str()) {
            let n = f64::from(*n);
            let _ = writeln!(out, "  {e:<10} x plain {:.3}   x wasmi {:.3}", (lp / n).exp(), (lw / n).exp());
        }
    }
    let counted: Vec<&Sample> = samples.iter().filter(|s| s.instructions.is_some() && s.scale == 1).collect();
    if !counted.is_empty() {
        let _ = writeln!(out, "\ncallgrind instructions (whole process: start-up, compile and run):");
        for w in workloads {
            let mut line = format!("  {:<18}", w.name);
            let plain =
                counted.iter().find(|s| s.workload == w.name && s.engine == "plain").and_then(|s| s.instructions);
            for e in engines {
                if let Some(n) =
                    counted.iter().find(|s| s.workload == w.name && &s.engine == e).and_then(|s| s.instructions)
                {
                    let r = plain.map_or(String::new(), |p| format!(" ({:.3})", n as f64 / p as f64));
                    let _ = write!(line, " {e} {n}{r}");
                }
            }
            let _ = writeln!(out, "{line}");
        }
    }
    out.push_str(&split_report(workloads, engines, samples));
    out
}

/// With `--split`: each engine's instructions over plain's, `M - P`, taken as a fixed part
/// plus a share of plain's: `M(n) - P(n) = fixed + r P(n)`, solved from two sizes (`n` and
/// the larger one). `1 + r` is the engine's cost per unit of work against plain's (its
/// ratio on a long run); `fixed` is what it pays once (start-up and warm-up).
fn split_report(workloads: &[Workload], engines: &[String], samples: &[Sample]) -> String {
    use std::fmt::Write;
    let count = |w: &str, e: &str, k: u32| {
        samples.iter().filter(|s| s.workload == w && s.engine == e && s.scale == k).find_map(|s| s.instructions)
    };
    let mut out = String::new();
    for w in workloads {
        let (Some(p1), Some(p2)) = (count(&w.name, "plain", 1), count(&w.name, "plain", 2)) else { continue };
        if out.is_empty() {
            let _ = writeln!(
                out,
                "\nsteady state and fixed cost (callgrind at size n and a larger one, 2n unless the manifest says; extra = fixed + (ratio - 1) x plain):"
            );
            let _ = writeln!(
                out,
                "  {:<18} {:<10} {:>14} {:>14} {:>16} {:>14}",
                "workload", "engine", "at n", "larger", "steady x plain", "fixed extra"
            );
        }
        for e in engines {
            let (Some(m1), Some(m2)) = (count(&w.name, e, 1), count(&w.name, e, 2)) else { continue };
            let (p1, p2, m1, m2) = (p1 as f64, p2 as f64, m1 as f64, m2 as f64);
            let steady = if p2 > p1 { format!("{:.3}", (m2 - m1) / (p2 - p1)) } else { "-".to_string() };
            let fixed = if p2 > p1 {
                format!("{:.1}M", ((m1 - p1) - ((m2 - m1) / (p2 - p1) - 1.0) * p1) / 1e6)
            } else {
                "-".to_string()
            };
            let _ = writeln!(
                out,
                "  {:<18} {:<10} {:>14} {:>14} {:>16} {:>14}",
                w.name,
                e,
                format!("{:.1}M", m1 / 1e6),
                format!("{:.1}M", m2 / 1e6),
                steady,
                fixed
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workload(args: Vec<i64>, repeat: u32) -> Workload {
        Workload {
            name: "w".into(),
            file: "w.wat".into(),
            kind: "compute".into(),
            export: "run".into(),
            args,
            repeat,
            expected: "0:i32".into(),
            description: String::new(),
            split: true,
            larger: None,
        }
    }

    #[test]
    fn scaling_grows_the_first_argument_or_the_calls() {
        let w = workload(vec![300, 5], 1).scaled(2);
        assert_eq!((w.args, w.repeat), (vec![600, 5], 1));
        let w = workload(vec![7], 1000).scaled(3);
        assert_eq!((w.args, w.repeat), (vec![7], 3000));
        let w = workload(vec![], 1).scaled(2);
        assert_eq!((w.args, w.repeat), (vec![], 2));
        let w = Workload { larger: Some(vec![250]), ..workload(vec![160], 1) };
        assert_eq!((w.scaled(1).args, w.scaled(2).args), (vec![160], vec![250]));
    }

    fn counted(engine: &str, scale: u32, n: u64) -> Sample {
        Sample { workload: "w".into(), engine: engine.into(), scale, instructions: Some(n), ..Sample::default() }
    }

    #[test]
    fn the_split_solves_fixed_and_steady_costs_from_two_sizes() {
        // The engine runs plain's work at 0.9 of its cost, plus 46M of its own.
        let samples = [
            counted("plain", 1, 110_000_000),
            counted("plain", 2, 210_000_000),
            counted("memo", 1, 145_000_000),
            counted("memo", 2, 235_000_000),
            // Timed samples (no count) are passed over.
            Sample { workload: "w".into(), engine: "memo".into(), ..Sample::default() },
        ];
        let engines = ["plain".to_string(), "memo".to_string()];
        let text = split_report(&[workload(vec![1], 1)], &engines, &samples);
        let memo = text.lines().find(|l| l.trim_start().starts_with("w ") && l.contains("memo")).unwrap();
        let fields: Vec<&str> = memo.split_whitespace().collect();
        assert_eq!(fields, ["w", "memo", "145.0M", "235.0M", "0.900", "46.0M"], "{text}");
        let plain = text.lines().find(|l| l.trim_start().starts_with("w ") && l.contains("plain")).unwrap();
        assert!(plain.contains("1.000") && plain.ends_with("0.0M"), "{text}");
    }
}
