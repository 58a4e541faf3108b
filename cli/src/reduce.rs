//! `memowasm reduce`: shrink a diverging case (a reproducer, a module with a plan, or a
//! libFuzzer crash file) while it keeps diverging the same way, write the minimized
//! reproducer, and write a regression script that the spec runner replays in every engine.

use crate::exit;
use anyhow::{anyhow, bail, Context};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use memowasm_oracle::reduce::{
    find, regression_script, replay, Case, Finding, Progress, ReduceError, ReduceOptions, Reduced, Reducer,
};
use memowasm_oracle::{load_reproducer, module_hash, write_reproducer, EngineConfig, Plan, RunConfig, Verdict};
use memowasm_spec::{EngineKind, FileReport, RunOptions, WastSource};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ExitCode, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Minimize a divergence: shrink the module (wasm-shrink), the plan and the memo configuration
/// while the engines keep disagreeing the same way, then write the minimized reproducer and a
/// regression test.
///
/// INPUT is a reproducer `crash-<sha256>` of `memowasm diff` or `memowasm fuzz` (any of its
/// files, or their common stem), a .wasm or .wat module with --plan, or a libFuzzer crash file
/// of the `differential` or `memo_hazards` target with --target. The divergence's signature
/// (which engines disagree, at which kind of step, about what, and the kind of dependency a
/// stale memo entry missed) must stay the same: a different divergence is not progress.
///
/// Writes OUT/crash-<sha256>.{wasm,wat,plan.json,config.json,txt} for the minimized case and
/// REGRESSIONS/NNNN-<name>.wast, then replays that script with the spec runner in plain, memo,
/// memo-aggressive and wasmi and says whether it fails on this build. Exit 0 when done, 2 on
/// bad input (not a module, does not diverge, files that exist without --force).
#[derive(Args)]
pub struct ReduceArgs {
    /// A reproducer (crash-<sha256>.wasm, .plan.json, ... or the stem), a module with --plan,
    /// or a libFuzzer crash file with --target.
    #[arg(value_name = "INPUT", required_unless_present = "worker")]
    input: Option<PathBuf>,
    /// The plan to run INPUT (a .wasm or .wat module) with.
    #[arg(long, value_name = "PLAN.json", conflicts_with = "target")]
    plan: Option<PathBuf>,
    /// The run configuration (engines, memo configuration, limits); without it a reproducer's
    /// own, or else `memowasm diff`'s defaults.
    #[arg(long, value_name = "CONFIG.json", conflicts_with = "target")]
    config: Option<PathBuf>,
    /// INPUT is a libFuzzer input of this fuzz target: differential or memo-hazards.
    #[arg(long, value_name = "TARGET")]
    target: Option<String>,
    /// Where the minimized reproducer is written.
    #[arg(long, value_name = "DIR", default_value = "findings/reduced")]
    out: PathBuf,
    /// Where the regression script is written (numbered after the highest NNNN there).
    #[arg(long, value_name = "DIR", default_value = "corpus/regressions")]
    regressions: PathBuf,
    /// The regression script's name after its number [default: from the signature].
    #[arg(long, value_name = "WORDS")]
    name: Option<String>,
    /// What bug the regression script pins, for its header [default: the signature].
    #[arg(long, value_name = "TEXT")]
    why: Option<String>,
    /// Write no regression script.
    #[arg(long)]
    no_regression: bool,
    /// Overwrite files that exist.
    #[arg(long)]
    force: bool,
    /// wasm-shrink's attempts per round.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    attempts: u32,
    /// Seed of wasm-shrink's mutations.
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,
    /// A candidate still running after this many seconds counts as not diverging (its
    /// worker process is killed) [default: 20 times the input's run, between 0.5 and 10].
    #[arg(long, value_name = "SECS")]
    timeout: Option<f64>,
    /// Internal: answer candidates on stdin (the worker process of a reduction).
    #[arg(long, hide = true)]
    worker: bool,
}

impl ReduceArgs {
    pub fn execute(self) -> anyhow::Result<ExitCode> {
        if self.worker {
            return worker();
        }
        let (case, source) = self.input_case()?;
        // The input once, in process: whether it diverges, and how long a run takes.
        let started = Instant::now();
        match replay(&case, &|c: &RunConfig| c.build()) {
            Err(ReduceError::NotRunnable(m)) => bail!("{source}: {m}"),
            Err(e) => bail!("{source}: {e}"),
            Ok(Verdict::Diverged(_)) => {}
            Ok(Verdict::Match { steps, .. }) => {
                bail!("{source} does not diverge: the engines agree on all {steps} steps")
            }
            Ok(Verdict::NonDeterministic { step, reason }) => {
                let at = step.map_or("instantiation".to_string(), |n| format!("step {n}"));
                bail!("{source} does not diverge: the run stopped as non-deterministic at {at} ({reason})")
            }
        }
        let timeout = match self.timeout {
            Some(s) if s > 0.0 => Duration::from_secs_f64(s),
            Some(s) => bail!("--timeout must be positive, got {s}"),
            None => (started.elapsed() * 20).clamp(Duration::from_millis(500), Duration::from_secs(10)),
        };
        let mut pool = Worker { process: None, timeout, hangs: 0, crashes: 0 };
        let bar = progress_bar();
        let options = ReduceOptions { attempts: self.attempts, seed: self.seed, ..ReduceOptions::default() };
        let reduced = {
            let show = |p: &Progress| {
                let round = if p.round == 0 { "checking".to_string() } else { format!("round {}", p.round) };
                bar.set_message(format!(
                    "{round} · {} · {} predicate calls · {} bytes · {} steps",
                    p.phase, p.predicate_calls, p.wasm_size, p.steps
                ));
            };
            let run = |wasm: &[u8], plan: &Plan, config: &RunConfig| pool.judge(wasm, plan, config);
            let mut reducer = Reducer::new(options).runner(run).on_progress(show);
            reducer.reduce(case)
        };
        bar.finish_and_clear();
        if pool.hangs > 0 {
            println!(
                "note:       {} candidates ran longer than {:.1} s and counted as not diverging (an engine that \
                 never stops: a memo hit that charges no fuel can loop forever)",
                pool.hangs,
                timeout.as_secs_f64()
            );
        }
        if pool.crashes > 0 {
            println!("note:       {} candidates crashed the worker process and counted as not diverging", pool.crashes);
        }
        let reduced = match reduced {
            Ok(r) => r,
            Err(ReduceError::DoesNotDiverge(m)) => bail!("{source} does not diverge: {m}"),
            Err(ReduceError::NotRunnable(m)) => bail!("{source}: {m}"),
            Err(e) => bail!("{source}: {e}"),
        };
        self.report(&reduced, &source)
    }

    /// The case INPUT names, and how to call it in messages.
    fn input_case(&self) -> anyhow::Result<(Case, String)> {
        let input = self.input.as_deref().expect("clap requires INPUT without --worker");
        let path = input.display().to_string();
        if let Some(target) = &self.target {
            let data = std::fs::read(input).with_context(|| format!("cannot read {path}"))?;
            let (wasm, plan, config) = decode_fuzz_input(target, &data).map_err(|e| anyhow!("{path}: {e}"))?;
            return Ok((Case { wasm, plan, config }, path));
        }
        let config = match &self.config {
            Some(p) => Some(read_config(p)?),
            None => None,
        };
        if let Some(plan_path) = &self.plan {
            let data = std::fs::read(input).with_context(|| format!("cannot read {path}"))?;
            let wasm = wat::parse_bytes(&data)
                .map_err(|e| anyhow!("{path}: not a module: {}", exit::one_line(&e.to_string())))?
                .into_owned();
            let text =
                std::fs::read_to_string(plan_path).with_context(|| format!("cannot read {}", plan_path.display()))?;
            let plan = Plan::from_json(&text).with_context(|| format!("{}: not a plan", plan_path.display()))?;
            let config = config.map_or_else(default_config, Ok)?;
            return Ok((Case { wasm, plan, config }, path));
        }
        let repro = load_reproducer(input).map_err(|e| {
            let what = match e.kind() {
                std::io::ErrorKind::NotFound => {
                    "not a reproducer (crash-<sha256>.wasm with its .plan.json); give --plan for a module, or \
                     --target for a libFuzzer crash file"
                        .to_string()
                }
                _ => format!("not a reproducer: {e}"),
            };
            anyhow!("{path}: {what}")
        })?;
        if !repro.wasm.starts_with(b"\0asm") {
            bail!("{path}: not a module (no wasm magic number in {}.wasm)", repro.stem.display());
        }
        let config = match (config, repro.config) {
            (Some(c), _) | (None, Some(c)) => c,
            (None, None) => default_config()?,
        };
        Ok((Case { wasm: repro.wasm, plan: repro.plan, config }, repro.stem.display().to_string()))
    }

    /// Prints the figures, writes the reproducer and the regression script.
    fn report(&self, r: &Reduced, source: &str) -> anyhow::Result<ExitCode> {
        let s = &r.stats;
        let percent = 100.0 * s.bytes_after as f64 / s.bytes_before.max(1) as f64;
        println!(
            "input:      {source} ({} bytes, {} steps, {} engines)",
            s.bytes_before, s.steps_before, s.engines_before
        );
        println!("signature:  {}", r.signature);
        println!(
            "reduced:    {} -> {} bytes ({percent:.1}%), {} -> {} steps, {} -> {} engines",
            s.bytes_before, s.bytes_after, s.steps_before, s.steps_after, s.engines_before, s.engines_after
        );
        println!(
            "work:       {} predicate calls ({} more answered from the cache), {} rounds, {:.2} s",
            s.predicate_calls,
            s.cached_answers,
            s.rounds,
            s.elapsed.as_secs_f64()
        );
        for note in &r.notes {
            println!("note:       {note}");
        }

        // The minimized reproducer.
        let stem = self.out.join(format!("crash-{}", module_hash(&r.case.wasm)));
        let stem_text = stem.display().to_string();
        let files: Vec<PathBuf> = [".wasm", ".wat", ".plan.json", ".config.json", ".txt"]
            .iter()
            .map(|x| PathBuf::from(format!("{stem_text}{x}")))
            .collect();
        if !self.force {
            if let Some(existing) = files.iter().find(|f| f.exists()) {
                bail!("{} exists (--force overwrites it)", existing.display());
            }
        }
        write_reproducer(&self.out, &r.case.wasm, &r.case.plan, &r.case.config, &r.divergence)
            .with_context(|| format!("cannot write the reduced reproducer to {}", self.out.display()))?;
        let mut txt = std::fs::OpenOptions::new().append(true).open(&files[4])?;
        writeln!(
            txt,
            "reduced from {source} by memowasm reduce: {} -> {} bytes, {} -> {} steps\nsignature: {}",
            s.bytes_before, s.bytes_after, s.steps_before, s.steps_after, r.signature
        )?;
        println!("wrote:      {stem_text}.{{wasm,wat,plan.json,config.json,txt}}");
        println!("divergence: {}", r.divergence.to_string().trim_end().replace('\n', "\n            "));

        if self.no_regression {
            return Ok(ExitCode::SUCCESS);
        }
        self.regression(r, source)
    }

    fn regression(&self, r: &Reduced, source: &str) -> anyhow::Result<ExitCode> {
        let number = next_number(&self.regressions)?;
        let slug = slugify(self.name.as_deref().unwrap_or(&r.signature.slug()));
        let why =
            self.why.clone().unwrap_or_else(|| format!("{} (say here what bug this pins).", r.signature.summary()));
        let title = format!("{number:04}: {why}");
        let script = match regression_script(r, &title, source) {
            Ok(s) => s,
            Err(reason) => {
                println!("regression: not written: {reason}");
                return Ok(ExitCode::SUCCESS);
            }
        };
        if let Some(same) = same_script(&self.regressions, &script.text)? {
            if !self.force {
                println!("regression: {} already pins this case (the same script)", same.display());
                return Ok(ExitCode::SUCCESS);
            }
        }
        std::fs::create_dir_all(&self.regressions)
            .with_context(|| format!("cannot create {}", self.regressions.display()))?;
        let path = self.regressions.join(format!("{number:04}-{slug}.wast"));
        if path.exists() && !self.force {
            bail!("{} exists (--force overwrites it)", path.display());
        }
        std::fs::write(&path, &script.text).with_context(|| format!("cannot write {}", path.display()))?;
        println!("regression: {}", path.display());
        let report = memowasm_spec::run_file(
            &WastSource::user(path.display().to_string(), script.text.clone()),
            &RunOptions { engines: EngineKind::ALL.to_vec(), verbose: false, threads: 1 },
        );
        println!("            {}", verdict(&report));
        Ok(ExitCode::SUCCESS)
    }
}

/// A candidate sent to the worker process.
#[derive(Serialize)]
struct Request<'r> {
    wasm: &'r [u8],
    plan: &'r Plan,
    config: &'r RunConfig,
}

#[derive(Deserialize)]
struct OwnedRequest {
    wasm: Vec<u8>,
    plan: Plan,
    config: RunConfig,
}

/// The worker: one JSON request per line on stdin, one JSON answer per line on stdout (a
/// [`Finding`] or `null`).
fn worker() -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    for line in std::io::stdin().lock().lines() {
        let request: OwnedRequest = serde_json::from_str(&line?)?;
        let found = find(&request.wasm, &request.plan, &request.config, &|c: &RunConfig| c.build());
        writeln!(out, "{}", serde_json::to_string(&found)?)?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs candidates in a worker process (`memowasm reduce --worker`), so that one that hangs
/// an engine (or crashes it) can be killed: it counts as not diverging, and a new worker
/// takes over.
struct Worker {
    process: Option<(Child, ChildStdin, Receiver<String>)>,
    timeout: Duration,
    hangs: u32,
    crashes: u32,
}

impl Worker {
    fn spawn() -> std::io::Result<(Child, ChildStdin, Receiver<String>)> {
        let mut child = std::process::Command::new(std::env::current_exe()?)
            .args(["reduce", "--worker"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Ok((child, stdin, rx))
    }

    fn judge(&mut self, wasm: &[u8], plan: &Plan, config: &RunConfig) -> Option<Finding> {
        if self.process.is_none() {
            match Worker::spawn() {
                Ok(p) => self.process = Some(p),
                // No worker process: run in process (without a time limit).
                Err(_) => return find(wasm, plan, config, &|c: &RunConfig| c.build()),
            }
        }
        let (_, stdin, rx) = self.process.as_mut().expect("spawned above");
        let request = serde_json::to_string(&Request { wasm, plan, config }).expect("a request serializes");
        let sent = writeln!(stdin, "{request}").and_then(|()| stdin.flush());
        let answer = match sent {
            Ok(()) => rx.recv_timeout(self.timeout),
            Err(_) => Err(RecvTimeoutError::Disconnected),
        };
        match answer {
            Ok(line) => serde_json::from_str(&line).ok().flatten(),
            Err(e) => {
                match e {
                    RecvTimeoutError::Timeout => self.hangs += 1,
                    RecvTimeoutError::Disconnected => self.crashes += 1,
                }
                self.stop();
                None
            }
        }
    }

    fn stop(&mut self) {
        if let Some((mut child, stdin, _)) = self.process.take() {
            drop(stdin);
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Decodes a libFuzzer input of a lockstep fuzz target.
fn decode_fuzz_input(target: &str, data: &[u8]) -> Result<(Vec<u8>, Plan, RunConfig), String> {
    use memowasm_oracle::fuzz;
    let known = ["differential", "memo-hazards", "memo_hazards"];
    if !known.contains(&target) {
        return Err(format!("unknown fuzz target {target:?} for reduce (targets: differential, memo-hazards)"));
    }
    // The single call into the fuzzing crate's decoder.
    if let Some(case) = fuzz::decode(target, data) {
        return Ok(case);
    }
    if target != "differential" && fuzz::decode_script(data).is_some() {
        return Err("decodes to a two-instance .wast scenario, which reduce cannot shrink (memowasm fuzz writes \
                    it as a script: run it with memowasm spec)"
            .into());
    }
    Err(format!("not an input the {target} target runs (it skips these bytes)"))
}

/// `memowasm diff`'s default engines and limits.
fn default_config() -> anyhow::Result<RunConfig> {
    RunConfig::named(
        &["plain", "memo", "memo-aggressive", "wasmi"],
        &memowasm::MemoConfig::default(),
        EngineConfig::default().fuel(Some(memowasm_oracle::reduce::REDUCTION_FUEL)),
    )
    .map_err(|e| anyhow!(e))
}

fn read_config(p: &Path) -> anyhow::Result<RunConfig> {
    let text = std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
    RunConfig::from_json(&text).with_context(|| format!("{}: not a run configuration", p.display()))
}

/// One more than the highest `NNNN` of `NNNN-*.wast` in `dir` (1 if there is none).
fn next_number(dir: &Path) -> anyhow::Result<u32> {
    let mut highest = 0;
    if dir.is_dir() {
        for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if let Some(n) = name.split('-').next().filter(|n| n.len() == 4).and_then(|n| n.parse::<u32>().ok()) {
                highest = highest.max(n);
            }
        }
    }
    Ok(highest + 1)
}

/// A regression script in `dir` whose directives are `text`'s (headers aside).
fn same_script(dir: &Path, text: &str) -> anyhow::Result<Option<PathBuf>> {
    let body = |t: &str| t.lines().skip_while(|l| l.starts_with(";;")).collect::<Vec<_>>().join("\n");
    if !dir.is_dir() {
        return Ok(None);
    }
    let want = body(text);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "wast"))
        .collect();
    files.sort();
    Ok(files.into_iter().find(|p| std::fs::read_to_string(p).is_ok_and(|t| body(&t) == want)))
}

/// Lowercase words joined by `-`.
fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9') => slug.push(c),
            _ if !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            _ => {}
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// What the spec runner said about the new script on this build.
fn verdict(report: &FileReport) -> String {
    let mut failing = Vec::new();
    for e in &report.engines {
        let mut why = Vec::new();
        if e.failed() > 0 {
            why.push(format!("{} failed", e.failed()));
        }
        if e.memo_divergences > 0 {
            why.push(format!("{} stale memo entries", e.memo_divergences));
        }
        let d = report.divergences_of(e.engine);
        if d > 0 {
            why.push(format!("{d} divergences"));
        }
        if !why.is_empty() {
            failing.push(format!("{} ({})", e.engine, why.join(", ")));
        }
    }
    let skipped: usize = report.engines.iter().map(|e| e.skipped()).sum();
    if failing.is_empty() && skipped == 0 {
        "the spec runner passes it in plain, memo, memo-aggressive and wasmi on this build: it does not catch \
         the divergence here (see the notes in its header)"
            .into()
    } else if failing.is_empty() {
        format!("the spec runner passes it on this build, with {skipped} directives skipped")
    } else {
        format!(
            "the spec runner fails it on this build in {}: it pins the bug, and passes once the bug is fixed (until \
             then, list it in spec-tests/expectations.txt)",
            failing.join(", ")
        )
    }
}

fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(ProgressStyle::with_template("{spinner} {elapsed} {msg}").expect("a valid template"));
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}
