//! Plans drawn from fuzzer bytes: a small pool of distinct calls, run in bursts and interleaved
//! (A(x), A(x), B(y), A(x), ...) with host writes between them, so that memo entries are
//! recorded, hit, and then must be invalidated.

use crate::plan::{Plan, Step};
use crate::value::{DiffValue, FuncRef};
use arbitrary::{Result, Unstructured};

pub use crate::plan::{Exports, ParamType};

pub const I32_EDGES: &[i32] =
    &[0, 1, -1, 2, 3, 4, 7, 8, 16, 31, 32, 60, 64, 255, 4092, 65535, 65536, i32::MIN, i32::MAX];
pub const I64_EDGES: &[i64] = &[0, 1, -1, 2, 8, 63, 64, 4294967295, 4294967296, i64::MIN, i64::MAX];
/// ±0, ±1, quiet and signalling NaNs with payloads, ±inf, subnormal, 2^31.
pub const F32_EDGES: &[u32] = &[
    0x0000_0000,
    0x8000_0000,
    0x3f80_0000,
    0xbf80_0000,
    0x7fc0_0000,
    0xffc0_0000,
    0x7fc0_0001,
    0x7fa0_0001,
    0x7f80_0000,
    0xff80_0000,
    0x0000_0001,
    0x4f00_0000,
];
pub const F64_EDGES: &[u64] = &[
    0x0000_0000_0000_0000,
    0x8000_0000_0000_0000,
    0x3ff0_0000_0000_0000,
    0xbff0_0000_0000_0000,
    0x7ff8_0000_0000_0000,
    0xfff8_0000_0000_0000,
    0x7ff8_0000_0000_0001,
    0x7ff4_0000_0000_0001,
    0x7ff0_0000_0000_0000,
    0xfff0_0000_0000_0000,
    0x0000_0000_0000_0001,
    0x41e0_0000_0000_0000,
];

/// A value of `ty`: an edge value half of the time, a small one a quarter, any otherwise.
pub fn value(u: &mut Unstructured<'_>, ty: ParamType) -> Result<DiffValue> {
    let kind = u.int_in_range(0..=3u8)?;
    Ok(match ty {
        ParamType::I32 => DiffValue::I32(match kind {
            0 | 1 => *u.choose(I32_EDGES)?,
            2 => u.int_in_range(-4..=300)?,
            _ => u.arbitrary()?,
        }),
        ParamType::I64 => DiffValue::I64(match kind {
            0 | 1 => *u.choose(I64_EDGES)?,
            2 => u.int_in_range(-4..=300)?,
            _ => u.arbitrary()?,
        }),
        ParamType::F32 => DiffValue::F32(match kind {
            0 | 1 => *u.choose(F32_EDGES)?,
            2 => (u.int_in_range(-64..=64)? as f32 / 4.0).to_bits(),
            _ => u.arbitrary()?,
        }),
        ParamType::F64 => DiffValue::F64(match kind {
            0 | 1 => *u.choose(F64_EDGES)?,
            2 => (u.int_in_range(-64..=64)? as f64 / 4.0).to_bits(),
            _ => u.arbitrary()?,
        }),
        ParamType::FuncRef => DiffValue::FuncRef(FuncRef::Null),
        ParamType::ExternRef => DiffValue::ExternRef(if u.arbitrary()? { None } else { Some(u.int_in_range(0..=3)?) }),
    })
}

/// A plan of at most `max_steps` steps over `exports`.
///
/// A pool of one to six distinct calls (export and arguments) is drawn first; then steps are
/// bursts of one pool call repeated 1 to 12 times (enough to pass any threshold), and about one
/// step in five a host write to an exported memory (near the start, where small addresses
/// point, or anywhere) or a host set of an exported mutable global.
pub fn plan(u: &mut Unstructured<'_>, exports: &Exports, max_steps: usize) -> Result<Plan> {
    let mut pool = Vec::new();
    if !exports.funcs.is_empty() {
        for _ in 0..u.int_in_range(1..=6)? {
            let (export, params) = u.choose(&exports.funcs)?;
            let args = params.iter().map(|&t| value(u, t)).collect::<Result<Vec<_>>>()?;
            pool.push(Step::Call { export: export.clone(), args });
        }
    }
    let mut steps = Vec::new();
    while steps.len() < max_steps && !u.is_empty() {
        if pool.is_empty() || u.ratio(1, 5)? {
            if let Some(step) = host_step(u, exports)? {
                steps.push(step);
            } else if pool.is_empty() {
                break;
            }
            continue;
        }
        let call = u.choose(&pool)?.clone();
        for _ in 0..u.int_in_range(1..=12)?.min(max_steps - steps.len()) {
            steps.push(call.clone());
        }
    }
    Ok(Plan { steps })
}

/// A host write to an exported memory or a set of an exported mutable global, if any.
pub fn host_step(u: &mut Unstructured<'_>, exports: &Exports) -> Result<Option<Step>> {
    let choices = exports.memories.len() + exports.globals.len();
    if choices == 0 {
        return Ok(None);
    }
    let pick = u.choose_index(choices)?;
    if let Some((export, size)) = exports.memories.get(pick) {
        if *size == 0 {
            return Ok(None);
        }
        let len = u.int_in_range(1..=8u64)?.min(*size);
        let top = (size - len).min(u32::MAX as u64) as u32;
        let addr = match u.int_in_range(0..=2)? {
            0 => u.int_in_range(0..=top.min(255))?,
            1 => (u.int_in_range(1..=64u32)? * 64).saturating_sub(u.int_in_range(0..=8)?).min(top),
            _ => u.int_in_range(0..=top)?,
        };
        let bytes = u.bytes(len as usize).map(<[u8]>::to_vec).unwrap_or_else(|_| vec![0xff; len as usize]);
        return Ok(Some(Step::WriteMemory { export: export.clone(), addr, bytes }));
    }
    let (export, ty) = &exports.globals[pick - exports.memories.len()];
    Ok(Some(Step::SetGlobal { export: export.clone(), value: value(u, *ty)? }))
}
