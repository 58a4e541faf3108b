//! Two-instance scenarios of the `memo_hazards` target: a provider module `$A` exports a
//! memory, five mutable globals and a table; a hazard module ([`super::hazards`]) imports them
//! and is instantiated twice (`$B`, `$C`: two instances of one module, their own functions and
//! segments, one shared state). Hot calls on one instance are interleaved with writes through
//! `$A` and through the other instance, so that entries must be invalidated by writes that
//! another instance made.
//!
//! The oracle's engines instantiate one module without imports, so these scenarios run as
//! `.wast` scripts through the spec runner in plain, memo, memo-aggressive (verify on) and
//! wasmi, compared after every action. A divergence leaves the script, which
//! `memowasm spec crash-<sha256>.wast` replays and which is already in the form of a
//! `corpus/regressions/` file.

use super::hazards::{arg_for, generate, Generated, Role, Shape, Sig, Ty};
use super::{Exec, Finding, Ran};
use crate::value::DiffValue;
use arbitrary::{Result, Unstructured};
use memowasm_spec::{EngineKind, RunOptions, WastSource};
use std::fmt::Write;

/// Actions in a script at most.
pub const MAX_ACTIONS: usize = 48;

/// The provider: the shared state and a few writers of it.
fn provider(shape: &Shape) -> (String, Vec<Sig>) {
    let mut m = String::from("(module $A\n  (type $kt (func (param i32) (result i32)))\n");
    let _ = writeln!(m, "  (memory (export \"mem\") 1 {})", shape.mem_max);
    for (g, t) in [("g0", "i32"), ("g1", "i32"), ("g2", "i64"), ("g3", "f32"), ("g4", "f64")] {
        let _ = writeln!(m, "  (global ${g} (export \"{g}\") (mut {t}) ({t}.const 0))");
    }
    m.push_str("  (func $a0 (type $kt) local.get 0 i32.const 2 i32.mul)\n");
    let mut writers = vec![
        ("a_store32", "(param i32 i32) local.get 0 local.get 1 i32.store", vec![Role::Addr, Role::Any]),
        ("a_store8", "(param i32 i32) local.get 0 local.get 1 i32.store8", vec![Role::Addr, Role::Any]),
        ("a_grow", "(param i32) (result i32) local.get 0 memory.grow", vec![Role::Len]),
        ("a_gset0", "(param i32) local.get 0 global.set $g0", vec![Role::Any]),
        ("a_gset1", "(param i32) local.get 0 global.set $g1", vec![Role::Any]),
    ];
    if shape.tables {
        let _ = writeln!(m, "  (table $tab (export \"tab\") {} {} funcref)", shape.table_min, shape.table_max);
        m.push_str("  (elem (table $tab) (i32.const 0) func $a0 $a0 $a0)\n");
        writers.push(("a_tset", "(param i32) local.get 0 ref.func $a0 table.set $tab", vec![Role::Slot]));
        writers.push(("a_tnull", "(param i32) local.get 0 ref.null func table.set $tab", vec![Role::Slot]));
    }
    if shape.bulk {
        writers.push((
            "a_fill",
            "(param i32 i32 i32) local.get 0 local.get 1 local.get 2 memory.fill",
            vec![Role::Addr, Role::Any, Role::Len],
        ));
    }
    let mut sigs = Vec::new();
    for (name, body, roles) in writers {
        let _ = writeln!(m, "  (func (export \"{name}\") {body})");
        sigs.push(Sig { name: name.into(), params: vec![Ty::I32; roles.len()], roles });
    }
    m.push_str(")\n(register \"A\" $A)\n");
    (m, sigs)
}

/// A wast constant.
fn constant(v: &DiffValue) -> String {
    match *v {
        DiffValue::I32(x) => format!("(i32.const {x})"),
        DiffValue::I64(x) => format!("(i64.const {x})"),
        DiffValue::F32(b) => {
            let f = f32::from_bits(b);
            let sign = if b >> 31 == 1 { "-" } else { "" };
            if f.is_nan() {
                format!("(f32.const {sign}nan:{:#x})", b & 0x7f_ffff)
            } else if f.is_infinite() {
                format!("(f32.const {sign}inf)")
            } else {
                format!("(f32.const {f:?})")
            }
        }
        DiffValue::F64(b) => {
            let f = f64::from_bits(b);
            let sign = if b >> 63 == 1 { "-" } else { "" };
            if f.is_nan() {
                format!("(f64.const {sign}nan:{:#x})", b & 0xf_ffff_ffff_ffff)
            } else if f.is_infinite() {
                format!("(f64.const {sign}inf)")
            } else {
                format!("(f64.const {f:?})")
            }
        }
        DiffValue::FuncRef(_) => "(ref.null func)".into(),
        DiffValue::ExternRef(None) => "(ref.null extern)".into(),
        DiffValue::ExternRef(Some(x)) => format!("(ref.extern {x})"),
    }
}

fn invoke(u: &mut Unstructured<'_>, instance: &str, sig: &Sig) -> Result<String> {
    let mut args = String::new();
    for (&ty, &role) in sig.params.iter().zip(&sig.roles) {
        args.push(' ');
        args.push_str(&constant(&arg_for(u, role, ty)?));
    }
    Ok(format!("(invoke {instance} \"{}\"{args})\n", sig.name))
}

/// The script of a two-instance scenario.
pub fn script(u: &mut Unstructured<'_>) -> Result<String> {
    let shape = Shape::arbitrary(u, true, true)?;
    let (provider, writers) = provider(&shape);
    let g: Generated = generate(u, &shape)?;
    let twin = u.ratio(2, 3)?;
    let mut s =
        String::from(";; memowasm fuzz: a memo_hazards two-instance scenario (provider $A, instances $B, $C).\n");
    s.push_str(&provider);
    let body = g.text.strip_prefix("(module").expect("a module");
    let _ = write!(s, "(module $B{body}");
    if twin {
        let _ = write!(s, "(module $C{body}");
    }
    let instances: &[&str] = if twin { &["$B", "$C"] } else { &["$B"] };
    let mut actions = 0;
    while actions < MAX_ACTIONS && !u.is_empty() {
        let hot = u.choose(&g.hot)?;
        let on = *u.choose(instances)?;
        let call = invoke(u, on, hot)?;
        for _ in 0..u.int_in_range(2..=4)? {
            s.push_str(&call);
            actions += 1;
        }
        // A write by the provider, by the other instance, or by this one.
        let write = match u.int_in_range(0..=2)? {
            0 => {
                let sig = u.choose(&writers)?;
                invoke(u, "$A", sig)?
            }
            1 => {
                let (on, sig) = (*u.choose(instances)?, u.choose(&g.mutators)?);
                invoke(u, on, sig)?
            }
            _ => {
                let (on, sig) = (*u.choose(instances)?, u.choose(&g.hot)?);
                invoke(u, on, sig)?
            }
        };
        s.push_str(&write);
        for _ in 0..u.int_in_range(1..=2)? {
            s.push_str(&call);
            actions += 2;
        }
    }
    Ok(s)
}

/// Runs a generated script in plain, memo, memo-aggressive and wasmi: the engines must agree,
/// verify mode must catch no stale entry, and every module must instantiate (invocations may
/// trap). A script with wasmi 2.0.0's `select` hazard ([`select_hazard`]) runs without wasmi.
pub fn run_script(text: String) -> Exec {
    let engines = if select_hazard(&text) {
        EngineKind::ALL.iter().copied().filter(|&e| e != EngineKind::Wasmi).collect()
    } else {
        EngineKind::ALL.to_vec()
    };
    check_script_in(text, true, engines)
}

/// Whether generated script `text` has a `select` right after an `i32.eqz`, `i32.eq` or
/// `i32.ne` (its modules are flat text): wasmi 2.0.0 miscompiles `select` fed by a comparison
/// with zero (see [`super::differential::wasmi_select_hazard`]).
pub fn select_hazard(text: &str) -> bool {
    let tokens = text.split(|c: char| c.is_whitespace() || c == '(' || c == ')').filter(|t| !t.is_empty());
    let mut before = "";
    for token in tokens {
        if token == "select" && matches!(before, "i32.eqz" | "i32.eq" | "i32.ne") {
            return true;
        }
        before = token;
    }
    false
}

/// Runs any script (a `corpus/regressions/` file, say) in the four engines: they must agree
/// and verify mode must catch no stale entry. Whether directives pass is the spec gate's
/// business (it knows the expected failures); with `generated`, modules must instantiate.
pub fn check_script(text: String, generated: bool) -> Exec {
    check_script_in(text, generated, EngineKind::ALL.to_vec())
}

/// [`check_script`] in `engines`.
fn check_script_in(text: String, generated: bool, engines: Vec<EngineKind>) -> Exec {
    let source = WastSource::user("memo-hazards.wast", text);
    let options = RunOptions { engines, verbose: false, threads: 1 };
    let report = memowasm_spec::run_file(&source, &options);
    let mut problems = Vec::new();
    for d in &report.divergences {
        problems.push(format!("divergence: {d}"));
    }
    for column in &report.engines {
        if column.memo_divergences > 0 {
            problems
                .push(format!("{}: verify mode caught {} stale memo entries", column.engine, column.memo_divergences));
        }
        for f in column.failures.iter().filter(|f| generated && f.directive != "invoke") {
            // Modules must compile, link and instantiate: otherwise the generator is wrong.
            problems.push(format!(
                "{}: line {}: {}: expected {}, got {}",
                column.engine, f.line, f.directive, f.expected, f.got
            ));
        }
    }
    if !problems.is_empty() {
        let report = format!("two-instance scenario failed:\n  {}", problems.join("\n  "));
        return Exec::Found(Box::new(Finding::Script { text: source.contents.into_owned(), report }));
    }
    let hits = report.engines.iter().filter_map(|c| c.hits).sum();
    let steps = report.engines.first().map_or(0, |c| (c.passed + c.failed()) as u64);
    Exec::Ran(Ran {
        steps,
        memo_lookups: 0,
        memo_hits: hits,
        memo_invalidations: [0; 6],
        nondeterministic: report.nondeterministic > 0,
    })
}
