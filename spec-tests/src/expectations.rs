//! The known-failures list (`expectations.txt`) and the check that keeps it true: a failure
//! not listed is an error, and so is a listed failure that passes now. A divergence between
//! engines is always an error: it cannot be listed.

use crate::report::{Divergence, EngineKind, Failure, FileReport};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The list embedded in every build.
pub const EXPECTATIONS: &str = include_str!("../expectations.txt");

/// Known failures keyed by `(file, line)`, each with its reason and the engine it applies to.
///
/// An entry without an engine applies to every engine column: each engine that runs the file
/// must fail there. An entry with an engine applies to that column only; a line may have
/// entries for several engines, but not an every-engine entry and a per-engine one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expectations {
    entries: BTreeMap<(String, u32), BTreeMap<Option<EngineKind>, String>>,
}

impl Expectations {
    /// Parses lines `SUITE/FILE.wast:LINE [ENGINE]  reason` (the bracketed engine name is
    /// optional); blank lines and lines starting with `#` are ignored. `Err` names the first
    /// bad line.
    pub fn parse(text: &str) -> Result<Expectations, String> {
        let mut entries: BTreeMap<(String, u32), BTreeMap<Option<EngineKind>, String>> = BTreeMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| format!("expectations line {}: {why}: {raw:?}", i + 1);
            let (key, rest) = line.split_once(char::is_whitespace).ok_or_else(|| bad("no reason given"))?;
            let mut reason = rest.trim();
            let mut engine = None;
            if let Some(bracketed) = reason.strip_prefix('[') {
                let (name, after) = bracketed.split_once(']').ok_or_else(|| bad("expected [ENGINE]"))?;
                let kind = name.trim().parse::<EngineKind>().map_err(|e| bad(&e))?;
                engine = Some(kind);
                reason = after.trim();
            }
            if reason.is_empty() {
                return Err(bad("no reason given"));
            }
            let (file, number) = key.rsplit_once(':').ok_or_else(|| bad("expected FILE.wast:LINE"))?;
            let number: u32 = number.parse().map_err(|_| bad("the line number is not a number"))?;
            if file.is_empty() || number == 0 {
                return Err(bad("expected FILE.wast:LINE"));
            }
            let by_engine = entries.entry((file.to_string(), number)).or_default();
            if by_engine.contains_key(&engine) {
                return Err(bad("listed twice"));
            }
            if !by_engine.is_empty() && (engine.is_none() || by_engine.contains_key(&None)) {
                return Err(bad("listed both for every engine and for one engine"));
            }
            by_engine.insert(engine, reason.to_string());
        }
        Ok(Expectations { entries })
    }

    /// The embedded list.
    pub fn embedded() -> Result<Expectations, String> {
        Expectations::parse(EXPECTATIONS)
    }

    /// The reason a failure at `file:line` in `engine` is expected, if it is.
    pub fn reason(&self, file: &str, line: u32, engine: EngineKind) -> Option<&str> {
        let by_engine = self.entries.get(&(file.to_string(), line))?;
        by_engine.get(&Some(engine)).or_else(|| by_engine.get(&None)).map(String::as_str)
    }

    /// Every entry as `(file, line, engine, reason)`; `None` is every engine.
    pub fn entries(&self) -> impl Iterator<Item = (&str, u32, Option<EngineKind>, &str)> {
        self.entries
            .iter()
            .flat_map(|((f, l), by_engine)| by_engine.iter().map(move |(e, r)| (f.as_str(), *l, *e, r.as_str())))
    }

    /// Compares reports with the list. Only entries for files and engines in `reports` are
    /// checked, so a run of a few files (or engines) says nothing about the others.
    pub fn check(&self, reports: &[FileReport]) -> Verdict {
        let mut verdict = Verdict::default();
        for report in reports {
            verdict.divergences.extend(
                report.divergences.iter().map(|d| FileDivergence { file: report.file.clone(), divergence: d.clone() }),
            );
            for column in &report.engines {
                let mut failing_lines = BTreeSet::new();
                for failure in &column.failures {
                    failing_lines.insert(failure.line);
                    if self.reason(&report.file, failure.line, column.engine).is_some() {
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
                for ((file, line), _) in listed {
                    let Some(reason) = self.reason(file, *line, column.engine) else {
                        continue;
                    };
                    if !failing_lines.contains(line) {
                        verdict.unexpected_passes.push(UnexpectedPass {
                            file: file.clone(),
                            line: *line,
                            engine: column.engine.name(),
                            reason: reason.to_string(),
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

/// A divergence between engines, with its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDivergence {
    pub file: String,
    pub divergence: Divergence,
}

impl fmt::Display for FileDivergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.divergence)
    }
}

/// The result of [`Expectations::check`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    pub known_failures: usize,
    pub unexpected_failures: Vec<UnexpectedFailure>,
    pub unexpected_passes: Vec<UnexpectedPass>,
    /// Every divergence between engines.
    pub divergences: Vec<FileDivergence>,
}

impl Verdict {
    /// Whether the run agrees with the list and the engines agree with each other.
    pub fn is_ok(&self) -> bool {
        self.unexpected_failures.is_empty() && self.unexpected_passes.is_empty() && self.divergences.is_empty()
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

/// The readable list: every unexpected failure, every unexpected pass, every divergence.
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
        if !self.divergences.is_empty() {
            writeln!(f, "{} divergence(s) between engines:", self.divergences.len())?;
            for x in &self.divergences {
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
        assert_eq!(e.reason("v1/a.wast", 12, EngineKind::Plain), Some("wrong NaN sign"));
        assert_eq!(e.reason("v1/a.wast", 12, EngineKind::MemoAggressive), Some("wrong NaN sign"));
        assert_eq!(e.reason("v2/b.wast", 3, EngineKind::Memo), Some("needs simd"));
        assert_eq!(e.reason("v1/a.wast", 13, EngineKind::Plain), None);
        assert_eq!(e.entries().count(), 2);
    }

    #[test]
    fn parses_engine_fields() {
        let e = Expectations::parse("v1/a.wast:12 [memo]  stale entry\nv1/a.wast:12 [memo-aggressive] stale too\n")
            .unwrap();
        assert_eq!(e.reason("v1/a.wast", 12, EngineKind::Plain), None);
        assert_eq!(e.reason("v1/a.wast", 12, EngineKind::Memo), Some("stale entry"));
        assert_eq!(e.reason("v1/a.wast", 12, EngineKind::MemoAggressive), Some("stale too"));
        let entries: Vec<_> = e.entries().collect();
        assert_eq!(
            entries,
            [
                ("v1/a.wast", 12, Some(EngineKind::Memo), "stale entry"),
                ("v1/a.wast", 12, Some(EngineKind::MemoAggressive), "stale too")
            ]
        );
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(Expectations::parse("v1/a.wast:12").unwrap_err().contains("line 1"));
        assert!(Expectations::parse("v1/a.wast  reason").is_err());
        assert!(Expectations::parse("v1/a.wast:x  reason").is_err());
        assert!(Expectations::parse("v1/a.wast:0  reason").is_err());
        assert!(Expectations::parse("v1/a.wast:1 r\nv1/a.wast:1 r").unwrap_err().contains("twice"));
        assert!(Expectations::parse("v1/a.wast:1 [memo] r\nv1/a.wast:1 [memo] r").unwrap_err().contains("twice"));
        assert!(Expectations::parse("v1/a.wast:1 r\nv1/a.wast:1 [memo] r").unwrap_err().contains("every engine"));
        assert!(Expectations::parse("v1/a.wast:1 [memo] r\nv1/a.wast:1 r").unwrap_err().contains("every engine"));
        assert!(Expectations::parse("v1/a.wast:1 [v8] r").unwrap_err().contains("unknown engine"));
        assert_eq!(
            Expectations::parse("v1/a.wast:1 [wasmi] r").unwrap().reason("v1/a.wast", 1, EngineKind::Wasmi),
            Some("r")
        );
        assert!(Expectations::parse("v1/a.wast:1 [memo r").unwrap_err().contains("[ENGINE]"));
        assert!(Expectations::parse("v1/a.wast:1 [memo]").unwrap_err().contains("no reason"));
    }

    #[test]
    fn embedded_list_parses() {
        Expectations::embedded().unwrap();
    }

    fn column(engine: EngineKind, failing: &[u32]) -> EngineReport {
        let mut col = EngineReport::new(engine);
        col.record(1, 1, "module", Outcome::Pass);
        for &line in failing {
            col.record(line, 2, "assert_return", Outcome::fail("1:i32", "2:i32"));
        }
        col
    }

    fn report(file: &str, failing: &[u32]) -> FileReport {
        FileReport { engines: vec![column(EngineKind::Plain, failing)], ..FileReport::new(file) }
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

    #[test]
    fn entries_apply_per_engine() {
        let three = |plain: &[u32], memo: &[u32], aggressive: &[u32]| FileReport {
            engines: vec![
                column(EngineKind::Plain, plain),
                column(EngineKind::Memo, memo),
                column(EngineKind::MemoAggressive, aggressive),
            ],
            ..FileReport::new("v1/a.wast")
        };
        // An entry without an engine must fail in every engine.
        let all = Expectations::parse("v1/a.wast:5 known everywhere").unwrap();
        assert!(all.check(&[three(&[5], &[5], &[5])]).is_ok());
        let verdict = all.check(&[three(&[5], &[], &[5])]);
        assert_eq!(verdict.known_failures, 2);
        let passes: Vec<&str> = verdict.unexpected_passes.iter().map(|p| p.engine).collect();
        assert_eq!(passes, ["memo"]);

        // An entry for one engine covers that engine only.
        let one = Expectations::parse("v1/a.wast:5 [memo-aggressive] stale entry").unwrap();
        assert!(one.check(&[three(&[], &[], &[5])]).is_ok());
        let verdict = one.check(&[three(&[5], &[], &[])]);
        assert_eq!(verdict.unexpected_failures.len(), 1);
        assert_eq!(verdict.unexpected_failures[0].engine, "plain");
        assert_eq!(verdict.unexpected_passes.len(), 1);
        assert_eq!(verdict.unexpected_passes[0].engine, "memo-aggressive");
        // Without that engine in the run, its entry is not judged.
        assert!(one.check(&[report("v1/a.wast", &[])]).is_ok());
    }

    /// A divergence fails the verdict even when every directive met its expectation.
    #[test]
    fn a_divergence_fails_the_verdict() {
        let mut report = report("v1/a.wast", &[]);
        report.divergences.push(Divergence {
            line: 4,
            col: 2,
            directive: "invoke",
            reference: EngineKind::Plain,
            reference_got: "[1:i32]".into(),
            engine: EngineKind::Wasmi,
            got: "[2:i32]".into(),
        });
        let verdict = Expectations::default().check(&[report]);
        assert!(verdict.unexpected_failures.is_empty() && verdict.unexpected_passes.is_empty());
        assert!(!verdict.is_ok());
        let text = verdict.to_string();
        assert!(text.contains("v1/a.wast:4:2 [plain vs wasmi] invoke: plain [1:i32], wasmi [2:i32]"), "{text}");
    }
}
