//! The `differential` target: a wasm-smith module from a swarm configuration, a fuzzed memo
//! configuration and an interleaved plan, run in lockstep in plain, memo and wasmi.

use super::{memo_config::memo_config, plan, run_case, Case, Exec};
use crate::engine::EngineConfig;
use crate::repro::{EngineSpec, MemoConfigRecord, RunConfig};
use arbitrary::{Result, Unstructured};
use wasm_smith::{Config, InstructionKind, InstructionKinds};

/// Steps in a plan at most.
pub const MAX_STEPS: usize = 48;

/// The wasm-smith configuration for `u`: memowasm's feature set (WebAssembly 2.0 without
/// SIMD) with each 2.0 proposal switched on or off (swarm testing), small sizes, everything
/// exported, no imports, memories capped with a maximum of at most 4 pages, NaNs
/// canonicalized (wasmi's NaN payloads may differ), and traps disallowed three times in four.
pub fn swarm_config(u: &mut Unstructured<'_>) -> Result<Config> {
    let mut c = Config {
        // Turned on by wasm-smith 0.263's defaults, outside memowasm's feature set.
        gc_enabled: false,
        exceptions_enabled: false,
        threads_enabled: false,
        simd_enabled: false,
        relaxed_simd_enabled: false,
        memory64_enabled: false,
        tail_call_enabled: false,
        wide_arithmetic_enabled: false,
        compact_imports_enabled: false,
        extended_const_enabled: false,
        custom_page_sizes_enabled: false,
        shared_everything_threads_enabled: false,
        custom_descriptors_enabled: false,
        max_memories: 1,
        // The oracle provides no imports; every item is observable.
        max_imports: 0,
        export_everything: true,
        canonicalize_nans: true,
        memory_max_size_required: true,
        table_max_size_required: true,
        max_tags: 0,
        ..Config::default()
    };
    // Swarm: the WebAssembly 2.0 proposals, each on or off.
    c.bulk_memory_enabled = u.ratio(3, 4)?;
    c.reference_types_enabled = u.ratio(3, 4)?;
    c.multi_value_enabled = u.ratio(3, 4)?;
    c.saturating_float_to_int_enabled = u.arbitrary()?;
    c.sign_extension_ops_enabled = u.arbitrary()?;
    c.allow_floats = u.ratio(3, 4)?;
    c.disallow_traps = u.ratio(3, 4)?;
    let mut kinds = vec![InstructionKind::Control, InstructionKind::Variable];
    for kind in [
        InstructionKind::NumericInt,
        InstructionKind::Numeric,
        InstructionKind::Reference,
        InstructionKind::Parametric,
        InstructionKind::Table,
        InstructionKind::MemoryInt,
        InstructionKind::Memory,
    ] {
        if u.ratio(3, 4)? {
            kinds.push(kind);
        }
    }
    c.allowed_instructions = InstructionKinds::new(&kinds);
    // Small sizes: compiling in three engines must stay cheap.
    c.min_funcs = 1;
    c.max_funcs = u.int_in_range(1..=6)?;
    c.max_types = u.int_in_range(1..=8)?;
    c.max_instructions = u.int_in_range(4..=64)?;
    c.max_nesting_depth = u.int_in_range(1..=6)?;
    c.max_globals = u.int_in_range(0..=6)?;
    c.max_tables = if c.reference_types_enabled { u.int_in_range(0..=2)? } else { u.int_in_range(0..=1)? };
    c.max_table_elements = u.int_in_range(0..=32)?;
    c.max_elements = u.int_in_range(0..=16)?;
    c.max_element_segments = u.int_in_range(0..=4)?;
    c.max_data_segments = u.int_in_range(0..=4)?;
    c.max_memory32_bytes = u.int_in_range(1..=4u64)? * memowasm::PAGE_SIZE as u64;
    c.min_memories = u.int_in_range(0..=1)?;
    c.max_values = 0;
    Ok(c)
}

/// The module, plan and engines for a `differential` input.
pub fn decode(data: &[u8]) -> Result<Case> {
    let mut u = Unstructured::new(data);
    let config = swarm_config(&mut u)?;
    let memo = memo_config(&mut u)?;
    let call_fuel = *u.choose(&[2_000u64, 20_000, 100_000])?;
    let terminate = u.ratio(1, 4)?;
    let mut module = wasm_smith::Module::new(config, &mut u)?;
    if terminate {
        // Loops and calls decrement a global and trap at zero; the budget is shared by all
        // calls, so later calls of a plan trap right away.
        module.ensure_termination(u.int_in_range(100..=10_000)?).map_err(|_| arbitrary::Error::IncorrectFormat)?;
    }
    let wasm = module.to_bytes();
    let exports = plan::Exports::parse(&wasm).map_err(|_| arbitrary::Error::IncorrectFormat)?;
    let plan = plan::plan(&mut u, &exports, MAX_STEPS)?;
    let mut engines =
        vec![EngineSpec::Plain, EngineSpec::Memo { name: "memo".into(), memo: MemoConfigRecord::from(&memo) }];
    if !wasmi_select_hazard(&wasm) {
        engines.push(EngineSpec::Wasmi);
    }
    let config = RunConfig { engine: EngineConfig::default().fuel(Some(call_fuel)), canonical_nans: false, engines };
    Ok(Case { wasm, plan, config })
}

/// Runs one `differential` input.
pub fn run(data: &[u8]) -> Exec {
    let case = match decode(data) {
        Ok(case) => case,
        Err(e) => return Exec::Skipped(e.to_string()),
    };
    if let Err(e) = crate::validate(&case.wasm) {
        // The configuration above promises memowasm's feature set: a module outside it is a
        // bug of this generator, reported like a divergence so that it gets fixed.
        return Exec::Found(Box::new(super::Finding::Validate {
            bytes: case.wasm,
            report: format!("differential: wasm-smith made a module outside memowasm's feature set: {e}"),
        }));
    }
    run_case(case)
}

/// Whether the module has a `select` whose condition is computed by the instruction right
/// before it as an `i32.eqz`, `i32.eq` or `i32.ne`. wasmi 2.0.0 miscompiles `select` fed by a
/// comparison of an i32 with zero (`i32.const 7 i32.const 9 local.get 0 i32.eqz select`
/// returns 7 for any argument; so do `i32.eq`/`i32.ne` against `i32.const 0`), and wasm-smith
/// emits that pattern for every division it guards under `disallow_traps`. Such modules run in
/// plain and memo only, so that the campaign keeps finding memowasm's bugs, not this one.
pub fn wasmi_select_hazard(wasm: &[u8]) -> bool {
    use wasmparser::{Operator, Payload};
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let Ok(Payload::CodeSectionEntry(body)) = payload else { continue };
        let Ok(mut ops) = body.get_operators_reader() else { return true };
        let mut comparison = false;
        while !ops.eof() {
            let Ok(op) = ops.read() else { return true };
            match op {
                Operator::Select | Operator::TypedSelect { .. } if comparison => return true,
                _ => comparison = matches!(op, Operator::I32Eqz | Operator::I32Eq | Operator::I32Ne),
            }
        }
    }
    false
}
