//! What the runner needs from an engine: compile, instantiate, register, call, read a global.
//! One implementation per engine family (`memowasm_backend.rs`, `wasmi_backend.rs`); errors
//! come back in one shape, with traps as the spec's messages.

use crate::values::Val;
use memowasm::Value;
use std::fmt;

/// A trap as the runner checks and compares it: the spec's message, and a second one the
/// same trap also stands for when an engine reports two of the spec's traps with one code
/// (wasmi's `TableOutOfBounds` is both "undefined element" and "out of bounds table access").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Trap {
    pub message: &'static str,
    pub also: Option<&'static str>,
}

/// The spec's message for running out of call stack (`assert_exhaustion`).
pub const EXHAUSTION: &str = "call stack exhausted";

impl Trap {
    /// A trap with one spec message.
    pub const fn new(message: &'static str) -> Trap {
        Trap { message, also: None }
    }

    /// Every spec message the trap stands for.
    pub fn messages(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.message).chain(self.also)
    }

    /// Whether the script's expected message names this trap: one of ours is a prefix of the
    /// expected text, which sometimes carries details ("uninitialized element 2").
    pub fn matches(&self, expected: &str) -> bool {
        self.messages().any(|m| crate::trap_matches(m, expected))
    }

    /// Whether two engines' traps can be the same trap: they share a message.
    pub fn agrees_with(&self, other: &Trap) -> bool {
        self.messages().any(|m| other.messages().any(|o| o == m))
    }

    /// Whether this is the call stack running out, which depends on each engine's limits.
    pub fn is_exhaustion(&self) -> bool {
        self.message == EXHAUSTION
    }
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.also {
            None => f.write_str(self.message),
            Some(also) => write!(f, "{} (or {also})", self.message),
        }
    }
}

/// Everything an engine can fail with, sorted the way the runner judges it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Not a well-formed module.
    Malformed(String),
    /// Well-formed but not valid.
    Invalid(String),
    /// Uses a feature outside the engine's configured set: skipped, not failed.
    Unsupported(String),
    /// An import is missing or has the wrong type.
    Link(String),
    Trap(Trap),
    /// Anything else: no such export, wrong arguments, a host error.
    Other(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Malformed(m) => write!(f, "malformed module: {m}"),
            Error::Invalid(m) => write!(f, "invalid module: {m}"),
            Error::Unsupported(m) => write!(f, "unsupported feature: {m}"),
            Error::Link(m) => write!(f, "link error: {m}"),
            Error::Trap(t) => write!(f, "trap: {t}"),
            Error::Other(m) => f.write_str(m),
        }
    }
}

/// One engine running one script: a fresh store and linker with the `spectest` module.
pub(crate) trait Backend {
    type Module: Clone;
    type Instance: Clone;

    fn compile(&mut self, bytes: &[u8]) -> Result<Self::Module, Error>;
    /// The module names `m` imports from.
    fn import_modules(&self, m: &Self::Module) -> Vec<String>;
    /// Resolves imports in the linker, allocates, initializes and runs the start function.
    fn instantiate(&mut self, m: &Self::Module) -> Result<Self::Instance, Error>;
    /// Makes every export of `instance` importable under `name`.
    fn register(&mut self, name: &str, instance: &Self::Instance) -> Result<(), Error>;
    fn call(&mut self, instance: &Self::Instance, name: &str, args: &[Value]) -> Result<Vec<Val>, Error>;
    fn get(&mut self, instance: &Self::Instance, global: &str) -> Result<Val, Error>;
    /// The stale memo entries verify mode caught since the last call, each shown as text.
    fn take_memo_divergences(&mut self) -> Vec<String> {
        Vec::new()
    }
    /// Memo cache hits so far; `None` without memoization.
    fn memo_hits(&self) -> Option<u64> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traps_match_and_agree_by_any_of_their_messages() {
        let table = Trap { message: "out of bounds table access", also: Some("undefined element") };
        assert!(table.matches("undefined element"));
        assert!(table.matches("out of bounds table access"));
        assert!(!table.matches("uninitialized element"));
        assert!(table.agrees_with(&Trap::new("undefined element")));
        assert!(Trap::new("out of bounds table access").agrees_with(&table));
        assert!(!Trap::new("unreachable").agrees_with(&table));
        assert!(Trap::new("uninitialized element").matches("uninitialized element 2"));
        assert!(Trap::new(EXHAUSTION).is_exhaustion());
        assert_eq!(table.to_string(), "out of bounds table access (or undefined element)");
    }
}
