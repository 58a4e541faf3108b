//! Divergence signatures: what a reduction must keep. Two runs diverge "the same way" when
//! the same two engines disagree, at the same kind of step, about the same kind of thing, and
//! (for stale memo entries) verify mode names the same kind of missed dependency.

use crate::engine::FailureKind;
use crate::lockstep::{Difference, Divergence};
use crate::plan::Step;
use memowasm::memo::DepKind;
use std::fmt;

/// How a run diverged, without the values, indices and addresses that shrinking changes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Signature {
    /// The two engines compared; the second diverged from the first. A stale entry caught by
    /// verify mode is `[engine, "engine (verify)"]`.
    pub engines: [String; 2],
    pub step: StepKind,
    pub what: What,
    /// For a stale memo entry: what verify mode says the entry should have depended on.
    pub missed: Option<Missed>,
}

/// The kind of step where the engines disagreed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepKind {
    Instantiation,
    Call,
    WriteMemory,
    SetGlobal,
    Read,
}

/// What differs between the two engines.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum What {
    /// Instantiation succeeded in one engine only, or failed differently.
    Instantiation,
    /// Both returned, with different values.
    Result,
    /// At least one failed (trapped, ran out of a resource, ...), and not in the same way:
    /// each side's failure, `None` where it returned.
    Trap {
        a: Option<FailureKind>,
        b: Option<FailureKind>,
    },
    /// Fuel left after the step.
    Fuel,
    /// The lists of exported globals, memories or tables.
    Exports,
    Global,
    MemorySize,
    /// A byte of an exported memory.
    Memory,
    TableSize,
    TableEntry,
    /// Verify mode caught a stale memo entry; the part of the entry that was wrong.
    StaleMemoEntry(EntryPart),
    Panicked,
}

/// The part of a cached memo entry that differed from the real execution (verify mode's
/// `cached`/`real` texts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryPart {
    /// Where the unit exited (which branch, which label).
    Exit,
    /// A local the unit writes.
    Local,
    /// A value the exit carries (a result).
    ExitValue,
    /// A store effect (memory, global, table, segment).
    Effect,
    Fuel,
    Other,
}

/// The dependency a stale entry missed, from verify mode's `missed` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Missed {
    /// The real execution read state of this kind that the entry did not record.
    NotRecorded(DepKind),
    /// The entry recorded this state at another version and was replayed anyway: the check
    /// before a hit ignored it.
    Unchecked(DepKind),
    /// None of the recorded dependencies changed: something the unit read is not tracked at
    /// all (a write did not bump a version, an input is missing from the key, ...).
    Untracked,
}

impl Signature {
    pub fn of(d: &Divergence) -> Signature {
        let step = match &d.action {
            None => StepKind::Instantiation,
            Some(Step::Call { .. }) => StepKind::Call,
            Some(Step::WriteMemory { .. }) => StepKind::WriteMemory,
            Some(Step::SetGlobal { .. }) => StepKind::SetGlobal,
            Some(Step::Read) => StepKind::Read,
        };
        let what = match &d.what {
            Difference::Instantiation { .. } => What::Instantiation,
            Difference::Outcome { a: Ok(_), b: Ok(_) } => What::Result,
            Difference::Outcome { a, b } => {
                What::Trap { a: a.as_ref().err().map(|f| f.kind()), b: b.as_ref().err().map(|f| f.kind()) }
            }
            Difference::Fuel { .. } => What::Fuel,
            Difference::Exports { .. } => What::Exports,
            Difference::Global { .. } => What::Global,
            Difference::MemorySize { .. } => What::MemorySize,
            Difference::Memory { .. } => What::Memory,
            Difference::TableSize { .. } => What::TableSize,
            Difference::TableEntry { .. } => What::TableEntry,
            Difference::StaleMemoEntry => {
                What::StaleMemoEntry(d.memo.as_ref().map_or(EntryPart::Other, |m| EntryPart::parse(&m.cached)))
            }
            Difference::Panicked { .. } => What::Panicked,
        };
        let missed = d.memo.as_ref().map(|m| Missed::parse(&m.missed));
        Signature { engines: d.engines.clone(), step, what, missed }
    }

    /// The signature as one string, equal exactly when the signatures are (for answers that
    /// cross a process boundary).
    pub fn key(&self) -> String {
        format!("{self:?}")
    }

    /// What happened, in a few words: `memo disagreed with plain`, `verify mode caught a
    /// stale entry in memo-aggressive`.
    pub fn summary(&self) -> String {
        let [a, b] = &self.engines;
        match (&self.what, b.strip_suffix(" (verify)")) {
            (What::StaleMemoEntry(_), Some(engine)) => format!("verify mode caught a stale entry in {engine}"),
            (What::Panicked, _) => format!("{a} panicked"),
            _ => format!("{b} disagreed with {a}"),
        }
    }

    /// A few lowercase words joined by `-` for file names:
    /// `memo-aggressive-stale-exit-value-untracked-input`, `memo-result-differs-from-plain`.
    pub fn slug(&self) -> String {
        let [a, b] = &self.engines;
        let b = b.strip_suffix(" (verify)").unwrap_or(b);
        let text = match (&self.what, self.missed) {
            (What::StaleMemoEntry(part), Some(missed)) => format!("{b} stale {} {}", part.words(), missed.words()),
            (What::StaleMemoEntry(part), None) => format!("{b} stale {}", part.words()),
            (What::Trap { .. }, _) => format!("{b} {} differs from {a}", self.what.words()),
            (what, _) => format!("{b} {} differs from {a}", what.words()),
        };
        let mut slug = String::new();
        for c in text.chars() {
            match c.to_ascii_lowercase() {
                c @ ('a'..='z' | '0'..='9') => slug.push(c),
                _ if !slug.ends_with('-') && !slug.is_empty() => slug.push('-'),
                _ => {}
            }
        }
        slug.trim_end_matches('-').to_string()
    }
}

impl EntryPart {
    fn parse(cached: &str) -> EntryPart {
        if cached.starts_with("exit value") {
            EntryPart::ExitValue
        } else if cached.starts_with("exit") {
            EntryPart::Exit
        } else if cached.starts_with("local") {
            EntryPart::Local
        } else if cached.starts_with("effect") || cached.starts_with("no effect") {
            EntryPart::Effect
        } else if cached.starts_with("fuel") {
            EntryPart::Fuel
        } else {
            EntryPart::Other
        }
    }

    fn words(self) -> &'static str {
        match self {
            EntryPart::Exit => "exit",
            EntryPart::Local => "local",
            EntryPart::ExitValue => "exit value",
            EntryPart::Effect => "effect",
            EntryPart::Fuel => "fuel",
            EntryPart::Other => "entry",
        }
    }
}

impl Missed {
    /// Reads verify mode's text (`memowasm::MemoDivergence::missed`): "`<dep>` was read but
    /// not recorded", "`<dep>` recorded, now `<dep>`", or "none of the recorded dependencies
    /// changed ...".
    fn parse(text: &str) -> Missed {
        let kind = if text.starts_with("memory") && text.split(' ').nth(2) == Some("size") {
            Some(DepKind::MemorySize)
        } else if text.starts_with("memory") {
            Some(DepKind::Memory)
        } else if text.starts_with("global") {
            Some(DepKind::Global)
        } else if text.starts_with("table") {
            Some(DepKind::Table)
        } else if text.starts_with("data segment") {
            Some(DepKind::DataSegment)
        } else if text.starts_with("element segment") {
            Some(DepKind::ElemSegment)
        } else {
            None
        };
        match kind {
            Some(k) if text.contains("was read but not recorded") => Missed::NotRecorded(k),
            Some(k) => Missed::Unchecked(k),
            None => Missed::Untracked,
        }
    }

    fn words(self) -> String {
        match self {
            Missed::NotRecorded(k) => format!("unrecorded {k} dependency"),
            Missed::Unchecked(k) => format!("unchecked {k} dependency"),
            Missed::Untracked => "untracked input".into(),
        }
    }
}

impl What {
    fn words(&self) -> String {
        match self {
            What::Instantiation => "instantiation".into(),
            What::Result => "result".into(),
            What::Trap { .. } => "trap".into(),
            What::Fuel => "fuel left".into(),
            What::Exports => "exports".into(),
            What::Global => "global".into(),
            What::MemorySize => "memory size".into(),
            What::Memory => "memory".into(),
            What::TableSize => "table size".into(),
            What::TableEntry => "table entry".into(),
            What::StaleMemoEntry(part) => format!("stale memo entry ({})", part.words()),
            What::Panicked => "panic".into(),
        }
    }
}

impl fmt::Display for StepKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StepKind::Instantiation => "instantiation",
            StepKind::Call => "a call",
            StepKind::WriteMemory => "a host memory write",
            StepKind::SetGlobal => "a host global set",
            StepKind::Read => "a read",
        })
    }
}

fn failure_words(f: &Option<FailureKind>) -> String {
    match f {
        None => "returned".into(),
        Some(FailureKind::Trap(t)) => format!("trapped ({t})"),
        Some(FailureKind::Exhausted(r)) => format!("exhausted {}", format!("{r:?}").to_lowercase()),
        Some(FailureKind::Rejected) => "rejected the module".into(),
        Some(FailureKind::Link) => "failed to link".into(),
        Some(FailureKind::Api) => "refused the call".into(),
    }
}

impl fmt::Display for Signature {
    /// `plain vs memo at a call: result differs`; `memo-aggressive vs memo-aggressive (verify)
    /// at a call: stale memo entry (exit value), missed: untracked input`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b] = &self.engines;
        write!(f, "{a} vs {b} at {}: ", self.step)?;
        match &self.what {
            What::Trap { a: x, b: y } => write!(f, "{a} {}, {b} {}", failure_words(x), failure_words(y))?,
            what => write!(f, "{} differs", what.words())?,
        }
        if let Some(m) = self.missed {
            write!(f, ", missed: {}", m.words())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Failure, TrapKind};
    use crate::value::DiffValue;

    fn divergence(what: Difference, memo: Option<memowasm::MemoDivergence>) -> Divergence {
        Divergence {
            engines: ["plain".into(), "memo".into()],
            step: Some(3),
            action: Some(Step::Call { export: "f".into(), args: vec![DiffValue::I32(1)] }),
            what,
            memo,
        }
    }

    #[test]
    fn outcomes_split_into_results_and_traps() {
        let d =
            divergence(Difference::Outcome { a: Ok(vec![DiffValue::I32(1)]), b: Ok(vec![DiffValue::I32(2)]) }, None);
        let s = Signature::of(&d);
        assert_eq!((s.step, &s.what, s.missed), (StepKind::Call, &What::Result, None));
        assert_eq!(s.to_string(), "plain vs memo at a call: result differs");
        assert_eq!(s.slug(), "memo-result-differs-from-plain");
        assert_eq!(s.summary(), "memo disagreed with plain");
        let d = divergence(
            Difference::Outcome { a: Err(Failure::Trap(TrapKind::IntegerDivideByZero)), b: Ok(vec![]) },
            None,
        );
        let s = Signature::of(&d);
        assert_eq!(s.what, What::Trap { a: Some(FailureKind::Trap(TrapKind::IntegerDivideByZero)), b: None });
        assert_eq!(s.to_string(), "plain vs memo at a call: plain trapped (integer divide by zero), memo returned");
    }

    #[test]
    fn missed_dependencies_are_read_from_verify_mode() {
        for (text, want) in [
            ("memory 0 chunk 1 at version 7 was read but not recorded", Missed::NotRecorded(DepKind::Memory)),
            ("memory 0 size 1 pages recorded, now memory 0 size 2 pages", Missed::Unchecked(DepKind::MemorySize)),
            ("global 2 holding 0x3 recorded, now global 2 holding 0x9", Missed::Unchecked(DepKind::Global)),
            ("table 0 at version 1 was read but not recorded", Missed::NotRecorded(DepKind::Table)),
            (
                "data segment 0 of length 4 recorded, now data segment 0 of length 0",
                Missed::Unchecked(DepKind::DataSegment),
            ),
            ("element segment 1 of length 2 was read but not recorded", Missed::NotRecorded(DepKind::ElemSegment)),
            (
                "none of the recorded dependencies changed (1 checked: [Memory]); an input is untracked",
                Missed::Untracked,
            ),
        ] {
            assert_eq!(Missed::parse(text), want, "{text}");
        }
        assert_eq!(EntryPart::parse("exit value 0 = 0x5"), EntryPart::ExitValue);
        assert_eq!(EntryPart::parse("exit #1 to ip 7"), EntryPart::Exit);
        assert_eq!(EntryPart::parse("effect #0: Store { .. }"), EntryPart::Effect);
    }
}
