//! What a run produced: per file, one column per engine, each with its counts, failures and
//! skips, and the divergences between engines.

use memowasm::MemoConfig;
use std::fmt;
use std::str::FromStr;

/// The engines a script can run in. Each becomes one column of a [`FileReport`].
///
/// Every engine runs every directive of a file in its own store; the memo engines add the
/// check that verify mode caught no stale cache entry (see [`EngineReport::memo_divergences`]).
/// What their actions return is compared across engines ([`FileReport::divergences`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EngineKind {
    /// The interpreter with memoization off.
    Plain,
    /// Memoization with the default policy ([`MemoConfig::default`]).
    Memo,
    /// Memoization stressed: cache after one execution, a tiny cache, small chunks, and
    /// verify on ([`MemoConfig::aggressive`]), so every hit is re-executed and compared.
    MemoAggressive,
    /// wasmi 2.0, the reference implementation the others are compared with.
    Wasmi,
}

impl EngineKind {
    /// Every engine, in column order.
    pub const ALL: &'static [EngineKind] =
        &[EngineKind::Plain, EngineKind::Memo, EngineKind::MemoAggressive, EngineKind::Wasmi];

    /// The column name in reports, the expectations file and `--engines`.
    pub fn name(self) -> &'static str {
        match self {
            EngineKind::Plain => "plain",
            EngineKind::Memo => "memo",
            EngineKind::MemoAggressive => "memo-aggressive",
            EngineKind::Wasmi => "wasmi",
        }
    }

    /// The implementation: engines of one family must agree bit for bit, engines of
    /// different families up to what the spec leaves open (NaN payloads).
    pub fn family(self) -> &'static str {
        match self {
            EngineKind::Plain | EngineKind::Memo | EngineKind::MemoAggressive => "memowasm",
            EngineKind::Wasmi => "wasmi",
        }
    }

    /// The engine called `name`, as [`EngineKind::name`] spells it.
    pub fn from_name(name: &str) -> Option<EngineKind> {
        EngineKind::ALL.iter().copied().find(|e| e.name() == name)
    }

    /// The memo configuration of the engine; `None` when memoization is off.
    pub fn memo_config(self) -> Option<MemoConfig> {
        match self {
            EngineKind::Plain | EngineKind::Wasmi => None,
            EngineKind::Memo => Some(MemoConfig::default()),
            EngineKind::MemoAggressive => Some(MemoConfig::aggressive()),
        }
    }

    /// Whether the engine memoizes (and so has hits to report).
    pub fn is_memo(self) -> bool {
        matches!(self, EngineKind::Memo | EngineKind::MemoAggressive)
    }
}

impl fmt::Display for EngineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for EngineKind {
    type Err = String;

    /// Parses an engine name; the error names the known ones.
    fn from_str(s: &str) -> Result<EngineKind, String> {
        EngineKind::from_name(s).ok_or_else(|| {
            let known: Vec<&str> = EngineKind::ALL.iter().map(|e| e.name()).collect();
            format!("unknown engine {s:?} (known: {})", known.join(", "))
        })
    }
}

/// The verdict on one directive in one engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail {
        expected: String,
        got: String,
    },
    /// Not run: the directive or the module it depends on uses something unsupported.
    Skip {
        reason: String,
    },
}

impl Outcome {
    pub(crate) fn fail(expected: impl Into<String>, got: impl Into<String>) -> Outcome {
        Outcome::Fail { expected: expected.into(), got: got.into() }
    }

    pub(crate) fn skip(reason: impl Into<String>) -> Outcome {
        Outcome::Skip { reason: reason.into() }
    }
}

/// A directive that did not do what the script says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// 1-based line and column of the directive in its file.
    pub line: u32,
    pub col: u32,
    /// The directive kind as written in the script (`assert_return`, `module`, ...).
    pub directive: &'static str,
    pub expected: String,
    pub got: String,
}

/// A directive that was not run, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub line: u32,
    pub col: u32,
    pub directive: &'static str,
    pub reason: String,
}

/// One engine's results for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineReport {
    pub engine: EngineKind,
    pub passed: usize,
    pub failures: Vec<Failure>,
    pub skips: Vec<Skip>,
    /// Memo cache hits over the whole file; `None` for an engine without memoization.
    pub hits: Option<u64>,
    /// Stale cache entries verify mode caught (each one fails the directive it happened in).
    pub memo_divergences: usize,
}

impl EngineReport {
    pub fn new(engine: EngineKind) -> Self {
        EngineReport {
            engine,
            passed: 0,
            failures: Vec::new(),
            skips: Vec::new(),
            hits: engine.is_memo().then_some(0),
            memo_divergences: 0,
        }
    }

    pub fn failed(&self) -> usize {
        self.failures.len()
    }

    pub fn skipped(&self) -> usize {
        self.skips.len()
    }

    /// Records the outcome of the directive `directive` at `line:col`.
    pub fn record(&mut self, line: u32, col: u32, directive: &'static str, outcome: Outcome) {
        match outcome {
            Outcome::Pass => self.passed += 1,
            Outcome::Fail { expected, got } => self.failures.push(Failure { line, col, directive, expected, got }),
            Outcome::Skip { reason } => self.skips.push(Skip { line, col, directive, reason }),
        }
    }
}

/// A directive whose action two engines did differently: `engine` disagreed with
/// `reference`, the first engine (in column order) that ran it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Divergence {
    pub line: u32,
    pub col: u32,
    pub directive: &'static str,
    pub reference: EngineKind,
    /// What the reference engine's action did: `[values]`, `trap: message` or `error: text`.
    pub reference_got: String,
    pub engine: EngineKind,
    pub got: String,
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{} [{} vs {}] {}: {} {}, {} {}",
            self.line,
            self.col,
            self.reference,
            self.engine,
            self.directive,
            self.reference,
            self.reference_got,
            self.engine,
            self.got
        )
    }
}

/// The results for one `.wast` file: one [`EngineReport`] per engine it ran in, and where
/// the engines disagreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// `v1/address.wast` for an official file, the path as given for others.
    pub file: String,
    pub engines: Vec<EngineReport>,
    /// Directives whose actions the engines did differently.
    pub divergences: Vec<Divergence>,
    /// Comparisons where one engine ran out of call stack and another did not.
    pub nondeterministic: usize,
}

impl FileReport {
    /// A report with no columns yet.
    pub fn new(file: impl Into<String>) -> FileReport {
        FileReport { file: file.into(), engines: Vec::new(), divergences: Vec::new(), nondeterministic: 0 }
    }

    /// The column of `engine`, if the file ran in it.
    pub fn engine(&self, engine: EngineKind) -> Option<&EngineReport> {
        self.engines.iter().find(|e| e.engine == engine)
    }

    /// How many divergences `engine` had with the reference engine (each one is counted for
    /// the engine compared, not for the reference).
    pub fn divergences_of(&self, engine: EngineKind) -> usize {
        self.divergences.iter().filter(|d| d.engine == engine).count()
    }
}

/// Counts summed over files, for one engine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Memo cache hits; `None` for an engine without memoization.
    pub hits: Option<u64>,
    /// Directives on which this engine disagreed with the reference engine.
    pub divergences: usize,
    /// Stale memo entries verify mode caught.
    pub memo_divergences: usize,
}

impl Totals {
    /// Sums the `engine` column of `reports`.
    pub fn of(reports: &[FileReport], engine: EngineKind) -> Totals {
        let mut t = Totals { hits: engine.is_memo().then_some(0), ..Totals::default() };
        for r in reports {
            t.divergences += r.divergences_of(engine);
        }
        for e in reports.iter().filter_map(|r| r.engine(engine)) {
            t.passed += e.passed;
            t.failed += e.failed();
            t.skipped += e.skipped();
            if let (Some(total), Some(hits)) = (&mut t.hits, e.hits) {
                *total += hits;
            }
            t.memo_divergences += e.memo_divergences;
        }
        t
    }
}
