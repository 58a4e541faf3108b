//! The known-failures list (`expectations.txt`) and the check that keeps it true: a failure
//! not listed is an error, and so is a listed failure that passes now.

use crate::report::{Failure, FileReport};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The list embedded in every build.
pub const EXPECTATIONS: &str = include_str!("../expectations.txt");

/// Known failures keyed by `(file, line)`, each with its reason.
///
/// An entry applies to every engine column: each engine must fail there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expectations {
    entries: BTreeMap<(String, u32), String>,
}

impl Expectations {
    /// Parses lines `SUITE/FILE.wast:LINE  reason`; blank lines and lines starting with `#`
    /// are ignored. `Err` names the first bad line.
    pub fn parse(text: &str) -> Result<Expectations, String> {
        let mut entries = BTreeMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| format!("expectations line {}: {why}: {raw:?}", i + 1);
            let (key, reason) = line.split_once(char::is_whitespace).ok_or_else(|| bad("no reason given"))?;
            let reason = reason.trim();
            let (file, number) = key.rsplit_once(':').ok_or_else(|| bad("expected FILE.wast:LINE"))?;
            let number: u32 = number.parse().map_err(|_| bad("the line number is not a number"))?;
            if file.is_empty() || number == 0 {
                return Err(bad("expected FILE.wast:LINE"));
            }
            if entries.insert((file.to_string(), number), reason.to_string()).is_some() {
                return Err(bad("listed twice"));
            }
        }
        Ok(Expectations { entries })
    }

    /// The embedded list.
    pub fn embedded() -> Result<Expectations, String> {
        Expectations::parse(EXPECTATIONS)
    }

    /// The reason a failure at `file:line` is expected, if it is.
    pub fn reason(&self, file: &str, line: u32) -> Option<&str> {
        self.entries.get(&(file.to_string(), line)).map(String::as_str)
    }

    /// Every entry as `(file, line, reason)`.
    pub fn entries(&self) -> impl Iterator<Item = (&str, u32, &str)> {
        self.entries.iter().map(|((f, l), r)| (f.as_str(), *l, r.as_str()))
    }

    /// Compares reports with the list. Only entries for files in `reports` are checked, so a
    /// run of a few files says nothing about the others.
    pub fn check(&self, reports: &[FileReport]) -> Verdict {
        let mut verdict = Verdict::default();
        for report in reports {
            for column in &report.engines {
                let mut failing_lines = BTreeSet::new();
                for failure in &column.failures {
                    failing_lines.insert(failure.line);
                    if self.reason(&report.file, failure.line).is_some() {
                        verdict.known_failures += 1;
                    } else {
                        verdict.unexpected_failures.push(UnexpectedFailure {
                            file: report.file.clone(),
                            engine: column.engine.name(),
                            failure: failure.clone(),
                        });
                    }
                }
                let listed = self.entries.range((report.file.clone(), 0)..=(report.file.clone(), u32::MAX));
                for ((file, line), reason) in listed {
                    if !failing_lines.contains(line) {
                        verdict.unexpected_passes.push(UnexpectedPass {
                            file: file.clone(),
                            line: *line,
                            engine: column.engine.name(),
                            reason: reason.clone(),
                        });
                    }
                }
            }
        }
        verdict
    }
}

/// A failure the list does not mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnexpectedFailure {
    pub file: String,
    pub engine: &'static str,
    pub failure: Failure,
}

/// A listed failure that did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnexpectedPass {
    pub file: String,
    pub line: u32,
    pub engine: &'static str,
    pub reason: String,
}

/// The result of [`Expectations::check`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    pub known_failures: usize,
    pub unexpected_failures: Vec<UnexpectedFailure>,
    pub unexpected_passes: Vec<UnexpectedPass>,
}

impl Verdict {
    /// Whether the run agrees with the list.
    pub fn is_ok(&self) -> bool {
        self.unexpected_failures.is_empty() && self.unexpected_passes.is_empty()
    }
}

impl fmt::Display for UnexpectedFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = &self.failure;
        write!(
            f,
            "{}:{}:{} [{}] {}: expected {}, got {}",
            self.file, x.line, x.col, self.engine, x.directive, x.expected, x.got
        )
    }
}

impl fmt::Display for UnexpectedPass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{} [{}] is listed as failing ({}) but did not fail",
            self.file, self.line, self.engine, self.reason
        )
    }
}

/// The readable list: every unexpected failure, then every unexpected pass.
impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.unexpected_failures.is_empty() {
            writeln!(f, "{} unexpected failure(s):", self.unexpected_failures.len())?;
            for x in &self.unexpected_failures {
                writeln!(f, "  {x}")?;
            }
        }
        if !self.unexpected_passes.is_empty() {
            writeln!(
                f,
                "{} unexpected pass(es) -- remove them from spec-tests/expectations.txt:",
                self.unexpected_passes.len()
            )?;
            for x in &self.unexpected_passes {
                writeln!(f, "  {x}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{EngineKind, EngineReport, Outcome};

    #[test]
    fn parses_entries_and_comments() {
        let e = Expectations::parse("# header\n\nv1/a.wast:12  wrong NaN sign\n  v2/b.wast:3\tneeds simd  \n").unwrap();
        assert_eq!(e.reason("v1/a.wast", 12), Some("wrong NaN sign"));
        assert_eq!(e.reason("v2/b.wast", 3), Some("needs simd"));
        assert_eq!(e.reason("v1/a.wast", 13), None);
        assert_eq!(e.entries().count(), 2);
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(Expectations::parse("v1/a.wast:12").unwrap_err().contains("line 1"));
        assert!(Expectations::parse("v1/a.wast  reason").is_err());
        assert!(Expectations::parse("v1/a.wast:x  reason").is_err());
        assert!(Expectations::parse("v1/a.wast:0  reason").is_err());
        assert!(Expectations::parse("v1/a.wast:1 r\nv1/a.wast:1 r").unwrap_err().contains("twice"));
    }

    #[test]
    fn embedded_list_parses() {
        Expectations::embedded().unwrap();
    }

    fn report(file: &str, failing: &[u32]) -> FileReport {
        let mut col = EngineReport::new(EngineKind::Plain);
        col.record(1, 1, "module", Outcome::Pass);
        for &line in failing {
            col.record(line, 2, "assert_return", Outcome::fail("1:i32", "2:i32"));
        }
        FileReport { file: file.into(), engines: vec![col] }
    }

    #[test]
    fn unexpected_failures_and_passes_are_both_errors() {
        let e = Expectations::parse("v1/a.wast:5 known\nv1/a.wast:9 fixed since\nv1/other.wast:1 not run").unwrap();
        let verdict = e.check(&[report("v1/a.wast", &[5, 7])]);
        assert_eq!(verdict.known_failures, 1);
        assert_eq!(verdict.unexpected_failures.len(), 1);
        assert_eq!(verdict.unexpected_failures[0].failure.line, 7);
        // Line 9 is listed but passed; v1/other.wast was not run, so it is not judged.
        assert_eq!(verdict.unexpected_passes.len(), 1);
        assert_eq!(verdict.unexpected_passes[0].line, 9);
        assert!(!verdict.is_ok());
        let text = verdict.to_string();
        assert!(text.contains("v1/a.wast:7:2 [plain] assert_return: expected 1:i32, got 2:i32"), "{text}");
        assert!(text.contains("v1/a.wast:9 [plain] is listed as failing (fixed since)"), "{text}");

        let e = Expectations::parse("v1/a.wast:5 known").unwrap();
        assert!(e.check(&[report("v1/a.wast", &[5])]).is_ok());
    }
}
