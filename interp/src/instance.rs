//! Instantiation: import resolution (the `Linker`), the spec's initialization order, and exports.

use crate::error::{Error, Trap};
use crate::module::{ConstExpr, ExportKind, ExternType, Module, SegmentMode};
use crate::store::{Extern, Func, FuncEntity, FuncKind, Global, GlobalEntity, InstanceEntity, Memory, Store, Table};
use crate::value::Value;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// An instantiated module in a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Instance(pub(crate) u32);

impl Instance {
    pub fn exports(&self, store: &Store) -> Vec<(String, Extern)> {
        store.instances[self.0 as usize].exports.clone()
    }

    pub fn get_export(&self, store: &Store, name: &str) -> Option<Extern> {
        store.instances[self.0 as usize].exports.iter().find(|(n, _)| n == name).map(|(_, e)| *e)
    }

    pub fn get_func(&self, store: &Store, name: &str) -> Option<Func> {
        match self.get_export(store, name)? {
            Extern::Func(f) => Some(f),
            _ => None,
        }
    }

    pub fn get_memory(&self, store: &Store, name: &str) -> Option<Memory> {
        match self.get_export(store, name)? {
            Extern::Memory(m) => Some(m),
            _ => None,
        }
    }

    pub fn get_table(&self, store: &Store, name: &str) -> Option<Table> {
        match self.get_export(store, name)? {
            Extern::Table(t) => Some(t),
            _ => None,
        }
    }

    pub fn get_global(&self, store: &Store, name: &str) -> Option<Global> {
        match self.get_export(store, name)? {
            Extern::Global(g) => Some(g),
            _ => None,
        }
    }

    /// Calls the exported function `name`.
    pub fn call(&self, store: &mut Store, name: &str, args: &[Value]) -> Result<Vec<Value>, Error> {
        let f = self.get_func(store, name).ok_or_else(|| Error::Api(format!("no exported function named {name:?}")))?;
        f.call(store, args)
    }
}

/// Resolves imports by `(module, name)` and instantiates modules.
#[derive(Debug, Default, Clone)]
pub struct Linker {
    defs: FxHashMap<(String, String), Extern>,
}

impl Linker {
    pub fn new() -> Self {
        Linker::default()
    }

    pub fn define(&mut self, module: &str, name: &str, item: impl Into<Extern>) -> &mut Self {
        self.defs.insert((module.to_string(), name.to_string()), item.into());
        self
    }

    /// Makes every export of `instance` importable under `module`.
    pub fn define_instance(&mut self, store: &Store, module: &str, instance: Instance) -> &mut Self {
        for (name, e) in instance.exports(store) {
            self.defs.insert((module.to_string(), name), e);
        }
        self
    }

    pub fn get(&self, module: &str, name: &str) -> Option<Extern> {
        self.defs.get(&(module.to_string(), name.to_string())).copied()
    }

    /// Instantiates `module`: resolves imports, allocates, initializes segments in order,
    /// then runs the start function. A trap during initialization is returned as
    /// `Error::Trap`, and the writes done before it stay (as the spec says).
    pub fn instantiate(&self, store: &mut Store, module: &Module) -> Result<Instance, Error> {
        let m = module.inner.clone();
        if !m.engine.same(&store.engine) {
            return Err(Error::Api("module was compiled by another engine".into()));
        }
        let mut inst = InstanceEntity {
            funcs: Vec::new(),
            memories: Vec::new(),
            tables: Vec::new(),
            globals: Vec::new(),
            datas: Vec::new(),
            elems: Vec::new(),
            exports: Vec::new(),
        };
        for imp in &m.imports {
            let found = self
                .get(&imp.module, &imp.name)
                .ok_or_else(|| Error::Link(format!("unknown import {}::{}", imp.module, imp.name)))?;
            let incompatible = || Error::Link(format!("incompatible import type for {}::{}", imp.module, imp.name));
            match (&imp.ty, found) {
                (ExternType::Func(ty), Extern::Func(f)) => {
                    if *store.funcs[f.0 as usize].ty != *ty {
                        return Err(incompatible());
                    }
                    inst.funcs.push(f.0);
                }
                (ExternType::Memory(ty), Extern::Memory(mem)) => {
                    let actual = mem.ty(store);
                    if !limits_match(actual.min, actual.max, ty.min, ty.max) {
                        return Err(incompatible());
                    }
                    inst.memories.push(mem.0);
                }
                (ExternType::Table(ty), Extern::Table(t)) => {
                    let actual = t.ty(store);
                    if actual.element != ty.element || !limits_match(actual.min, actual.max, ty.min, ty.max) {
                        return Err(incompatible());
                    }
                    inst.tables.push(t.0);
                }
                (ExternType::Global(ty), Extern::Global(g)) => {
                    if g.ty(store) != *ty {
                        return Err(incompatible());
                    }
                    inst.globals.push(g.0);
                }
                _ => return Err(incompatible()),
            }
        }
        let instance_id = store.instances.len() as u32;
        for i in 0..m.funcs.len() {
            let index = m.num_imported_funcs + i as u32;
            let ty_index = m.func_types[index as usize] as usize;
            // Translated already when the engine translates eagerly (memo engines do).
            let code = std::cell::OnceCell::new();
            if let Some(c) = m.translated(i) {
                let _ = code.set(c.clone());
            }
            let f = store.push_func(FuncEntity {
                type_id: m.type_ids[ty_index],
                ty: m.types[ty_index].clone(),
                code,
                instance: instance_id,
                kind: FuncKind::Wasm { module: module.inner.clone(), index },
                memo_base: 0,
                memo_code: None,
            });
            inst.funcs.push(f.0);
        }
        for t in &m.tables {
            let table = Table::new(store, *t, Value::default_for(t.element.into()))?;
            inst.tables.push(table.0);
        }
        for mt in &m.memories {
            let mem = Memory::new(store, *mt).map_err(|e| Error::Link(e.to_string()))?;
            inst.memories.push(mem.0);
        }
        for (gt, init) in &m.globals {
            let value = eval_const(store, &inst, *init);
            store.globals.push(GlobalEntity { value, ty: *gt });
            inst.globals.push(store.globals.len() as u32 - 1);
        }
        for seg in &m.elems {
            let items: Vec<u64> = seg.items.iter().map(|e| eval_const(store, &inst, *e)).collect();
            store.elems.push(items.into());
            inst.elems.push(store.elems.len() as u32 - 1);
        }
        for seg in &m.datas {
            store.datas.push(seg.bytes.clone());
            inst.datas.push(store.datas.len() as u32 - 1);
        }
        for (name, kind, idx) in &m.exports {
            let i = *idx as usize;
            let e = match kind {
                ExportKind::Func => Extern::Func(Func(inst.funcs[i])),
                ExportKind::Memory => Extern::Memory(Memory(inst.memories[i])),
                ExportKind::Table => Extern::Table(Table(inst.tables[i])),
                ExportKind::Global => Extern::Global(Global(inst.globals[i])),
            };
            inst.exports.push((name.clone(), e));
        }
        let start = m.start.map(|s| Func(inst.funcs[s as usize]));
        let init = initialize(store, &m, &inst);
        store.instances.push(inst);
        init?;
        if let Some(f) = start {
            crate::exec::call(store, f, &[], &mut [])?;
        }
        Ok(Instance(instance_id))
    }
}

/// Copies active element and data segments, in order, then drops them and the declared ones.
fn initialize(store: &mut Store, m: &crate::module::ModuleInner, inst: &InstanceEntity) -> Result<(), Error> {
    let empty_elems: Arc<[u64]> = Arc::new([]);
    for (i, seg) in m.elems.iter().enumerate() {
        let id = inst.elems[i] as usize;
        match &seg.mode {
            SegmentMode::Passive => continue,
            SegmentMode::Declared => {}
            SegmentMode::Active { index, offset } => {
                let offset = eval_const(store, inst, *offset) as u32 as usize;
                let items = store.elems[id].clone();
                let table = &mut store.tables[inst.tables[*index as usize] as usize];
                let dst = offset
                    .checked_add(items.len())
                    .and_then(|end| table.elems.get_mut(offset..end))
                    .ok_or(Trap::TableOutOfBounds)?;
                dst.copy_from_slice(&items);
                if let Some(memo) = &mut store.memo {
                    table.version = memo.next_version();
                }
            }
        }
        store.elems[id] = empty_elems.clone();
    }
    let empty_data: Arc<[u8]> = Arc::new([]);
    for (i, seg) in m.datas.iter().enumerate() {
        let id = inst.datas[i] as usize;
        if let SegmentMode::Active { index, offset } = &seg.mode {
            let offset = eval_const(store, inst, *offset) as u32 as usize;
            let mem = &mut store.memories[inst.memories[*index as usize] as usize];
            let dst = offset
                .checked_add(seg.bytes.len())
                .and_then(|end| mem.data.get_mut(offset..end))
                .ok_or(Trap::MemoryOutOfBounds)?;
            dst.copy_from_slice(&seg.bytes);
            if let Some(memo) = &mut store.memo {
                crate::store::bump_chunks(memo, mem, offset as u64, seg.bytes.len() as u64);
            }
            store.datas[id] = empty_data.clone();
        }
    }
    Ok(())
}

fn eval_const(store: &Store, inst: &InstanceEntity, e: ConstExpr) -> u64 {
    match e {
        ConstExpr::Cell(c) => c,
        ConstExpr::GlobalGet(g) => store.globals[inst.globals[g as usize] as usize].value,
        ConstExpr::RefFunc(f) => inst.funcs[f as usize] as u64 + 1,
    }
}

/// Import subtyping on limits: the provided object must be at least as large and at most as
/// growable as the import asks.
fn limits_match(min: u32, max: Option<u32>, want_min: u32, want_max: Option<u32>) -> bool {
    min >= want_min
        && match (max, want_max) {
            (_, None) => true,
            (Some(a), Some(b)) => a <= b,
            (None, Some(_)) => false,
        }
}

impl From<Func> for Extern {
    fn from(f: Func) -> Self {
        Extern::Func(f)
    }
}
impl From<Memory> for Extern {
    fn from(m: Memory) -> Self {
        Extern::Memory(m)
    }
}
impl From<Table> for Extern {
    fn from(t: Table) -> Self {
        Extern::Table(t)
    }
}
impl From<Global> for Extern {
    fn from(g: Global) -> Self {
        Extern::Global(g)
    }
}
