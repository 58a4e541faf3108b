//! The regression script of a reduced case: a `.wast` file that the spec runner replays in
//! every engine, asserting the values the plain engine produces.
//!
//! - The module is printed by wasmprinter (custom sections dropped).
//! - Each call becomes `assert_return` / `assert_trap` / `assert_exhaustion` with plain's
//!   outcome, run with the spec runner's limits (`memowasm::Config::default()`).
//! - Host steps cannot be written in `.wast`. They are replayed by a helper module `$host`
//!   that imports the main module's memory and globals (registered as `"main"`) and makes the
//!   same change: a host write becomes one `memory.init` of the same bytes at the same address
//!   (one write of the whole range, so chunk boundaries are crossed as the host's write
//!   crosses them), a global set a `global.set`. That is the wasm write path rather than the
//!   embedding API's (`Memory::write`, `Global::set`); the main module is not changed. A bug
//!   only in the embedding API's write path is not pinned; the header says so.
//! - After the last step, the exported globals are asserted (`get`), and for a memory or
//!   table divergence the helper reads the memory (size, the differing byte, an FNV-1a hash
//!   of the differing chunk) or the table (size, null-ness of the differing entry).
//! - Fuel is not metered by the spec runner: a divergence in fuel accounting cannot be
//!   pinned, and [`regression_script`] refuses it. A call that runs out of fuel (or host
//!   memory) in plain ends the script there.

use super::{Reduced, What, REDUCTION_FUEL};
use crate::engine::{DiffEngine, EngineConfig, Failure, FailureKind, Resource};
use crate::lockstep::{Difference, CHUNK};
use crate::memowasm_engine::Plain;
use crate::plan::Step;
use crate::value::{DiffValue, FuncRef};
use std::fmt::Write as _;

/// A regression script and what it could not express.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegressionScript {
    pub text: String,
    /// Limitations of this script, also written in its header.
    pub notes: Vec<String>,
}

/// Writes the regression script of `reduced`. `title` is the header's first line (`0003:
/// memo replayed a stale load`), `source` names the input (a reproducer's path).
///
/// Fails when the divergence cannot be pinned by a `.wast` file (fuel accounting), or the
/// module cannot be printed.
pub fn regression_script(reduced: &Reduced, title: &str, source: &str) -> Result<RegressionScript, String> {
    let case = &reduced.case;
    let fuel_only = match &reduced.signature.what {
        What::Fuel => true,
        What::Trap { a, b } => [a, b].iter().any(|f| matches!(f, Some(FailureKind::Exhausted(Resource::Fuel)))),
        _ => false,
    };
    if fuel_only {
        return Err(format!(
            "the divergence is in fuel accounting ({}), and the spec runner does not meter fuel; the minimized \
             reproducer pins it instead (memowasm diff --plan --config)",
            reduced.signature
        ));
    }
    let wasm = super::strip_custom_sections(&case.wasm).unwrap_or_else(|| case.wasm.clone());
    let printed = wasmprinter::print_bytes(&wasm).map_err(|e| format!("wasmprinter cannot print the module: {e}"))?;
    let printed = printed.trim_end();
    let Some(body) = printed.strip_prefix("(module") else {
        return Err(format!("wasmprinter printed no module: {}", printed.lines().next().unwrap_or("")));
    };
    let exports = Exports::parse(&wasm);
    let limits = memowasm::Config::default();
    let plain_config = EngineConfig {
        fuel: Some(case.config.engine.fuel.unwrap_or(REDUCTION_FUEL)),
        max_call_depth: limits.max_call_depth,
        max_memory_pages: limits.max_memory_pages,
    };
    let mut plain = Plain::new(plain_config);
    let mut notes = Vec::new();

    // What the checks after the last step need.
    let (memory_check, table_check) = match &reduced.divergence.what {
        Difference::Memory { name, offset, .. } => (Some((name.clone(), Some(*offset))), None),
        Difference::MemorySize { name, .. } => (Some((name.clone(), None)), None),
        Difference::TableSize { name, .. } => (None, Some((name.clone(), None))),
        Difference::TableEntry { name, index, .. } => (None, Some((name.clone(), Some(*index)))),
        _ => (None, None),
    };
    let host_steps = case.plan.steps.iter().any(|s| matches!(s, Step::WriteMemory { .. } | Step::SetGlobal { .. }));
    let helper = host_steps || memory_check.is_some() || table_check.is_some();
    let main = if helper { "$main " } else { "" };

    let mut out = String::new();
    let mut directives = String::new();
    let mut host = Helper::default();
    let mut instance = match plain.instantiate(&wasm) {
        Ok(i) => {
            writeln!(directives, "(module{}{body}", if helper { " $main" } else { "" }).unwrap();
            if helper {
                directives.push_str("(register \"main\" $main)\n");
                directives.push_str("@HOST@");
            }
            Some(i)
        }
        Err(Failure::Trap(k)) => {
            writeln!(directives, "(assert_trap (module{body}\n  {})", string(&k.to_string())).unwrap();
            None
        }
        Err(f) => return Err(format!("the plain engine cannot instantiate the module: {f}")),
    };
    if let Some(inst) = instance.as_mut() {
        for (n, step) in case.plan.steps.iter().enumerate() {
            match step {
                Step::Call { export, args } => {
                    let sep = if args.is_empty() { "" } else { " " };
                    let invoke = format!("(invoke {main}{}{sep}{})", string(export), args_text(args));
                    match inst.call(export, args) {
                        Ok(results) => {
                            let expected: Vec<String> = results.iter().map(expected_text).collect();
                            let sep = if expected.is_empty() { "" } else { " " };
                            writeln!(directives, "(assert_return {invoke}{sep}{})", expected.join(" ")).unwrap();
                        }
                        Err(Failure::Trap(k)) => {
                            writeln!(directives, "(assert_trap {invoke} {})", string(&k.to_string())).unwrap()
                        }
                        Err(Failure::Exhausted(Resource::Stack)) => {
                            writeln!(directives, "(assert_exhaustion {invoke} \"call stack exhausted\")").unwrap()
                        }
                        Err(f @ Failure::Exhausted(_)) => {
                            notes.push(format!(
                                "step {n} ({step}) ends the script: plain {f} there, which a .wast cannot state"
                            ));
                            break;
                        }
                        Err(f) => writeln!(directives, ";; step {n} skipped, it does nothing: {step}: {f}").unwrap(),
                    }
                }
                Step::WriteMemory { export, addr, bytes } => match inst.write_memory(export, *addr, bytes) {
                    Ok(()) => {
                        let name = host.write(n, export, *addr, bytes);
                        writeln!(directives, ";; step {n}: host {step}").unwrap();
                        writeln!(directives, "(invoke $host {})", string(&name)).unwrap();
                    }
                    Err(f) => writeln!(directives, ";; step {n} skipped, it does nothing: {step}: {f}").unwrap(),
                },
                Step::SetGlobal { export, value } => match inst.set_global(export, *value) {
                    Ok(()) => {
                        let (name, arg) = host.set(n, export, *value);
                        writeln!(directives, ";; step {n}: host {step}").unwrap();
                        writeln!(directives, "(invoke $host {}{arg})", string(&name)).unwrap();
                    }
                    Err(f) => writeln!(directives, ";; step {n} skipped, it does nothing: {step}: {f}").unwrap(),
                },
                Step::Read => {}
            }
        }
        // The exported state after the last step.
        let mut globals = inst.exported_globals();
        globals.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, value) in globals {
            writeln!(directives, "(assert_return (get {main}{}) {})", string(&name), expected_text(&value)).unwrap();
        }
        if let Some((name, offset)) = memory_check {
            let memories = inst.exported_memories();
            if let Some((_, data)) = memories.iter().find(|(n, _)| *n == name) {
                host.memory(&name);
                host.readers = true;
                let pages = data.len() / memowasm::PAGE_SIZE;
                writeln!(directives, "(assert_return (invoke $host \"memory size\") (i32.const {pages}))").unwrap();
                if let Some(offset) = offset.filter(|&o| o < data.len()) {
                    let (from, to) = (offset / CHUNK * CHUNK, (offset / CHUNK * CHUNK + CHUNK).min(data.len()));
                    writeln!(
                        directives,
                        "(assert_return (invoke $host \"memory byte\" (i32.const {offset})) (i32.const {}))",
                        data[offset]
                    )
                    .unwrap();
                    writeln!(
                        directives,
                        "(assert_return (invoke $host \"memory hash\" (i32.const {from}) (i32.const {to})) (i64.const {}))",
                        fnv1a(&data[from..to]) as i64
                    )
                    .unwrap();
                }
            }
        }
        if let Some((name, index)) = table_check {
            let tables = inst.exported_tables();
            if let (Some((_, entries)), Some(ty)) = (tables.iter().find(|(n, _)| *n == name), exports.table(&name)) {
                host.table(&name, ty);
                writeln!(directives, "(assert_return (invoke $host \"table size\") (i32.const {}))", entries.len())
                    .unwrap();
                if let Some(i) = index.filter(|&i| i < entries.len()) {
                    let null = matches!(entries[i], crate::value::TableEntry::Null) as i32;
                    writeln!(
                        directives,
                        "(assert_return (invoke $host \"table null\" (i32.const {i})) (i32.const {null}))"
                    )
                    .unwrap();
                    notes.push(
                        "a table entry is checked for null-ness only: the spec runner cannot tell functions apart"
                            .into(),
                    );
                }
            }
        }
    }
    if host_steps {
        notes.push(
            "the plan's host writes and global sets are replayed by the helper module $host (memory.init of the \
             same bytes, global.set) on the imported memory and globals: the same change through the wasm write \
             path, not the embedding API's (Memory::write, Global::set)"
                .into(),
        );
    }
    let custom_memo = case.config.engines.iter().any(
        |e| matches!(e, crate::repro::EngineSpec::Memo { name, memo } if !super::same_memo(memo, &super::memo_defaults(name))),
    );
    if custom_memo {
        notes.push(
            "the reduced configuration runs a memo engine configured otherwise than the spec runner's memo and \
             memo-aggressive columns; the script pins the bug only where those columns meet it"
                .into(),
        );
    }

    // Header.
    let header = [
        title.to_string(),
        format!("Signature: {}.", reduced.signature),
        format!(
            "Found as: {} ({source}: {} bytes, {} steps).",
            reduced.original.to_string().lines().next().unwrap_or(""),
            reduced.stats.bytes_before,
            reduced.stats.steps_before,
        ),
        format!(
            "Minimized by `memowasm reduce` to {} bytes and {} steps. The expected values are the plain engine's: \
             an engine that disagrees fails here (memo-aggressive re-executes every hit in verify mode and fails \
             on a stale entry).",
            reduced.stats.bytes_after, reduced.stats.steps_after
        ),
    ];
    for paragraph in header.iter().chain(&notes) {
        let mut chars = paragraph.chars();
        let paragraph: String = chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect();
        for line in wrap(&paragraph, 96) {
            writeln!(out, ";; {line}").unwrap();
        }
    }
    let directives = directives.replace("@HOST@", &host.text());
    out.push_str(&directives);
    Ok(RegressionScript { text: out, notes })
}

/// The helper module `$host`: one function per host step, and the memory and table readers.
#[derive(Default)]
struct Helper {
    memory: Option<String>,
    /// The memory readers are needed (a memory divergence).
    readers: bool,
    globals: Vec<(String, &'static str)>,
    tables: Vec<(String, &'static str)>,
    funcs: Vec<String>,
}

impl Helper {
    fn memory(&mut self, export: &str) {
        // WebAssembly 2.0 has one memory: every memory export names it.
        self.memory.get_or_insert_with(|| export.to_string());
    }

    /// A function writing `bytes` at `addr` in one `memory.init` of a passive segment (one
    /// write of the whole range, as the host's); returns its export name.
    fn write(&mut self, step: usize, export: &str, addr: u32, bytes: &[u8]) -> String {
        self.memory(export);
        let name = format!("step {step}");
        let data: String = bytes.iter().map(|b| format!("\\{b:02x}")).collect();
        self.funcs.push(format!(
            "  (data $step{step} \"{data}\")\n  (func (export {})\n    (memory.init $step{step} (i32.const {addr}) (i32.const 0) (i32.const {})))",
            string(&name),
            bytes.len()
        ));
        name
    }

    /// A function setting the global `export` to `value`; returns its export name and the
    /// invoke's argument (an externref must be passed in).
    fn set(&mut self, step: usize, export: &str, value: DiffValue) -> (String, String) {
        let ty = value.type_name();
        let g = match self.globals.iter().position(|(n, _)| n == export) {
            Some(g) => g,
            None => {
                self.globals.push((export.to_string(), ty));
                self.globals.len() - 1
            }
        };
        let name = format!("step {step}");
        let (param, value_code, arg) = match value {
            DiffValue::I32(x) => ("", format!("(i32.const {x})"), String::new()),
            DiffValue::I64(x) => ("", format!("(i64.const {x})"), String::new()),
            DiffValue::F32(b) => ("", format!("(f32.reinterpret_i32 (i32.const {}))", b as i32), String::new()),
            DiffValue::F64(b) => ("", format!("(f64.reinterpret_i64 (i64.const {}))", b as i64), String::new()),
            DiffValue::FuncRef(_) => ("", "(ref.null func)".to_string(), String::new()),
            DiffValue::ExternRef(None) => ("", "(ref.null extern)".to_string(), String::new()),
            DiffValue::ExternRef(Some(x)) => {
                (" (param externref)", "(local.get 0)".to_string(), format!(" (ref.extern {x})"))
            }
        };
        self.funcs.push(format!("  (func (export {}){param}\n    (global.set $g{g} {value_code}))", string(&name)));
        (name, arg)
    }

    fn table(&mut self, export: &str, ty: &'static str) {
        if !self.tables.iter().any(|(n, _)| n == export) {
            self.tables.push((export.to_string(), ty));
        }
    }

    fn text(&self) -> String {
        let mut t = String::from("(module $host\n");
        if let Some(m) = &self.memory {
            writeln!(t, "  (import \"main\" {} (memory 0))", string(m)).unwrap();
        }
        for (g, (name, ty)) in self.globals.iter().enumerate() {
            writeln!(t, "  (import \"main\" {} (global $g{g} (mut {ty})))", string(name)).unwrap();
        }
        for (i, (name, ty)) in self.tables.iter().enumerate() {
            writeln!(t, "  (import \"main\" {} (table $t{i} 0 {ty}))", string(name)).unwrap();
        }
        for f in &self.funcs {
            writeln!(t, "{f}").unwrap();
        }
        if self.readers {
            t.push_str(MEMORY_READERS);
        }
        if !self.tables.is_empty() {
            t.push_str(TABLE_READERS);
        }
        t.truncate(t.trim_end().len());
        t.push_str(")\n");
        t
    }
}

const MEMORY_READERS: &str = r#"  (func (export "memory size") (result i32) (memory.size))
  (func (export "memory byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
  ;; FNV-1a of the bytes [from, to).
  (func (export "memory hash") (param $from i32) (param $to i32) (result i64) (local $h i64)
    (local.set $h (i64.const 0xcbf29ce484222325))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load8_u (local.get $from))) (i64.const 0x100000001b3)))
        (local.set $from (i32.add (local.get $from) (i32.const 1)))
        (br $next)))
    (local.get $h))
"#;

const TABLE_READERS: &str = r#"  (func (export "table size") (result i32) (table.size $t0))
  (func (export "table null") (param i32) (result i32) (ref.is_null (table.get $t0 (local.get 0))))
"#;

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

/// The main module's exported tables and their element types.
struct Exports {
    tables: Vec<(String, &'static str)>,
}

impl Exports {
    fn parse(wasm: &[u8]) -> Exports {
        use wasmparser::{ExternalKind, Payload};
        let mut types = Vec::new();
        let mut tables = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(wasm).flatten() {
            match payload {
                Payload::TableSection(reader) => {
                    for t in reader.into_iter().flatten() {
                        types.push(if t.ty.element_type.is_extern_ref() { "externref" } else { "funcref" });
                    }
                }
                Payload::ExportSection(reader) => {
                    for e in reader.into_iter().flatten() {
                        if e.kind == ExternalKind::Table {
                            if let Some(&ty) = types.get(e.index as usize) {
                                tables.push((e.name.to_string(), ty));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Exports { tables }
    }

    fn table(&self, name: &str) -> Option<&'static str> {
        self.tables.iter().find(|(n, _)| n == name).map(|(_, t)| *t)
    }
}

/// A `.wast` string literal: printable ASCII as is, other bytes as `\hh`.
fn string(s: &str) -> String {
    let mut out = String::from("\"");
    for b in s.bytes() {
        match b {
            b'"' | b'\\' => write!(out, "\\{}", b as char).unwrap(),
            0x20..=0x7e => out.push(b as char),
            _ => write!(out, "\\{b:02x}").unwrap(),
        }
    }
    out.push('"');
    out
}

fn f32_literal(bits: u32) -> String {
    let x = f32::from_bits(bits);
    if x.is_nan() {
        let sign = if bits >> 31 == 1 { "-" } else { "" };
        format!("{sign}nan:{:#x}", bits & 0x7f_ffff)
    } else {
        format!("{x:?}")
    }
}

fn f64_literal(bits: u64) -> String {
    let x = f64::from_bits(bits);
    if x.is_nan() {
        let sign = if bits >> 63 == 1 { "-" } else { "" };
        format!("{sign}nan:{:#x}", bits & 0xf_ffff_ffff_ffff)
    } else {
        format!("{x:?}")
    }
}

fn arg_text(v: &DiffValue) -> String {
    match *v {
        DiffValue::I32(x) => format!("(i32.const {x})"),
        DiffValue::I64(x) => format!("(i64.const {x})"),
        DiffValue::F32(b) => format!("(f32.const {})", f32_literal(b)),
        DiffValue::F64(b) => format!("(f64.const {})", f64_literal(b)),
        DiffValue::FuncRef(FuncRef::Null) => "(ref.null func)".into(),
        DiffValue::FuncRef(FuncRef::Func(_)) => "(ref.func)".into(),
        DiffValue::ExternRef(None) => "(ref.null extern)".into(),
        DiffValue::ExternRef(Some(x)) => format!("(ref.extern {x})"),
    }
}

fn args_text(args: &[DiffValue]) -> String {
    args.iter().map(arg_text).collect::<Vec<_>>().join(" ")
}

/// An `assert_return` pattern for a value plain produced. NaNs become `nan:canonical` or
/// `nan:arithmetic` (other engines may pick another payload; memowasm's engines are compared
/// with plain bit for bit by the runner anyway).
fn expected_text(v: &DiffValue) -> String {
    match *v {
        DiffValue::F32(b) if f32::from_bits(b).is_nan() && b & 0x7fc0_0000 == 0x7fc0_0000 => {
            let kind = if b & 0x7fff_ffff == 0x7fc0_0000 { "canonical" } else { "arithmetic" };
            format!("(f32.const nan:{kind})")
        }
        DiffValue::F64(b) if f64::from_bits(b).is_nan() && b & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000 => {
            let kind = if b & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000 { "canonical" } else { "arithmetic" };
            format!("(f64.const nan:{kind})")
        }
        _ => arg_text(v),
    }
}

/// Splits `text` into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The literals read back (through `wat`) as the same bits.
    #[test]
    fn float_literals_are_exact() {
        let f32s = [0u32, 0x8000_0000, 1, 0x7f7f_ffff, 0x3dcc_cccd, 0x7f80_0000, 0xff80_0000, 0x7fc0_0000, 0xffa0_0001];
        let f64s =
            [0u64, 1, 0x3fb9_9999_9999_999a, 0x7fef_ffff_ffff_ffff, 0xfff0_0000_0000_0000, 0x7ff4_0000_0000_0001];
        let mut text = String::from("(module");
        for b in f32s {
            write!(text, " (global f32 (f32.const {}))", f32_literal(b)).unwrap();
        }
        for b in f64s {
            write!(text, " (global f64 (f64.const {}))", f64_literal(b)).unwrap();
        }
        text.push(')');
        let wasm = wat::parse_str(&text).unwrap();
        let mut got = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(&wasm) {
            if let wasmparser::Payload::GlobalSection(r) = payload.unwrap() {
                for g in r {
                    match g.unwrap().init_expr.get_operators_reader().read().unwrap() {
                        wasmparser::Operator::F32Const { value } => got.push(value.bits() as u64),
                        wasmparser::Operator::F64Const { value } => got.push(value.bits()),
                        op => panic!("{op:?}"),
                    }
                }
            }
        }
        let want: Vec<u64> = f32s.iter().map(|&b| b as u64).chain(f64s).collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn strings_and_wrapping() {
        assert_eq!(string("a \"b\"\\\n"), r#""a \"b\"\\\0a""#);
        assert_eq!(string("é"), r#""\c3\a9""#);
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
