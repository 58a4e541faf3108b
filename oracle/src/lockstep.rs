//! Lockstep: one plan runs in every engine; after instantiation and after every step the
//! outcomes and all exported state are compared, and a three-way verdict is returned.

use crate::engine::{DiffEngine, DiffInstance, Failure};
use crate::plan::{Plan, Step};
use crate::value::{list, DiffValue, NanMode, TableEntry};
use memowasm::MemoDivergence;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};

/// Memories are compared in chunks of this many bytes; a mismatch names the first differing
/// chunk and byte.
pub const CHUNK: usize = 4096;

/// How engines of different families are compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunOptions {
    /// The module canonicalizes NaNs, so even engines of different families must agree on NaN
    /// bits. Off: any NaN equals any NaN of the same type across families.
    pub canonical_nans: bool,
}

/// The lockstep's answer.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// Every engine agreed on every step.
    Match {
        /// Steps run (0 when every engine failed to instantiate the same way).
        steps: usize,
        /// Memo hits of all memo engines together.
        memo_hits: u64,
    },
    /// Two engines disagreed, or verify mode caught a stale memo entry.
    Diverged(Box<Divergence>),
    /// An engine ran out of a resource whose limit differs between engine families; the run
    /// stopped there without a verdict on the rest.
    NonDeterministic {
        /// `None`: during instantiation.
        step: Option<usize>,
        reason: String,
    },
}

impl Verdict {
    pub fn is_diverged(&self) -> bool {
        matches!(self, Verdict::Diverged(_))
    }

    pub fn divergence(&self) -> Option<&Divergence> {
        match self {
            Verdict::Diverged(d) => Some(d),
            _ => None,
        }
    }
}

/// The result of one step: the call's results (empty for other steps) or its failure.
pub type Outcome = Result<Vec<DiffValue>, Failure>;

/// Two engines disagree, and about what.
#[derive(Debug, Clone)]
pub struct Divergence {
    /// The two engines compared (the second one diverged from the first).
    pub engines: [String; 2],
    /// The step's index; `None` for instantiation.
    pub step: Option<usize>,
    /// The step itself.
    pub action: Option<Step>,
    pub what: Difference,
    /// What memo verify mode said about the stale entry, if it caught one.
    pub memo: Option<MemoDivergence>,
}

/// What differs.
#[derive(Debug, Clone)]
pub enum Difference {
    /// Instantiation succeeded in one engine and failed (or failed otherwise) in the other.
    Instantiation {
        a: Result<(), Failure>,
        b: Result<(), Failure>,
    },
    /// The step's results or failure.
    Outcome {
        a: Outcome,
        b: Outcome,
    },
    /// Fuel left after the step (within one family).
    Fuel {
        a: Option<u64>,
        b: Option<u64>,
    },
    /// The lists of exported globals, memories or tables.
    Exports {
        kind: &'static str,
        a: Vec<String>,
        b: Vec<String>,
    },
    Global {
        name: String,
        a: DiffValue,
        b: DiffValue,
    },
    MemorySize {
        name: String,
        a: usize,
        b: usize,
    },
    /// The first differing byte, in the first differing chunk of [`CHUNK`] bytes.
    Memory {
        name: String,
        chunk: usize,
        offset: usize,
        a: u8,
        b: u8,
    },
    TableSize {
        name: String,
        a: usize,
        b: usize,
    },
    TableEntry {
        name: String,
        index: usize,
        a: TableEntry,
        b: TableEntry,
    },
    /// Verify mode caught a stale memo entry (see [`Divergence::memo`]).
    StaleMemoEntry,
    /// The engine panicked.
    Panicked {
        message: String,
    },
}

/// Runs `plan` on `wasm` in every engine in lockstep.
///
/// Pairs: each engine is compared with the first earlier engine of its family, or else with
/// the first engine. Within a family everything must be identical, exhaustion and fuel left
/// included. Across families NaNs compare equal (unless `canonical_nans`), out-of-bounds
/// `call_indirect` traps are not told apart from other table traps, instantiation failures
/// compare only as failed, and a step where any engine is exhausted ends the run with
/// [`Verdict::NonDeterministic`] (after the within-family comparison of that step).
pub fn run_plan(wasm: &[u8], plan: &Plan, engines: &mut [Box<dyn DiffEngine>], opts: RunOptions) -> Verdict {
    match run(wasm, plan, engines, opts) {
        Ok(v) => v,
        Err(d) => Verdict::Diverged(d),
    }
}

struct Pair {
    a: usize,
    b: usize,
    /// Same family: compare exactly.
    exact: bool,
}

fn pairs(engines: &[Box<dyn DiffEngine>]) -> Vec<Pair> {
    (1..engines.len())
        .map(|b| {
            let same = (0..b).find(|&a| engines[a].family() == engines[b].family());
            Pair { a: same.unwrap_or(0), b, exact: same.is_some() }
        })
        .collect()
}

type Found = Box<Divergence>;

fn run(wasm: &[u8], plan: &Plan, engines: &mut [Box<dyn DiffEngine>], opts: RunOptions) -> Result<Verdict, Found> {
    let names: Vec<String> = engines.iter().map(|e| e.name().to_string()).collect();
    let pairs = pairs(engines);
    let cross_nans = if opts.canonical_nans { NanMode::Exact } else { NanMode::AnyNan };
    let diverged = |p: &Pair, step: Option<usize>, what: Difference| {
        let action = step.map(|i| plan.steps[i].clone());
        Box::new(Divergence { engines: [names[p.a].clone(), names[p.b].clone()], step, action, what, memo: None })
    };

    // Instantiation. A panic is reported once the engines that did not panic were compared
    // within their families: wasmi panicking must not hide a divergence of memowasm's.
    let mut created = Vec::with_capacity(engines.len());
    let mut panics = Vec::new();
    for (i, e) in engines.iter_mut().enumerate() {
        match panic::catch_unwind(AssertUnwindSafe(|| e.instantiate(wasm))) {
            Ok(made) => created.push(made),
            Err(p) => {
                panics.push((i, panicked(&names, i, None, None, p)));
                created.push(Err(Failure::Api("panicked".into())));
            }
        }
    }
    let calm = |panics: &[(usize, Found)], p: &Pair| !panics.iter().any(|&(i, _)| i == p.a || i == p.b);
    let status: Vec<Result<(), Failure>> =
        created.iter().map(|r| r.as_ref().map(|_| ()).map_err(Failure::clone)).collect();
    for p in pairs.iter().filter(|p| p.exact && calm(&panics, p)) {
        if !same_failure(&status[p.a], &status[p.b], true) {
            let what = Difference::Instantiation { a: status[p.a].clone(), b: status[p.b].clone() };
            return Err(diverged(p, None, what));
        }
    }
    if let Some((_, found)) = panics.into_iter().next() {
        return Err(found);
    }
    if let Some(i) = exhausted(&status, &pairs) {
        let reason = format!("{} failed to instantiate: {}", names[i], status[i].as_ref().unwrap_err());
        return Ok(Verdict::NonDeterministic { step: None, reason });
    }
    for p in pairs.iter().filter(|p| !p.exact) {
        if status[p.a].is_ok() != status[p.b].is_ok() {
            let what = Difference::Instantiation { a: status[p.a].clone(), b: status[p.b].clone() };
            return Err(diverged(p, None, what));
        }
    }
    let mut instances: Vec<Box<dyn DiffInstance>> = match created.into_iter().collect() {
        Ok(all) => all,
        // Every engine failed, in the same way.
        Err(_) => return Ok(Verdict::Match { steps: 0, memo_hits: 0 }),
    };
    take_memo_divergences(&mut instances, &names, None, None)?;
    compare_states(&instances, &pairs, cross_nans).map_err(|(p, what)| diverged(p, None, what))?;

    // Steps.
    for (n, step) in plan.steps.iter().enumerate() {
        let mut outcomes = Vec::with_capacity(instances.len());
        let mut panics = Vec::new();
        for (i, inst) in instances.iter_mut().enumerate() {
            match panic::catch_unwind(AssertUnwindSafe(|| perform(inst.as_mut(), step))) {
                Ok(outcome) => outcomes.push(outcome),
                Err(p) => {
                    panics.push((i, panicked(&names, i, Some(n), Some(step), p)));
                    outcomes.push(Err(Failure::Api("panicked".into())));
                }
            }
        }
        take_memo_divergences(&mut instances, &names, Some(n), Some(step))?;
        for p in pairs.iter().filter(|p| p.exact && calm(&panics, p)) {
            if !same_outcome(&outcomes[p.a], &outcomes[p.b], NanMode::Exact, true) {
                let what = Difference::Outcome { a: outcomes[p.a].clone(), b: outcomes[p.b].clone() };
                return Err(diverged(p, Some(n), what));
            }
            let (a, b) = (instances[p.a].fuel_left(), instances[p.b].fuel_left());
            if a != b {
                return Err(diverged(p, Some(n), Difference::Fuel { a, b }));
            }
        }
        let exact: Vec<&Pair> = pairs.iter().filter(|p| p.exact && calm(&panics, p)).collect();
        compare_states(&instances, exact.iter().copied(), cross_nans)
            .map_err(|(p, what)| diverged(p, Some(n), what))?;
        if let Some((_, found)) = panics.into_iter().next() {
            return Err(found);
        }
        if let Some(i) = exhausted(&outcomes, &pairs) {
            let reason = format!("{} at {step}: {}", names[i], outcomes[i].as_ref().unwrap_err());
            return Ok(Verdict::NonDeterministic { step: Some(n), reason });
        }
        for p in pairs.iter().filter(|p| !p.exact) {
            if !same_outcome(&outcomes[p.a], &outcomes[p.b], cross_nans, false) {
                let what = Difference::Outcome { a: outcomes[p.a].clone(), b: outcomes[p.b].clone() };
                return Err(diverged(p, Some(n), what));
            }
        }
        let cross: Vec<&Pair> = pairs.iter().filter(|p| !p.exact).collect();
        compare_states(&instances, cross.iter().copied(), cross_nans)
            .map_err(|(p, what)| diverged(p, Some(n), what))?;
    }
    let memo_hits = instances.iter().filter_map(|i| i.memo_stats()).map(|s| s.totals.hits).sum();
    Ok(Verdict::Match { steps: plan.steps.len(), memo_hits })
}

fn perform(inst: &mut dyn DiffInstance, step: &Step) -> Outcome {
    match step {
        Step::Call { export, args } => inst.call(export, args),
        Step::WriteMemory { export, addr, bytes } => inst.write_memory(export, *addr, bytes).map(|()| Vec::new()),
        Step::SetGlobal { export, value } => inst.set_global(export, *value).map(|()| Vec::new()),
        Step::Read => Ok(Vec::new()),
    }
}

/// The engine whose failure is an exhaustion, if that matters: only when some pair crosses
/// families.
fn exhausted<T>(results: &[Result<T, Failure>], pairs: &[Pair]) -> Option<usize> {
    if pairs.iter().all(|p| p.exact) {
        return None;
    }
    results.iter().position(|r| r.as_ref().is_err_and(Failure::is_exhausted))
}

fn same_failure<T>(a: &Result<T, Failure>, b: &Result<T, Failure>, exact: bool) -> bool {
    match (a, b) {
        (Ok(_), Ok(_)) => true,
        (Err(x), Err(y)) if exact => x.kind() == y.kind(),
        (Err(x), Err(y)) => x.kind().coarse() == y.kind().coarse(),
        _ => false,
    }
}

fn same_outcome(a: &Outcome, b: &Outcome, nans: NanMode, exact: bool) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| x.same(y, nans)),
        _ => same_failure(a, b, exact),
    }
}

/// Verify mode's findings, as a divergence of the memo engine with itself.
fn take_memo_divergences(
    instances: &mut [Box<dyn DiffInstance>],
    names: &[String],
    step: Option<usize>,
    action: Option<&Step>,
) -> Result<(), Found> {
    for (i, inst) in instances.iter_mut().enumerate() {
        if let Some(d) = inst.take_memo_divergences().into_iter().next() {
            return Err(Box::new(Divergence {
                engines: [names[i].clone(), format!("{} (verify)", names[i])],
                step,
                action: action.cloned(),
                what: Difference::StaleMemoEntry,
                memo: Some(d),
            }));
        }
    }
    Ok(())
}

fn panicked(
    names: &[String],
    i: usize,
    step: Option<usize>,
    action: Option<&Step>,
    payload: Box<dyn std::any::Any + Send>,
) -> Found {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into());
    Box::new(Divergence {
        engines: [names[i].clone(), names[i].clone()],
        step,
        action: action.cloned(),
        what: Difference::Panicked { message },
        memo: None,
    })
}

/// One engine's exported state after a step.
struct State<'a> {
    globals: Vec<(String, DiffValue)>,
    memories: Vec<(String, &'a [u8])>,
    tables: Vec<(String, Vec<TableEntry>)>,
}

fn compare_states<'p>(
    instances: &[Box<dyn DiffInstance>],
    pairs: impl IntoIterator<Item = &'p Pair>,
    cross_nans: NanMode,
) -> Result<(), (&'p Pair, Difference)> {
    let mut states: Vec<Option<State<'_>>> = (0..instances.len()).map(|_| None).collect();
    for p in pairs {
        for i in [p.a, p.b] {
            if states[i].is_none() {
                let inst = &instances[i];
                // By name: engines list exports in different orders (wasmi sorts them).
                let mut state = State {
                    globals: inst.exported_globals(),
                    memories: inst.exported_memories(),
                    tables: inst.exported_tables(),
                };
                state.globals.sort_by(|x, y| x.0.cmp(&y.0));
                state.memories.sort_by(|x, y| x.0.cmp(&y.0));
                state.tables.sort_by(|x, y| x.0.cmp(&y.0));
                states[i] = Some(state);
            }
        }
        let (a, b) = (states[p.a].as_ref().unwrap(), states[p.b].as_ref().unwrap());
        let nans = if p.exact { NanMode::Exact } else { cross_nans };
        compare_state(a, b, nans).map_err(|what| (p, what))?;
    }
    Ok(())
}

fn compare_state(a: &State<'_>, b: &State<'_>, nans: NanMode) -> Result<(), Difference> {
    same_names("global", &a.globals, &b.globals)?;
    for ((name, x), (_, y)) in a.globals.iter().zip(&b.globals) {
        if !x.same(y, nans) {
            return Err(Difference::Global { name: name.clone(), a: *x, b: *y });
        }
    }
    same_names("memory", &a.memories, &b.memories)?;
    for ((name, x), (_, y)) in a.memories.iter().zip(&b.memories) {
        if x.len() != y.len() {
            return Err(Difference::MemorySize { name: name.clone(), a: x.len(), b: y.len() });
        }
        if let Some(chunk) = x.chunks(CHUNK).zip(y.chunks(CHUNK)).position(|(c, d)| c != d) {
            let start = chunk * CHUNK;
            let offset = start + (start..x.len()).position(|i| x[i] != y[i]).unwrap_or(0);
            return Err(Difference::Memory { name: name.clone(), chunk, offset, a: x[offset], b: y[offset] });
        }
    }
    same_names("table", &a.tables, &b.tables)?;
    for ((name, x), (_, y)) in a.tables.iter().zip(&b.tables) {
        if x.len() != y.len() {
            return Err(Difference::TableSize { name: name.clone(), a: x.len(), b: y.len() });
        }
        if let Some(index) = x.iter().zip(y).position(|(c, d)| !c.same(d)) {
            return Err(Difference::TableEntry { name: name.clone(), index, a: x[index], b: y[index] });
        }
    }
    Ok(())
}

fn same_names<T>(kind: &'static str, a: &[(String, T)], b: &[(String, T)]) -> Result<(), Difference> {
    if a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0) {
        return Ok(());
    }
    let names = |v: &[(String, T)]| v.iter().map(|(n, _)| n.clone()).collect();
    Err(Difference::Exports { kind, a: names(a), b: names(b) })
}

fn outcome(o: &Outcome) -> String {
    match o {
        Ok(v) => format!("[{}]", list(v)),
        Err(f) => f.to_string(),
    }
}

fn status(s: &Result<(), Failure>) -> String {
    match s {
        Ok(()) => "instantiated".into(),
        Err(f) => f.to_string(),
    }
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b] = &self.engines;
        let width = a.len().max(b.len()) + 1;
        let panic = matches!(self.what, Difference::Panicked { .. });
        match (&self.step, &self.action) {
            (Some(n), Some(step)) if panic => writeln!(f, "{a} panicked at step {n}: {step}")?,
            _ if panic => writeln!(f, "{a} panicked at instantiation")?,
            (Some(n), Some(step)) => writeln!(f, "{a} and {b} diverge at step {n}: {step}")?,
            _ => writeln!(f, "{a} and {b} diverge at instantiation")?,
        }
        let both = |f: &mut fmt::Formatter<'_>, what: &str, x: String, y: String| {
            writeln!(f, "  {what}")?;
            writeln!(f, "    {:width$} {x}", format!("{a}:"))?;
            writeln!(f, "    {:width$} {y}", format!("{b}:"))
        };
        match &self.what {
            Difference::Instantiation { a, b } => both(f, "instantiation differs", status(a), status(b))?,
            Difference::Outcome { a, b } => both(f, "result differs", outcome(a), outcome(b))?,
            Difference::Fuel { a, b } => both(f, "fuel left differs", format!("{a:?}"), format!("{b:?}"))?,
            Difference::Exports { kind, a, b } => {
                both(f, &format!("exported {kind}s differ"), format!("{a:?}"), format!("{b:?}"))?
            }
            Difference::Global { name, a, b } => {
                both(f, &format!("global {name:?} differs"), a.to_string(), b.to_string())?
            }
            Difference::MemorySize { name, a, b } => {
                both(f, &format!("memory {name:?} size differs (bytes)"), a.to_string(), b.to_string())?
            }
            Difference::Memory { name, chunk, offset, a, b } => both(
                f,
                &format!(
                    "memory {name:?} differs in chunk {chunk} (bytes {}..{}), first at byte {offset}",
                    chunk * CHUNK,
                    (chunk + 1) * CHUNK
                ),
                format!("{a:#04x}"),
                format!("{b:#04x}"),
            )?,
            Difference::TableSize { name, a, b } => {
                both(f, &format!("table {name:?} size differs"), a.to_string(), b.to_string())?
            }
            Difference::TableEntry { name, index, a, b } => {
                both(f, &format!("table {name:?} entry {index} differs"), a.to_string(), b.to_string())?
            }
            Difference::StaleMemoEntry => writeln!(f, "  verify mode caught a stale memo entry")?,
            Difference::Panicked { message } => writeln!(f, "  {a} panicked: {message}")?,
        }
        if let Some(m) = &self.memo {
            writeln!(f, "  memo unit: {}", m.unit)?;
            let inputs: Vec<String> = m.inputs.iter().map(|(c, v)| format!("c{c}={v:#x}")).collect();
            writeln!(f, "  inputs: [{}]", inputs.join(", "))?;
            writeln!(f, "  missed dependency: {}", m.missed)?;
            writeln!(f, "  cached: {}", m.cached)?;
            writeln!(f, "  real:   {}", m.real)?;
        }
        Ok(())
    }
}
