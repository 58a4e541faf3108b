//! The `wasmi` engine column: wasmi 2.0 as shipped (default features and dispatch) behind the
//! runner's `Backend`, configured like memowasm so that the two run the same directives:
//! the suite's features cut to what memowasm implements, memowasm's call depth and memory
//! and table caps.

use crate::backend::{self, Backend, Trap, EXHAUSTION};
use crate::spectest;
use crate::values::Val;
use memowasm::Value;
use wasmi::errors::{ErrorKind, InstantiationError, MemoryError, TableError};
use wasmi::{
    Engine, ExternRef, Instance, Linker, Module, Nullable, Store, StoreLimits, StoreLimitsBuilder, TrapCode, F32, F64,
};
use wasmparser::{Validator, WasmFeatures};

/// memowasm grows no table past this many elements (`interp/src/exec/table.rs`); wasmi gets
/// the same cap, so `table.grow` fails (returns -1) at the same size in both.
const MAX_TABLE_ELEMENTS: usize = 10_000_000;

/// The features both memowasm and wasmi run for a suite: the suite's, cut to what memowasm
/// implements (WebAssembly 2.0 without SIMD).
pub fn features(suite: WasmFeatures) -> WasmFeatures {
    suite.intersection(crate::supported_features())
}

/// wasmi's configuration for scripts written for `suite`. wasmi's default `Config` turns on
/// proposals past 2.0 (multi-memory, tail calls, extended const, memory64), which would make
/// v1/v2 `assert_invalid` modules such as "multiple memories" valid; every proposal is set here
/// from [`features`]. The recursion limit is memowasm's call depth and the value stack holds as
/// many 8-byte cells as memowasm's, so a runaway recursion traps with "call stack exhausted" in
/// both (wasmi's own defaults, 1000 calls and 1 MB, are far lower); wasmi keeps its frames on
/// the heap, so this never overflows the native stack. The dispatch and everything else stay
/// wasmi's defaults.
pub fn config(suite: WasmFeatures) -> wasmi::Config {
    let memowasm = memowasm::Config::default();
    let on = features(suite);
    let has = |f: WasmFeatures| on.contains(f);
    let mut c = wasmi::Config::default();
    c.floats(has(WasmFeatures::FLOATS))
        .wasm_mutable_global(has(WasmFeatures::MUTABLE_GLOBAL))
        .wasm_sign_extension(has(WasmFeatures::SIGN_EXTENSION))
        .wasm_saturating_float_to_int(has(WasmFeatures::SATURATING_FLOAT_TO_INT))
        .wasm_multi_value(has(WasmFeatures::MULTI_VALUE))
        .wasm_bulk_memory(has(WasmFeatures::BULK_MEMORY))
        .wasm_reference_types(has(WasmFeatures::REFERENCE_TYPES))
        .wasm_multi_memory(has(WasmFeatures::MULTI_MEMORY))
        .wasm_tail_call(has(WasmFeatures::TAIL_CALL))
        .wasm_extended_const(has(WasmFeatures::EXTENDED_CONST))
        .wasm_memory64(has(WasmFeatures::MEMORY64))
        .wasm_custom_page_sizes(has(WasmFeatures::CUSTOM_PAGE_SIZES))
        .wasm_wide_arithmetic(has(WasmFeatures::WIDE_ARITHMETIC))
        .set_max_recursion_depth(memowasm.max_call_depth as usize)
        .set_max_stack_height(memowasm.max_value_stack * 8);
    c
}

/// One wasmi engine, store and linker per script.
pub(crate) struct Wasmi {
    engine: Engine,
    store: Store<StoreLimits>,
    linker: Linker<StoreLimits>,
    /// The suite's features, to tell a module wasmi rejects as unsupported from an invalid one.
    suite: WasmFeatures,
}

impl Wasmi {
    pub(crate) fn new(suite: WasmFeatures, verbose: bool) -> Result<Wasmi, backend::Error> {
        let engine = Engine::new(&config(suite));
        let pages = memowasm::Config::default().max_memory_pages as usize;
        let limits = StoreLimitsBuilder::new()
            .memory_size(pages * memowasm::PAGE_SIZE)
            .table_elements(MAX_TABLE_ELEMENTS)
            .build();
        let mut store = Store::new(&engine, limits);
        store.limiter(|limits| limits);
        let mut linker = Linker::new(&engine);
        // `register` may reuse a name, as memowasm's linker allows: the later definition wins.
        linker.allow_shadowing(true);
        spectest::define_wasmi(&mut store, &mut linker, verbose).map_err(|e| backend::Error::Other(e.to_string()))?;
        Ok(Wasmi { engine, store, linker, suite })
    }

    fn arg(&mut self, v: &Value) -> Result<wasmi::Val, backend::Error> {
        Ok(match *v {
            Value::I32(x) => wasmi::Val::I32(x),
            Value::I64(x) => wasmi::Val::I64(x),
            Value::F32(b) => wasmi::Val::F32(F32::from_bits(b)),
            Value::F64(b) => wasmi::Val::F64(F64::from_bits(b)),
            Value::FuncRef(None) => wasmi::Val::FuncRef(Nullable::Null),
            Value::ExternRef(None) => wasmi::Val::ExternRef(Nullable::Null),
            Value::ExternRef(Some(n)) => wasmi::Val::ExternRef(Nullable::Val(ExternRef::new(&mut self.store, n))),
            Value::FuncRef(Some(_)) => {
                return Err(backend::Error::Other("a script cannot pass a function reference".into()))
            }
        })
    }

    fn result(&self, v: &wasmi::Val) -> Result<Val, backend::Error> {
        Ok(match v {
            wasmi::Val::I32(x) => Val::I32(*x),
            wasmi::Val::I64(x) => Val::I64(*x),
            wasmi::Val::F32(x) => Val::F32(x.to_bits()),
            wasmi::Val::F64(x) => Val::F64(x.to_bits()),
            wasmi::Val::FuncRef(Nullable::Null) => Val::FuncRef(None),
            wasmi::Val::FuncRef(Nullable::Val(_)) => Val::FuncRef(Some("func".into())),
            wasmi::Val::ExternRef(Nullable::Null) => Val::ExternRef(None),
            // Every extern reference a script makes carries a u32; u32::MAX marks a foreign one.
            wasmi::Val::ExternRef(Nullable::Val(r)) => {
                Val::ExternRef(Some(r.data(&self.store).downcast_ref::<u32>().copied().unwrap_or(u32::MAX)))
            }
            // The runner configures no SIMD, so no function should return a v128.
            wasmi::Val::V128(_) => return Err(backend::Error::Other("a v128 result, with SIMD off".into())),
        })
    }

    /// A module wasmi rejected, sorted as memowasm sorts it (`interp/src/module.rs`):
    /// unsupported when it uses a feature outside [`features`] and is valid with every feature
    /// on, otherwise invalid (or malformed; the runner does not tell them apart, as no directive
    /// needs to). A module valid with [`features`] that wasmi rejects is invalid here, so a
    /// directive that needs it fails instead of being skipped.
    fn rejection(&self, bytes: &[u8], e: wasmi::Error) -> backend::Error {
        let valid = |f: WasmFeatures| Validator::new_with_features(f).validate_all(bytes).is_ok();
        let all = WasmFeatures::all().difference(WasmFeatures::CM_ASYNC);
        if !valid(features(self.suite)) && valid(all) {
            backend::Error::Unsupported(e.to_string())
        } else {
            backend::Error::Invalid(e.to_string())
        }
    }
}

impl Backend for Wasmi {
    type Module = Module;
    type Instance = Instance;

    fn compile(&mut self, bytes: &[u8]) -> Result<Module, backend::Error> {
        Module::new(&self.engine, bytes).map_err(|e| self.rejection(bytes, e))
    }

    fn import_modules(&self, m: &Module) -> Vec<String> {
        m.imports().map(|imp| imp.module().to_string()).collect()
    }

    fn instantiate(&mut self, m: &Module) -> Result<Instance, backend::Error> {
        self.linker.instantiate_and_start(&mut self.store, m).map_err(instantiation_error)
    }

    fn register(&mut self, name: &str, instance: &Instance) -> Result<(), backend::Error> {
        self.linker.instance(&mut self.store, name, *instance).map_err(|e| backend::Error::Other(e.to_string()))?;
        Ok(())
    }

    fn call(&mut self, instance: &Instance, name: &str, args: &[Value]) -> Result<Vec<Val>, backend::Error> {
        let func = instance
            .get_func(&self.store, name)
            .ok_or_else(|| backend::Error::Other(format!("no exported function named {name:?}")))?;
        let inputs = args.iter().map(|a| self.arg(a)).collect::<Result<Vec<_>, _>>()?;
        let mut outputs: Vec<wasmi::Val> =
            func.ty(&self.store).results().iter().map(|&t| wasmi::Val::default_for_ty(t)).collect();
        func.call(&mut self.store, &inputs, &mut outputs).map_err(call_error)?;
        outputs.iter().map(|v| self.result(v)).collect()
    }

    fn get(&mut self, instance: &Instance, global: &str) -> Result<Val, backend::Error> {
        match instance.get_global(&self.store, global) {
            Some(g) => self.result(&g.get(&self.store)),
            None => Err(backend::Error::Other(format!("no exported global named {global:?}"))),
        }
    }
}

/// The spec trap a wasmi trap code stands for. wasmi has one code, `TableOutOfBounds`, for two
/// of the spec's traps: `call_indirect` past the table's end ("undefined element") and a table
/// instruction out of bounds ("out of bounds table access"); the trap carries both.
pub fn trap(code: TrapCode) -> Trap {
    match code {
        TrapCode::UnreachableCodeReached => Trap::new("unreachable"),
        TrapCode::MemoryOutOfBounds => Trap::new("out of bounds memory access"),
        TrapCode::TableOutOfBounds => Trap { message: "out of bounds table access", also: Some("undefined element") },
        TrapCode::IndirectCallToNull => Trap::new("uninitialized element"),
        TrapCode::IntegerDivisionByZero => Trap::new("integer divide by zero"),
        TrapCode::IntegerOverflow => Trap::new("integer overflow"),
        TrapCode::BadConversionToInteger => Trap::new("invalid conversion to integer"),
        TrapCode::StackOverflow => Trap::new(EXHAUSTION),
        TrapCode::BadSignature => Trap::new("indirect call type mismatch"),
        TrapCode::OutOfFuel => Trap::new("all fuel consumed"),
        TrapCode::GrowthOperationLimited | TrapCode::OutOfSystemMemory => Trap::new(code.trap_message()),
    }
}

fn call_error(e: wasmi::Error) -> backend::Error {
    match e.as_trap_code() {
        Some(code) => backend::Error::Trap(trap(code)),
        None => backend::Error::Other(e.to_string()),
    }
}

/// Instantiation can trap in the start function, or while applying segments: wasmi reports an
/// element segment that does not fit as an instantiation error and a data segment that does
/// not fit as a memory error; the spec calls both traps.
fn instantiation_error(e: wasmi::Error) -> backend::Error {
    if let Some(code) = e.as_trap_code() {
        return backend::Error::Trap(trap(code));
    }
    match e.kind() {
        ErrorKind::Instantiation(InstantiationError::ElementSegmentDoesNotFit { .. })
        | ErrorKind::Table(TableError::InitOutOfBounds | TableError::CopyOutOfBounds) => {
            backend::Error::Trap(Trap::new("out of bounds table access"))
        }
        ErrorKind::Memory(MemoryError::OutOfBoundsAccess) => {
            backend::Error::Trap(Trap::new("out of bounds memory access"))
        }
        ErrorKind::Linker(_) | ErrorKind::Instantiation(_) => backend::Error::Link(e.to_string()),
        _ => backend::Error::Other(e.to_string()),
    }
}
