//! A third opinion on divergences where wasmi alone disagrees with memowasm: the case's
//! regression script (the plain engine's values asserted, as `memowasm reduce` writes it) run
//! by wabt's `wast2json` and `spectest-interp`.
//!
//! wasmi is the reference the suite runs against, but it has bugs of its own
//! (`corpus/wasmi-divergences/`). When plain and every memo engine agree and wabt, a third
//! implementation, passes every assertion of plain's values, the finding is wasmi's: a
//! campaign reports it apart and does not fail on it. Anything else (wabt fails an
//! assertion, cannot load the script, or is not installed) leaves the finding as it is.

use crate::lockstep::{Difference, Divergence};
use crate::reduce::{regression_script, Case, Reduced, Signature, Stats};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// What wabt said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tiebreak {
    /// wabt passed every assertion of plain's values: memowasm is right, wasmi is not.
    Memowasm { script: String },
    /// wabt failed an assertion of plain's values; `output` is spectest-interp's.
    Wasmi { script: String, output: String },
    /// No verdict, and why: not a divergence of wasmi alone, a script that cannot be
    /// written, or wabt missing or unable to load it.
    Undecided(String),
}

impl Tiebreak {
    /// The line a report gets.
    pub fn summary(&self) -> String {
        match self {
            Tiebreak::Memowasm { .. } => {
                "wasmi only: wabt's spectest-interp passes every assertion of plain's values".into()
            }
            Tiebreak::Wasmi { output, .. } => {
                let first = output.lines().find(|l| l.contains("mismatch") || l.contains("error")).unwrap_or("");
                format!("wabt disagrees with plain too: {}", first.trim())
            }
            Tiebreak::Undecided(why) => format!("no tiebreak: {why}"),
        }
    }
}

/// Whether `divergence` is one of wasmi alone: the memowasm engines agreed at that step (the
/// lockstep compares them with plain before wasmi, and reports a panic only after comparing
/// the engines that did not panic), and wasmi differs from plain or panicked (a panic is
/// reported as the engine against itself).
pub fn wasmi_alone(divergence: &Divergence) -> bool {
    match [divergence.engines[0].as_str(), divergence.engines[1].as_str()] {
        ["plain", "wasmi"] => true,
        ["wasmi", "wasmi"] => matches!(divergence.what, Difference::Panicked { .. }),
        _ => false,
    }
}

/// Runs the tiebreak on the case of a lockstep finding.
pub fn wabt(case: &Case, divergence: &Divergence) -> Tiebreak {
    if !wasmi_alone(divergence) {
        return Tiebreak::Undecided(format!(
            "{} against {}, not wasmi alone",
            divergence.engines[0], divergence.engines[1]
        ));
    }
    let reduced = Reduced {
        original: divergence.clone(),
        signature: Signature::of(divergence),
        case: case.clone(),
        divergence: divergence.clone(),
        stats: Stats {
            bytes_before: case.wasm.len(),
            bytes_after: case.wasm.len(),
            steps_before: case.plan.steps.len(),
            steps_after: case.plan.steps.len(),
            engines_before: case.config.engines.len(),
            engines_after: case.config.engines.len(),
            predicate_calls: 0,
            cached_answers: 0,
            rounds: 0,
            elapsed: Duration::ZERO,
        },
        notes: Vec::new(),
    };
    let script = match regression_script(&reduced, "tiebreak: wasmi alone diverged", "a fuzz finding") {
        Ok(s) => s.text,
        Err(e) => return Tiebreak::Undecided(format!("no script: {e}")),
    };
    let dir = scratch_dir();
    let verdict = run_wabt(&dir, &script);
    let _ = std::fs::remove_dir_all(&dir);
    match verdict {
        Ok((true, _)) => Tiebreak::Memowasm { script },
        Ok((false, output)) => Tiebreak::Wasmi { script, output },
        Err(e) => Tiebreak::Undecided(e),
    }
}

/// A fresh directory for one tiebreak's files.
fn scratch_dir() -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("memowasm-tiebreak-{}-{n}", std::process::id()))
}

/// Converts and runs `script` in `dir`: whether every assertion passed, and spectest-interp's
/// output; `Err` when wabt is missing or cannot load the script.
fn run_wabt(dir: &Path, script: &str) -> Result<(bool, String), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let wast = dir.join("case.wast");
    let json = dir.join("case.json");
    std::fs::write(&wast, script).map_err(|e| format!("cannot write {}: {e}", wast.display()))?;
    let convert = Command::new("wast2json")
        .arg(&wast)
        .arg("-o")
        .arg(&json)
        .output()
        .map_err(|e| format!("wabt's wast2json does not run ({e}); apt-get install wabt"))?;
    if !convert.status.success() {
        return Err(format!("wast2json rejects the script: {}", first_line(&convert.stderr)));
    }
    let run = Command::new("spectest-interp")
        .arg(&json)
        .output()
        .map_err(|e| format!("wabt's spectest-interp does not run ({e}); apt-get install wabt"))?;
    let output = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    // A script wabt cannot load is no verdict either way: it reports an error, not a
    // mismatch, and passes nothing.
    if !run.status.success() && !output.contains("tests passed") {
        return Err(format!("spectest-interp cannot run the script: {}", first_line(output.as_bytes())));
    }
    Ok((run.status.success(), output))
}

fn first_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).lines().next().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{run_plan, Plan, RunConfig, RunOptions, Verdict};

    /// A confirmed wasmi bug (`corpus/wasmi-divergences/i32-funcref-result`): a function
    /// returning `(i32 funcref)` whose i32 wasmi gets wrong.
    fn wasmi_bug() -> Case {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/wasmi-divergences");
        let wasm = wat::parse_file(dir.join("i32-funcref-result.wat")).unwrap();
        let plan =
            Plan::from_json(&std::fs::read_to_string(dir.join("i32-funcref-result.plan.json")).unwrap()).unwrap();
        let config: RunConfig =
            serde_json::from_str(&std::fs::read_to_string(dir.join("i32-funcref-result.config.json")).unwrap())
                .unwrap();
        Case { wasm, plan, config }
    }

    fn diverge(case: &Case) -> Divergence {
        let mut engines = case.config.build().unwrap();
        match run_plan(&case.wasm, &case.plan, &mut engines, RunOptions::default()) {
            Verdict::Diverged(d) => *d,
            v => panic!("the case does not diverge: {v:?}"),
        }
    }

    fn wabt_installed() -> bool {
        Command::new("spectest-interp").arg("--version").output().is_ok_and(|o| o.status.success())
    }

    #[test]
    fn a_confirmed_wasmi_bug_is_wasmi_alone_and_wabt_agrees_with_plain() {
        let case = wasmi_bug();
        let d = diverge(&case);
        assert!(wasmi_alone(&d), "{d}");
        let verdict = wabt(&case, &d);
        if !wabt_installed() {
            assert!(
                matches!(&verdict, Tiebreak::Undecided(why) if why.contains("apt-get install wabt")),
                "{verdict:?}"
            );
            panic!("wabt is not installed (apt-get install wabt): the tiebreak cannot be tested");
        }
        assert!(matches!(verdict, Tiebreak::Memowasm { .. }), "{verdict:?}");
    }

    #[test]
    fn a_wrong_plain_value_makes_wabt_disagree() {
        let case = wasmi_bug();
        let d = diverge(&case);
        let Tiebreak::Memowasm { script } = wabt(&case, &d) else { panic!("no verdict for the base case") };
        // The same script with the first asserted i32 result changed: wabt must fail it.
        let at = script.find("(assert_return").expect("an assertion");
        let value = at + script[at..].find("(i32.const ").expect("an i32 result") + "(i32.const ".len();
        let end = value + script[value..].find(')').unwrap();
        let changed: i64 = script[value..end].parse::<i64>().unwrap() + 1;
        let wrong = format!("{}{changed}{}", &script[..value], &script[end..]);
        let dir = scratch_dir();
        let (passed, output) = run_wabt(&dir, &wrong).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert!(!passed, "{output}");
        assert!(output.contains("mismatch"), "{output}");
    }

    #[test]
    fn divergences_inside_memowasm_get_no_tiebreak() {
        let case = wasmi_bug();
        let mut d = diverge(&case);
        d.engines = ["plain".into(), "memo".into()];
        assert!(!wasmi_alone(&d));
        assert!(matches!(wabt(&case, &d), Tiebreak::Undecided(why) if why.contains("not wasmi alone")));
    }
}
