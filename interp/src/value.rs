//! Values and types as the embedding API sees them, and their untyped 64-bit cell encoding.

use std::fmt;

/// A value type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValType {
    I32,
    I64,
    F32,
    F64,
    FuncRef,
    ExternRef,
}

/// The type of a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefType {
    FuncRef,
    ExternRef,
}

impl From<RefType> for ValType {
    fn from(r: RefType) -> Self {
        match r {
            RefType::FuncRef => ValType::FuncRef,
            RefType::ExternRef => ValType::ExternRef,
        }
    }
}

/// A runtime value. Floats are kept as their bit patterns, so NaN payloads survive
/// and equality is bitwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    I32(i32),
    I64(i64),
    /// An f32 by its bits.
    F32(u32),
    /// An f64 by its bits.
    F64(u64),
    /// A function reference: `None` is null, otherwise the store's function.
    FuncRef(Option<crate::Func>),
    /// An external reference: `None` is null, otherwise the host's value.
    ExternRef(Option<u32>),
}

impl Value {
    pub fn ty(&self) -> ValType {
        match self {
            Value::I32(_) => ValType::I32,
            Value::I64(_) => ValType::I64,
            Value::F32(_) => ValType::F32,
            Value::F64(_) => ValType::F64,
            Value::FuncRef(_) => ValType::FuncRef,
            Value::ExternRef(_) => ValType::ExternRef,
        }
    }

    /// The zero value (or null reference) of a type.
    pub fn default_for(ty: ValType) -> Value {
        match ty {
            ValType::I32 => Value::I32(0),
            ValType::I64 => Value::I64(0),
            ValType::F32 => Value::F32(0),
            ValType::F64 => Value::F64(0),
            ValType::FuncRef => Value::FuncRef(None),
            ValType::ExternRef => Value::ExternRef(None),
        }
    }

    /// Encodes the value as an untyped 64-bit cell.
    pub(crate) fn to_cell(self) -> u64 {
        match self {
            Value::I32(v) => v as u32 as u64,
            Value::I64(v) => v as u64,
            Value::F32(v) => v as u64,
            Value::F64(v) => v,
            Value::FuncRef(f) => f.map_or(0, |f| f.0 as u64 + 1),
            Value::ExternRef(e) => e.map_or(0, |e| e as u64 + 1),
        }
    }

    /// Decodes an untyped cell of the given type.
    pub(crate) fn from_cell(ty: ValType, c: u64) -> Value {
        match ty {
            ValType::I32 => Value::I32(c as u32 as i32),
            ValType::I64 => Value::I64(c as i64),
            ValType::F32 => Value::F32(c as u32),
            ValType::F64 => Value::F64(c),
            ValType::FuncRef => Value::FuncRef(c.checked_sub(1).map(|i| crate::Func(i as u32))),
            ValType::ExternRef => Value::ExternRef(c.checked_sub(1).map(|i| i as u32)),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::I32(v) => write!(f, "{v}:i32"),
            Value::I64(v) => write!(f, "{v}:i64"),
            Value::F32(b) => write!(f, "{}:f32", f32::from_bits(*b)),
            Value::F64(b) => write!(f, "{}:f64", f64::from_bits(*b)),
            Value::FuncRef(None) => write!(f, "null:funcref"),
            Value::FuncRef(Some(r)) => write!(f, "func#{}:funcref", r.0),
            Value::ExternRef(None) => write!(f, "null:externref"),
            Value::ExternRef(Some(r)) => write!(f, "{r}:externref"),
        }
    }
}

impl fmt::Display for ValType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValType::I32 => "i32",
            ValType::I64 => "i64",
            ValType::F32 => "f32",
            ValType::F64 => "f64",
            ValType::FuncRef => "funcref",
            ValType::ExternRef => "externref",
        })
    }
}

/// A function signature.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FuncType {
    pub params: Vec<ValType>,
    pub results: Vec<ValType>,
}

impl FuncType {
    pub fn new(params: impl Into<Vec<ValType>>, results: impl Into<Vec<ValType>>) -> Self {
        FuncType { params: params.into(), results: results.into() }
    }
}

/// The type of a global.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GlobalType {
    pub content: ValType,
    pub mutable: bool,
}

/// The limits of a memory, in pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MemoryType {
    pub min: u32,
    pub max: Option<u32>,
}

/// The type and limits of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TableType {
    pub element: RefType,
    pub min: u32,
    pub max: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_round_trip() {
        for v in [
            Value::I32(-1),
            Value::I64(i64::MIN),
            Value::F32(0x7fc0_0001),
            Value::F64(0x8000_0000_0000_0000),
            Value::FuncRef(None),
            Value::FuncRef(Some(crate::Func(7))),
            Value::ExternRef(Some(0)),
            Value::ExternRef(None),
        ] {
            assert_eq!(Value::from_cell(v.ty(), v.to_cell()), v);
        }
    }
}
