//! Machine-readable summaries of a run: JSON (`memowasm spec --json`) and JUnit XML
//! (`--junit PATH`), both built from the reports, the expectations and their verdict.

use crate::expectations::{Expectations, Verdict};
use crate::report::{EngineKind, FileReport, Totals};
use serde_json::{json, Map, Value};
use std::fmt::Write;

/// The JSON summary of a run in `engines`:
///
/// - `engines`: the engine names, in column order;
/// - `files`: per file, `engines` (per engine `passed`, `failed`, `skipped`, `divergences`,
///   `hits` (null without memoization), `memo_divergences`), `divergences` and
///   `nondeterministic`;
/// - `totals`: the same counts per engine over all files;
/// - `overall`: counts summed over engines, the divergences (each once), the non-deterministic
///   comparisons, and the verdict's `known_failures`, `unexpected_failures`, `unexpected_passes`;
/// - `failures`: every failure (`file`, `line`, `col`, `engine`, `directive`, `expected`,
///   `got`, `known`: the listed reason or null);
/// - `unexpected_passes`: listed failures that passed (`file`, `line`, `engine`, `reason`);
/// - `divergences`: `file`, `line`, `col`, `directive`, `reference` and `reference_got`,
///   `engine` and `got`;
/// - `ok`: whether the run agrees with the expectations and no engines diverged.
pub fn json(reports: &[FileReport], engines: &[EngineKind], expectations: &Expectations, verdict: &Verdict) -> Value {
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            let mut columns = Map::new();
            for column in &r.engines {
                let counts = json!({
                    "passed": column.passed,
                    "failed": column.failed(),
                    "skipped": column.skipped(),
                    "divergences": r.divergences_of(column.engine),
                    "hits": column.hits,
                    "memo_divergences": column.memo_divergences,
                });
                columns.insert(column.engine.name().to_string(), counts);
            }
            json!({
                "file": r.file,
                "engines": columns,
                "divergences": r.divergences.len(),
                "nondeterministic": r.nondeterministic,
            })
        })
        .collect();

    let mut totals = Map::new();
    let mut overall = Totals::default();
    for &engine in engines {
        let t = Totals::of(reports, engine);
        totals.insert(engine.name().to_string(), totals_json(&t));
        overall.passed += t.passed;
        overall.failed += t.failed;
        overall.skipped += t.skipped;
        overall.memo_divergences += t.memo_divergences;
        if let Some(h) = t.hits {
            overall.hits = Some(overall.hits.unwrap_or(0) + h);
        }
    }

    let mut failures = Vec::new();
    for r in reports {
        for column in &r.engines {
            for f in &column.failures {
                failures.push(json!({
                    "file": r.file,
                    "line": f.line,
                    "col": f.col,
                    "engine": column.engine.name(),
                    "directive": f.directive,
                    "expected": f.expected,
                    "got": f.got,
                    "known": expectations.reason(&r.file, f.line, column.engine),
                }));
            }
        }
    }
    let unexpected_passes: Vec<Value> = verdict
        .unexpected_passes
        .iter()
        .map(|p| json!({ "file": p.file, "line": p.line, "engine": p.engine, "reason": p.reason }))
        .collect();
    let divergences: Vec<Value> = reports
        .iter()
        .flat_map(|r| {
            r.divergences.iter().map(|d| {
                json!({
                    "file": r.file,
                    "line": d.line,
                    "col": d.col,
                    "directive": d.directive,
                    "reference": d.reference.name(),
                    "reference_got": d.reference_got,
                    "engine": d.engine.name(),
                    "got": d.got,
                })
            })
        })
        .collect();

    json!({
        "engines": engines.iter().map(|e| e.name()).collect::<Vec<_>>(),
        "files": files,
        "totals": totals,
        "overall": {
            "passed": overall.passed,
            "failed": overall.failed,
            "skipped": overall.skipped,
            "divergences": divergences.len(),
            "nondeterministic": reports.iter().map(|r| r.nondeterministic).sum::<usize>(),
            "hits": overall.hits,
            "memo_divergences": overall.memo_divergences,
            "known_failures": verdict.known_failures,
            "unexpected_failures": verdict.unexpected_failures.len(),
            "unexpected_passes": verdict.unexpected_passes.len(),
        },
        "failures": failures,
        "unexpected_passes": unexpected_passes,
        "divergences": divergences,
        "ok": verdict.is_ok(),
    })
}

fn totals_json(t: &Totals) -> Value {
    json!({
        "passed": t.passed,
        "failed": t.failed,
        "skipped": t.skipped,
        "divergences": t.divergences,
        "hits": t.hits,
        "memo_divergences": t.memo_divergences,
    })
}

/// A JUnit XML report: one `<testsuite>` per file; in it one `<testcase>` per engine, failed
/// when that engine had unexpected failures or passes (each listed in the failure's text; known
/// failures go to `<system-out>`) and skipped when the engine skipped every directive; and one
/// `cross-engine` test case, failed when the engines diverged.
pub fn junit(reports: &[FileReport], expectations: &Expectations, verdict: &Verdict) -> String {
    let mut suites = String::new();
    let (mut all_tests, mut all_failures, mut all_skipped) = (0, 0, 0);
    for r in reports {
        let (mut tests, mut failures, mut skipped) = (0, 0, 0);
        let mut cases = String::new();
        for column in &r.engines {
            let engine = column.engine.name();
            let unexpected: Vec<String> = verdict
                .unexpected_failures
                .iter()
                .filter(|u| u.file == r.file && u.engine == engine)
                .map(|u| u.to_string())
                .chain(
                    verdict
                        .unexpected_passes
                        .iter()
                        .filter(|p| p.file == r.file && p.engine == engine)
                        .map(|p| p.to_string()),
                )
                .collect();
            let known: Vec<String> = column
                .failures
                .iter()
                .filter_map(|f| {
                    let reason = expectations.reason(&r.file, f.line, column.engine)?;
                    Some(format!("{}:{}:{} known failure ({reason}): {}", r.file, f.line, f.col, f.directive))
                })
                .collect();
            tests += 1;
            let _ = writeln!(cases, "    <testcase classname=\"{}\" name=\"{}\">", escape(&r.file), escape(engine));
            if !unexpected.is_empty() {
                failures += 1;
                let message = format!("{} unexpected result(s) in {engine}", unexpected.len());
                let _ = writeln!(
                    cases,
                    "      <failure type=\"unexpected\" message=\"{}\">{}</failure>",
                    escape(&message),
                    escape(&unexpected.join("\n"))
                );
            } else if column.passed == 0 && column.failed() == 0 && column.skipped() > 0 {
                skipped += 1;
                let reason = &column.skips[0].reason;
                let _ = writeln!(cases, "      <skipped message=\"{}\"/>", escape(reason));
            }
            let summary = format!(
                "{} passed, {} failed, {} skipped{}",
                column.passed,
                column.failed(),
                column.skipped(),
                column.hits.map_or(String::new(), |h| format!(", {h} memo hits"))
            );
            let out = std::iter::once(summary).chain(known).collect::<Vec<_>>().join("\n");
            let _ = writeln!(cases, "      <system-out>{}</system-out>", escape(&out));
            cases.push_str("    </testcase>\n");
        }
        if r.engines.len() > 1 {
            tests += 1;
            let _ = writeln!(cases, "    <testcase classname=\"{}\" name=\"cross-engine\">", escape(&r.file));
            if !r.divergences.is_empty() {
                failures += 1;
                let lines: Vec<String> = r.divergences.iter().map(|d| format!("{}:{d}", r.file)).collect();
                let message = format!("{} divergence(s) between engines", r.divergences.len());
                let _ = writeln!(
                    cases,
                    "      <failure type=\"divergence\" message=\"{}\">{}</failure>",
                    escape(&message),
                    escape(&lines.join("\n"))
                );
            }
            cases.push_str("    </testcase>\n");
        }
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">",
            escape(&r.file)
        );
        suites.push_str(&cases);
        suites.push_str("  </testsuite>\n");
        all_tests += tests;
        all_failures += failures;
        all_skipped += skipped;
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"memowasm spec\" tests=\"{all_tests}\" \
         failures=\"{all_failures}\" errors=\"0\" skipped=\"{all_skipped}\">\n{suites}</testsuites>\n"
    )
}

/// Escapes text for XML attribute values and element content. Characters XML 1.0 cannot
/// carry at all (most control characters) become `\u{..}` in the text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Divergence, EngineReport, Outcome};

    fn reports() -> Vec<FileReport> {
        let mut plain = EngineReport::new(EngineKind::Plain);
        plain.record(1, 1, "module", Outcome::Pass);
        plain.record(2, 2, "assert_return", Outcome::fail("[1:i32]", "[<&>\"\u{1}]"));
        plain.record(3, 2, "assert_return", Outcome::fail("[1:i32]", "[2:i32]"));
        let mut wasmi = EngineReport::new(EngineKind::Wasmi);
        wasmi.record(1, 1, "module", Outcome::Pass);
        wasmi.record(2, 2, "assert_return", Outcome::Pass);
        wasmi.record(3, 2, "assert_return", Outcome::skip("unsupported"));
        let mut r = FileReport::new("v1/a&b.wast");
        r.engines = vec![plain, wasmi];
        r.divergences.push(Divergence {
            line: 2,
            col: 2,
            directive: "assert_return",
            reference: EngineKind::Plain,
            reference_got: "[<&>]".into(),
            engine: EngineKind::Wasmi,
            got: "[1:i32]".into(),
        });
        vec![r]
    }

    #[test]
    fn json_has_every_count() {
        let reports = reports();
        let expectations = Expectations::parse("v1/a&b.wast:3 [plain] known").unwrap();
        let verdict = expectations.check(&reports);
        let v = json(&reports, &[EngineKind::Plain, EngineKind::Wasmi], &expectations, &verdict);
        assert_eq!(v["engines"], json!(["plain", "wasmi"]));
        let plain = &v["files"][0]["engines"]["plain"];
        assert_eq!((plain["passed"].as_u64(), plain["failed"].as_u64()), (Some(1), Some(2)));
        assert_eq!(plain["hits"], Value::Null);
        assert_eq!(v["files"][0]["engines"]["wasmi"]["divergences"], 1);
        assert_eq!(v["totals"]["wasmi"]["skipped"], 1);
        assert_eq!(v["overall"]["passed"], 3);
        assert_eq!(v["overall"]["divergences"], 1);
        assert_eq!(v["overall"]["known_failures"], 1);
        assert_eq!(v["overall"]["unexpected_failures"], 1);
        assert_eq!(v["failures"].as_array().map(Vec::len), Some(2));
        assert_eq!(v["failures"][1]["known"], "known");
        assert_eq!(v["divergences"][0]["engine"], "wasmi");
        assert_eq!(v["divergences"][0]["reference_got"], "[<&>]");
        assert_eq!(v["ok"], false);
    }

    #[test]
    fn junit_escapes_and_counts() {
        let reports = reports();
        let expectations = Expectations::parse("v1/a&b.wast:3 [plain] known").unwrap();
        let verdict = expectations.check(&reports);
        let xml = junit(&reports, &expectations, &verdict);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"), "{xml}");
        assert!(
            xml.contains("<testsuite name=\"v1/a&amp;b.wast\" tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"0\">"),
            "{xml}"
        );
        assert!(xml.contains("got [&lt;&amp;&gt;&quot;\\u{1}]"), "{xml}");
        assert!(xml.contains("known failure (known)"), "{xml}");
        assert!(xml.contains("<failure type=\"divergence\""), "{xml}");
        assert!(!xml.contains('\u{1}'));
        // Every element that opens closes, in order.
        let mut open = Vec::new();
        for tag in xml.split('<').skip(2) {
            let name: String = tag.chars().take_while(|c| c.is_alphanumeric() || *c == '-').collect();
            if let Some(closing) = tag.strip_prefix('/') {
                let closing: String = closing.chars().take_while(|c| c.is_alphanumeric() || *c == '-').collect();
                assert_eq!(open.pop(), Some(closing), "{xml}");
            } else if !tag.trim_end().ends_with("/>") {
                open.push(name);
            }
        }
        assert!(open.is_empty(), "{open:?}");
    }

    #[test]
    fn escape_covers_markup_and_control_characters() {
        assert_eq!(escape("a<b>&\"c'\td\n"), "a&lt;b&gt;&amp;&quot;c&apos;\td\n");
        assert_eq!(escape("\u{0}x\u{1b}"), "\\u{0}x\\u{1b}");
    }
}
