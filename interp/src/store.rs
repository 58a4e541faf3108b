//! The store: every function, memory, table, global, segment and instance lives here,
//! addressed by small handles, so objects imported by several instances are shared.

use crate::engine::Engine;
use crate::error::{Error, Trap};
use crate::memo::{MemoDivergence, MemoState, MemoStats};
use crate::module::{CompiledFunc, ModuleInner};
use crate::value::{FuncType, GlobalType, MemoryType, RefType, TableType, ValType, Value};
use crate::PAGE_SIZE;
use std::cell::OnceCell;
use std::sync::Arc;

/// A host function: receives the arguments, returns the results or a trap.
pub type HostFunc = Arc<dyn Fn(&[Value]) -> Result<Vec<Value>, Trap> + Send + Sync>;

/// A function in a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Func(pub(crate) u32);
/// A linear memory in a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Memory(pub(crate) u32);
/// A table in a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Table(pub(crate) u32);
/// A global in a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Global(pub(crate) u32);

/// Anything an instance can import or export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Extern {
    Func(Func),
    Memory(Memory),
    Table(Table),
    Global(Global),
}

pub(crate) enum FuncKind {
    /// Function `index` (imports included) of `module`.
    Wasm {
        module: Arc<ModuleInner>,
        index: u32,
    },
    Host(HostFunc),
}

pub(crate) struct FuncEntity {
    /// Engine-wide signature id, compared by `call_indirect`.
    pub type_id: u32,
    pub ty: Arc<FuncType>,
    /// A wasm function's code once translated ([`FuncEntity::code`]); empty for a host
    /// function. The call handlers take what is here and leave the rest to the loop.
    pub code: OnceCell<Arc<CompiledFunc>>,
    /// A wasm function's instance (`u32::MAX` for a host function).
    pub instance: u32,
    pub kind: FuncKind,
    /// Index of the function's first memo unit in the store's memo state.
    pub memo_base: u32,
    /// Memo mode: this store function's own copy of its code, where the adaptive policy
    /// patches the probes of switched-off units out (`exec::memo::render`).
    pub memo_code: Option<Box<[std::cell::Cell<crate::exec::Threaded>]>>,
}

impl FuncEntity {
    /// A wasm function's code, translated now if this is its first call; `None` for a host
    /// function.
    pub fn code(&self) -> Result<Option<&Arc<CompiledFunc>>, Error> {
        if let Some(code) = self.code.get() {
            return Ok(Some(code));
        }
        let FuncKind::Wasm { module, index } = &self.kind else { return Ok(None) };
        let code = module.code((index - module.num_imported_funcs) as usize)?;
        Ok(Some(self.code.get_or_init(|| code.clone())))
    }
}

pub(crate) struct MemoryEntity {
    pub data: Vec<u8>,
    pub ty: MemoryType,
    /// Memo mode: the version of each chunk (empty when memo is off).
    pub versions: Vec<u64>,
}

pub(crate) struct TableEntity {
    /// Reference cells: 0 is null.
    pub elems: Vec<u64>,
    pub ty: TableType,
    /// Memo mode: bumped on every write.
    pub version: u64,
}

pub(crate) struct GlobalEntity {
    pub value: u64,
    pub ty: GlobalType,
}

/// The resolved index spaces of one instance.
pub(crate) struct InstanceEntity {
    pub funcs: Vec<u32>,
    pub memories: Vec<u32>,
    pub tables: Vec<u32>,
    pub globals: Vec<u32>,
    /// Store ids of this instance's data segments.
    pub datas: Vec<u32>,
    /// Store ids of this instance's element segments.
    pub elems: Vec<u32>,
    pub exports: Vec<(String, Extern)>,
}

/// Owns all runtime objects. Handles from one store must not be used with another.
pub struct Store {
    pub(crate) engine: Engine,
    pub(crate) funcs: Vec<FuncEntity>,
    pub(crate) memories: Vec<MemoryEntity>,
    pub(crate) tables: Vec<TableEntity>,
    pub(crate) globals: Vec<GlobalEntity>,
    pub(crate) instances: Vec<InstanceEntity>,
    /// Data segment contents; a dropped segment is empty.
    pub(crate) datas: Vec<Arc<[u8]>>,
    /// Element segment contents as reference cells; a dropped segment is empty.
    pub(crate) elems: Vec<Arc<[u64]>>,
    pub(crate) fuel: u64,
    /// The value stack, kept between calls to avoid reallocating.
    pub(crate) stack: Vec<u64>,
    /// The caller list's buffer, kept between calls likewise (empty between them).
    pub(crate) frames: Vec<crate::exec::Caller<'static>>,
    /// Memo mode's cache, recordings and statistics; `None` when memo is off.
    pub(crate) memo: Option<Box<MemoState>>,
}

impl Store {
    pub fn new(engine: &Engine) -> Store {
        Store {
            engine: engine.clone(),
            funcs: Vec::new(),
            memories: Vec::new(),
            tables: Vec::new(),
            globals: Vec::new(),
            instances: Vec::new(),
            datas: Vec::new(),
            elems: Vec::new(),
            fuel: 0,
            stack: Vec::new(),
            frames: Vec::new(),
            memo: engine.config().memo.clone().map(|c| {
                let config = engine.config();
                Box::new(MemoState::new(c, config.consume_fuel, config.accumulator))
            }),
        }
    }

    /// Memo mode's statistics so far, or `None` when memo is off.
    pub fn memo_stats(&self) -> Option<MemoStats> {
        self.memo.as_ref().map(|m| m.stats())
    }

    /// The stale entries verify mode caught so far.
    pub fn memo_divergences(&self) -> &[MemoDivergence] {
        self.memo.as_ref().map_or(&[], |m| &m.divergences)
    }

    /// Takes the divergences caught so far, leaving none.
    pub fn take_memo_divergences(&mut self) -> Vec<MemoDivergence> {
        self.memo.as_mut().map(|m| std::mem::take(&mut m.divergences)).unwrap_or_default()
    }

    /// Registers a new store function's memo units.
    pub(crate) fn push_func(&mut self, mut entity: FuncEntity) -> Func {
        let func = Func(self.funcs.len() as u32);
        if let (Some(memo), Some(code)) = (&mut self.memo, entity.code.get()) {
            entity.memo_base = memo.register(func, code);
            let memo_code: Box<[std::cell::Cell<crate::exec::Threaded>]> =
                code.code.iter().map(|&op| std::cell::Cell::new(crate::exec::Threaded::memo(op))).collect();
            if memo.accumulator {
                crate::exec::accumulate(&memo_code, true, None);
            }
            entity.memo_code = Some(memo_code);
            if memo.rendered_off {
                // The others hold plain layouts: memoize from the next call, which renders
                // every function's memo layout.
                memo.leave_plain();
            }
        }
        self.funcs.push(entity);
        func
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Sets the remaining fuel. Only charged when the engine's config has `consume_fuel`.
    pub fn set_fuel(&mut self, fuel: u64) {
        self.fuel = fuel;
    }

    /// The remaining fuel, or `None` when the engine does not consume fuel.
    pub fn fuel(&self) -> Option<u64> {
        self.engine.config().consume_fuel.then_some(self.fuel)
    }

    pub(crate) fn check_value(&self, v: &Value) -> Result<(), Error> {
        if let Value::FuncRef(Some(f)) = v {
            if f.0 as usize >= self.funcs.len() {
                return Err(Error::Api(format!("function reference {} is not in this store", f.0)));
            }
        }
        Ok(())
    }
}

impl Func {
    /// Creates a host function with the given signature.
    pub fn new(
        store: &mut Store,
        ty: FuncType,
        f: impl Fn(&[Value]) -> Result<Vec<Value>, Trap> + Send + Sync + 'static,
    ) -> Func {
        let type_id = store.engine.intern_type(&ty);
        store.push_func(FuncEntity {
            type_id,
            ty: Arc::new(ty),
            code: OnceCell::new(),
            instance: u32::MAX,
            kind: FuncKind::Host(Arc::new(f)),
            memo_base: 0,
            memo_code: None,
        })
    }

    pub fn ty(&self, store: &Store) -> FuncType {
        (*store.funcs[self.0 as usize].ty).clone()
    }

    /// The function's index in the store (functions are numbered in creation order, so in
    /// a fresh store holding one module without imports it is the module's function index).
    pub fn index(&self) -> u32 {
        self.0
    }

    /// The function's index in the module that defines it; `None` for a host function.
    pub fn module_index(&self, store: &Store) -> Option<u32> {
        match &store.funcs[self.0 as usize].kind {
            FuncKind::Wasm { index, .. } => Some(*index),
            FuncKind::Host(_) => None,
        }
    }

    /// Calls the function with type-checked arguments.
    pub fn call(&self, store: &mut Store, args: &[Value]) -> Result<Vec<Value>, Error> {
        let n = store.funcs[self.0 as usize].ty.results.len();
        let mut results = vec![Value::I32(0); n];
        self.call_into(store, args, &mut results)?;
        Ok(results)
    }

    /// Calls the function with type-checked arguments and writes its results into
    /// `results`, which must have one element per result. Allocates nothing per call
    /// once the value stack has grown, so it suits hosts that call often.
    pub fn call_into(&self, store: &mut Store, args: &[Value], results: &mut [Value]) -> Result<(), Error> {
        let ty = &store.funcs[self.0 as usize].ty;
        if args.len() != ty.params.len() {
            return Err(Error::Api(format!(
                "wrong number of arguments: expected {}, got {}",
                ty.params.len(),
                args.len()
            )));
        }
        if results.len() != ty.results.len() {
            return Err(Error::Api(format!(
                "room for {} results, the function returns {}",
                results.len(),
                ty.results.len()
            )));
        }
        for (i, (a, t)) in args.iter().zip(&ty.params).enumerate() {
            if a.ty() != *t {
                return Err(Error::Api(format!("argument {i} has type {}, expected {t}", a.ty())));
            }
            store.check_value(a)?;
        }
        crate::exec::call(store, *self, args, results)
    }
}

impl Memory {
    pub fn new(store: &mut Store, ty: MemoryType) -> Result<Memory, Error> {
        let limit = store.engine.config().max_memory_pages;
        if ty.min > limit {
            return Err(Error::Api(format!("memory of {} pages exceeds the limit of {limit}", ty.min)));
        }
        let mut m = MemoryEntity { data: vec![0; ty.min as usize * PAGE_SIZE], ty, versions: Vec::new() };
        if let Some(memo) = &store.memo {
            m.versions = vec![0; chunks(m.data.len(), memo.chunk_shift)];
        }
        store.memories.push(m);
        Ok(Memory(store.memories.len() as u32 - 1))
    }

    pub fn ty(&self, store: &Store) -> MemoryType {
        let m = &store.memories[self.0 as usize];
        MemoryType { min: (m.data.len() / PAGE_SIZE) as u32, max: m.ty.max }
    }

    /// The current size in pages.
    pub fn size(&self, store: &Store) -> u32 {
        (store.memories[self.0 as usize].data.len() / PAGE_SIZE) as u32
    }

    pub fn data<'a>(&self, store: &'a Store) -> &'a [u8] {
        &store.memories[self.0 as usize].data
    }

    /// Reads `buf.len()` bytes at `offset`.
    pub fn read(&self, store: &Store, offset: usize, buf: &mut [u8]) -> Result<(), Error> {
        let data = self.data(store);
        let src = offset
            .checked_add(buf.len())
            .and_then(|end| data.get(offset..end))
            .ok_or_else(|| Error::Api(format!("memory read of {} bytes at {offset} is out of bounds", buf.len())))?;
        buf.copy_from_slice(src);
        Ok(())
    }

    /// Writes `bytes` at `offset`, as the host: memo entries that depend on them are invalidated.
    pub fn write(&self, store: &mut Store, offset: usize, bytes: &[u8]) -> Result<(), Error> {
        let m = &mut store.memories[self.0 as usize];
        let dst = offset
            .checked_add(bytes.len())
            .and_then(|end| m.data.get_mut(offset..end))
            .ok_or_else(|| Error::Api(format!("memory write of {} bytes at {offset} is out of bounds", bytes.len())))?;
        dst.copy_from_slice(bytes);
        if let Some(memo) = &mut store.memo {
            bump_chunks(memo, m, offset as u64, bytes.len() as u64);
        }
        Ok(())
    }

    /// Grows by `delta` pages; returns the old size, or `None` if it cannot grow.
    pub fn grow(&self, store: &mut Store, delta: u32) -> Option<u32> {
        let limit = store.engine.config().max_memory_pages;
        let shift = store.memo.as_ref().map(|m| m.chunk_shift);
        grow_memory(&mut store.memories[self.0 as usize], delta, limit, shift)
    }
}

/// The one implementation of `memory.grow`, shared by the host API and the interpreter.
/// With memo on (`chunk_shift`), the new chunks get versions too.
pub(crate) fn grow_memory(m: &mut MemoryEntity, delta: u32, limit: u32, chunk_shift: Option<u32>) -> Option<u32> {
    let old = (m.data.len() / PAGE_SIZE) as u32;
    let max = m.ty.max.unwrap_or(65_536).min(limit).min(65_536);
    let new = old.checked_add(delta).filter(|&n| n <= max)?;
    m.data.resize(new as usize * PAGE_SIZE, 0);
    if let Some(shift) = chunk_shift {
        m.versions.resize(chunks(m.data.len(), shift), 0);
    }
    Some(old)
}

/// Number of chunks covering `len` bytes.
pub(crate) fn chunks(len: usize, shift: u32) -> usize {
    len.div_ceil(1 << shift)
}

/// Gives every chunk that `[start, start + len)` touches a new version.
pub(crate) fn bump_chunks(memo: &mut MemoState, m: &mut MemoryEntity, start: u64, len: u64) {
    if len == 0 {
        return;
    }
    let (first, last) = (start >> memo.chunk_shift, (start + len - 1) >> memo.chunk_shift);
    let v = memo.next_version();
    for c in first..=last {
        m.versions[c as usize] = v;
    }
}

impl Table {
    pub fn new(store: &mut Store, ty: TableType, init: Value) -> Result<Table, Error> {
        check_ref(ty.element, &init)?;
        store.check_value(&init)?;
        store.tables.push(TableEntity { elems: vec![init.to_cell(); ty.min as usize], ty, version: 0 });
        Ok(Table(store.tables.len() as u32 - 1))
    }

    pub fn ty(&self, store: &Store) -> TableType {
        let t = &store.tables[self.0 as usize];
        TableType { element: t.ty.element, min: t.elems.len() as u32, max: t.ty.max }
    }

    pub fn size(&self, store: &Store) -> u32 {
        store.tables[self.0 as usize].elems.len() as u32
    }

    pub fn get(&self, store: &Store, index: u32) -> Option<Value> {
        let t = &store.tables[self.0 as usize];
        t.elems.get(index as usize).map(|&c| Value::from_cell(t.ty.element.into(), c))
    }

    pub fn set(&self, store: &mut Store, index: u32, value: Value) -> Result<(), Error> {
        store.check_value(&value)?;
        let t = &mut store.tables[self.0 as usize];
        check_ref(t.ty.element, &value)?;
        let slot = t
            .elems
            .get_mut(index as usize)
            .ok_or_else(|| Error::Api(format!("table index {index} is out of bounds")))?;
        *slot = value.to_cell();
        if let Some(memo) = &mut store.memo {
            t.version = memo.next_version();
        }
        Ok(())
    }
}

fn check_ref(element: RefType, v: &Value) -> Result<(), Error> {
    if v.ty() != ValType::from(element) {
        return Err(Error::Api(format!("value of type {} does not fit a table of {}", v.ty(), ValType::from(element))));
    }
    Ok(())
}

impl Global {
    pub fn new(store: &mut Store, ty: GlobalType, value: Value) -> Result<Global, Error> {
        if value.ty() != ty.content {
            return Err(Error::Api(format!("global of type {} cannot hold {}", ty.content, value.ty())));
        }
        store.check_value(&value)?;
        store.globals.push(GlobalEntity { value: value.to_cell(), ty });
        Ok(Global(store.globals.len() as u32 - 1))
    }

    pub fn ty(&self, store: &Store) -> GlobalType {
        store.globals[self.0 as usize].ty
    }

    pub fn get(&self, store: &Store) -> Value {
        let g = &store.globals[self.0 as usize];
        Value::from_cell(g.ty.content, g.value)
    }

    /// Sets a mutable global, as the host.
    pub fn set(&self, store: &mut Store, value: Value) -> Result<(), Error> {
        store.check_value(&value)?;
        let g = &mut store.globals[self.0 as usize];
        if !g.ty.mutable {
            return Err(Error::Api("global is immutable".into()));
        }
        if value.ty() != g.ty.content {
            return Err(Error::Api(format!("global of type {} cannot hold {}", g.ty.content, value.ty())));
        }
        g.value = value.to_cell();
        Ok(())
    }
}
