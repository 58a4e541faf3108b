//! Values in scripts: `invoke` arguments, `assert_return` result patterns (NaN patterns,
//! references, `either`), the results engines produce ([`Val`]), and how values are shown in
//! reports (floats with their bits).

use memowasm::{RefType, Value};
use std::fmt;
use wast::core::{AbstractHeapType, HeapType, NanPattern, WastArgCore, WastRetCore};
use wast::{WastArg, WastRet};

/// One expected result of an `assert_return`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    I32(i32),
    I64(i64),
    /// An f32 with exactly these bits.
    F32(u32),
    F64(u64),
    F32CanonicalNan,
    F32ArithmeticNan,
    F64CanonicalNan,
    F64ArithmeticNan,
    /// A null reference; `None` accepts a null of either reference type.
    Null(Option<RefType>),
    /// A non-null funcref (the spec tests cannot name which function).
    FuncRef,
    /// A non-null externref; `Some(n)` asks for the host value `n`.
    ExternRef(Option<u32>),
    /// Any one of the alternatives.
    Either(Vec<Expected>),
}

impl Expected {
    /// Whether `v` satisfies the pattern. Floats compare by bits, never with float `==`.
    pub fn matches(&self, v: &Val) -> bool {
        match (self, v) {
            (Expected::I32(e), Val::I32(g)) => e == g,
            (Expected::I64(e), Val::I64(g)) => e == g,
            (Expected::F32(e), Val::F32(g)) => e == g,
            (Expected::F64(e), Val::F64(g)) => e == g,
            (Expected::F32CanonicalNan, Val::F32(g)) => f32_is_canonical_nan(*g),
            (Expected::F32ArithmeticNan, Val::F32(g)) => f32_is_arithmetic_nan(*g),
            (Expected::F64CanonicalNan, Val::F64(g)) => f64_is_canonical_nan(*g),
            (Expected::F64ArithmeticNan, Val::F64(g)) => f64_is_arithmetic_nan(*g),
            (Expected::Null(None), Val::FuncRef(None) | Val::ExternRef(None)) => true,
            (Expected::Null(Some(RefType::FuncRef)), Val::FuncRef(None)) => true,
            (Expected::Null(Some(RefType::ExternRef)), Val::ExternRef(None)) => true,
            (Expected::FuncRef, Val::FuncRef(Some(_))) => true,
            (Expected::ExternRef(None), Val::ExternRef(Some(_))) => true,
            (Expected::ExternRef(Some(e)), Val::ExternRef(Some(g))) => e == g,
            (Expected::Either(alts), v) => alts.iter().any(|a| a.matches(v)),
            _ => false,
        }
    }
}

/// A value an engine produced, as the runner checks and compares it: memowasm's [`Value`]
/// with the function of a non-null funcref named by its engine (`func#3` in memowasm, `func`
/// in wasmi), because function identities mean nothing across engines. Floats are bits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Val {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    /// `None` is null; `Some` names the function as its engine shows it.
    FuncRef(Option<String>),
    /// `None` is null, otherwise the host's value.
    ExternRef(Option<u32>),
}

impl Val {
    /// The type's name, as values are shown (`i32`, `funcref`, ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Val::I32(_) => "i32",
            Val::I64(_) => "i64",
            Val::F32(_) => "f32",
            Val::F64(_) => "f64",
            Val::FuncRef(_) => "funcref",
            Val::ExternRef(_) => "externref",
        }
    }

    /// Whether the value is a NaN of either float type.
    pub fn is_nan(&self) -> bool {
        match *self {
            Val::F32(b) => f32::from_bits(b).is_nan(),
            Val::F64(b) => f64::from_bits(b).is_nan(),
            _ => false,
        }
    }
}

impl From<Value> for Val {
    fn from(v: Value) -> Val {
        match v {
            Value::I32(x) => Val::I32(x),
            Value::I64(x) => Val::I64(x),
            Value::F32(b) => Val::F32(b),
            Value::F64(b) => Val::F64(b),
            Value::FuncRef(None) => Val::FuncRef(None),
            // memowasm shows a function as `func#N:funcref`; the name is the part before the type.
            f @ Value::FuncRef(Some(_)) => {
                let shown = f.to_string();
                let name = shown.strip_suffix(":funcref").unwrap_or(&shown);
                Val::FuncRef(Some(name.to_string()))
            }
            Value::ExternRef(e) => Val::ExternRef(e),
        }
    }
}

/// A canonical NaN: either sign, all exponent bits set, only the quiet bit of the payload set.
pub fn f32_is_canonical_nan(bits: u32) -> bool {
    bits & 0x7fff_ffff == 0x7fc0_0000
}

/// An arithmetic NaN: either sign, all exponent bits set, the quiet bit set, any other payload.
pub fn f32_is_arithmetic_nan(bits: u32) -> bool {
    bits & 0x7fc0_0000 == 0x7fc0_0000
}

/// A canonical NaN: either sign, all exponent bits set, only the quiet bit of the payload set.
pub fn f64_is_canonical_nan(bits: u64) -> bool {
    bits & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000
}

/// An arithmetic NaN: either sign, all exponent bits set, the quiet bit set, any other payload.
pub fn f64_is_arithmetic_nan(bits: u64) -> bool {
    bits & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000
}

/// Shown as memowasm shows values (`3:i32`, `-0:f64`, `null:funcref`), except that a NaN
/// keeps its bits (`nan:0x7fc00001:f32`).
impl fmt::Display for Val {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Val::F32(b) if f32::from_bits(*b).is_nan() => write!(f, "nan:{b:#010x}:f32"),
            Val::F64(b) if f64::from_bits(*b).is_nan() => write!(f, "nan:{b:#018x}:f64"),
            Val::I32(v) => write!(f, "{}", Value::I32(*v)),
            Val::I64(v) => write!(f, "{}", Value::I64(*v)),
            Val::F32(b) => write!(f, "{}", Value::F32(*b)),
            Val::F64(b) => write!(f, "{}", Value::F64(*b)),
            Val::FuncRef(None) => f.write_str("null:funcref"),
            Val::FuncRef(Some(name)) => write!(f, "{name}:funcref"),
            Val::ExternRef(e) => write!(f, "{}", Value::ExternRef(*e)),
        }
    }
}

/// Shows a list of values as `[a, b]`.
pub fn show_values(values: &[Val]) -> String {
    let items: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    format!("[{}]", items.join(", "))
}

/// Shows a list of patterns as `[a, b]`.
pub fn show_expected(expected: &[Expected]) -> String {
    let items: Vec<String> = expected.iter().map(|e| e.to_string()).collect();
    format!("[{}]", items.join(", "))
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::I32(v) => write!(f, "{}", Val::I32(*v)),
            Expected::I64(v) => write!(f, "{}", Val::I64(*v)),
            Expected::F32(b) => write!(f, "{}", Val::F32(*b)),
            Expected::F64(b) => write!(f, "{}", Val::F64(*b)),
            Expected::F32CanonicalNan => f.write_str("nan:canonical:f32"),
            Expected::F32ArithmeticNan => f.write_str("nan:arithmetic:f32"),
            Expected::F64CanonicalNan => f.write_str("nan:canonical:f64"),
            Expected::F64ArithmeticNan => f.write_str("nan:arithmetic:f64"),
            Expected::Null(None) => f.write_str("null:ref"),
            Expected::Null(Some(RefType::FuncRef)) => f.write_str("null:funcref"),
            Expected::Null(Some(RefType::ExternRef)) => f.write_str("null:externref"),
            Expected::FuncRef => f.write_str("non-null:funcref"),
            Expected::ExternRef(None) => f.write_str("non-null:externref"),
            Expected::ExternRef(Some(n)) => write!(f, "{n}:externref"),
            Expected::Either(alts) => {
                let items: Vec<String> = alts.iter().map(|a| a.to_string()).collect();
                write!(f, "either({})", items.join(" | "))
            }
        }
    }
}

/// Converts an `invoke` argument; `Err` names what the runner does not support.
pub(crate) fn arg(a: &WastArg<'_>) -> Result<Value, String> {
    let WastArg::Core(core) = a else {
        return Err(unsupported("component-model argument"));
    };
    Ok(match core {
        WastArgCore::I32(v) => Value::I32(*v),
        WastArgCore::I64(v) => Value::I64(*v),
        WastArgCore::F32(v) => Value::F32(v.bits),
        WastArgCore::F64(v) => Value::F64(v.bits),
        WastArgCore::RefNull(heap) => match heap_ref_type(heap)? {
            RefType::FuncRef => Value::FuncRef(None),
            RefType::ExternRef => Value::ExternRef(None),
        },
        WastArgCore::RefExtern(n) => Value::ExternRef(Some(*n)),
        WastArgCore::V128(_) => return Err(unsupported("v128 argument (SIMD)")),
        WastArgCore::RefHost(_) => return Err(unsupported("ref.host argument")),
    })
}

/// Converts an `assert_return` result pattern; `Err` names what the runner does not support.
pub(crate) fn expected(r: &WastRet<'_>) -> Result<Expected, String> {
    match r {
        WastRet::Core(core) => expected_core(core),
        _ => Err(unsupported("component-model result")),
    }
}

fn expected_core(r: &WastRetCore<'_>) -> Result<Expected, String> {
    Ok(match r {
        WastRetCore::I32(v) => Expected::I32(*v),
        WastRetCore::I64(v) => Expected::I64(*v),
        WastRetCore::F32(NanPattern::Value(v)) => Expected::F32(v.bits),
        WastRetCore::F32(NanPattern::CanonicalNan) => Expected::F32CanonicalNan,
        WastRetCore::F32(NanPattern::ArithmeticNan) => Expected::F32ArithmeticNan,
        WastRetCore::F64(NanPattern::Value(v)) => Expected::F64(v.bits),
        WastRetCore::F64(NanPattern::CanonicalNan) => Expected::F64CanonicalNan,
        WastRetCore::F64(NanPattern::ArithmeticNan) => Expected::F64ArithmeticNan,
        WastRetCore::RefNull(None) => Expected::Null(None),
        WastRetCore::RefNull(Some(heap)) => Expected::Null(Some(heap_ref_type(heap)?)),
        WastRetCore::RefFunc(_) => Expected::FuncRef,
        WastRetCore::RefExtern(n) => Expected::ExternRef(*n),
        WastRetCore::Either(alts) => Expected::Either(alts.iter().map(expected_core).collect::<Result<_, _>>()?),
        WastRetCore::V128(_) => return Err(unsupported("v128 result (SIMD)")),
        WastRetCore::RefHost(_) => return Err(unsupported("ref.host result")),
        _ => return Err(unsupported("GC reference result (ref.any, ref.eq, ref.struct, ...)")),
    })
}

/// The reference type of a `ref.null` heap type; the bottom types map to their hierarchy.
fn heap_ref_type(heap: &HeapType<'_>) -> Result<RefType, String> {
    match heap {
        HeapType::Abstract { shared: false, ty: AbstractHeapType::Func | AbstractHeapType::NoFunc } => {
            Ok(RefType::FuncRef)
        }
        HeapType::Abstract { shared: false, ty: AbstractHeapType::Extern | AbstractHeapType::NoExtern } => {
            Ok(RefType::ExternRef)
        }
        HeapType::Abstract { shared: true, .. } => Err(unsupported("shared reference (threads)")),
        HeapType::Abstract { ty, .. } => {
            let name = format!("{ty:?}").to_lowercase();
            Err(unsupported(&format!("ref.null {name} (GC or exceptions)")))
        }
        HeapType::Concrete(_) | HeapType::Exact(_) => {
            Err(unsupported("reference to a concrete type (typed function references)"))
        }
    }
}

/// The reason for a value the runner cannot represent.
fn unsupported(what: &str) -> String {
    format!("unsupported value: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_nan_patterns() {
        assert!(f32_is_canonical_nan(0x7fc0_0000));
        assert!(f32_is_canonical_nan(0xffc0_0000));
        assert!(!f32_is_canonical_nan(0x7fc0_0001));
        assert!(!f32_is_canonical_nan(0x7fa0_0000));
        assert!(!f32_is_canonical_nan(0x7f80_0000)); // infinity
        assert!(f64_is_canonical_nan(0x7ff8_0000_0000_0000));
        assert!(f64_is_canonical_nan(0xfff8_0000_0000_0000));
        assert!(!f64_is_canonical_nan(0x7ff8_0000_0000_0001));
        assert!(!f64_is_canonical_nan(0x7ff0_0000_0000_0000));
    }

    #[test]
    fn arithmetic_nan_patterns() {
        assert!(f32_is_arithmetic_nan(0x7fc0_0000));
        assert!(f32_is_arithmetic_nan(0xffc0_0001));
        assert!(f32_is_arithmetic_nan(0x7fff_ffff));
        assert!(!f32_is_arithmetic_nan(0x7fa0_0000)); // signalling
        assert!(!f32_is_arithmetic_nan(0x7f80_0000));
        assert!(!f32_is_arithmetic_nan(0x3f80_0000)); // 1.0
        assert!(f64_is_arithmetic_nan(0x7ff8_0000_0000_0001));
        assert!(f64_is_arithmetic_nan(0xfffc_0000_0000_0000));
        assert!(!f64_is_arithmetic_nan(0x7ff4_0000_0000_0000));
        assert!(!f64_is_arithmetic_nan(0x7ff0_0000_0000_0000));
    }

    #[test]
    fn floats_match_by_bits() {
        // +0 and -0 are float-equal but are different results.
        assert!(!Expected::F32(0x0000_0000).matches(&Val::F32(0x8000_0000)));
        assert!(!Expected::F64(0).matches(&Val::F64(0x8000_0000_0000_0000)));
        // A NaN matches itself bit for bit, though NaN != NaN as a float.
        assert!(Expected::F32(0x7fa0_0001).matches(&Val::F32(0x7fa0_0001)));
        assert!(!Expected::F32(0x7fa0_0001).matches(&Val::F32(0x7fa0_0002)));
        assert!(Expected::F32CanonicalNan.matches(&Val::F32(0xffc0_0000)));
        assert!(!Expected::F32CanonicalNan.matches(&Val::F64(0x7ff8_0000_0000_0000)));
        assert!(!Expected::I32(1).matches(&Val::I64(1)));
    }

    #[test]
    fn reference_patterns() {
        assert!(Expected::Null(None).matches(&Val::FuncRef(None)));
        assert!(Expected::Null(None).matches(&Val::ExternRef(None)));
        assert!(!Expected::Null(Some(RefType::FuncRef)).matches(&Val::ExternRef(None)));
        assert!(Expected::ExternRef(Some(3)).matches(&Val::ExternRef(Some(3))));
        assert!(!Expected::ExternRef(Some(3)).matches(&Val::ExternRef(Some(4))));
        assert!(Expected::ExternRef(None).matches(&Val::ExternRef(Some(0))));
        assert!(!Expected::ExternRef(None).matches(&Val::ExternRef(None)));
        assert!(!Expected::FuncRef.matches(&Val::FuncRef(None)));
    }

    #[test]
    fn either_matches_any_alternative() {
        let e = Expected::Either(vec![Expected::I32(1), Expected::F32ArithmeticNan]);
        assert!(e.matches(&Val::I32(1)));
        assert!(e.matches(&Val::F32(0x7fc0_0123)));
        assert!(!e.matches(&Val::I32(2)));
        assert_eq!(e.to_string(), "either(1:i32 | nan:arithmetic:f32)");
    }

    #[test]
    fn nans_are_shown_with_their_bits() {
        assert_eq!(Val::F32(0x7fc0_0001).to_string(), "nan:0x7fc00001:f32");
        assert_eq!(Val::F64(0x8000_0000_0000_0000).to_string(), "-0:f64");
        assert_eq!(show_values(&[Val::I32(5), Val::I64(-1)]), "[5:i32, -1:i64]");
    }
}
