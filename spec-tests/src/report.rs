//! What a run produced: per file, one column per engine, each with its counts, failures and skips.

use std::fmt;

/// The engines a script can run in. Each becomes one column of a [`FileReport`].
///
/// Only the plain interpreter exists today; memo modes and wasmi join here as variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EngineKind {
    /// The interpreter with memoization off.
    Plain,
}

impl EngineKind {
    /// Every engine, in column order.
    pub const ALL: &'static [EngineKind] = &[EngineKind::Plain];

    /// The column name in reports.
    pub fn name(self) -> &'static str {
        match self {
            EngineKind::Plain => "plain",
        }
    }
}

impl fmt::Display for EngineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
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
}

impl EngineReport {
    pub fn new(engine: EngineKind) -> Self {
        EngineReport { engine, passed: 0, failures: Vec::new(), skips: Vec::new() }
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
}

impl Totals {
    /// Sums the `engine` column of `reports`.
    pub fn of(reports: &[FileReport], engine: EngineKind) -> Totals {
        let mut t = Totals::default();
        for e in reports.iter().filter_map(|r| r.engine(engine)) {
            t.passed += e.passed;
            t.failed += e.failed();
            t.skipped += e.skipped();
        }
        t
    }
}
