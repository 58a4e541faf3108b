//! Plans: the steps every engine runs in lockstep (calls, host writes to exported memories and
//! globals, reads), and a seeded generator that builds one from a module's exports.

use crate::value::{list, DiffValue, FuncRef};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A sequence of steps, stored as JSON next to every reproducer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Plan {
    pub steps: Vec<Step>,
}

/// One step. After each, the lockstep compares every engine's exported state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Call an exported function.
    Call { export: String, args: Vec<DiffValue> },
    /// Write bytes into an exported memory, as the host.
    WriteMemory { export: String, addr: u32, bytes: Vec<u8> },
    /// Set an exported mutable global, as the host.
    SetGlobal { export: String, value: DiffValue },
    /// Nothing but the comparison.
    Read,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Call { export, args } => write!(f, "call {export:?}({})", list(args)),
            Step::WriteMemory { export, addr, bytes } => {
                write!(f, "write memory {export:?} at {addr}:")?;
                bytes.iter().try_for_each(|b| write!(f, " {b:02x}"))
            }
            Step::SetGlobal { export, value } => write!(f, "set global {export:?} = {value}"),
            Step::Read => f.write_str("read"),
        }
    }
}

impl Plan {
    /// JSON with one step per line.
    pub fn to_json(&self) -> String {
        let steps: Vec<String> =
            self.steps.iter().map(|s| serde_json::to_string(s).expect("a step always serializes")).collect();
        if steps.is_empty() {
            return "{\"steps\": []}\n".into();
        }
        format!("{{\"steps\": [\n  {}\n]}}\n", steps.join(",\n  "))
    }

    pub fn from_json(text: &str) -> Result<Plan, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// A plan of `calls` calls of the module's exported functions, deterministic for `seed`.
    ///
    /// Arguments are edge values (0, ±1, MIN, MAX, ±0.0, NaNs, ±inf, small integers) half of
    /// the time and random otherwise; references are null. Every call is made 1 to 5 times in
    /// a row with the same arguments, so memo caches warm up. About one step in eight before a
    /// call is a host write to an exported memory or mutable global, one in sixteen a read.
    /// A module that does not parse, or has no callable export, gets `calls` reads.
    pub fn generate(wasm: &[u8], calls: usize, seed: u64) -> Plan {
        let info = Exports::parse(wasm).unwrap_or_default();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let mut steps = Vec::new();
        let mut made = 0;
        while made < calls {
            if rng.random_ratio(1, 8) {
                if let Some(step) = host_step(&info, &mut rng) {
                    steps.push(step);
                }
            }
            if info.funcs.is_empty() {
                steps.push(Step::Read);
                made += 1;
                continue;
            }
            let (export, params) = &info.funcs[rng.random_range(0..info.funcs.len())];
            let args: Vec<DiffValue> = params.iter().map(|&t| value(t, &mut rng)).collect();
            let repeat = rng.random_range(1..=5usize).min(calls - made);
            for _ in 0..repeat {
                steps.push(Step::Call { export: export.clone(), args: args.clone() });
            }
            made += repeat;
            if rng.random_ratio(1, 16) {
                steps.push(Step::Read);
            }
        }
        Plan { steps }
    }
}

/// A host write to a random exported memory or mutable global, if the module has one.
fn host_step(info: &Exports, rng: &mut Xoshiro256PlusPlus) -> Option<Step> {
    let choices = info.memories.len() + info.globals.len();
    if choices == 0 {
        return None;
    }
    let pick = rng.random_range(0..choices);
    if let Some((export, size)) = info.memories.get(pick) {
        let len = rng.random_range(1..=8usize);
        let bytes: Vec<u8> = (0..len).map(|_| rng.random()).collect();
        // Mostly near the start, where small-integer arguments point.
        let top = size.saturating_sub(len as u64).min(u32::MAX as u64) as u32;
        let addr = if rng.random_bool(0.5) { rng.random_range(0..=top.min(255)) } else { rng.random_range(0..=top) };
        return Some(Step::WriteMemory { export: export.clone(), addr, bytes });
    }
    let (export, ty) = &info.globals[pick - info.memories.len()];
    Some(Step::SetGlobal { export: export.clone(), value: value(*ty, rng) })
}

const I32_EDGES: &[i32] =
    &[0, 1, -1, 2, 3, 4, 7, 8, 16, 31, 32, 100, 255, 256, 65535, 65536, i32::MIN, i32::MIN + 1, i32::MAX];
const I64_EDGES: &[i64] = &[0, 1, -1, 2, 3, 8, 63, 64, 100, 4294967295, 4294967296, i64::MIN, i64::MIN + 1, i64::MAX];
const F32_EDGES: &[u32] = &[
    0x0000_0000, // 0.0
    0x8000_0000, // -0.0
    0x3f80_0000, // 1.0
    0xbf80_0000, // -1.0
    0x3f00_0000, // 0.5
    0x7fc0_0000, // NaN
    0xffc0_0000, // -NaN
    0x7fa0_0001, // signalling NaN with a payload
    0x7f80_0000, // inf
    0xff80_0000, // -inf
    0x0080_0000, // smallest normal
    0x0000_0001, // smallest subnormal
    0x7f7f_ffff, // MAX
    0xff7f_ffff, // MIN
    0x4f00_0000, // 2^31
    0xcf00_0000, // -2^31
    0x4f80_0000, // 2^32
];
const F64_EDGES: &[u64] = &[
    0x0000_0000_0000_0000,
    0x8000_0000_0000_0000,
    0x3ff0_0000_0000_0000,
    0xbff0_0000_0000_0000,
    0x3fe0_0000_0000_0000,
    0x7ff8_0000_0000_0000,
    0xfff8_0000_0000_0000,
    0x7ff4_0000_0000_0001,
    0x7ff0_0000_0000_0000,
    0xfff0_0000_0000_0000,
    0x0010_0000_0000_0000,
    0x0000_0000_0000_0001,
    0x7fef_ffff_ffff_ffff,
    0xffef_ffff_ffff_ffff,
    0x41e0_0000_0000_0000, // 2^31
    0xc1e0_0000_0020_0000, // -2^31 - 1
    0x43e0_0000_0000_0000, // 2^63
];

/// A value of `ty`: an edge value half of the time, otherwise random (half full range, half
/// small magnitudes).
fn value(ty: ParamType, rng: &mut Xoshiro256PlusPlus) -> DiffValue {
    let edge = rng.random_bool(0.5);
    let small = rng.random_bool(0.5);
    let pick = |rng: &mut Xoshiro256PlusPlus, n: usize| rng.random_range(0..n);
    match ty {
        ParamType::I32 if edge => DiffValue::I32(I32_EDGES[pick(rng, I32_EDGES.len())]),
        ParamType::I32 if small => DiffValue::I32(rng.random_range(-8..=300)),
        ParamType::I32 => DiffValue::I32(rng.random()),
        ParamType::I64 if edge => DiffValue::I64(I64_EDGES[pick(rng, I64_EDGES.len())]),
        ParamType::I64 if small => DiffValue::I64(rng.random_range(-8..=300)),
        ParamType::I64 => DiffValue::I64(rng.random()),
        ParamType::F32 if edge => DiffValue::F32(F32_EDGES[pick(rng, F32_EDGES.len())]),
        ParamType::F32 if small => DiffValue::F32((rng.random_range(-1000..=1000) as f32 / 8.0).to_bits()),
        ParamType::F32 => DiffValue::F32(rng.random()),
        ParamType::F64 if edge => DiffValue::F64(F64_EDGES[pick(rng, F64_EDGES.len())]),
        ParamType::F64 if small => DiffValue::F64((rng.random_range(-1000..=1000) as f64 / 8.0).to_bits()),
        ParamType::F64 => DiffValue::F64(rng.random()),
        ParamType::FuncRef => DiffValue::FuncRef(FuncRef::Null),
        ParamType::ExternRef => DiffValue::ExternRef(None),
    }
}

/// The value types a plan can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    I32,
    I64,
    F32,
    F64,
    FuncRef,
    ExternRef,
}

impl ParamType {
    fn from_wasmparser(t: wasmparser::ValType) -> Option<ParamType> {
        Some(match t {
            wasmparser::ValType::I32 => ParamType::I32,
            wasmparser::ValType::I64 => ParamType::I64,
            wasmparser::ValType::F32 => ParamType::F32,
            wasmparser::ValType::F64 => ParamType::F64,
            wasmparser::ValType::Ref(r) if r.is_func_ref() => ParamType::FuncRef,
            wasmparser::ValType::Ref(r) if r.is_extern_ref() => ParamType::ExternRef,
            _ => return None,
        })
    }
}

/// What a plan can use of a module, read with wasmparser (independently of the engines).
#[derive(Debug, Default, Clone)]
pub struct Exports {
    /// Exported functions whose parameters a plan can produce, with those types.
    pub funcs: Vec<(String, Vec<ParamType>)>,
    /// Exported memories and their initial size in bytes.
    pub memories: Vec<(String, u64)>,
    /// Exported mutable globals and their types.
    pub globals: Vec<(String, ParamType)>,
}

impl Exports {
    /// Reads the exports of a module (imported functions, memories and globals count in
    /// their index spaces).
    pub fn parse(wasm: &[u8]) -> Result<Exports, wasmparser::BinaryReaderError> {
        use wasmparser::{CompositeInnerType, ExternalKind, Payload, TypeRef};
        // Parameter lists by type index (`None`: not a function type a plan can call).
        let mut types: Vec<Option<Vec<ParamType>>> = Vec::new();
        let mut funcs: Vec<u32> = Vec::new();
        let mut memories: Vec<u64> = Vec::new();
        let mut globals: Vec<Option<ParamType>> = Vec::new();
        let mut exports = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(wasm) {
            match payload? {
                Payload::TypeSection(reader) => {
                    for group in reader {
                        for sub in group?.into_types() {
                            types.push(match &sub.composite_type.inner {
                                CompositeInnerType::Func(f) => {
                                    f.params().iter().map(|&t| ParamType::from_wasmparser(t)).collect()
                                }
                                _ => None,
                            });
                        }
                    }
                }
                Payload::ImportSection(reader) => {
                    for imp in reader.into_imports() {
                        match imp?.ty {
                            TypeRef::Func(t) => funcs.push(t),
                            TypeRef::Memory(m) => memories.push(m.initial),
                            TypeRef::Global(g) => {
                                globals.push(g.mutable.then(|| ParamType::from_wasmparser(g.content_type)).flatten())
                            }
                            _ => {}
                        }
                    }
                }
                Payload::FunctionSection(reader) => {
                    for t in reader {
                        funcs.push(t?);
                    }
                }
                Payload::MemorySection(reader) => {
                    for m in reader {
                        memories.push(m?.initial);
                    }
                }
                Payload::GlobalSection(reader) => {
                    for g in reader {
                        let ty = g?.ty;
                        globals.push(ty.mutable.then(|| ParamType::from_wasmparser(ty.content_type)).flatten());
                    }
                }
                Payload::ExportSection(reader) => {
                    for e in reader {
                        let e = e?;
                        exports.push((e.name.to_string(), e.kind, e.index as usize));
                    }
                }
                _ => {}
            }
        }
        let mut info = Exports::default();
        for (name, kind, index) in exports {
            match kind {
                ExternalKind::Func => {
                    let params = funcs.get(index).and_then(|&t| types.get(t as usize)).cloned().flatten();
                    if let Some(params) = params {
                        info.funcs.push((name, params));
                    }
                }
                ExternalKind::Memory => {
                    if let Some(&pages) = memories.get(index) {
                        info.memories.push((name, pages.saturating_mul(memowasm::PAGE_SIZE as u64)));
                    }
                }
                ExternalKind::Global => {
                    if let Some(Some(ty)) = globals.get(index) {
                        info.globals.push((name, *ty));
                    }
                }
                _ => {}
            }
        }
        Ok(info)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WAT: &str = r#"(module
        (memory (export "mem") 1)
        (global (export "g") (mut i32) (i32.const 0))
        (global (export "c") i32 (i32.const 0))
        (func (export "f") (param i32 f64) (result i32) local.get 0)
        (func (export "r") (param externref funcref))
        (func (export "v") (param v128)))"#;

    #[test]
    fn generation_is_deterministic_and_uses_the_exports() {
        let wasm = wat::parse_str(WAT).unwrap();
        let a = Plan::generate(&wasm, 200, 7);
        assert_eq!(a, Plan::generate(&wasm, 200, 7));
        assert_ne!(a, Plan::generate(&wasm, 200, 8));
        let calls: Vec<_> = a.steps.iter().filter(|s| matches!(s, Step::Call { .. })).collect();
        assert_eq!(calls.len(), 200);
        // Never the v128 function; never the immutable global.
        for s in &a.steps {
            match s {
                Step::Call { export, args } => match export.as_str() {
                    "f" => assert!(matches!(args[..], [DiffValue::I32(_), DiffValue::F64(_)])),
                    "r" => assert_eq!(args, &[DiffValue::ExternRef(None), DiffValue::FuncRef(FuncRef::Null)]),
                    other => panic!("unexpected call of {other}"),
                },
                Step::SetGlobal { export, value } => {
                    assert_eq!(export, "g");
                    assert!(matches!(value, DiffValue::I32(_)));
                }
                Step::WriteMemory { addr, bytes, .. } => assert!(*addr as usize + bytes.len() <= 65536),
                Step::Read => {}
            }
        }
        assert!(a.steps.iter().any(|s| matches!(s, Step::SetGlobal { .. })));
        assert!(a.steps.iter().any(|s| matches!(s, Step::WriteMemory { .. })));
        // Calls are repeated with the same arguments.
        assert!(a.steps.windows(2).any(|w| w[0] == w[1] && matches!(w[0], Step::Call { .. })));
    }

    #[test]
    fn json_round_trip() {
        let wasm = wat::parse_str(WAT).unwrap();
        let plan = Plan::generate(&wasm, 50, 1);
        assert_eq!(Plan::from_json(&plan.to_json()).unwrap(), plan);
        assert_eq!(plan.to_json().lines().count(), plan.steps.len() + 2, "one step per line");
        assert_eq!(Plan::from_json(&Plan::default().to_json()).unwrap(), Plan::default());
        let text = r#"{"steps":[{"call":{"export":"f","args":[{"i32":1},{"f64":0}]}},"read",
            {"set_global":{"export":"g","value":{"i32":5}}},
            {"write_memory":{"export":"mem","addr":4,"bytes":[1,2]}}]}"#;
        let plan = Plan::from_json(text).unwrap();
        assert_eq!(plan.steps[1], Step::Read);
        assert_eq!(plan.steps[0].to_string(), r#"call "f"(1:i32, 0.0:f64)"#);
    }

    #[test]
    fn no_exports_means_reads() {
        let wasm = wat::parse_str("(module)").unwrap();
        assert_eq!(Plan::generate(&wasm, 3, 0).steps, vec![Step::Read; 3]);
        assert_eq!(Plan::generate(b"garbage", 2, 0).steps, vec![Step::Read; 2]);
    }
}
