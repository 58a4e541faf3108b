//! The accumulator handlers (`exec::raw::thread_code` and `accumulate`): an op right after
//! one that produces its operand takes the operand from a register. Each op family is run
//! with its operand produced just before it, in each position the handlers cover, in the
//! plain engine and in a memo engine, and each against the same engine with
//! `Config::accumulator(false)` (every operand from its cell); they must give the same
//! results and traps on every argument. The same for constant second operands, which the
//! plain engine's code takes as immediates (`thread_code`), under the same switch.

use memowasm::{Config, Engine, Linker, MemoConfig, Module, Store, ValType, Value};

const INT_BINARY: &[&str] = &[
    "add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl",
    "rotr", "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u",
];
const INT_COMPARE: &[&str] = &["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];
const FLOAT_BINARY: &[&str] =
    &["add", "sub", "mul", "div", "min", "max", "copysign", "eq", "ne", "lt", "gt", "le", "ge"];
const INT_UNARY: &[&str] = &["clz", "ctz", "popcnt", "eqz"];
const FLOAT_UNARY: &[&str] = &["abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"];
const LOADS: &[(&str, &str)] = &[
    ("i32", "i32.load"),
    ("i32", "i32.load8_s"),
    ("i32", "i32.load8_u"),
    ("i32", "i32.load16_s"),
    ("i32", "i32.load16_u"),
    ("i64", "i64.load"),
    ("i64", "i64.load32_s"),
    ("i64", "i64.load32_u"),
    ("f32", "f32.load"),
    ("f64", "f64.load"),
];
const STORES: &[(&str, &str)] = &[
    ("i32", "i32.store"),
    ("i32", "i32.store8"),
    ("i32", "i32.store16"),
    ("i64", "i64.store"),
    ("i64", "i64.store32"),
];

fn is_compare(op: &str) -> bool {
    ["eq", "ne", "lt", "gt", "le", "ge", "eqz"].iter().any(|c| op == *c || op.starts_with(&format!("{c}_")))
}

/// The module: for each op, functions whose operand is computed by the op right before.
fn module() -> (String, Vec<(String, Vec<ValType>)>) {
    let mut funcs = String::new();
    let mut exports = Vec::new();
    let mut func = |name: String, params: &[&str], result: &str, body: String| {
        let ps: String = params.iter().map(|p| format!(" (param {p})")).collect();
        funcs.push_str(&format!("  (func (export \"{name}\"){ps} (result {result}) {body})\n"));
        let types = params
            .iter()
            .map(|p| match *p {
                "i32" => ValType::I32,
                "i64" => ValType::I64,
                "f32" => ValType::F32,
                _ => ValType::F64,
            })
            .collect();
        exports.push((name, types));
    };
    for t in ["i32", "i64", "f32", "f64"] {
        let int = t.starts_with('i');
        let ops = if int { INT_BINARY } else { FLOAT_BINARY };
        for op in ops {
            let r = if is_compare(op) { "i32" } else { t };
            let sum = format!("({t}.add (local.get 0) (local.get 2))");
            func(format!("a_{t}_{op}"), &[t, t, t], r, format!("({t}.{op} {sum} (local.get 1))"));
            func(format!("b_{t}_{op}"), &[t, t, t], r, format!("({t}.{op} (local.get 1) {sum})"));
        }
        let unary = if int { INT_UNARY } else { FLOAT_UNARY };
        for op in unary {
            let r = if is_compare(op) { "i32" } else { t };
            func(format!("u_{t}_{op}"), &[t, t], r, format!("({t}.{op} ({t}.add (local.get 0) (local.get 1)))"));
        }
        if int {
            for op in INT_COMPARE {
                let sum = format!("({t}.add (local.get 0) (local.get 2))");
                let pick = "(then (i32.const 1)) (else (i32.const 2))";
                func(
                    format!("ca_{t}_{op}"),
                    &[t, t, t],
                    "i32",
                    format!("(if (result i32) ({t}.{op} {sum} (local.get 1)) {pick})"),
                );
                func(
                    format!("cb_{t}_{op}"),
                    &[t, t, t],
                    "i32",
                    format!("(if (result i32) ({t}.{op} (local.get 1) {sum}) {pick})"),
                );
            }
        }
    }
    // A constant second operand, which the plain engine's code takes as an immediate where
    // its value fits in 32 bits (those below 2^32 and the ones above, which stay in their
    // cells), alone and with the first operand produced just before.
    for t in ["i32", "i64", "f32", "f64"] {
        let int = t.starts_with('i');
        let ops = if int { INT_BINARY } else { FLOAT_BINARY };
        for (j, k) in constants(t).iter().enumerate() {
            let k = format!("({t}.const {k})");
            for op in ops {
                let r = if is_compare(op) { "i32" } else { t };
                let sum = format!("({t}.add (local.get 0) (local.get 1))");
                func(format!("k{j}_{t}_{op}"), &[t], r, format!("({t}.{op} (local.get 0) {k})"));
                func(format!("ka{j}_{t}_{op}"), &[t, t], r, format!("({t}.{op} {sum} {k})"));
                // The constant first (commutative integer ops take it second).
                func(format!("kf{j}_{t}_{op}"), &[t, t], r, format!("({t}.{op} {k} {sum})"));
            }
            // A copy of the constant, then a use of the copy.
            func(format!("kl{j}_{t}"), &[t, t], t, format!("(local.set 1 {k}) ({t}.add (local.get 1) (local.get 0))"));
            if int {
                for op in INT_COMPARE {
                    let sum = format!("({t}.add (local.get 0) (local.get 1))");
                    let pick = "(then (i32.const 1)) (else (i32.const 2))";
                    func(
                        format!("kc{j}_{t}_{op}"),
                        &[t],
                        "i32",
                        format!("(if (result i32) ({t}.{op} (local.get 0) {k}) {pick})"),
                    );
                    func(
                        format!("kca{j}_{t}_{op}"),
                        &[t, t],
                        "i32",
                        format!("(if (result i32) ({t}.{op} {sum} {k}) {pick})"),
                    );
                }
            }
        }
    }
    // Conversions that trap (an operand produced just before).
    for (t, op) in [("f32", "i32.trunc_f32_s"), ("f64", "i64.trunc_f64_u"), ("f64", "i32.trunc_f64_u")] {
        let r = &op[..3];
        func(format!("t_{op}"), &[t, t], r, format!("({op} ({t}.add (local.get 0) (local.get 1)))"));
    }
    // The condition of br_if and the source of a copy.
    func(
        "brif".into(),
        &["i32", "i32"],
        "i32",
        "(block (br_if 0 (i32.sub (local.get 0) (local.get 1))) (return (i32.const 5))) (i32.const 6)".into(),
    );
    func(
        "copy".into(),
        &["i32", "i32"],
        "i32",
        "(local.set 1 (i32.xor (local.get 0) (local.get 1))) (i32.add (local.get 1) (local.get 1))".into(),
    );
    // global.get and memory.size as producers, global.set as a consumer.
    func(
        "globals".into(),
        &["i32", "i32"],
        "i32",
        "(global.set $g (i32.add (local.get 0) (local.get 1))) (i32.sub (global.get $g) (local.get 1))".into(),
    );
    func("size".into(), &["i32", "i32"], "i32", "(i32.mul (memory.size) (local.get 0))".into());
    for (t, op) in LOADS {
        // The address from the op before: at an offset (the load itself), at 0 (fused with
        // the add, whose either operand is the product).
        let prod = "(i32.mul (local.get 0) (local.get 1))";
        func(format!("l_{op}"), &["i32", "i32"], t, format!("({op} offset=4 (i32.add (local.get 0) (local.get 1)))"));
        func(format!("la_{op}"), &["i32", "i32"], t, format!("({op} (i32.add {prod} (local.get 1)))"));
        func(format!("lb_{op}"), &["i32", "i32"], t, format!("({op} (i32.add (local.get 1) {prod}))"));
        // A constant part (an immediate), with the other one from a cell or the op before.
        func(format!("lk_{op}"), &["i32", "i32"], t, format!("({op} (i32.add (local.get 0) (i32.const 3)))"));
        func(format!("lka_{op}"), &["i32", "i32"], t, format!("({op} (i32.add {prod} (i32.const 3)))"));
    }
    for (t, op) in STORES {
        let read = "(i64.load offset=4 (local.get 0))";
        let sum = format!("({t}.add (local.get 1) (local.get 2))");
        // The value from the op before, at an offset and at 0 (fused address); the address
        // from the op before.
        func(format!("sv_{op}"), &["i32", t, t], "i64", format!("({op} offset=4 (local.get 0) {sum}) {read}"));
        func(
            format!("sva_{op}"),
            &["i32", t, t],
            "i64",
            format!("({op} (i32.add (local.get 0) (i32.const 4)) {sum}) {read}"),
        );
        // A fused address whose either part is the product of the op before.
        let prod = "(i32.mul (local.get 0) (i32.const 3))";
        func(
            format!("sfa_{op}"),
            &["i32", t, t],
            "i64",
            format!("({op} (i32.add {prod} (i32.const 8)) (local.get 1)) {read}"),
        );
        func(
            format!("sfb_{op}"),
            &["i32", t, t],
            "i64",
            format!("({op} (i32.add (i32.const 8) {prod}) (local.get 1)) {read}"),
        );
        func(
            format!("sa_{op}"),
            &["i32", t, t],
            "i64",
            format!("({op} offset=4 (i32.add (local.get 0) (i32.const 0)) (local.get 1)) {read}"),
        );
    }
    let data = "\\01\\80\\ff\\7f\\00\\10\\fe\\02\\81\\33\\44\\55\\66\\77\\88\\99";
    (format!("(module (memory 1) (global $g (mut i32) (i32.const 0))\n  (data (i32.const 0) \"{data}{data}{data}{data}\")\n{funcs})"), exports)
}

/// Constants of type `t` (WAT) for second operands: bit patterns below 2^32, the largest
/// of them, and above.
fn constants(t: &str) -> &'static [&'static str] {
    match t {
        "i32" => &["1", "-1", "-2147483648", "31"],
        "i64" => &["3", "-1", "4294967295", "4294967296"],
        // 0.5, -0.0, a quiet and a signalling NaN: all below 2^32 as f32 bits.
        "f32" => &["0.5", "-0.0", "nan", "nan:0x200000"],
        // The smallest subnormal (bits 1) is the one below 2^32.
        _ => &["0x1p-1074", "-0.0", "nan", "1.0"],
    }
}

/// Arguments of type `t`, edge cases included.
fn values(t: ValType) -> Vec<Value> {
    match t {
        ValType::I32 => [0, 1, 2, 7, -1, i32::MIN, i32::MAX, 31, 33].map(Value::I32).to_vec(),
        ValType::I64 => [0, 1, 3, -1, i64::MIN, i64::MAX, 63, 65].map(Value::I64).to_vec(),
        // NaNs of both signs and a signalling one: an operation on two NaNs must pick the
        // same one whichever operand came from the accumulator.
        ValType::F32 => [0.0f32, -0.0, 1.5, -2.5, f32::INFINITY, 3e9, -0.5]
            .map(f32::to_bits)
            .into_iter()
            .chain([0x7fc0_0000, 0xffc0_0001, 0x7fa0_0000])
            .map(Value::F32)
            .collect(),
        _ => [0.0f64, -0.0, 1.5, -2.5, f64::NEG_INFINITY, 5e18, 2e19]
            .map(f64::to_bits)
            .into_iter()
            .chain([0x7ff8_0000_0000_0000, 0xfff8_0000_0000_0001, 0x7ff4_0000_0000_0000])
            .map(Value::F64)
            .collect(),
    }
}

/// Small addresses for the memory functions (their first parameter is an address part).
fn args(name: &str, params: &[ValType]) -> Vec<Vec<Value>> {
    let mut sets: Vec<Vec<Value>> = vec![vec![]];
    for (i, &t) in params.iter().enumerate() {
        let memory = ["l_", "la_", "lb_", "lk_", "lka_", "sv_", "sva_", "sa_", "sfa_", "sfb_"]
            .iter()
            .any(|p| name.starts_with(p));
        let vs = if memory && i == 0 {
            vec![Value::I32(0), Value::I32(3), Value::I32(17), Value::I32(65_530)]
        } else if memory && name.starts_with('l') {
            vec![Value::I32(0), Value::I32(1), Value::I32(5)]
        } else {
            values(t)
        };
        let step = if params.len() == 3 { 2 } else { 1 };
        sets = sets
            .iter()
            .flat_map(|s| {
                vs.iter().step_by(if i == 2 { step } else { 1 }).map(move |v| {
                    let mut s = s.clone();
                    s.push(*v);
                    s
                })
            })
            .collect();
    }
    sets
}

/// The results (NaN bits included: both engines run the same semantics) or the error.
fn outcome(store: &mut Store, f: memowasm::Func, args: &[Value]) -> String {
    match f.call(store, args) {
        Ok(v) => format!("{v:?}"),
        Err(e) => format!("error: {e}"),
    }
}

#[test]
fn operands_from_the_accumulator_give_what_operands_from_cells_give() {
    let (wat, exports) = module();
    let memo = Some(MemoConfig::default());
    let mut calls = 0;
    let mut traps = 0;
    for config in [Config::default(), Config::default().memo(memo)] {
        let with = Engine::new(config.clone());
        let without = Engine::new(config.accumulator(false));
        let (wm, om) = (Module::from_wat(&with, &wat).unwrap(), Module::from_wat(&without, &wat).unwrap());
        for (name, params) in &exports {
            // Fresh instances per function: the store functions write memory.
            let mut ws = Store::new(&with);
            let wi = Linker::new().instantiate(&mut ws, &wm).unwrap();
            let mut os = Store::new(&without);
            let oi = Linker::new().instantiate(&mut os, &om).unwrap();
            let wf = wi.get_func(&ws, name).unwrap();
            let of = oi.get_func(&os, name).unwrap();
            for a in args(name, params) {
                let (w, o) = (outcome(&mut ws, wf, &a), outcome(&mut os, of, &a));
                assert_eq!(w, o, "{name}{a:?}");
                calls += 1;
                traps += usize::from(w.starts_with("error"));
            }
        }
    }
    // Every family ran, and some calls trapped (division, conversion, out of bounds).
    assert!(exports.len() > 900, "{} functions", exports.len());
    assert!(calls > 20_000 && traps > 200, "{calls} calls, {traps} traps");
}
