//! The wasmi 2.0 adapter: WebAssembly 2.0 without SIMD (memowasm's feature set), call depth,
//! memory and table limits lined up with memowasm, fuel when the config asks for it.

use crate::engine::{DiffEngine, DiffInstance, EngineConfig, Failure, Resource, TrapKind};
use crate::value::{DiffValue, TableEntry};
use wasmi::{
    CompilationMode, Config, Engine, ExternRef, Instance, Linker, Module, Nullable, Ref, Store, StoreLimits,
    StoreLimitsBuilder, TrapCode, Val,
};

/// memowasm caps every table at this many elements; wasmi gets the same limit.
const MAX_TABLE_ELEMENTS: usize = 10_000_000;

/// wasmi, family "wasmi".
#[derive(Debug, Clone)]
pub struct Wasmi {
    pub config: EngineConfig,
}

impl Wasmi {
    pub fn new(config: EngineConfig) -> Self {
        Wasmi { config }
    }

    fn engine(&self) -> Engine {
        let mut c = Config::default();
        c.set_max_recursion_depth(self.config.max_call_depth as usize)
            .wasm_multi_memory(false)
            .wasm_tail_call(false)
            .wasm_extended_const(false)
            .wasm_memory64(false)
            .wasm_custom_page_sizes(false)
            .wasm_wide_arithmetic(false);
        if self.config.fuel.is_some() {
            // Lazy translation would charge compilation to the first call's fuel.
            c.consume_fuel(true).compilation_mode(CompilationMode::Eager);
        }
        Engine::new(&c)
    }
}

impl DiffEngine for Wasmi {
    fn name(&self) -> &str {
        "wasmi"
    }

    fn family(&self) -> &str {
        "wasmi"
    }

    fn instantiate(&mut self, wasm: &[u8]) -> Result<Box<dyn DiffInstance>, Failure> {
        let engine = self.engine();
        let module = Module::new(&engine, wasm).map_err(|e| Failure::Rejected(e.to_string()))?;
        let limits = StoreLimitsBuilder::new()
            .memory_size(self.config.max_memory_pages as usize * memowasm::PAGE_SIZE)
            .table_elements(MAX_TABLE_ELEMENTS)
            .build();
        let mut store = Store::new(&engine, limits);
        store.limiter(|l| l);
        if let Some(fuel) = self.config.fuel {
            store.set_fuel(fuel).map_err(|e| Failure::Api(e.to_string()))?;
        }
        let instance =
            Linker::new(&engine).instantiate_and_start(&mut store, &module).map_err(instantiation_failure)?;
        let (mut globals, mut memories, mut tables) = (Vec::new(), Vec::new(), Vec::new());
        for e in module.exports() {
            let name = e.name().to_string();
            match e.ty() {
                wasmi::ExternType::Global(_) => globals.push(name),
                wasmi::ExternType::Memory(_) => memories.push(name),
                wasmi::ExternType::Table(_) => tables.push(name),
                wasmi::ExternType::Func(_) => {}
            }
        }
        Ok(Box::new(WasmiInstance { store, instance, fuel: self.config.fuel, globals, memories, tables }))
    }
}

struct WasmiInstance {
    store: Store<StoreLimits>,
    instance: Instance,
    fuel: Option<u64>,
    globals: Vec<String>,
    memories: Vec<String>,
    tables: Vec<String>,
}

impl WasmiInstance {
    fn wasmi_value(&mut self, v: DiffValue) -> Result<Val, Failure> {
        match v {
            DiffValue::ExternRef(Some(x)) => Ok(Val::ExternRef(Nullable::Val(ExternRef::new(&mut self.store, x)))),
            v => v.to_wasmi_plain().ok_or_else(|| Failure::Api(format!("cannot pass {v} to wasmi"))),
        }
    }

    fn diff_value(&self, v: &Val) -> DiffValue {
        match v {
            Val::ExternRef(Nullable::Val(r)) => DiffValue::ExternRef(Some(extern_value(&self.store, r))),
            v => DiffValue::from_wasmi_plain(v).unwrap_or(DiffValue::ExternRef(Some(u32::MAX))),
        }
    }
}

/// The host value of a non-null external reference (`u32::MAX` if not one the oracle made).
fn extern_value(store: &Store<StoreLimits>, r: &ExternRef) -> u32 {
    r.data(store).downcast_ref::<u32>().copied().unwrap_or(u32::MAX)
}

impl DiffInstance for WasmiInstance {
    fn call(&mut self, export: &str, args: &[DiffValue]) -> Result<Vec<DiffValue>, Failure> {
        let func = self
            .instance
            .get_func(&self.store, export)
            .ok_or_else(|| Failure::Api(format!("no exported function named {export:?}")))?;
        let inputs = args.iter().map(|a| self.wasmi_value(*a)).collect::<Result<Vec<_>, _>>()?;
        let mut outputs: Vec<Val> = func.ty(&self.store).results().iter().map(|t| Val::default_for_ty(*t)).collect();
        if let Some(fuel) = self.fuel {
            self.store.set_fuel(fuel).map_err(|e| Failure::Api(e.to_string()))?;
        }
        func.call(&mut self.store, &inputs, &mut outputs).map_err(call_failure)?;
        Ok(outputs.iter().map(|v| self.diff_value(v)).collect())
    }

    fn exported_globals(&self) -> Vec<(String, DiffValue)> {
        self.globals
            .iter()
            .filter_map(|n| {
                let g = self.instance.get_global(&self.store, n)?;
                Some((n.clone(), self.diff_value(&g.get(&self.store))))
            })
            .collect()
    }

    fn exported_memories(&self) -> Vec<(String, &[u8])> {
        self.memories
            .iter()
            .filter_map(|n| Some((n.clone(), self.instance.get_memory(&self.store, n)?.data(&self.store))))
            .collect()
    }

    fn exported_tables(&self) -> Vec<(String, Vec<TableEntry>)> {
        self.tables
            .iter()
            .filter_map(|n| {
                let t = self.instance.get_table(&self.store, n)?;
                let entries = (0..t.size(&self.store))
                    .map(|i| match t.get(&self.store, i) {
                        Some(Ref::Func(Nullable::Val(_))) => TableEntry::Func(None),
                        Some(Ref::Extern(Nullable::Val(r))) => TableEntry::Extern(extern_value(&self.store, &r)),
                        _ => TableEntry::Null,
                    })
                    .collect();
                Some((n.clone(), entries))
            })
            .collect()
    }

    fn write_memory(&mut self, export: &str, addr: u32, bytes: &[u8]) -> Result<(), Failure> {
        let m = self
            .instance
            .get_memory(&self.store, export)
            .ok_or_else(|| Failure::Api(format!("no exported memory named {export:?}")))?;
        m.write(&mut self.store, addr as usize, bytes).map_err(|e| Failure::Api(e.to_string()))
    }

    fn set_global(&mut self, export: &str, value: DiffValue) -> Result<(), Failure> {
        let g = self
            .instance
            .get_global(&self.store, export)
            .ok_or_else(|| Failure::Api(format!("no exported global named {export:?}")))?;
        let v = self.wasmi_value(value)?;
        g.set(&mut self.store, v).map_err(|e| Failure::Api(e.to_string()))
    }

    fn fuel_left(&self) -> Option<u64> {
        self.fuel.and_then(|_| self.store.get_fuel().ok())
    }
}

fn trap(code: TrapCode) -> Failure {
    Failure::Trap(match code {
        TrapCode::UnreachableCodeReached => TrapKind::Unreachable,
        TrapCode::MemoryOutOfBounds => TrapKind::MemoryOutOfBounds,
        TrapCode::TableOutOfBounds => TrapKind::TableOutOfBounds,
        TrapCode::IndirectCallToNull => TrapKind::UninitializedElement,
        TrapCode::IntegerDivisionByZero => TrapKind::IntegerDivideByZero,
        TrapCode::IntegerOverflow => TrapKind::IntegerOverflow,
        TrapCode::BadConversionToInteger => TrapKind::InvalidConversionToInteger,
        TrapCode::BadSignature => TrapKind::IndirectCallTypeMismatch,
        TrapCode::StackOverflow => return Failure::Exhausted(Resource::Stack),
        TrapCode::OutOfFuel => return Failure::Exhausted(Resource::Fuel),
        TrapCode::GrowthOperationLimited | TrapCode::OutOfSystemMemory => return Failure::Exhausted(Resource::Memory),
    })
}

fn call_failure(e: wasmi::Error) -> Failure {
    match e.as_trap_code() {
        Some(code) => trap(code),
        None if matches!(e.kind(), wasmi::errors::ErrorKind::Host(_) | wasmi::errors::ErrorKind::I32ExitStatus(_)) => {
            Failure::Trap(TrapKind::Host)
        }
        None => Failure::Api(e.to_string()),
    }
}

fn instantiation_failure(e: wasmi::Error) -> Failure {
    match e.as_trap_code() {
        Some(code) => trap(code),
        None => Failure::Link(e.to_string()),
    }
}
