//! The memowasm adapters: `Plain` (memo off) and `Memo` (memo on, any `MemoConfig`). Both are
//! family "memowasm": they must agree bit for bit, fuel and stack exhaustion included.

use crate::engine::{DiffEngine, DiffInstance, EngineConfig, Failure, Resource, TrapKind};
use crate::value::{memowasm_func_index, DiffValue, TableEntry};
use memowasm::{
    Config, Engine, Error, Extern, Global, Instance, Linker, MemoConfig, Memory, Module, Store, Table, Trap,
};

/// memowasm with memo mode off.
#[derive(Debug, Clone)]
pub struct Plain {
    pub config: EngineConfig,
}

impl Plain {
    pub fn new(config: EngineConfig) -> Self {
        Plain { config }
    }
}

/// memowasm with memo mode on.
#[derive(Debug, Clone)]
pub struct Memo {
    name: String,
    pub memo: MemoConfig,
    pub config: EngineConfig,
}

impl Memo {
    /// A memo engine reported as `name` (`memo`, `memo-aggressive`, ...).
    pub fn new(name: impl Into<String>, memo: MemoConfig, config: EngineConfig) -> Self {
        Memo { name: name.into(), memo, config }
    }
}

impl DiffEngine for Plain {
    fn name(&self) -> &str {
        "plain"
    }

    fn family(&self) -> &str {
        "memowasm"
    }

    fn instantiate(&mut self, wasm: &[u8]) -> Result<Box<dyn DiffInstance>, Failure> {
        instantiate(&self.config, None, wasm)
    }
}

impl DiffEngine for Memo {
    fn name(&self) -> &str {
        &self.name
    }

    fn family(&self) -> &str {
        "memowasm"
    }

    fn instantiate(&mut self, wasm: &[u8]) -> Result<Box<dyn DiffInstance>, Failure> {
        instantiate(&self.config, Some(self.memo.clone()), wasm)
    }
}

fn instantiate(config: &EngineConfig, memo: Option<MemoConfig>, wasm: &[u8]) -> Result<Box<dyn DiffInstance>, Failure> {
    let engine = Engine::new(
        Config::default()
            .max_call_depth(config.max_call_depth)
            .max_memory_pages(config.max_memory_pages)
            .consume_fuel(config.fuel.is_some())
            .memo(memo),
    );
    let module = Module::new(&engine, wasm).map_err(failure)?;
    let mut store = Store::new(&engine);
    if let Some(fuel) = config.fuel {
        store.set_fuel(fuel);
    }
    // No imports are provided: a module that has some fails to link.
    let instance = Linker::new().instantiate(&mut store, &module).map_err(failure)?;
    let (mut globals, mut memories, mut tables) = (Vec::new(), Vec::new(), Vec::new());
    for (name, e) in instance.exports(&store) {
        match e {
            Extern::Global(g) => globals.push((name, g)),
            Extern::Memory(m) => memories.push((name, m)),
            Extern::Table(t) => tables.push((name, t)),
            Extern::Func(_) => {}
        }
    }
    Ok(Box::new(MemowasmInstance { store, instance, fuel: config.fuel, globals, memories, tables }))
}

struct MemowasmInstance {
    store: Store,
    instance: Instance,
    fuel: Option<u64>,
    globals: Vec<(String, Global)>,
    memories: Vec<(String, Memory)>,
    tables: Vec<(String, Table)>,
}

impl DiffInstance for MemowasmInstance {
    fn call(&mut self, export: &str, args: &[DiffValue]) -> Result<Vec<DiffValue>, Failure> {
        let args = args
            .iter()
            .map(|a| a.to_memowasm().ok_or_else(|| Failure::Api(format!("cannot pass {a} to memowasm"))))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(fuel) = self.fuel {
            self.store.set_fuel(fuel);
        }
        let results = self.instance.call(&mut self.store, export, &args).map_err(failure)?;
        Ok(results.into_iter().map(DiffValue::from_memowasm).collect())
    }

    fn exported_globals(&self) -> Vec<(String, DiffValue)> {
        self.globals.iter().map(|(n, g)| (n.clone(), DiffValue::from_memowasm(g.get(&self.store)))).collect()
    }

    fn exported_memories(&self) -> Vec<(String, &[u8])> {
        self.memories.iter().map(|(n, m)| (n.clone(), m.data(&self.store))).collect()
    }

    fn exported_tables(&self) -> Vec<(String, Vec<TableEntry>)> {
        self.tables
            .iter()
            .map(|(n, t)| {
                let entries = (0..t.size(&self.store))
                    .map(|i| match t.get(&self.store, i) {
                        Some(memowasm::Value::FuncRef(Some(f))) => TableEntry::Func(memowasm_func_index(f)),
                        Some(memowasm::Value::ExternRef(Some(x))) => TableEntry::Extern(x),
                        _ => TableEntry::Null,
                    })
                    .collect();
                (n.clone(), entries)
            })
            .collect()
    }

    fn write_memory(&mut self, export: &str, addr: u32, bytes: &[u8]) -> Result<(), Failure> {
        let m = lookup(&self.memories, export, "memory")?;
        m.write(&mut self.store, addr as usize, bytes).map_err(failure)
    }

    fn set_global(&mut self, export: &str, value: DiffValue) -> Result<(), Failure> {
        let g = lookup(&self.globals, export, "global")?;
        let v = value.to_memowasm().ok_or_else(|| Failure::Api(format!("cannot pass {value} to memowasm")))?;
        g.set(&mut self.store, v).map_err(failure)
    }

    fn fuel_left(&self) -> Option<u64> {
        self.store.fuel()
    }

    fn memo_stats(&self) -> Option<memowasm::MemoStats> {
        self.store.memo_stats()
    }

    fn take_memo_divergences(&mut self) -> Vec<memowasm::MemoDivergence> {
        self.store.take_memo_divergences()
    }
}

fn lookup<T: Copy>(items: &[(String, T)], name: &str, what: &str) -> Result<T, Failure> {
    items
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, x)| *x)
        .ok_or_else(|| Failure::Api(format!("no exported {what} named {name:?}")))
}

/// memowasm's errors as oracle failures.
pub(crate) fn failure(e: Error) -> Failure {
    match e {
        Error::Malformed { .. } | Error::Invalid { .. } | Error::Unsupported { .. } => Failure::Rejected(e.to_string()),
        Error::Link(m) => Failure::Link(m),
        Error::Trap(t) => trap(t),
        Error::Api(m) => Failure::Api(m),
    }
}

fn trap(t: Trap) -> Failure {
    Failure::Trap(match t {
        Trap::CallStackExhausted => return Failure::Exhausted(Resource::Stack),
        Trap::OutOfFuel => return Failure::Exhausted(Resource::Fuel),
        Trap::Unreachable => TrapKind::Unreachable,
        Trap::IntegerDivideByZero => TrapKind::IntegerDivideByZero,
        Trap::IntegerOverflow => TrapKind::IntegerOverflow,
        Trap::InvalidConversionToInteger => TrapKind::InvalidConversionToInteger,
        Trap::MemoryOutOfBounds => TrapKind::MemoryOutOfBounds,
        Trap::TableOutOfBounds => TrapKind::TableOutOfBounds,
        Trap::UndefinedElement => TrapKind::UndefinedElement,
        Trap::UninitializedElement => TrapKind::UninitializedElement,
        Trap::IndirectCallTypeMismatch => TrapKind::IndirectCallTypeMismatch,
        Trap::Host => TrapKind::Host,
    })
}
