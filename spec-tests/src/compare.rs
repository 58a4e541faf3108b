//! Cross-engine comparison: what each engine's action returned, directive by directive,
//! against the first engine that ran it. A three-way verdict: the engines match, they
//! diverged, or the difference is non-deterministic (one ran out of call stack, which depends
//! on each engine's limits) and says nothing.
//!
//! Engines of one family (memowasm: plain, memo, memo-aggressive) must agree bit for bit,
//! function references by identity. Across families (memowasm and wasmi) a NaN matches any
//! NaN of the same type: the spec leaves most NaN payloads and signs to the implementation
//! (`nan:arithmetic` results), and the directive's own expectation already checks what the
//! spec fixes. Function references compare by null-ness only, and a trap matches a trap that
//! shares one of its spec messages.

use crate::backend::{Error, Trap};
use crate::report::{Divergence, EngineKind};
use crate::script::Command;
use crate::values::{show_values, Val};
use std::fmt;

/// What an engine's action (invoke or get) did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observed {
    Returned(Vec<Val>),
    Trapped(Trap),
    /// Any other error: a missing export, wrong arguments, a host error.
    Failed(String),
}

impl Observed {
    pub(crate) fn of(result: &Result<Vec<Val>, Error>) -> Observed {
        match result {
            Ok(values) => Observed::Returned(values.clone()),
            Err(Error::Trap(t)) => Observed::Trapped(*t),
            Err(e) => Observed::Failed(e.to_string()),
        }
    }
}

impl fmt::Display for Observed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Observed::Returned(values) => f.write_str(&show_values(values)),
            Observed::Trapped(t) => write!(f, "trap: {t}"),
            Observed::Failed(e) => write!(f, "error: {e}"),
        }
    }
}

/// The verdict on two engines' results of one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Match,
    Diverged,
    /// One engine ran out of call stack and the other did not: limits differ, so this is
    /// neither a match nor a divergence.
    NonDeterministic,
}

/// Compares two engines' results of one action; `same_family` asks for bit-for-bit agreement.
pub fn compare(a: &Observed, b: &Observed, same_family: bool) -> Comparison {
    use Observed::{Failed, Returned, Trapped};
    let exhausted = |o: &Observed| matches!(o, Trapped(t) if t.is_exhaustion());
    let agree = match (a, b) {
        _ if exhausted(a) != exhausted(b) => return Comparison::NonDeterministic,
        (Returned(x), Returned(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| values_agree(x, y, same_family))
        }
        (Trapped(x), Trapped(y)) if same_family => x == y,
        (Trapped(x), Trapped(y)) => x.agrees_with(y),
        // Error texts are each engine's own; within a family they must be the same.
        (Failed(x), Failed(y)) => !same_family || x == y,
        _ => false,
    };
    if agree {
        Comparison::Match
    } else {
        Comparison::Diverged
    }
}

/// Whether two result values agree (see the module's documentation).
pub fn values_agree(a: &Val, b: &Val, same_family: bool) -> bool {
    if same_family {
        return a == b;
    }
    match (a, b) {
        (Val::FuncRef(x), Val::FuncRef(y)) => x.is_some() == y.is_some(),
        (Val::F32(_), Val::F32(_)) | (Val::F64(_), Val::F64(_)) if a.is_nan() && b.is_nan() => true,
        _ => a == b,
    }
}

/// Compares every command's action across the engines of one file: each engine that ran it
/// against the first one that did (the column order: plain first). The divergences, and how
/// many comparisons were non-deterministic.
pub(crate) fn compare_columns(
    commands: &[Command],
    columns: &[(EngineKind, &[Option<Observed>])],
) -> (Vec<Divergence>, usize) {
    let mut divergences = Vec::new();
    let mut nondeterministic = 0;
    for (i, cmd) in commands.iter().enumerate() {
        let mut ran = columns.iter().filter_map(|(engine, observed)| Some((*engine, observed.get(i)?.as_ref()?)));
        let Some((reference, expected)) = ran.next() else {
            continue;
        };
        for (engine, got) in ran {
            match compare(expected, got, reference.family() == engine.family()) {
                Comparison::Match => {}
                Comparison::NonDeterministic => nondeterministic += 1,
                Comparison::Diverged => divergences.push(Divergence {
                    line: cmd.line,
                    col: cmd.col,
                    directive: cmd.directive,
                    reference,
                    reference_got: expected.to_string(),
                    engine,
                    got: got.to_string(),
                }),
            }
        }
    }
    (divergences, nondeterministic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::EXHAUSTION;
    use crate::script::CommandKind;

    fn returned(values: &[Val]) -> Observed {
        Observed::Returned(values.to_vec())
    }

    #[test]
    fn one_family_agrees_bit_for_bit() {
        let nan = |bits| returned(&[Val::F32(bits)]);
        assert_eq!(compare(&nan(0x7fc0_0000), &nan(0x7fc0_0000), true), Comparison::Match);
        assert_eq!(compare(&nan(0x7fc0_0000), &nan(0x7fc0_0001), true), Comparison::Diverged);
        assert_eq!(compare(&nan(0x7fc0_0000), &nan(0xffc0_0000), true), Comparison::Diverged);
        let f = |name: &str| returned(&[Val::FuncRef(Some(name.into()))]);
        assert_eq!(compare(&f("func#1"), &f("func#1"), true), Comparison::Match);
        assert_eq!(compare(&f("func#1"), &f("func#2"), true), Comparison::Diverged);
    }

    #[test]
    fn across_families_a_nan_matches_a_nan_of_its_type() {
        let a = returned(&[Val::F32(0x7fc0_0000), Val::F64(0xfff8_0000_0000_0001)]);
        let b = returned(&[Val::F32(0xffc0_1234), Val::F64(0x7ff8_0000_0000_0000)]);
        assert_eq!(compare(&a, &b, false), Comparison::Match);
        assert_eq!(compare(&a, &b, true), Comparison::Diverged);
        // Not a NaN of the same type, not a NaN at all: diverged.
        let f64_nan = returned(&[Val::F64(0x7ff8_0000_0000_0000)]);
        assert_eq!(compare(&returned(&[Val::F32(0x7fc0_0000)]), &f64_nan, false), Comparison::Diverged);
        assert_eq!(
            compare(&returned(&[Val::F32(0)]), &returned(&[Val::F32(0x8000_0000)]), false),
            Comparison::Diverged
        );
        // Function identities cannot be compared across engines; null-ness can.
        let f = returned(&[Val::FuncRef(Some("func#3".into()))]);
        assert_eq!(compare(&f, &returned(&[Val::FuncRef(Some("func".into()))]), false), Comparison::Match);
        assert_eq!(compare(&f, &returned(&[Val::FuncRef(None)]), false), Comparison::Diverged);
    }

    #[test]
    fn results_traps_and_exhaustion() {
        let one = returned(&[Val::I32(1)]);
        let two = returned(&[Val::I32(2)]);
        let trap = |m| Observed::Trapped(Trap::new(m));
        assert_eq!(compare(&one, &two, false), Comparison::Diverged);
        assert_eq!(compare(&one, &returned(&[Val::I32(1), Val::I32(1)]), true), Comparison::Diverged);
        assert_eq!(compare(&one, &trap("unreachable"), false), Comparison::Diverged);
        assert_eq!(compare(&trap("unreachable"), &trap("integer overflow"), false), Comparison::Diverged);
        let table = Observed::Trapped(Trap { message: "out of bounds table access", also: Some("undefined element") });
        assert_eq!(compare(&trap("undefined element"), &table, false), Comparison::Match);
        assert_eq!(compare(&trap("undefined element"), &table, true), Comparison::Diverged);
        // Running out of call stack in one engine only depends on limits: non-deterministic.
        assert_eq!(compare(&one, &trap(EXHAUSTION), false), Comparison::NonDeterministic);
        assert_eq!(compare(&trap(EXHAUSTION), &trap("unreachable"), true), Comparison::NonDeterministic);
        assert_eq!(compare(&trap(EXHAUSTION), &trap(EXHAUSTION), false), Comparison::Match);
    }

    /// A disagreement between two engines on a directive becomes a divergence, named by
    /// position, both engines and both results; it is counted for the engine compared with
    /// the first one, and a directive no engine ran is not compared.
    #[test]
    fn a_disagreement_is_reported_as_a_divergence() {
        let cmd = |line| Command {
            line,
            col: 2,
            directive: "assert_return",
            kind: CommandKind::Unsupported { reason: String::new() },
        };
        let commands = [cmd(1), cmd(2), cmd(3), cmd(4)];
        let plain =
            [Some(returned(&[Val::I32(1)])), Some(returned(&[Val::F32(0x7fc0_0000)])), None, Some(returned(&[]))];
        let memo = plain.clone();
        let wasmi = [
            Some(returned(&[Val::I32(2)])),
            Some(returned(&[Val::F32(0x7fc0_0001)])),
            Some(returned(&[])),
            Some(Observed::Trapped(Trap::new(EXHAUSTION))),
        ];
        let columns: [(EngineKind, &[Option<Observed>]); 3] =
            [(EngineKind::Plain, &plain), (EngineKind::Memo, &memo), (EngineKind::Wasmi, &wasmi)];
        let (divergences, nondeterministic) = compare_columns(&commands, &columns);
        assert_eq!(nondeterministic, 1);
        assert_eq!(
            divergences,
            [Divergence {
                line: 1,
                col: 2,
                directive: "assert_return",
                reference: EngineKind::Plain,
                reference_got: "[1:i32]".into(),
                engine: EngineKind::Wasmi,
                got: "[2:i32]".into(),
            }]
        );

        // The memo column disagreeing with plain on a NaN's payload is a divergence too.
        let memo = [None, Some(returned(&[Val::F32(0x7fc0_0001)])), None, None];
        let columns: [(EngineKind, &[Option<Observed>]); 2] = [(EngineKind::Plain, &plain), (EngineKind::Memo, &memo)];
        let (divergences, _) = compare_columns(&commands, &columns);
        assert_eq!(divergences.len(), 1);
        assert_eq!((divergences[0].line, divergences[0].engine), (2, EngineKind::Memo));
        assert_eq!(divergences[0].got, "[nan:0x7fc00001:f32]");
    }
}
