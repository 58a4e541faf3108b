//! `memowasm diff`: run a module in several engines in lockstep (memowasm plain, memo modes,
//! wasmi) on a generated or given plan, print the verdict, and leave a reproducer on divergence.

use crate::exit;
use anyhow::{anyhow, bail, Context};
use clap::Args;
use memowasm::MemoConfig;
use memowasm_oracle::{run_plan, write_reproducer, EngineConfig, Plan, RunConfig, Verdict};
use std::path::PathBuf;
use std::process::ExitCode;

/// Differential test: run a module in several engines in lockstep and compare every step.
///
/// After instantiation and after every step of the plan (calls, host writes to exported
/// memories and globals), the results or traps, every exported global, memory and table are
/// compared. Exit 0 when the engines agree (or one ran out of fuel or stack, which is not
/// comparable across engines), 1 on a divergence (a reproducer is written to --out), 2 on bad
/// input.
#[derive(Args)]
pub struct DiffArgs {
    /// The module: binary (.wasm) or text (.wat).
    file: PathBuf,
    /// Run this plan (JSON, as written next to reproducers) instead of generating one.
    #[arg(long, value_name = "PLAN.json")]
    plan: Option<PathBuf>,
    /// Calls in the generated plan (each call is repeated 1 to 5 times in a row).
    #[arg(long, value_name = "N", default_value_t = 200, conflicts_with = "plan")]
    calls: usize,
    /// Seed of the generated plan.
    #[arg(long, value_name = "S", default_value_t = 0, conflicts_with = "plan")]
    seed: u64,
    /// Engines, comma-separated: plain, memo, memo-aggressive (threshold 1, 4 entries,
    /// 64-byte chunks, verify on), wasmi.
    #[arg(long, value_name = "LIST", value_delimiter = ',', default_value = "plain,memo,memo-aggressive,wasmi")]
    engines: Vec<String>,
    /// A reproducer's run configuration (engines, memo configuration, limits) instead of
    /// --engines, the --memo-* options, --fuel, --max-call-depth and --canonical-nans.
    #[arg(long, value_name = "CONFIG.json")]
    config: Option<PathBuf>,
    /// The memo engine's policy: adaptive (default) or seed (threshold 10, every block a unit).
    #[arg(long, value_name = "POLICY")]
    memo_policy: Option<String>,
    /// The memo engine's threshold: executions of a unit before it is cached.
    #[arg(long, value_name = "N")]
    memo_threshold: Option<u32>,
    /// The memo engine's cache capacity in entries.
    #[arg(long, value_name = "N")]
    memo_capacity: Option<usize>,
    /// The memo engine's memory versioning granularity in bytes, a power of two.
    #[arg(long, value_name = "BYTES")]
    memo_chunk: Option<u32>,
    /// The memo engine re-executes every hit and reports stale entries.
    #[arg(long)]
    memo_verify: bool,
    /// Fuel for instantiation and for every call, so that plans terminate; 0 runs unmetered.
    /// Engines charge differently: running out is compared only between memowasm engines,
    /// and against wasmi it stops the run as non-deterministic.
    #[arg(long, value_name = "N", default_value_t = 10_000_000)]
    fuel: u64,
    /// Maximum depth of nested calls, in every engine.
    #[arg(long, value_name = "N")]
    max_call_depth: Option<u32>,
    /// The module canonicalizes NaNs: compare NaN bits across engines too.
    #[arg(long)]
    canonical_nans: bool,
    /// Where reproducers are written.
    #[arg(long, value_name = "DIR", default_value = "findings")]
    out: PathBuf,
}

impl DiffArgs {
    pub fn execute(self) -> anyhow::Result<ExitCode> {
        let path = self.file.display().to_string();
        let data = std::fs::read(&self.file).with_context(|| format!("cannot read {path}"))?;
        let wasm = wat::parse_bytes(&data).map_err(|e| anyhow!("{path}: {}", exit::one_line(&e.to_string())))?;
        memowasm_oracle::check_runnable(&wasm).map_err(|e| anyhow!("{path}: {e}"))?;
        let plan = match &self.plan {
            Some(p) => {
                let text = std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
                Plan::from_json(&text).with_context(|| format!("{}: not a plan", p.display()))?
            }
            None => Plan::generate(&wasm, self.calls, self.seed),
        };
        let config = self.run_config()?;
        let mut engines = config.build().map_err(|e| anyhow!(e))?;
        let names: Vec<String> = engines.iter().map(|e| e.name().to_string()).collect();
        match run_plan(&wasm, &plan, &mut engines, config.options()) {
            Verdict::Match { steps, memo_hits } => {
                println!("match: {steps} steps agree in {} ({memo_hits} memo hits)", names.join(", "));
                Ok(ExitCode::SUCCESS)
            }
            Verdict::NonDeterministic { step, reason } => {
                let at = step.map_or("instantiation".to_string(), |n| format!("step {n}"));
                println!("non-deterministic: stopped at {at}: {reason}");
                Ok(ExitCode::SUCCESS)
            }
            Verdict::Diverged(d) => {
                print!("diverged: {d}");
                let wasm_path = write_reproducer(&self.out, &wasm, &plan, &config, &d)
                    .with_context(|| format!("cannot write the reproducer to {}", self.out.display()))?;
                let stem = wasm_path.display().to_string();
                let stem = stem.strip_suffix(".wasm").unwrap_or(&stem);
                println!("reproducer: {stem}.{{wasm,wat,plan.json,config.json,txt}}");
                Ok(ExitCode::from(exit::FAILED))
            }
        }
    }

    /// The engines and limits: from --config, or from the options.
    fn run_config(&self) -> anyhow::Result<RunConfig> {
        if let Some(p) = &self.config {
            let text = std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
            return RunConfig::from_json(&text).with_context(|| format!("{}: not a run configuration", p.display()));
        }
        let mut engine = EngineConfig::default().fuel((self.fuel > 0).then_some(self.fuel));
        if let Some(depth) = self.max_call_depth {
            engine = engine.max_call_depth(depth);
        }
        let names: Vec<&str> = self.engines.iter().map(|s| s.trim()).collect();
        let tuned = self.memo_policy.is_some()
            || self.memo_threshold.is_some()
            || self.memo_capacity.is_some()
            || self.memo_chunk.is_some()
            || self.memo_verify;
        if tuned && !names.contains(&"memo") {
            bail!("--memo-* options configure the memo engine, which --engines does not include");
        }
        let mut config = RunConfig::named(&names, &self.memo_config()?, engine).map_err(|e| anyhow!(e))?;
        config.canonical_nans = self.canonical_nans;
        Ok(config)
    }

    fn memo_config(&self) -> anyhow::Result<MemoConfig> {
        let mut c = match self.memo_policy.as_deref() {
            None | Some("adaptive") => MemoConfig::default(),
            Some("seed") => MemoConfig::seed(),
            Some(other) => bail!("unknown memo policy {other:?} (policies: adaptive, seed)"),
        };
        c = c.verify(self.memo_verify);
        crate::run::tune_memo(c, self.memo_threshold, self.memo_capacity, self.memo_chunk)
    }
}
