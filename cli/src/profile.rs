//! `memowasm profile`: the memo overhead survey's instrument for one call. Per unit:
//! executions, lookups, hits, misses by cause, recordings, evictions and the average cost
//! of executing it; the memo machinery's own time by phase; and the oracle limit, the hit
//! rate an unbounded cache with exact keys reaches on the same run.

use crate::run::{parse_args, wat_error_line};
use anyhow::{anyhow, bail, Context};
use clap::{Args, ValueEnum};
use memowasm::memo::{MemoStats, UnitStats};
use memowasm::{Config, Engine, Linker, MemoConfig, MemoPolicy, Module, Store};
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Clone, Copy, ValueEnum)]
enum Policy {
    Adaptive,
    Seed,
}

/// Profile memo mode on one call: per-unit statistics, where memo's time goes, and the
/// hit rate an unbounded exact cache would reach.
#[derive(Args)]
pub struct ProfileArgs {
    /// The module: binary (.wasm) or text (.wat).
    file: PathBuf,
    /// The exported function to call.
    #[arg(long, value_name = "NAME")]
    invoke: String,
    /// Arguments, parsed by the parameter types (as for `run`).
    #[arg(value_name = "ARGS", allow_negative_numbers = true)]
    args: Vec<String>,
    /// The memo policy to profile.
    #[arg(long, value_enum, default_value = "adaptive")]
    policy: Policy,
    /// Executions of a unit before it is looked up and cached.
    #[arg(long, value_name = "N")]
    memo_threshold: Option<u32>,
    /// Most cached entries.
    #[arg(long, value_name = "N")]
    memo_capacity: Option<usize>,
    /// Memory versioning granularity in bytes (a power of two).
    #[arg(long, value_name = "BYTES")]
    memo_chunk: Option<u32>,
    /// Call the export this many times.
    #[arg(long, value_name = "N", default_value_t = 1)]
    repeat: u32,
    /// Units to list, busiest first.
    #[arg(long, value_name = "N", default_value_t = 15)]
    top: usize,
}

/// Runs the call `repeat` times under `config`; returns the stats and the wall time.
fn run_once(
    bytes: &[u8],
    config: MemoConfig,
    name: &str,
    args: &[String],
    repeat: u32,
) -> anyhow::Result<(MemoStats, u64)> {
    let engine = Engine::new(Config::default().memo(Some(config)));
    let module = Module::new(&engine, bytes).map_err(|e| anyhow!("{e}"))?;
    let values = parse_args(&module, name, args)?;
    let mut store = Store::new(&engine);
    let mut linker = Linker::new();
    memowasm_spec::spectest::define(&mut store, &mut linker, false)?;
    let instance = linker.instantiate(&mut store, &module).map_err(|e| anyhow!("{e}"))?;
    let t = Instant::now();
    for _ in 0..repeat {
        instance.call(&mut store, name, &values).map_err(|e| anyhow!("{e}"))?;
    }
    let ns = t.elapsed().as_nanos() as u64;
    Ok((store.memo_stats().expect("memo is on"), ns))
}

fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

impl ProfileArgs {
    pub fn execute(self) -> anyhow::Result<ExitCode> {
        let path = self.file.display().to_string();
        let data = std::fs::read(&self.file).with_context(|| format!("cannot read {path}"))?;
        let bytes = wat::parse_bytes(&data).map_err(|e| anyhow!("{path}: {}", wat_error_line(&e)))?.into_owned();
        if self.repeat == 0 {
            bail!("--repeat must be at least 1");
        }
        let mut config = match self.policy {
            Policy::Adaptive => MemoConfig::default(),
            Policy::Seed => MemoConfig::seed(),
        };
        config = crate::run::tune_memo(config, self.memo_threshold, self.memo_capacity, self.memo_chunk)?;
        // The plain run, for the cost of the call without memo mode.
        let plain_ns = {
            let engine = Engine::new(Config::default());
            let module = Module::new(&engine, &bytes).map_err(|e| anyhow!("{path}: {e}"))?;
            let values = parse_args(&module, &self.invoke, &self.args)?;
            let mut store = Store::new(&engine);
            let mut linker = Linker::new();
            memowasm_spec::spectest::define(&mut store, &mut linker, false)?;
            let instance = linker.instantiate(&mut store, &module).map_err(|e| anyhow!("{e}"))?;
            let t = Instant::now();
            for _ in 0..self.repeat {
                instance.call(&mut store, &self.invoke, &values).map_err(|e| anyhow!("{e}"))?;
            }
            t.elapsed().as_nanos() as u64
        };
        let (stats, memo_ns) = run_once(&bytes, config.clone().profile(true), &self.invoke, &self.args, self.repeat)?;
        // The oracle: the same units, every execution looked up and cached, nothing evicted,
        // nothing switched off.
        let oracle = config.clone().threshold(0).capacity(usize::MAX / 2).window(u32::MAX).policy(MemoPolicy::Seed);
        let oracle = MemoConfig { min_unit_ops: config.min_unit_ops, ..oracle };
        let (ostats, _) = run_once(&bytes, oracle, &self.invoke, &self.args, self.repeat)?;
        print!("{}", self.render(&stats, &ostats, memo_ns, plain_ns));
        Ok(ExitCode::SUCCESS)
    }

    fn render(&self, s: &MemoStats, oracle: &MemoStats, memo_ns: u64, plain_ns: u64) -> String {
        let mut out = String::new();
        let t = &s.totals;
        let p = &s.profile;
        let _ = writeln!(
            out,
            "run: plain {:.3} ms, memo (profiled) {:.3} ms; policy {:?}, {} call(s)",
            plain_ns as f64 / 1e6,
            memo_ns as f64 / 1e6,
            match self.policy {
                Policy::Adaptive => "adaptive",
                Policy::Seed => "seed",
            },
            self.repeat
        );
        let _ = writeln!(
            out,
            "units: {} executions, {} lookups, {} hits ({} replayed in the threaded chain; {} of executions; oracle limit {} of {})",
            t.executions,
            t.lookups,
            t.hits,
            s.fast_hits,
            pct(t.hits, t.executions),
            pct(oracle.totals.hits, oracle.totals.executions),
            oracle.totals.executions
        );
        let _ = writeln!(
            out,
            "misses: cold {}, absent {} ({} met for the first time, not recorded; {} met before, held back), collision {}, evicted {}, over limit {}, invalidated {}; {} recorded, {} discarded, {} evicted; {} switched off, {} drops to the plain loop; {} memo layouts rendered, {} stale ones left to the plain loop's",
            t.miss_cold, t.miss_absent, t.first_sight, t.held_back, t.miss_collision, t.miss_evicted, t.miss_limit, t.invalidations(), t.recordings, t.discarded, t.evictions, t.switched_off, s.plain_switches, s.renders, s.stale_renders_skipped
        );
        let _ =
            writeln!(out, "memo machinery (profiled run; clock reads included; hits replayed in the chain untimed):");
        for (name, ns) in [
            ("key generation", p.key_ns),
            ("lookup", p.lookup_ns),
            ("dependency validation", p.validate_ns),
            ("recording", p.record_ns),
            ("LRU and eviction", p.lru_ns),
            ("replay", p.replay_ns),
            ("total", p.total_ns()),
        ] {
            let _ = writeln!(out, "  {name:<22} {:>12} ns {:>7} of the run", ns, pct(ns, memo_ns));
        }
        let mut units: Vec<&UnitStats> = s.units.iter().collect();
        units.sort_by_key(|u| std::cmp::Reverse(u.counters.executions));
        let _ = writeln!(
            out,
            "{:<30} {:>9} {:>9} {:>9} {:>8} {:>8} {:>6} {:>6} {:>6} {:>9} {:>8}",
            "unit", "execs", "lookups", "hits", "oracle", "recorded", "cold", "absent", "inval", "avg ns", "evicted"
        );
        for u in units.iter().take(self.top) {
            let c = &u.counters;
            let o = oracle.units.iter().find(|o| o.unit == u.unit).map_or(0, |o| o.counters.hits);
            let avg = c.exec_ns.checked_div(c.timed).map_or("-".to_string(), |a| a.to_string());
            let name = format!(
                "f{} b{} @{:#x} ip {}..{}",
                u.unit.func_index, u.unit.block, u.unit.offset, u.unit.start_ip, u.unit.end_ip
            );
            let _ = writeln!(
                out,
                "{:<30} {:>9} {:>9} {:>9} {:>8} {:>8} {:>6} {:>6} {:>6} {:>9} {:>8}",
                name,
                c.executions,
                c.lookups,
                c.hits,
                o,
                c.recordings,
                c.miss_cold,
                c.miss_absent + c.miss_collision + c.miss_evicted,
                c.invalidations(),
                avg,
                c.evictions
            );
        }
        if units.len() > self.top {
            let _ = writeln!(out, "({} more units)", units.len() - self.top);
        }
        out
    }
}
