//! What a run produced: per file, one column per engine, each with its counts, failures and skips.

use memowasm::MemoConfig;
use std::fmt;
use std::str::FromStr;

/// The engines a script can run in. Each becomes one column of a [`FileReport`].
///
/// Every engine runs every directive of a file in its own store; the memo engines add the
/// check that verify mode caught no stale cache entry (see [`EngineReport::divergences`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EngineKind {
    /// The interpreter with memoization off.
    Plain,
    /// Memoization with the default policy ([`MemoConfig::default`]).
    Memo,
    /// Memoization stressed: cache after one execution, a tiny cache, small chunks, and
    /// verify on ([`MemoConfig::aggressive`]), so every hit is re-executed and compared.
    MemoAggressive,
}

impl EngineKind {
    /// Every engine, in column order.
    pub const ALL: &'static [EngineKind] = &[EngineKind::Plain, EngineKind::Memo, EngineKind::MemoAggressive];

    /// The column name in reports, the expectations file and `--engines`.
    pub fn name(self) -> &'static str {
        match self {
            EngineKind::Plain => "plain",
            EngineKind::Memo => "memo",
            EngineKind::MemoAggressive => "memo-aggressive",
        }
    }

    /// The engine called `name`, as [`EngineKind::name`] spells it.
    pub fn from_name(name: &str) -> Option<EngineKind> {
        EngineKind::ALL.iter().copied().find(|e| e.name() == name)
    }

    /// The memo configuration of the engine; `None` when memoization is off.
    pub fn memo_config(self) -> Option<MemoConfig> {
        match self {
            EngineKind::Plain => None,
            EngineKind::Memo => Some(MemoConfig::default()),
            EngineKind::MemoAggressive => Some(MemoConfig::aggressive()),
        }
    }

    /// Whether the engine memoizes (and so has hits to report).
    pub fn is_memo(self) -> bool {
        self != EngineKind::Plain
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
    pub divergences: usize,
}

impl EngineReport {
    pub fn new(engine: EngineKind) -> Self {
        EngineReport {
            engine,
            passed: 0,
            failures: Vec::new(),
            skips: Vec::new(),
            hits: engine.is_memo().then_some(0),
            divergences: 0,
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

/// The results for one `.wast` file: one [`EngineReport`] per engine it ran in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// `v1/address.wast` for an official file, the path as given for others.
    pub file: String,
    pub engines: Vec<EngineReport>,
}

impl FileReport {
    /// The column of `engine`, if the file ran in it.
    pub fn engine(&self, engine: EngineKind) -> Option<&EngineReport> {
        self.engines.iter().find(|e| e.engine == engine)
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
    pub divergences: usize,
}

impl Totals {
    /// Sums the `engine` column of `reports`.
    pub fn of(reports: &[FileReport], engine: EngineKind) -> Totals {
        let mut t = Totals { hits: engine.is_memo().then_some(0), ..Totals::default() };
        for e in reports.iter().filter_map(|r| r.engine(engine)) {
            t.passed += e.passed;
            t.failed += e.failed();
            t.skipped += e.skipped();
            if let (Some(total), Some(hits)) = (&mut t.hits, e.hits) {
                *total += hits;
            }
            t.divergences += e.divergences;
        }
        t
    }
}
