//! Errors of the embedding API and the traps raised by executing code.

use std::fmt;

/// A WebAssembly trap. Its `Display` is the spec's message for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trap {
    Unreachable,
    IntegerDivideByZero,
    IntegerOverflow,
    InvalidConversionToInteger,
    MemoryOutOfBounds,
    TableOutOfBounds,
    UndefinedElement,
    UninitializedElement,
    IndirectCallTypeMismatch,
    CallStackExhausted,
    OutOfFuel,
    /// A host function reported failure.
    Host,
}

impl Trap {
    /// The message the spec tests expect for this trap.
    pub fn message(self) -> &'static str {
        match self {
            Trap::Unreachable => "unreachable",
            Trap::IntegerDivideByZero => "integer divide by zero",
            Trap::IntegerOverflow => "integer overflow",
            Trap::InvalidConversionToInteger => "invalid conversion to integer",
            Trap::MemoryOutOfBounds => "out of bounds memory access",
            Trap::TableOutOfBounds => "out of bounds table access",
            Trap::UndefinedElement => "undefined element",
            Trap::UninitializedElement => "uninitialized element",
            Trap::IndirectCallTypeMismatch => "indirect call type mismatch",
            Trap::CallStackExhausted => "call stack exhausted",
            Trap::OutOfFuel => "all fuel consumed",
            Trap::Host => "host function error",
        }
    }
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Trap {}

/// Everything the embedding API can fail with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The bytes are not a well-formed module (binary or text).
    Malformed { message: String, offset: usize },
    /// The module is well-formed but does not validate.
    Invalid { message: String, offset: usize },
    /// The module uses a feature this engine does not support.
    Unsupported { message: String, offset: usize },
    /// An import could not be resolved or has the wrong type.
    Link(String),
    /// Execution trapped (also during instantiation: the start function or segment init).
    Trap(Trap),
    /// Misuse of the API: unknown export, wrong argument count or type, immutable global.
    Api(String),
}

impl Error {
    /// The trap, if this error is one.
    pub fn as_trap(&self) -> Option<Trap> {
        match self {
            Error::Trap(t) => Some(*t),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Malformed { message, offset } => {
                write!(f, "malformed module: {message} (at offset {offset:#x})")
            }
            Error::Invalid { message, offset } => {
                write!(f, "invalid module: {message} (at offset {offset:#x})")
            }
            Error::Unsupported { message, offset } => {
                write!(f, "unsupported feature: {message} (at offset {offset:#x})")
            }
            Error::Link(m) => write!(f, "link error: {m}"),
            Error::Trap(t) => write!(f, "trap: {t}"),
            Error::Api(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

impl From<Trap> for Error {
    fn from(t: Trap) -> Self {
        Error::Trap(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trap_is_one_byte() {
        assert_eq!(std::mem::size_of::<Trap>(), 1);
    }

    #[test]
    fn trap_messages_match_spec() {
        assert_eq!(Trap::IntegerDivideByZero.to_string(), "integer divide by zero");
        assert_eq!(Trap::CallStackExhausted.to_string(), "call stack exhausted");
    }
}
