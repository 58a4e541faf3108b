//! Fuzzing: turns fuzzer bytes into lockstep runs. Three targets, each a library function that
//! the cargo-fuzz crate (`fuzz/`), the stable campaign runner (`memowasm fuzz`) and the `smoke`
//! tests call alike:
//!
//! - [`Target::Differential`]: a wasm-smith module from a swarm configuration, a fuzzed
//!   `MemoConfig` and a plan of interleaved, repeated calls and host writes, run in plain, memo
//!   and wasmi ([`differential`]);
//! - [`Target::MemoHazards`]: our own generator of modules around the invalidation bug classes
//!   (hot blocks re-entered while the state they read changes), run in plain and memo engines
//!   ([`hazards`]); a share of its inputs are two-instance scenarios with a shared memory,
//!   table and globals, run as `.wast` scripts through the spec runner ([`linked`]);
//! - [`Target::Validate`]: arbitrary bytes and mutated valid modules; memowasm must accept or
//!   reject exactly as wasmparser does, and never panic ([`validate`]).
//!
//! Everything is deterministic: the same bytes give the same module, plan and configuration
//! ([`decode`]), so libFuzzer's `tmin` and `memowasm reduce` work on the inputs.

pub mod campaign;
pub mod corpus;
pub mod differential;
pub mod hazards;
pub mod linked;
pub mod memo_config;
pub mod plan;
pub mod validate;

use crate::lockstep::{run_plan, Divergence, Verdict};
use crate::plan::Plan;
use crate::repro::{write_reproducer, EngineSpec, RunConfig};
use crate::tiebreak::{self, Tiebreak};
use crate::{DiffEngine, DiffInstance, DiffValue, Failure, TableEntry};
use std::cell::RefCell;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::str::FromStr;

/// A fuzz target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Differential,
    MemoHazards,
    Validate,
}

impl Target {
    pub const ALL: [Target; 3] = [Target::Differential, Target::MemoHazards, Target::Validate];

    /// The name on the command line and of the corpus directory: `differential`,
    /// `memo-hazards`, `validate`.
    pub fn name(self) -> &'static str {
        match self {
            Target::Differential => "differential",
            Target::MemoHazards => "memo-hazards",
            Target::Validate => "validate",
        }
    }

    /// The cargo-fuzz target's name (`memo_hazards` for [`Target::MemoHazards`]).
    pub fn fuzz_target_name(self) -> &'static str {
        match self {
            Target::MemoHazards => "memo_hazards",
            t => t.name(),
        }
    }

    /// Runs one input.
    pub fn run(self, data: &[u8]) -> Exec {
        match self {
            Target::Differential => differential::run(data),
            Target::MemoHazards => hazards::run(data),
            Target::Validate => validate::run(data),
        }
    }
}

impl FromStr for Target {
    type Err = String;

    /// Either spelling: `memo-hazards` or `memo_hazards`.
    fn from_str(s: &str) -> Result<Target, String> {
        Target::ALL
            .into_iter()
            .find(|t| t.name() == s || t.fuzz_target_name() == s)
            .ok_or_else(|| format!("unknown fuzz target {s:?} (targets: differential, memo-hazards, validate)"))
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A module, a plan and the engines to run them in: what [`decode`] returns, what a
/// lockstep target runs, and what a reduction shrinks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub wasm: Vec<u8>,
    pub plan: Plan,
    pub config: RunConfig,
}

/// What one input did.
#[derive(Debug)]
pub enum Exec {
    /// The input did not make a runnable case (too short, or a generator gave up).
    Skipped(String),
    /// The engines agreed (or stopped as non-deterministic).
    Ran(Ran),
    /// Something is wrong: a divergence, a stale memo entry, a panic, a validator mismatch.
    Found(Box<Finding>),
}

/// The statistics of an input that ran.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ran {
    pub steps: u64,
    /// Memo lookups and hits, of every memo engine together.
    pub memo_lookups: u64,
    pub memo_hits: u64,
    /// Lookups that found an entry whose dependencies had changed, by the kind of the
    /// dependency: memory, memory size, global, table, data segment, element segment.
    pub memo_invalidations: [u64; 6],
    /// The run stopped early: an engine ran out of a resource whose limit differs between
    /// engine families.
    pub nondeterministic: bool,
}

/// A failure to keep: it can be written as a reproducer.
#[derive(Debug)]
pub enum Finding {
    /// Engines diverged in lockstep (or verify mode caught a stale entry, or one panicked).
    Lockstep { case: Case, divergence: Box<Divergence> },
    /// A two-instance `.wast` scenario diverged; `report` says how.
    Script { text: String, report: String },
    /// memowasm and wasmparser disagree on a module, or memowasm panicked on it.
    Validate { bytes: Vec<u8>, report: String },
    /// A generator panicked on this input (outside the engines, whose panics are divergences).
    Panic { target: Target, data: Vec<u8>, message: String },
    /// The input ran longer than the campaign's timeout (a hang).
    Timeout { target: Target, data: Vec<u8>, seconds: f64 },
}

impl Finding {
    /// Writes the reproducer into `dir` and returns its main file:
    /// - lockstep: `crash-<sha256>.{wasm,plan.json,config.json,wat,txt}` ([`write_reproducer`]),
    ///   replayed by `memowasm diff X.wasm --plan X.plan.json --config X.config.json`;
    /// - script: `crash-<sha256>.wast` and `.txt`, replayed by `memowasm spec X.wast`;
    /// - validate: `crash-<sha256>.wasm` and `.txt`.
    pub fn write(&self, dir: &Path) -> io::Result<PathBuf> {
        match self {
            Finding::Lockstep { case, divergence } => {
                write_reproducer(dir, &case.wasm, &case.plan, &case.config, divergence)
            }
            Finding::Script { text, report } => {
                std::fs::create_dir_all(dir)?;
                let stem = dir.join(format!("crash-{}", crate::module_hash(text.as_bytes())));
                let path = stem.with_extension("wast");
                std::fs::write(&path, text)?;
                let replay = format!("replay: memowasm spec {}\n", path.display());
                std::fs::write(stem.with_extension("txt"), format!("{report}\n{replay}"))?;
                Ok(path)
            }
            Finding::Validate { bytes, report } => {
                std::fs::create_dir_all(dir)?;
                let stem = dir.join(format!("crash-{}", crate::module_hash(bytes)));
                let path = stem.with_extension("wasm");
                std::fs::write(&path, bytes)?;
                std::fs::write(stem.with_extension("txt"), format!("{report}\n"))?;
                Ok(path)
            }
            Finding::Panic { target, data, .. } | Finding::Timeout { target, data, .. } => {
                std::fs::create_dir_all(dir)?;
                let stem = dir.join(format!("crash-{}", crate::module_hash(data)));
                let path = stem.with_extension("input");
                std::fs::write(&path, data)?;
                let replay = format!("replay: memowasm fuzz --target {target} --input {}", path.display());
                std::fs::write(stem.with_extension("txt"), format!("{self}{replay}\n"))?;
                Ok(path)
            }
        }
    }
}

impl Finding {
    /// The wabt tiebreak of a lockstep finding where wasmi alone diverged
    /// ([`crate::tiebreak`]); `None` for any other finding.
    pub fn tiebreak(&self) -> Option<Tiebreak> {
        let Finding::Lockstep { case, divergence } = self else { return None };
        if !tiebreak::wasmi_alone(divergence) {
            return None;
        }
        Some(tiebreak::wabt(case, divergence))
    }
}

/// Adds the tiebreak's verdict to a written reproducer: a line in its `.txt`, and the
/// script wabt passed as `.wabt.wast` when wabt agrees with memowasm.
pub fn note_tiebreak(reproducer: &Path, verdict: &Tiebreak) -> io::Result<()> {
    let stem = reproducer.with_extension("");
    let txt = stem.with_extension("txt");
    let mut text = std::fs::read_to_string(&txt).unwrap_or_default();
    text.push_str(&verdict.summary());
    text.push('\n');
    if let Tiebreak::Memowasm { script } = verdict {
        let wast = PathBuf::from(format!("{}.wabt.wast", stem.display()));
        std::fs::write(&wast, script)?;
        text.push_str(&format!("wabt's script: {} (wast2json, then spectest-interp)\n", wast.display()));
    }
    std::fs::write(txt, text)
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Lockstep { divergence, .. } => write!(f, "{divergence}"),
            Finding::Script { report, .. } | Finding::Validate { report, .. } => writeln!(f, "{report}"),
            Finding::Panic { target, message, .. } => writeln!(f, "the {target} generator panicked: {message}"),
            Finding::Timeout { target, seconds, .. } => {
                writeln!(f, "a {target} input ran for more than {seconds} s (a hang; decode it to see the case)")
            }
        }
    }
}

/// The module, plan and run configuration that the lockstep target `target` (`differential`
/// or `memo_hazards`, either spelling) runs for the libFuzzer input `data`. `None` for other
/// targets, for inputs the target skips, and for `memo_hazards` inputs that decode to a
/// two-instance script (see [`linked`]; [`decode_script`] returns those).
pub fn decode(target: &str, data: &[u8]) -> Option<(Vec<u8>, Plan, RunConfig)> {
    let case = match target.parse::<Target>().ok()? {
        Target::Differential => differential::decode(data).ok()?,
        Target::MemoHazards => match hazards::decode(data).ok()? {
            hazards::Decoded::Module(case) => case,
            hazards::Decoded::Script(_) => return None,
        },
        Target::Validate => return None,
    };
    Some((case.wasm, case.plan, case.config))
}

/// The `.wast` script a `memo_hazards` input runs, when it decodes to a two-instance scenario.
pub fn decode_script(data: &[u8]) -> Option<String> {
    match hazards::decode(data).ok()? {
        hazards::Decoded::Script(text) => Some(text),
        hazards::Decoded::Module(_) => None,
    }
}

/// The body of every cargo-fuzz target: runs `data` in `target` and panics with the report on
/// a finding (libFuzzer then keeps the input). With `MEMOWASM_FINDINGS=DIR` set, the reproducer
/// is written into DIR first.
///
/// A divergence of wasmi alone that wabt settles for memowasm ([`Finding::tiebreak`]) is
/// wasmi's bug: it is written (with the variable set) and reported on stderr, but does not
/// stop the run.
pub fn fuzz_one(target: Target, data: &[u8]) {
    if let Exec::Found(finding) = target.run(data) {
        let mut written = String::new();
        let mut reproducer = None;
        if let Some(dir) = std::env::var_os("MEMOWASM_FINDINGS") {
            match finding.write(Path::new(&dir)) {
                Ok(p) => {
                    written = format!("reproducer: {}\n", p.display());
                    reproducer = Some(p);
                }
                Err(e) => written = format!("could not write the reproducer: {e}\n"),
            }
        }
        let verdict = finding.tiebreak();
        if let (Some(p), Some(v)) = (&reproducer, &verdict) {
            let _ = note_tiebreak(p, v);
        }
        if let Some(v @ Tiebreak::Memowasm { .. }) = &verdict {
            eprintln!("{target}: {finding}{}\n{written}", v.summary());
            return;
        }
        let verdict = verdict.map(|v| format!("{}\n", v.summary())).unwrap_or_default();
        panic!("{target}: {finding}{verdict}{written}");
    }
}

/// Runs a lockstep case, counting the memo engines' lookups and hits.
pub fn run_case(case: Case) -> Exec {
    let counters = Rc::new(RefCell::new(memowasm::memo::Counters::default()));
    let engines: Result<Vec<Box<dyn DiffEngine>>, String> = case
        .config
        .engines
        .iter()
        .map(|spec| {
            let engine = spec.build(&case.config.engine)?;
            Ok(match spec {
                EngineSpec::Memo { .. } => Box::new(Counting { inner: engine, sink: counters.clone() }) as _,
                _ => engine,
            })
        })
        .collect();
    let mut engines = match engines {
        Ok(e) => e,
        Err(e) => return Exec::Skipped(format!("bad run configuration: {e}")),
    };
    let verdict = run_plan(&case.wasm, &case.plan, &mut engines, case.config.options());
    drop(engines);
    let c = counters.borrow();
    let mut ran = Ran {
        steps: 0,
        memo_lookups: c.lookups,
        memo_hits: c.hits,
        memo_invalidations: c.miss_invalidated,
        nondeterministic: false,
    };
    match verdict {
        Verdict::Match { steps, .. } => ran.steps = steps as u64,
        Verdict::NonDeterministic { step, .. } => {
            ran.steps = step.unwrap_or(0) as u64;
            ran.nondeterministic = true;
        }
        Verdict::Diverged(divergence) => return Exec::Found(Box::new(Finding::Lockstep { case, divergence })),
    }
    Exec::Ran(ran)
}

/// A memo engine whose instances add their memo counters to `sink` when dropped. Otherwise
/// transparent: it runs exactly what the wrapped engine runs.
struct Counting {
    inner: Box<dyn DiffEngine>,
    sink: Rc<RefCell<memowasm::memo::Counters>>,
}

impl DiffEngine for Counting {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn family(&self) -> &str {
        self.inner.family()
    }

    fn instantiate(&mut self, wasm: &[u8]) -> Result<Box<dyn DiffInstance>, Failure> {
        let inner = self.inner.instantiate(wasm)?;
        Ok(Box::new(CountingInstance { inner, sink: self.sink.clone() }))
    }
}

struct CountingInstance {
    inner: Box<dyn DiffInstance>,
    sink: Rc<RefCell<memowasm::memo::Counters>>,
}

impl Drop for CountingInstance {
    fn drop(&mut self) {
        if let Some(s) = self.inner.memo_stats() {
            let mut sink = self.sink.borrow_mut();
            sink.lookups += s.totals.lookups;
            sink.hits += s.totals.hits;
            for (a, b) in sink.miss_invalidated.iter_mut().zip(s.totals.miss_invalidated) {
                *a += b;
            }
        }
    }
}

impl DiffInstance for CountingInstance {
    fn call(&mut self, export: &str, args: &[DiffValue]) -> Result<Vec<DiffValue>, Failure> {
        self.inner.call(export, args)
    }

    fn exported_globals(&self) -> Vec<(String, DiffValue)> {
        self.inner.exported_globals()
    }

    fn exported_memories(&self) -> Vec<(String, &[u8])> {
        self.inner.exported_memories()
    }

    fn exported_tables(&self) -> Vec<(String, Vec<TableEntry>)> {
        self.inner.exported_tables()
    }

    fn write_memory(&mut self, export: &str, addr: u32, bytes: &[u8]) -> Result<(), Failure> {
        self.inner.write_memory(export, addr, bytes)
    }

    fn set_global(&mut self, export: &str, value: DiffValue) -> Result<(), Failure> {
        self.inner.set_global(export, value)
    }

    fn fuel_left(&self) -> Option<u64> {
        self.inner.fuel_left()
    }

    fn memo_stats(&self) -> Option<memowasm::MemoStats> {
        self.inner.memo_stats()
    }

    fn take_memo_divergences(&mut self) -> Vec<memowasm::MemoDivergence> {
        self.inner.take_memo_divergences()
    }
}
