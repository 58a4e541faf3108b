//! Test-case reduction: shrinks a diverging case (module, plan, run configuration) while it
//! keeps diverging the same way, and writes what is left as a regression script.
//!
//! The predicate: a candidate is interesting when it is a runnable module and [`run_plan`]
//! reports a divergence with the input's [`Signature`] (the same two engines, the same kind of
//! step, the same kind of difference, the same kind of missed dependency). A different
//! divergence is not progress. It runs in process ([`find`]) or through a [`Runner`] (the CLI's
//! runs in a worker process it can kill, since a memo bug can make an engine loop forever).
//!
//! A [`Reducer`] repeats three phases until none of them shrinks anything (or `max_rounds`):
//! 1. the configuration: cut the plan after the diverging step, lower the fuel per call to
//!    about twice what plain needs (so that a candidate that loops runs out quickly), drop
//!    engines, put each memo engine's fields back to its defaults (`MemoConfig::aggressive`
//!    for `memo-aggressive`, `MemoConfig::default` otherwise), put the limits back to theirs;
//! 2. the plan: remove steps (halves, quarters, ..., single steps), simplify values (every
//!    occurrence of a value at once, so repeated calls stay repeated, then one occurrence at a
//!    time; zeros and small values first), shorten host writes;
//! 3. the module: drop custom sections, then `wasm-shrink` (seeded, `attempts` attempts).
//!
//! Everything is seeded and every candidate is judged by a deterministic run, so reducing the
//! same input twice gives the same bytes (a runner's time limit is the one exception: keep it
//! far above what a candidate that stops needs). Predicate answers are cached by the
//! candidate's hash (wasm-shrink and the later rounds ask again).

mod script;
mod signature;

pub use script::{regression_script, RegressionScript};
pub use signature::{EntryPart, Missed, Signature, StepKind, What};

use crate::engine::{DiffEngine, EngineConfig};
use crate::lockstep::{run_plan, Divergence, Verdict};
use crate::memowasm_engine::Plain;
use crate::plan::{Plan, Step};
use crate::repro::{EngineSpec, MemoConfigRecord, RunConfig};
use crate::value::{DiffValue, FuncRef};
use memowasm::MemoConfig;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// Fuel per call given to an unmetered input during reduction, so that a shrunk module that
/// loops forever stops (`memowasm diff`'s default).
pub const REDUCTION_FUEL: u64 = 10_000_000;

pub use crate::fuzz::Case;

/// Builds the engines of a run configuration (by default [`RunConfig::build`]; tests wrap
/// engines to break them on purpose).
pub type BuildEngines<'a> = dyn Fn(&RunConfig) -> Result<Vec<Box<dyn DiffEngine>>, String> + 'a;

/// The knobs of a reduction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReduceOptions {
    /// wasm-shrink's attempts per round: how many failed mutations in a row end its search.
    pub attempts: u32,
    /// Seed of wasm-shrink's choice of mutations (round `r` uses `seed + r`).
    pub seed: u64,
    /// At most this many rounds of plan, configuration and module shrinking.
    pub max_rounds: u32,
}

impl Default for ReduceOptions {
    fn default() -> Self {
        ReduceOptions { attempts: 1000, seed: 0, max_rounds: 8 }
    }
}

/// What a reduction is doing, for progress displays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// `check`, `plan`, `config` or `module`.
    pub phase: &'static str,
    /// 1-based; 0 while checking the input.
    pub round: u32,
    /// Runs of the predicate so far (cached answers not included).
    pub predicate_calls: u64,
    /// The smallest interesting module so far, in bytes.
    pub wasm_size: usize,
    /// Steps of the current plan.
    pub steps: usize,
}

/// Figures of a reduction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub bytes_before: usize,
    pub bytes_after: usize,
    pub steps_before: usize,
    pub steps_after: usize,
    pub engines_before: usize,
    pub engines_after: usize,
    /// Runs of the predicate, and answers taken from its cache instead.
    pub predicate_calls: u64,
    pub cached_answers: u64,
    pub rounds: u32,
    pub elapsed: Duration,
}

/// A finished reduction.
#[derive(Debug, Clone)]
pub struct Reduced {
    /// The input's divergence, and its signature (which `divergence` has too).
    pub original: Divergence,
    pub signature: Signature,
    /// The minimized case and its divergence.
    pub case: Case,
    pub divergence: Divergence,
    pub stats: Stats,
    /// What the reduction had to change or could not do, for people.
    pub notes: Vec<String>,
}

/// Why an input cannot be reduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReduceError {
    /// Not a module the oracle can run (invalid, unsupported features, imports).
    NotRunnable(String),
    /// The engines agree (or the run is non-deterministic): there is nothing to keep.
    DoesNotDiverge(String),
    /// The run configuration does not build.
    Engines(String),
    /// The reduced case did not diverge the same way again when replayed: the engines are
    /// not deterministic.
    Unstable(String),
}

impl fmt::Display for ReduceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReduceError::NotRunnable(m) => write!(f, "not a runnable module: {m}"),
            ReduceError::DoesNotDiverge(m) => write!(f, "does not diverge: {m}"),
            ReduceError::Engines(m) => write!(f, "bad run configuration: {m}"),
            ReduceError::Unstable(m) => write!(f, "the reduced case does not replay: {m}"),
        }
    }
}

impl std::error::Error for ReduceError {}

/// What one run of a candidate showed: the key of its divergence's signature
/// ([`Signature::key`]) and the diverging step (`None`: at instantiation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub signature: String,
    pub step: Option<usize>,
}

/// Runs a candidate in process: its divergence, or `None` when it does not diverge or the
/// oracle cannot run it.
pub fn find(wasm: &[u8], plan: &Plan, config: &RunConfig, build: &BuildEngines<'_>) -> Option<Finding> {
    crate::check_runnable(wasm).ok()?;
    let mut engines = build(config).ok()?;
    match run_plan(wasm, plan, &mut engines, config.options()) {
        Verdict::Diverged(d) => Some(Finding { signature: Signature::of(&d).key(), step: d.step }),
        _ => None,
    }
}

/// Runs candidates somewhere else than in process (a worker process that can be killed when
/// a candidate hangs an engine); same answers as [`find`].
pub type Runner<'a> = dyn FnMut(&[u8], &Plan, &RunConfig) -> Option<Finding> + 'a;

/// Sees the reduction's progress.
pub type OnProgress<'a> = dyn FnMut(&Progress) + 'a;

/// Runs a case once in the engines `build` makes of its configuration.
pub fn replay(case: &Case, build: &BuildEngines<'_>) -> Result<Verdict, ReduceError> {
    crate::check_runnable(&case.wasm).map_err(ReduceError::NotRunnable)?;
    let mut engines = build(&case.config).map_err(ReduceError::Engines)?;
    Ok(run_plan(&case.wasm, &case.plan, &mut engines, case.config.options()))
}

/// Shrinks diverging cases. See the module documentation.
pub struct Reducer<'a> {
    options: ReduceOptions,
    build: Box<BuildEngines<'a>>,
    runner: Option<Box<Runner<'a>>>,
    progress: Option<Box<OnProgress<'a>>>,
}

impl Default for Reducer<'_> {
    fn default() -> Self {
        Reducer::new(ReduceOptions::default())
    }
}

impl<'a> Reducer<'a> {
    pub fn new(options: ReduceOptions) -> Self {
        Reducer { options, build: Box::new(|c: &RunConfig| c.build()), runner: None, progress: None }
    }

    /// Builds engines with `build` instead of [`RunConfig::build`].
    pub fn engines(mut self, build: impl Fn(&RunConfig) -> Result<Vec<Box<dyn DiffEngine>>, String> + 'a) -> Self {
        self.build = Box::new(build);
        self
    }

    /// Runs candidates with `runner` instead of in process (the input and the result are
    /// still run in process, with the engines of [`Reducer::engines`]).
    pub fn runner(mut self, runner: impl FnMut(&[u8], &Plan, &RunConfig) -> Option<Finding> + 'a) -> Self {
        self.runner = Some(Box::new(runner));
        self
    }

    /// Calls `f` after every run of the predicate.
    pub fn on_progress(mut self, f: impl FnMut(&Progress) + 'a) -> Self {
        self.progress = Some(Box::new(f));
        self
    }

    /// Reduces `case`, keeping the signature of its divergence.
    pub fn reduce(&mut self, case: Case) -> Result<Reduced, ReduceError> {
        let start = Instant::now();
        let original = match replay(&case, &*self.build)? {
            Verdict::Diverged(d) => *d,
            Verdict::Match { steps, .. } => {
                return Err(ReduceError::DoesNotDiverge(format!("the engines agree on all {steps} steps")))
            }
            Verdict::NonDeterministic { step, reason } => {
                let at = step.map_or("instantiation".to_string(), |n| format!("step {n}"));
                return Err(ReduceError::DoesNotDiverge(format!(
                    "the run stopped as non-deterministic at {at} ({reason})"
                )));
            }
        };
        let signature = Signature::of(&original);
        let (bytes_before, steps_before, engines_before) =
            (case.wasm.len(), case.plan.steps.len(), case.config.engines.len());
        let mut search = Search {
            build: &*self.build,
            runner: self.runner.as_deref_mut(),
            progress: self.progress.as_deref_mut(),
            key: signature.key(),
            seen: HashMap::new(),
            calls: 0,
            cached: 0,
            phase: "check",
            round: 0,
            best_size: case.wasm.len(),
            steps: case.plan.steps.len(),
        };
        let mut notes = Vec::new();
        let mut case = case;
        if case.config.engine.fuel.is_none() {
            let mut metered = case.config.clone();
            metered.engine.fuel = Some(REDUCTION_FUEL);
            if search.try_config(&mut case, metered) {
                notes.push(format!(
                    "the input ran unmetered; the reduction ran with {REDUCTION_FUEL} fuel per call so that shrunk \
                     modules stop, and the minimized configuration keeps it"
                ));
            } else {
                notes.push(
                    "the input ran unmetered and only diverges so: a shrunk module that loops forever would hang \
                     the reduction"
                        .into(),
                );
            }
        }
        let mut rounds = 0;
        for round in 1..=self.options.max_rounds {
            rounds = round;
            search.round = round;
            let before = case.clone();
            search.shrink_config(&mut case);
            search.shrink_plan(&mut case);
            let seed = self.options.seed.wrapping_add(round as u64);
            if let Some(note) = search.shrink_module(&mut case, self.options.attempts, seed) {
                notes.push(note);
            }
            if case == before {
                break;
            }
        }
        let divergence = match replay(&case, &*self.build)? {
            Verdict::Diverged(d) if Signature::of(&d) == signature => *d,
            Verdict::Diverged(d) => {
                return Err(ReduceError::Unstable(format!("it diverged otherwise: {}", Signature::of(&d))))
            }
            other => return Err(ReduceError::Unstable(format!("it did not diverge: {other:?}"))),
        };
        let stats = Stats {
            bytes_before,
            bytes_after: case.wasm.len(),
            steps_before,
            steps_after: case.plan.steps.len(),
            engines_before,
            engines_after: case.config.engines.len(),
            predicate_calls: search.calls,
            cached_answers: search.cached,
            rounds,
            elapsed: start.elapsed(),
        };
        Ok(Reduced { original, signature, case, divergence, stats, notes })
    }
}

/// The predicate and its cache, and the shrinking passes that use it.
struct Search<'s, 'a> {
    build: &'s BuildEngines<'a>,
    runner: Option<&'s mut Runner<'a>>,
    progress: Option<&'s mut OnProgress<'a>>,
    /// The input's signature ([`Signature::key`]).
    key: String,
    /// Answers by candidate hash: `Some(step)` when it diverges with the signature (the
    /// diverging step, `None` at instantiation).
    seen: HashMap<[u8; 32], Option<Option<usize>>>,
    calls: u64,
    cached: u64,
    phase: &'static str,
    round: u32,
    best_size: usize,
    steps: usize,
}

impl Search<'_, '_> {
    /// Whether the candidate diverges with the signature; if so, at which step.
    fn test(&mut self, wasm: &[u8], plan: &Plan, config: &RunConfig) -> Option<Option<usize>> {
        let mut h = Sha256::new();
        h.update((wasm.len() as u64).to_le_bytes());
        h.update(wasm);
        h.update(plan.to_json());
        h.update(config.to_json());
        let key: [u8; 32] = h.finalize().into();
        if let Some(&answer) = self.seen.get(&key) {
            self.cached += 1;
            return answer;
        }
        self.calls += 1;
        let found = match self.runner.as_mut() {
            Some(run) => run(wasm, plan, config),
            None => find(wasm, plan, config, self.build),
        };
        let answer = found.filter(|f| f.signature == self.key).map(|f| f.step);
        self.seen.insert(key, answer);
        if let Some(f) = self.progress.as_mut() {
            f(&Progress {
                phase: self.phase,
                round: self.round,
                predicate_calls: self.calls,
                wasm_size: self.best_size,
                steps: self.steps,
            });
        }
        answer
    }

    /// Takes `plan` if it is interesting (cut after its diverging step).
    fn try_plan(&mut self, case: &mut Case, plan: Plan) -> bool {
        let Some(step) = self.test(&case.wasm, &plan, &case.config) else { return false };
        case.plan = plan;
        case.plan.steps.truncate(step.map_or(0, |n| n + 1));
        self.steps = case.plan.steps.len();
        true
    }

    fn try_config(&mut self, case: &mut Case, config: RunConfig) -> bool {
        let Some(step) = self.test(&case.wasm, &case.plan, &config) else { return false };
        case.config = config;
        case.plan.steps.truncate(step.map_or(0, |n| n + 1));
        self.steps = case.plan.steps.len();
        true
    }

    fn try_wasm(&mut self, case: &mut Case, wasm: Vec<u8>) -> bool {
        let Some(step) = self.test(&wasm, &case.plan, &case.config) else { return false };
        self.best_size = self.best_size.min(wasm.len());
        case.wasm = wasm;
        case.plan.steps.truncate(step.map_or(0, |n| n + 1));
        self.steps = case.plan.steps.len();
        true
    }

    // ---- the plan ----

    fn shrink_plan(&mut self, case: &mut Case) {
        self.phase = "plan";
        // Nothing after the diverging step runs.
        let _ = self.try_plan(case, case.plan.clone());
        self.remove_steps(case);
        self.simplify_values(case);
        self.simplify_host_writes(case);
    }

    /// Removes runs of steps: halves of the plan, then quarters, ..., then single steps.
    fn remove_steps(&mut self, case: &mut Case) {
        let mut size = (case.plan.steps.len() / 2).max(1);
        loop {
            let mut i = 0;
            while i < case.plan.steps.len() {
                let mut steps = case.plan.steps.clone();
                steps.drain(i..(i + size).min(steps.len()));
                if !self.try_plan(case, Plan { steps }) {
                    i += size;
                }
            }
            if size == 1 {
                break;
            }
            size /= 2;
        }
    }

    /// Replaces each value of the plan (call arguments, global values) by simpler ones:
    /// first every occurrence at once, then each occurrence alone.
    fn simplify_values(&mut self, case: &mut Case) {
        let mut distinct: Vec<DiffValue> = Vec::new();
        for v in case.plan.steps.iter().flat_map(values) {
            if !distinct.contains(&v) {
                distinct.push(v);
            }
        }
        for v in distinct {
            for c in simpler(v) {
                if !case.plan.steps.iter().flat_map(values).any(|x| x == v) {
                    break;
                }
                let steps = case.plan.steps.iter().map(|s| map_values(s, |x| if x == v { c } else { x })).collect();
                if self.try_plan(case, Plan { steps }) {
                    break;
                }
            }
        }
        let mut i = 0;
        while i < case.plan.steps.len() {
            let mut j = 0;
            loop {
                let next = values(&case.plan.steps[i]).nth(j);
                let Some(v) = next else { break };
                for c in simpler(v) {
                    let mut steps = case.plan.steps.clone();
                    let mut k = 0;
                    steps[i] = map_values(&steps[i], |x| {
                        k += 1;
                        if k - 1 == j {
                            c
                        } else {
                            x
                        }
                    });
                    if self.try_plan(case, Plan { steps }) {
                        break;
                    }
                }
                if i >= case.plan.steps.len() {
                    return;
                }
                j += 1;
            }
            i += 1;
        }
    }

    /// Shortens host memory writes, zeroes their bytes and moves them towards address 0.
    fn simplify_host_writes(&mut self, case: &mut Case) {
        let mut i = 0;
        while i < case.plan.steps.len() {
            let Step::WriteMemory { export, addr, bytes } = case.plan.steps[i].clone() else {
                i += 1;
                continue;
            };
            let with = |addr: u32, bytes: Vec<u8>| Step::WriteMemory { export: export.clone(), addr, bytes };
            let n = bytes.len();
            let mut shorter = Vec::new();
            if n > 1 {
                shorter.push(with(addr, bytes[..1].to_vec()));
                shorter.push(with(addr + n as u32 - 1, bytes[n - 1..].to_vec()));
                shorter.push(with(addr, bytes[..n / 2].to_vec()));
                shorter.push(with(addr + (n / 2) as u32, bytes[n / 2..].to_vec()));
            }
            for step in shorter {
                if self.try_step(case, i, step) {
                    break;
                }
            }
            let Some(Step::WriteMemory { addr, bytes, .. }) = case.plan.steps.get(i).cloned() else { return };
            for k in 0..bytes.len() {
                for b in [0u8, 1] {
                    let Some(Step::WriteMemory { bytes: now, .. }) = case.plan.steps.get(i).cloned() else { return };
                    if now[k] <= b {
                        break;
                    }
                    let mut new = now.clone();
                    new[k] = b;
                    if self.try_step(case, i, with(addr, new)) {
                        break;
                    }
                }
            }
            for a in simpler(DiffValue::I64(addr as i64)) {
                let DiffValue::I64(a) = a else { continue };
                let Some(Step::WriteMemory { bytes: now, .. }) = case.plan.steps.get(i).cloned() else { return };
                if a < 0 || self.try_step(case, i, with(a as u32, now)) {
                    break;
                }
            }
            i += 1;
        }
    }

    fn try_step(&mut self, case: &mut Case, i: usize, step: Step) -> bool {
        let mut steps = case.plan.steps.clone();
        steps[i] = step;
        self.try_plan(case, Plan { steps })
    }

    // ---- the configuration ----

    fn shrink_config(&mut self, case: &mut Case) {
        self.phase = "config";
        // Nothing after the diverging step runs.
        let _ = self.try_plan(case, case.plan.clone());
        self.tighten_fuel(case);
        for i in (0..case.config.engines.len()).rev() {
            if case.config.engines.len() > 1 {
                let mut c = case.config.clone();
                c.engines.remove(i);
                self.try_config(case, c);
            }
        }
        for i in 0..case.config.engines.len() {
            let EngineSpec::Memo { name, memo } = &case.config.engines[i] else { continue };
            let base = memo_defaults(name);
            if same_memo(memo, &base) {
                continue;
            }
            let whole = with_memo(&case.config, i, base.clone());
            if self.try_config(case, whole) {
                continue;
            }
            for set in MEMO_FIELDS {
                let EngineSpec::Memo { memo, .. } = &case.config.engines[i] else { unreachable!() };
                let mut m = memo.clone();
                set(&mut m, &base);
                if !same_memo(&m, memo) {
                    let c = with_memo(&case.config, i, m);
                    self.try_config(case, c);
                }
            }
        }
        let defaults = EngineConfig::default();
        let mut c = case.config.clone();
        if c.engine.max_call_depth != defaults.max_call_depth {
            c.engine.max_call_depth = defaults.max_call_depth;
            self.try_config(case, c);
        }
        let mut c = case.config.clone();
        if c.engine.max_memory_pages != defaults.max_memory_pages {
            c.engine.max_memory_pages = defaults.max_memory_pages;
            self.try_config(case, c);
        }
        let mut c = case.config.clone();
        if c.canonical_nans {
            c.canonical_nans = false;
            self.try_config(case, c);
        }
    }

    /// Lowers the fuel per call to about twice what plain needs for the costliest step (on
    /// the 1-2-5 scale), so that a candidate module that loops runs out quickly instead of
    /// burning the whole budget in every engine.
    fn tighten_fuel(&mut self, case: &mut Case) {
        let Some(fuel) = case.config.engine.fuel else { return };
        let mut plain = Plain::new(case.config.engine.clone());
        let Ok(mut inst) = plain.instantiate(&case.wasm) else { return };
        let mut most = fuel.saturating_sub(inst.fuel_left().unwrap_or(fuel));
        for step in &case.plan.steps {
            let ran = match step {
                Step::Call { export, args } => inst.call(export, args).map(|_| ()),
                Step::WriteMemory { export, addr, bytes } => inst.write_memory(export, *addr, bytes),
                Step::SetGlobal { export, value } => inst.set_global(export, *value),
                Step::Read => Ok(()),
            };
            if ran.is_err_and(|f| f.is_exhausted()) {
                return;
            }
            most = most.max(fuel.saturating_sub(inst.fuel_left().unwrap_or(fuel)));
        }
        let mut tight = 1000;
        while tight < most.saturating_mul(2) {
            tight = match tight.to_string().as_bytes()[0] {
                b'1' => tight * 2,
                b'2' => tight / 2 * 5,
                _ => tight * 2,
            };
        }
        if tight < fuel {
            let mut c = case.config.clone();
            c.engine.fuel = Some(tight);
            self.try_config(case, c);
        }
    }

    // ---- the module ----

    /// Drops custom sections, then runs wasm-shrink. Returns a note if wasm-shrink failed.
    fn shrink_module(&mut self, case: &mut Case, attempts: u32, seed: u64) -> Option<String> {
        self.phase = "module";
        if let Some(stripped) = strip_custom_sections(&case.wasm) {
            self.try_wasm(case, stripped);
        }
        let (plan, config) = (case.plan.clone(), case.config.clone());
        let mut best = case.wasm.clone();
        let shrink = wasm_shrink::WasmShrink::default().attempts(attempts).seed(seed);
        let input = case.wasm.clone();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            shrink.run(input, |w| {
                let interesting = self.test(w, &plan, &config).is_some();
                if interesting && w.len() < best.len() {
                    best = w.to_vec();
                    self.best_size = best.len();
                }
                Ok(interesting)
            })
        }));
        let note = match outcome {
            Ok(Ok(_)) => None,
            Ok(Err(e)) => Some(format!("wasm-shrink stopped: {}", crate_one_line(&format!("{e:#}")))),
            Err(_) => Some("wasm-shrink panicked; the smallest module it had found is kept".into()),
        };
        if best.len() < case.wasm.len() {
            let accepted = self.try_wasm(case, best);
            debug_assert!(accepted, "the predicate's answer is cached");
        }
        note
    }
}

fn crate_one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The values of a step that can be simplified: call arguments and a global's new value.
fn values(step: &Step) -> impl Iterator<Item = DiffValue> + '_ {
    let list: &[DiffValue] = match step {
        Step::Call { args, .. } => args,
        Step::SetGlobal { value, .. } => std::slice::from_ref(value),
        _ => &[],
    };
    list.iter().copied()
}

fn map_values(step: &Step, mut f: impl FnMut(DiffValue) -> DiffValue) -> Step {
    match step {
        Step::Call { export, args } => {
            Step::Call { export: export.clone(), args: args.iter().map(|&v| f(v)).collect() }
        }
        Step::SetGlobal { export, value } => Step::SetGlobal { export: export.clone(), value: f(*value) },
        other => other.clone(),
    }
}

/// How complicated a value looks: smaller is simpler. Zero first, then small magnitudes,
/// positive before negative; for floats +0, -0, small integers, other numbers, infinities,
/// NaNs; null references before others.
fn complexity(v: DiffValue) -> (u8, u64, bool) {
    fn float(x: f64, bits: u64) -> (u8, u64, bool) {
        if x.is_nan() {
            (5, bits, false)
        } else if x.is_infinite() {
            (4, 0, x < 0.0)
        } else if x == 0.0 {
            (0, 0, x.is_sign_negative())
        } else if x.fract() == 0.0 && x.abs() <= 65536.0 {
            (1, x.abs() as u64, x < 0.0)
        } else {
            (3, bits & !(1 << 63), x < 0.0)
        }
    }
    match v {
        DiffValue::I32(x) => (0, x.unsigned_abs() as u64, x < 0),
        DiffValue::I64(x) => (0, x.unsigned_abs(), x < 0),
        DiffValue::F32(b) => float(f32::from_bits(b) as f64, b as u64),
        DiffValue::F64(b) => float(f64::from_bits(b), b),
        DiffValue::FuncRef(FuncRef::Null) | DiffValue::ExternRef(None) => (0, 0, false),
        DiffValue::FuncRef(_) | DiffValue::ExternRef(_) => (1, 0, false),
    }
}

/// Simpler values of the same type than `v`, simplest first.
fn simpler(v: DiffValue) -> Vec<DiffValue> {
    const SMALL: [i64; 14] = [0, 1, 2, 3, 4, 7, 8, 16, 64, 255, 256, 4096, 65535, 65536];
    let ints = |x: i64| {
        let mut c: Vec<i64> = SMALL.to_vec();
        c.push(-1);
        if x < 0 {
            c.push(x.checked_neg().unwrap_or(i64::MAX));
        }
        let mut h = x / 2;
        while h != 0 {
            c.push(h);
            h /= 2;
        }
        c
    };
    let floats = |x: f64| {
        let mut c = vec![0.0, -0.0, 1.0, 2.0, -1.0, 0.5, x.trunc(), x.abs()];
        if x.is_nan() {
            c.push(f64::NAN);
        }
        c
    };
    let mut out: Vec<DiffValue> = match v {
        DiffValue::I32(x) => ints(x as i64).into_iter().map(|c| DiffValue::I32(c as i32)).collect(),
        DiffValue::I64(x) => ints(x).into_iter().map(DiffValue::I64).collect(),
        DiffValue::F32(b) => {
            floats(f32::from_bits(b) as f64).into_iter().map(|c| DiffValue::F32((c as f32).to_bits())).collect()
        }
        DiffValue::F64(b) => floats(f64::from_bits(b)).into_iter().map(|c| DiffValue::F64(c.to_bits())).collect(),
        DiffValue::FuncRef(_) => vec![DiffValue::FuncRef(FuncRef::Null)],
        DiffValue::ExternRef(_) => vec![DiffValue::ExternRef(None)],
    };
    let own = complexity(v);
    out.retain(|&c| complexity(c) < own);
    out.sort_by_key(|&c| complexity(c));
    out.dedup();
    out
}

/// What a memo engine's configuration goes back to: the configuration its name stands for.
fn memo_defaults(name: &str) -> MemoConfigRecord {
    let config = if name == "memo-aggressive" { MemoConfig::aggressive() } else { MemoConfig::default() };
    MemoConfigRecord::from(&config)
}

/// Equal fields (the `debug` text aside).
fn same_memo(a: &MemoConfigRecord, b: &MemoConfigRecord) -> bool {
    MemoConfigRecord { debug: String::new(), ..a.clone() } == MemoConfigRecord { debug: String::new(), ..b.clone() }
}

fn with_memo(config: &RunConfig, i: usize, mut memo: MemoConfigRecord) -> RunConfig {
    if let Ok(c) = memo.to_config() {
        memo.debug = MemoConfigRecord::from(&c).debug;
    }
    let mut config = config.clone();
    if let EngineSpec::Memo { memo: m, .. } = &mut config.engines[i] {
        *m = memo;
    }
    config
}

type SetField = fn(&mut MemoConfigRecord, &MemoConfigRecord);

/// Each field of a memo configuration, set from the defaults.
const MEMO_FIELDS: [SetField; 11] = [
    |m, d| m.policy = d.policy.clone(),
    |m, d| m.verify = d.verify,
    |m, d| m.threshold = d.threshold,
    |m, d| m.capacity = d.capacity,
    |m, d| m.chunk_size = d.chunk_size,
    |m, d| m.stack_depth = d.stack_depth,
    |m, d| m.hash_bits = d.hash_bits,
    |m, d| m.version_bits = d.version_bits,
    |m, d| m.min_unit_ops = d.min_unit_ops,
    |m, d| m.window = d.window,
    |m, d| m.min_hit_percent = d.min_hit_percent,
];

/// The module without its custom sections (names, producers, ...), or `None` if it has none
/// or does not parse.
pub fn strip_custom_sections(wasm: &[u8]) -> Option<Vec<u8>> {
    let mut out = wasm.get(..8)?.to_vec();
    let mut stripped = false;
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let payload = payload.ok()?;
        if let wasmparser::Payload::CustomSection(_) = payload {
            stripped = true;
            continue;
        }
        if let Some((id, range)) = payload.as_section() {
            let range = range.start as usize..range.end as usize;
            out.push(id);
            let mut n = range.len() as u64;
            loop {
                let byte = (n & 0x7f) as u8;
                n >>= 7;
                out.push(if n == 0 { byte } else { byte | 0x80 });
                if n == 0 {
                    break;
                }
            }
            out.extend_from_slice(&wasm[range]);
        }
    }
    stripped.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simpler_values_come_smallest_first() {
        assert_eq!(simpler(DiffValue::I32(0)), vec![]);
        let small = |v: &[i32]| v.iter().map(|&x| DiffValue::I32(x)).collect::<Vec<_>>();
        assert_eq!(simpler(DiffValue::I32(3)), small(&[0, 1, -1, 2]), "by magnitude, then positive first");
        let c = simpler(DiffValue::I32(-100));
        assert_eq!(c[..3], [DiffValue::I32(0), DiffValue::I32(1), DiffValue::I32(-1)]);
        assert!(c.contains(&DiffValue::I32(100)) && c.contains(&DiffValue::I32(-50)));
        assert!(c.iter().all(|&x| complexity(x) < complexity(DiffValue::I32(-100))));
        let nan = DiffValue::F64(0x7ff8_0000_0000_0001);
        let c = simpler(nan);
        assert_eq!(c[0], DiffValue::F64(0));
        assert!(c.contains(&DiffValue::F64(1.0f64.to_bits())));
        assert_eq!(simpler(DiffValue::F32(0)), vec![], "+0 is the simplest float");
        assert_eq!(simpler(DiffValue::ExternRef(Some(3))), vec![DiffValue::ExternRef(None)]);
    }

    #[test]
    fn custom_sections_are_stripped() {
        let wasm = wat::parse_str(r#"(module $m (func $f (export "f") (result i32) i32.const 7))"#).unwrap();
        let stripped = strip_custom_sections(&wasm).expect("the name section goes");
        assert!(stripped.len() < wasm.len());
        crate::validate(&stripped).unwrap();
        assert!(!wasmprinter::print_bytes(&stripped).unwrap().contains("$f"));
        assert_eq!(strip_custom_sections(&stripped), None);
    }

    #[test]
    fn memo_fields_go_back_to_the_named_defaults() {
        let aggressive = memo_defaults("memo-aggressive");
        assert_eq!(aggressive.to_config().unwrap(), MemoConfig::aggressive());
        let mut m = aggressive.clone();
        for set in MEMO_FIELDS {
            set(&mut m, &memo_defaults("memo"));
        }
        assert!(same_memo(&m, &memo_defaults("memo")), "every field is covered");
    }
}
