//! The two oracle traits (an engine instantiates, an instance runs steps and shows its
//! exported state), the failures they report, and the limits every adapter lines up.

use crate::value::{DiffValue, TableEntry};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Limits shared by every adapter, so that engines run out at the same places where they can.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EngineConfig {
    /// Fuel given before instantiation and again before every call; `None` runs unmetered.
    /// Engines charge fuel differently, so running out is only compared within one family.
    pub fuel: Option<u64>,
    /// Maximum depth of nested wasm calls.
    pub max_call_depth: u32,
    /// The largest memory, in 64 KiB pages, a memory may have or grow to.
    pub max_memory_pages: u32,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig { fuel: None, max_call_depth: 1024, max_memory_pages: 1024 }
    }
}

impl EngineConfig {
    pub fn fuel(mut self, fuel: Option<u64>) -> Self {
        self.fuel = fuel;
        self
    }

    pub fn max_call_depth(mut self, depth: u32) -> Self {
        self.max_call_depth = depth;
        self
    }

    pub fn max_memory_pages(mut self, pages: u32) -> Self {
        self.max_memory_pages = pages;
        self
    }
}

/// The kinds of trap, as memowasm distinguishes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrapKind {
    Unreachable,
    IntegerDivideByZero,
    IntegerOverflow,
    InvalidConversionToInteger,
    MemoryOutOfBounds,
    TableOutOfBounds,
    /// `call_indirect` past the end of the table.
    UndefinedElement,
    /// `call_indirect` of a null entry.
    UninitializedElement,
    IndirectCallTypeMismatch,
    Host,
}

impl TrapKind {
    /// The kind with distinctions merged that other engines do not make: wasmi reports an
    /// out-of-bounds `call_indirect` as a table access out of bounds.
    pub fn coarse(self) -> TrapKind {
        match self {
            TrapKind::UndefinedElement => TrapKind::TableOutOfBounds,
            k => k,
        }
    }
}

/// A resource whose limit differs between engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resource {
    /// Call depth or value stack.
    Stack,
    Fuel,
    /// The host could not allocate.
    Memory,
}

/// Why instantiating or a step failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    Trap(TrapKind),
    /// A resource limit: deterministic within one engine, not across engines.
    Exhausted(Resource),
    /// The module is malformed, invalid or uses an unsupported feature.
    Rejected(String),
    /// An import could not be satisfied (the oracle provides none), or a limit was refused
    /// at instantiation.
    Link(String),
    /// Misuse of the embedding API: unknown export, wrong types, out-of-bounds host write.
    Api(String),
}

impl Failure {
    /// The failure without its message, for comparing engines.
    pub fn kind(&self) -> FailureKind {
        match self {
            Failure::Trap(k) => FailureKind::Trap(*k),
            Failure::Exhausted(r) => FailureKind::Exhausted(*r),
            Failure::Rejected(_) => FailureKind::Rejected,
            Failure::Link(_) => FailureKind::Link,
            Failure::Api(_) => FailureKind::Api,
        }
    }

    pub fn is_exhausted(&self) -> bool {
        matches!(self, Failure::Exhausted(_))
    }
}

/// What is compared of a [`Failure`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureKind {
    Trap(TrapKind),
    Exhausted(Resource),
    Rejected,
    Link,
    Api,
}

impl FailureKind {
    /// See [`TrapKind::coarse`].
    pub fn coarse(self) -> FailureKind {
        match self {
            FailureKind::Trap(k) => FailureKind::Trap(k.coarse()),
            k => k,
        }
    }
}

impl fmt::Display for TrapKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TrapKind::Unreachable => "unreachable",
            TrapKind::IntegerDivideByZero => "integer divide by zero",
            TrapKind::IntegerOverflow => "integer overflow",
            TrapKind::InvalidConversionToInteger => "invalid conversion to integer",
            TrapKind::MemoryOutOfBounds => "out of bounds memory access",
            TrapKind::TableOutOfBounds => "out of bounds table access",
            TrapKind::UndefinedElement => "undefined element",
            TrapKind::UninitializedElement => "uninitialized element",
            TrapKind::IndirectCallTypeMismatch => "indirect call type mismatch",
            TrapKind::Host => "host function error",
        })
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Trap(k) => write!(f, "trap: {k}"),
            Failure::Exhausted(Resource::Stack) => f.write_str("exhausted: stack"),
            Failure::Exhausted(Resource::Fuel) => f.write_str("exhausted: fuel"),
            Failure::Exhausted(Resource::Memory) => f.write_str("exhausted: host memory"),
            Failure::Rejected(m) => write!(f, "rejected: {m}"),
            Failure::Link(m) => write!(f, "link error: {m}"),
            Failure::Api(m) => write!(f, "api error: {m}"),
        }
    }
}

impl std::error::Error for Failure {}

/// An engine under test: compiles and instantiates a module with its own configuration.
pub trait DiffEngine {
    /// The name in reports (`plain`, `memo`, `wasmi`, ...).
    fn name(&self) -> &str;

    /// Engines of one family are one implementation: they must agree bit for bit, resource
    /// exhaustion and NaN payloads included. Across families NaNs may differ, and any
    /// exhaustion makes the comparison non-deterministic.
    fn family(&self) -> &str;

    /// Compiles and instantiates `wasm` (start function and segment initialization
    /// included).
    fn instantiate(&mut self, wasm: &[u8]) -> Result<Box<dyn DiffInstance>, Failure>;
}

/// An instantiated module. Export lists may come in any order (they are compared by name).
pub trait DiffInstance {
    /// Calls the exported function `export`.
    fn call(&mut self, export: &str, args: &[DiffValue]) -> Result<Vec<DiffValue>, Failure>;

    /// Every exported global and its value.
    fn exported_globals(&self) -> Vec<(String, DiffValue)>;

    /// Every exported memory and its bytes.
    fn exported_memories(&self) -> Vec<(String, &[u8])>;

    /// Every exported table and its entries.
    fn exported_tables(&self) -> Vec<(String, Vec<TableEntry>)>;

    /// Writes `bytes` at `addr` in the exported memory `export`, as the host.
    fn write_memory(&mut self, export: &str, addr: u32, bytes: &[u8]) -> Result<(), Failure>;

    /// Sets the exported mutable global `export`, as the host.
    fn set_global(&mut self, export: &str, value: DiffValue) -> Result<(), Failure>;

    /// Fuel left after the last step, when the engine is metered and can tell.
    fn fuel_left(&self) -> Option<u64> {
        None
    }

    /// Memo statistics, for an engine in memo mode.
    fn memo_stats(&self) -> Option<memowasm::MemoStats> {
        None
    }

    /// The stale memo entries verify mode caught since the last call.
    fn take_memo_divergences(&mut self) -> Vec<memowasm::MemoDivergence> {
        Vec::new()
    }
}
