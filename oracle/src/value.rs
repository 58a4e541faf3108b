//! The oracle's value type: what every engine's arguments, results, globals and table entries
//! are converted to before they are compared. Floats are kept as bits.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A function reference as the oracle sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FuncRef {
    Null,
    /// A function, by its index in the module when the engine can tell (wasmi cannot:
    /// `Func(None)` matches any function).
    Func(Option<u32>),
}

/// A WebAssembly value. `F32`/`F64` hold the bit patterns, so equality is bitwise unless
/// [`DiffValue::same`] is asked to equate NaNs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffValue {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    FuncRef(FuncRef),
    /// `None` is null; otherwise the host's value.
    ExternRef(Option<u32>),
}

/// An entry of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TableEntry {
    Null,
    /// A function, by its module index when the engine can tell; `Func(None)` matches any.
    Func(Option<u32>),
    /// A non-null external reference.
    Extern(u32),
}

/// How floats compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NanMode {
    /// Bit for bit.
    #[default]
    Exact,
    /// Any NaN equals any NaN of the same type (NaN payloads are nondeterministic across
    /// implementations unless the module canonicalizes them).
    AnyNan,
}

impl DiffValue {
    /// Whether `self` and `other` are the same value under `nans`. An unknown function index
    /// matches any function; types must agree.
    pub fn same(&self, other: &DiffValue, nans: NanMode) -> bool {
        use DiffValue::*;
        match (*self, *other) {
            (F32(a), F32(b)) => a == b || (nans == NanMode::AnyNan && f32_is_nan(a) && f32_is_nan(b)),
            (F64(a), F64(b)) => a == b || (nans == NanMode::AnyNan && f64_is_nan(a) && f64_is_nan(b)),
            (FuncRef(a), FuncRef(b)) => func_refs_match(a, b),
            (a, b) => a == b,
        }
    }

    /// Whether equal under NaN-equality (see [`NanMode::AnyNan`]).
    pub fn nan_equal(&self, other: &DiffValue) -> bool {
        self.same(other, NanMode::AnyNan)
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            DiffValue::I32(_) => "i32",
            DiffValue::I64(_) => "i64",
            DiffValue::F32(_) => "f32",
            DiffValue::F64(_) => "f64",
            DiffValue::FuncRef(_) => "funcref",
            DiffValue::ExternRef(_) => "externref",
        }
    }
}

fn f32_is_nan(bits: u32) -> bool {
    f32::from_bits(bits).is_nan()
}

fn f64_is_nan(bits: u64) -> bool {
    f64::from_bits(bits).is_nan()
}

fn func_refs_match(a: FuncRef, b: FuncRef) -> bool {
    match (a, b) {
        (FuncRef::Null, FuncRef::Null) => true,
        (FuncRef::Func(Some(x)), FuncRef::Func(Some(y))) => x == y,
        (FuncRef::Func(_), FuncRef::Func(_)) => true,
        _ => false,
    }
}

impl TableEntry {
    /// Equality where an unknown function index matches any function.
    pub fn same(&self, other: &TableEntry) -> bool {
        match (*self, *other) {
            (TableEntry::Func(Some(x)), TableEntry::Func(Some(y))) => x == y,
            (TableEntry::Func(_), TableEntry::Func(_)) => true,
            (a, b) => a == b,
        }
    }

    /// The table entry holding this reference value (`None` for a non-reference).
    pub fn from_value(v: DiffValue) -> Option<TableEntry> {
        match v {
            DiffValue::FuncRef(FuncRef::Null) | DiffValue::ExternRef(None) => Some(TableEntry::Null),
            DiffValue::FuncRef(FuncRef::Func(i)) => Some(TableEntry::Func(i)),
            DiffValue::ExternRef(Some(x)) => Some(TableEntry::Extern(x)),
            _ => None,
        }
    }
}

impl fmt::Display for DiffValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DiffValue::I32(v) => write!(f, "{v}:i32"),
            DiffValue::I64(v) => write!(f, "{v}:i64"),
            DiffValue::F32(b) if f32_is_nan(b) => write!(f, "nan({b:#010x}):f32"),
            DiffValue::F32(b) => write!(f, "{:?}:f32", f32::from_bits(b)),
            DiffValue::F64(b) if f64_is_nan(b) => write!(f, "nan({b:#018x}):f64"),
            DiffValue::F64(b) => write!(f, "{:?}:f64", f64::from_bits(b)),
            DiffValue::FuncRef(FuncRef::Null) => f.write_str("null:funcref"),
            DiffValue::FuncRef(FuncRef::Func(Some(i))) => write!(f, "func{i}:funcref"),
            DiffValue::FuncRef(FuncRef::Func(None)) => f.write_str("func?:funcref"),
            DiffValue::ExternRef(None) => f.write_str("null:externref"),
            DiffValue::ExternRef(Some(x)) => write!(f, "{x}:externref"),
        }
    }
}

impl fmt::Display for TableEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            TableEntry::Null => f.write_str("null"),
            TableEntry::Func(Some(i)) => write!(f, "func{i}"),
            TableEntry::Func(None) => f.write_str("func?"),
            TableEntry::Extern(x) => write!(f, "extern {x}"),
        }
    }
}

/// Writes `values` as `a, b, c`.
pub(crate) fn list(values: &[DiffValue]) -> String {
    values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")
}

/// The module function index of a memowasm function handle: the oracle instantiates one
/// module without imports in a fresh store, so the store index is the module's index.
pub(crate) fn memowasm_func_index(f: memowasm::Func) -> Option<u32> {
    Some(f.index())
}

impl DiffValue {
    /// Converts a memowasm value (function handles become module indices, see
    /// `memowasm_func_index`).
    pub fn from_memowasm(v: memowasm::Value) -> DiffValue {
        match v {
            memowasm::Value::I32(x) => DiffValue::I32(x),
            memowasm::Value::I64(x) => DiffValue::I64(x),
            memowasm::Value::F32(b) => DiffValue::F32(b),
            memowasm::Value::F64(b) => DiffValue::F64(b),
            memowasm::Value::FuncRef(None) => DiffValue::FuncRef(FuncRef::Null),
            memowasm::Value::FuncRef(Some(f)) => DiffValue::FuncRef(FuncRef::Func(memowasm_func_index(f))),
            memowasm::Value::ExternRef(x) => DiffValue::ExternRef(x),
        }
    }

    /// Converts to a memowasm value. A non-null function reference cannot be made without the
    /// store's handle, so it is `None`.
    pub fn to_memowasm(self) -> Option<memowasm::Value> {
        Some(match self {
            DiffValue::I32(x) => memowasm::Value::I32(x),
            DiffValue::I64(x) => memowasm::Value::I64(x),
            DiffValue::F32(b) => memowasm::Value::F32(b),
            DiffValue::F64(b) => memowasm::Value::F64(b),
            DiffValue::FuncRef(FuncRef::Null) => memowasm::Value::FuncRef(None),
            DiffValue::FuncRef(FuncRef::Func(_)) => return None,
            DiffValue::ExternRef(x) => memowasm::Value::ExternRef(x),
        })
    }

    /// Converts a wasmi value that holds no non-null reference (those need the store: see
    /// the wasmi adapter). `None` for v128 and non-null references.
    pub fn from_wasmi_plain(v: &wasmi::Val) -> Option<DiffValue> {
        Some(match v {
            wasmi::Val::I32(x) => DiffValue::I32(*x),
            wasmi::Val::I64(x) => DiffValue::I64(*x),
            wasmi::Val::F32(x) => DiffValue::F32(x.to_bits()),
            wasmi::Val::F64(x) => DiffValue::F64(x.to_bits()),
            wasmi::Val::FuncRef(r) if r.is_null() => DiffValue::FuncRef(FuncRef::Null),
            wasmi::Val::FuncRef(_) => DiffValue::FuncRef(FuncRef::Func(None)),
            wasmi::Val::ExternRef(r) if r.is_null() => DiffValue::ExternRef(None),
            _ => return None,
        })
    }

    /// Converts to a wasmi value that needs no store: numbers and null references.
    pub fn to_wasmi_plain(self) -> Option<wasmi::Val> {
        Some(match self {
            DiffValue::I32(x) => wasmi::Val::I32(x),
            DiffValue::I64(x) => wasmi::Val::I64(x),
            DiffValue::F32(b) => wasmi::Val::F32(wasmi::F32::from_bits(b)),
            DiffValue::F64(b) => wasmi::Val::F64(wasmi::F64::from_bits(b)),
            DiffValue::FuncRef(FuncRef::Null) => wasmi::Val::FuncRef(wasmi::Nullable::Null),
            DiffValue::ExternRef(None) => wasmi::Val::ExternRef(wasmi::Nullable::Null),
            DiffValue::FuncRef(FuncRef::Func(_)) | DiffValue::ExternRef(Some(_)) => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_compare_by_bits() {
        let (pz, nz) = (DiffValue::F64(0.0f64.to_bits()), DiffValue::F64((-0.0f64).to_bits()));
        assert!(!pz.same(&nz, NanMode::Exact));
        assert!(!pz.same(&nz, NanMode::AnyNan), "-0 and +0 differ even in NaN mode");
        let (n1, n2) = (DiffValue::F32(0x7fc0_0000), DiffValue::F32(0xffc0_0001));
        assert!(!n1.same(&n2, NanMode::Exact));
        assert!(n1.same(&n1, NanMode::Exact));
        assert!(n1.same(&n2, NanMode::AnyNan));
        assert!(n1.nan_equal(&n2));
        // NaN-equality is per type and never equates a NaN with a number.
        assert!(!DiffValue::F32(0x7fc0_0000).nan_equal(&DiffValue::F64(0x7ff8_0000_0000_0000)));
        assert!(!DiffValue::F32(0x7fc0_0000).nan_equal(&DiffValue::F32(0x7f80_0000)), "inf is not NaN");
        assert!(DiffValue::F64(0x7ff8_0000_0000_0001).nan_equal(&DiffValue::F64(0xfff0_0000_0000_0001)));
    }

    #[test]
    fn types_and_references() {
        assert!(!DiffValue::I32(1).same(&DiffValue::I64(1), NanMode::AnyNan));
        let f = |i| DiffValue::FuncRef(FuncRef::Func(i));
        assert!(f(Some(1)).same(&f(None), NanMode::Exact), "an unknown index matches any function");
        assert!(!f(Some(1)).same(&f(Some(2)), NanMode::Exact));
        assert!(!f(None).same(&DiffValue::FuncRef(FuncRef::Null), NanMode::Exact));
        assert!(TableEntry::Func(None).same(&TableEntry::Func(Some(3))));
        assert!(!TableEntry::Func(None).same(&TableEntry::Null));
    }

    #[test]
    fn memowasm_round_trip() {
        for v in [DiffValue::I32(-5), DiffValue::F32(0x7fa0_0001), DiffValue::ExternRef(Some(3))] {
            assert_eq!(DiffValue::from_memowasm(v.to_memowasm().unwrap()), v);
        }
    }

    #[test]
    fn json_form() {
        let v = vec![DiffValue::I32(-1), DiffValue::F64(0x7ff8_0000_0000_0000), DiffValue::FuncRef(FuncRef::Null)];
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(text, r#"[{"i32":-1},{"f64":9221120237041090560},{"funcref":"null"}]"#);
        assert_eq!(serde_json::from_str::<Vec<DiffValue>>(&text).unwrap(), v);
    }
}
