//! Decoding and validation of a module (wasmparser), and the compiled form the store instantiates.

use crate::engine::Engine;
use crate::error::Error;
use crate::ir::Op;
use crate::translate::Translator;
use crate::value::{FuncType, GlobalType, MemoryType, RefType, TableType, ValType};
use std::sync::{Arc, OnceLock};
use wasmparser::{BinaryReader, FunctionBody, Parser, Payload, Validator, WasmFeatures};

/// A validated module, whose functions are translated in `Module::new` or at their first
/// call ([`Config::lazy_translation`](crate::Config::lazy_translation)). Cheap to clone.
#[derive(Clone)]
pub struct Module {
    pub(crate) inner: Arc<ModuleInner>,
}

/// What an import or export is, with its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExternType {
    Func(FuncType),
    Memory(MemoryType),
    Table(TableType),
    Global(GlobalType),
}

/// One import of a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportType {
    pub module: String,
    pub name: String,
    pub ty: ExternType,
}

/// One export of a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportType {
    pub name: String,
    pub ty: ExternType,
}

/// A constant expression (WebAssembly 2.0 allows exactly one instruction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ConstExpr {
    /// A value already encoded as a cell.
    Cell(u64),
    GlobalGet(u32),
    RefFunc(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExportKind {
    Func,
    Memory,
    Table,
    Global,
}

#[derive(Debug, Clone)]
pub(crate) enum SegmentMode {
    Passive,
    Declared,
    Active { index: u32, offset: ConstExpr },
}

pub(crate) struct ElemSegment {
    pub mode: SegmentMode,
    pub items: Vec<ConstExpr>,
}

pub(crate) struct DataSegment {
    pub mode: SegmentMode,
    pub bytes: Arc<[u8]>,
}

/// The translated code of one function.
#[derive(Debug, Default)]
pub struct CompiledFunc {
    /// Function index in its module (imports included), for reports.
    pub index: u32,
    pub num_params: u32,
    pub num_results: u32,
    /// Params plus declared locals.
    pub num_locals: u32,
    /// Constant cells, copied into the frame right after the locals on entry.
    pub consts: Vec<u64>,
    /// The cells a frame starts with after its parameters: zero for each declared local,
    /// then the constants.
    pub init: Box<[u64]>,
    /// Cells the frame needs in all: locals, constants and the deepest operand stack.
    pub frame_size: u32,
    pub code: Vec<Op>,
    /// The plain engine's form of `code`: each op with the handler that runs it.
    pub(crate) threaded: Box<[crate::exec::Threaded]>,
    /// Byte offset in the module of the wasm instruction each op came from.
    pub offsets: Vec<u32>,
    /// `(table, engine type id, module type index)` of each `call_indirect` in the body.
    pub indirect: Vec<(u32, u32, u32)>,
    /// The memo units of the body (empty unless the engine memoizes).
    pub memo_blocks: Vec<MemoBlock>,
    /// The exits of memo units, one per `MemoLeave` op.
    pub memo_exits: Vec<MemoExit>,
}

/// Where memo units exit: which units, and which cells carry values out.
#[derive(Debug, Default, Clone)]
pub struct MemoExit {
    /// The units left here, innermost first.
    pub units: Box<[u32]>,
    /// The exit carries the values in cells `cells..cells + n` (branch results, loop
    /// parameters or return values): with the locals a unit writes, they are its outputs.
    pub cells: u32,
    pub n: u32,
}

/// A memo unit: a function body, or the body of a block, loop or if, as an op range.
#[derive(Debug, Default, Clone)]
pub struct MemoBlock {
    /// The `MemoEnter` op.
    pub start: u32,
    /// The `MemoLeave` at the unit's end label (or the end of the code).
    pub end: u32,
    /// Byte offset of the wasm instruction that opens the unit.
    pub offset: u32,
    /// Cells whose entry values determine the unit's execution (sorted).
    pub inputs: Box<[u32]>,
    /// Locals the unit may write (sorted); their exit values are recorded, with the cells
    /// its exit carries.
    pub writes: Box<[u32]>,
}

/// A defined function: its body, and its code once translated.
pub(crate) struct FuncCode {
    /// Byte range of the body in the module.
    body: std::ops::Range<usize>,
    /// Translated at `Module::new` when the engine translates eagerly, else at the first
    /// call (from any store the module is instantiated in).
    code: OnceLock<Arc<CompiledFunc>>,
}

pub(crate) struct ModuleInner {
    pub engine: Engine,
    /// The type section, and each type's engine-wide id.
    pub types: Vec<Arc<FuncType>>,
    pub type_ids: Vec<u32>,
    pub imports: Vec<ImportType>,
    /// Type index of every function, imports first.
    pub func_types: Vec<u32>,
    pub num_imported_funcs: u32,
    pub num_imported_tables: u32,
    pub num_imported_memories: u32,
    pub num_imported_globals: u32,
    /// The module's defined functions.
    pub funcs: Vec<FuncCode>,
    /// The code section's bytes, which the bodies of functions not translated yet are read
    /// from (empty when the engine translates eagerly), and where they start in the module.
    pub code_bytes: Arc<[u8]>,
    pub code_start: usize,
    pub tables: Vec<TableType>,
    pub memories: Vec<MemoryType>,
    pub globals: Vec<(GlobalType, ConstExpr)>,
    /// Types of all globals, imports first.
    pub global_types: Vec<GlobalType>,
    /// Element types of all tables, imports first.
    pub table_types: Vec<RefType>,
    pub exports: Vec<(String, ExportKind, u32)>,
    pub start: Option<u32>,
    pub elems: Vec<ElemSegment>,
    pub datas: Vec<DataSegment>,
}

impl Module {
    /// Decodes and validates a binary module, and translates its functions: all of them
    /// now when the engine translates eagerly (its [`Config::lazy_translation`] is off, or
    /// it memoizes), else each one at its first call.
    ///
    /// [`Config::lazy_translation`]: crate::Config::lazy_translation
    pub fn new(engine: &Engine, bytes: &[u8]) -> Result<Module, Error> {
        let mut translator = engine.take_translator();
        let parsed = parse(engine, bytes, &mut translator);
        engine.give_back_translator(translator);
        match parsed {
            Ok(inner) => Ok(Module { inner: Arc::new(inner) }),
            Err(Error::Invalid { message, offset }) => {
                // Tell "uses a feature we do not support" apart from "invalid".
                let all = WasmFeatures::all().difference(WasmFeatures::CM_ASYNC);
                if Validator::new_with_features(all).validate_all(bytes).is_ok() {
                    Err(Error::Unsupported { message, offset })
                } else {
                    Err(Error::Invalid { message, offset })
                }
            }
            Err(e) => Err(e),
        }
    }

    /// Parses WebAssembly text (or binary) through the `wat` crate, then as [`Module::new`].
    pub fn from_wat(engine: &Engine, text: &str) -> Result<Module, Error> {
        let bytes = wat::parse_str(text).map_err(|e| Error::Malformed { message: e.to_string(), offset: 0 })?;
        Module::new(engine, &bytes)
    }

    /// The translated code of every function defined in the module, one op per line
    /// (with the cells each frame holds), for people reading what the interpreter runs.
    pub fn disassemble(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for i in 0..self.inner.funcs.len() {
            let f = match self.inner.code(i) {
                Ok(f) => f,
                Err(e) => {
                    let _ = writeln!(out, "func {}: {e}", self.inner.num_imported_funcs as usize + i);
                    continue;
                }
            };
            let _ = writeln!(
                out,
                "func {}: {} params, {} locals, constants {:?}, frame {} cells",
                f.index, f.num_params, f.num_locals, f.consts, f.frame_size
            );
            for (i, op) in f.code.iter().enumerate() {
                let _ = writeln!(out, "  {i:4}  {op:?}");
            }
        }
        out
    }

    pub fn imports(&self) -> &[ImportType] {
        &self.inner.imports
    }

    pub fn exports(&self) -> Vec<ExportType> {
        let m = &self.inner;
        m.exports
            .iter()
            .map(|(name, kind, idx)| ExportType { name: name.clone(), ty: m.extern_type(*kind, *idx) })
            .collect()
    }
}

impl ModuleInner {
    /// The code of defined function `i` if it is translated already.
    pub(crate) fn translated(&self, i: usize) -> Option<&Arc<CompiledFunc>> {
        self.funcs[i].code.get()
    }

    /// The code of defined function `i`, translated now if it was not yet. Its body was
    /// validated by `Module::new`, so only a broken invariant of the translator fails here.
    pub(crate) fn code(&self, i: usize) -> Result<&Arc<CompiledFunc>, Error> {
        let f = &self.funcs[i];
        if let Some(code) = f.code.get() {
            return Ok(code);
        }
        let at = f.body.start - self.code_start..f.body.end - self.code_start;
        let Some(bytes) = self.code_bytes.get(at) else {
            return Err(Error::Malformed {
                message: "function body out of the code section".into(),
                offset: f.body.start,
            });
        };
        let body = FunctionBody::new(BinaryReader::new(bytes, f.body.start));
        let mut translator = self.engine.take_translator();
        let index = self.num_imported_funcs + i as u32;
        let compiled = translator.translate_valid(self, index, &body);
        self.engine.give_back_translator(translator);
        let compiled = Arc::new(compiled?);
        // Another thread may have translated it meanwhile: both translations are the same.
        Ok(f.code.get_or_init(|| compiled))
    }

    pub(crate) fn extern_type(&self, kind: ExportKind, idx: u32) -> ExternType {
        let i = idx as usize;
        match kind {
            ExportKind::Func => ExternType::Func((*self.types[self.func_types[i] as usize]).clone()),
            ExportKind::Global => ExternType::Global(self.global_types[i]),
            ExportKind::Memory => match self.import_of(ExportKind::Memory, idx) {
                Some(ExternType::Memory(m)) => ExternType::Memory(m),
                _ => ExternType::Memory(self.memories[i - self.num_imported_memories as usize]),
            },
            ExportKind::Table => match self.import_of(ExportKind::Table, idx) {
                Some(ExternType::Table(t)) => ExternType::Table(t),
                _ => ExternType::Table(self.tables[i - self.num_imported_tables as usize]),
            },
        }
    }

    fn import_of(&self, kind: ExportKind, idx: u32) -> Option<ExternType> {
        self.imports
            .iter()
            .filter(|imp| {
                matches!(
                    (kind, &imp.ty),
                    (ExportKind::Memory, ExternType::Memory(_)) | (ExportKind::Table, ExternType::Table(_))
                )
            })
            .nth(idx as usize)
            .map(|imp| imp.ty.clone())
    }
}

fn malformed(e: wasmparser::BinaryReaderError) -> Error {
    Error::Malformed { message: e.message().to_string(), offset: e.offset() }
}

fn invalid(e: wasmparser::BinaryReaderError) -> Error {
    Error::Invalid { message: e.message().to_string(), offset: e.offset() }
}

pub(crate) fn val_type(t: wasmparser::ValType) -> Result<ValType, Error> {
    Ok(match t {
        wasmparser::ValType::I32 => ValType::I32,
        wasmparser::ValType::I64 => ValType::I64,
        wasmparser::ValType::F32 => ValType::F32,
        wasmparser::ValType::F64 => ValType::F64,
        wasmparser::ValType::Ref(r) => ref_type(r)?.into(),
        wasmparser::ValType::V128 => return Err(unsupported("v128 values (SIMD)")),
    })
}

fn ref_type(r: wasmparser::RefType) -> Result<RefType, Error> {
    if r == wasmparser::RefType::FUNCREF {
        Ok(RefType::FuncRef)
    } else if r == wasmparser::RefType::EXTERNREF {
        Ok(RefType::ExternRef)
    } else {
        Err(unsupported("typed function references or GC"))
    }
}

fn unsupported(what: &str) -> Error {
    Error::Unsupported { message: what.to_string(), offset: 0 }
}

fn func_type(t: &wasmparser::FuncType) -> Result<FuncType, Error> {
    Ok(FuncType {
        params: t.params().iter().map(|&p| val_type(p)).collect::<Result<_, _>>()?,
        results: t.results().iter().map(|&p| val_type(p)).collect::<Result<_, _>>()?,
    })
}

fn memory_type(m: &wasmparser::MemoryType) -> Result<MemoryType, Error> {
    if m.memory64 || m.shared || m.page_size_log2.is_some() {
        return Err(unsupported("memory64, shared or custom-page-size memories"));
    }
    Ok(MemoryType { min: m.initial as u32, max: m.maximum.map(|x| x as u32) })
}

fn table_type(t: &wasmparser::TableType) -> Result<TableType, Error> {
    if t.table64 || t.shared {
        return Err(unsupported("table64 or shared tables"));
    }
    Ok(TableType { element: ref_type(t.element_type)?, min: t.initial as u32, max: t.maximum.map(|x| x as u32) })
}

fn global_type(g: &wasmparser::GlobalType) -> Result<GlobalType, Error> {
    if g.shared {
        return Err(unsupported("shared globals"));
    }
    Ok(GlobalType { content: val_type(g.content_type)?, mutable: g.mutable })
}

pub(crate) fn const_expr(e: &wasmparser::ConstExpr<'_>) -> Result<ConstExpr, Error> {
    use wasmparser::Operator as O;
    let mut reader = e.get_operators_reader();
    let op = reader.read().map_err(malformed)?;
    let expr = match op {
        O::I32Const { value } => ConstExpr::Cell(value as u32 as u64),
        O::I64Const { value } => ConstExpr::Cell(value as u64),
        O::F32Const { value } => ConstExpr::Cell(value.bits() as u64),
        O::F64Const { value } => ConstExpr::Cell(value.bits()),
        O::RefNull { .. } => ConstExpr::Cell(0),
        O::RefFunc { function_index } => ConstExpr::RefFunc(function_index),
        O::GlobalGet { global_index } => ConstExpr::GlobalGet(global_index),
        _ => return Err(unsupported("extended constant expressions")),
    };
    match reader.read().map_err(malformed)? {
        O::End => Ok(expr),
        _ => Err(unsupported("extended constant expressions")),
    }
}

fn parse(engine: &Engine, bytes: &[u8], translator: &mut Translator) -> Result<ModuleInner, Error> {
    let features = engine.config().features.intersection(crate::Config::supported_features());
    let mut validator = Validator::new_with_features(features);
    let mut m = ModuleInner {
        engine: engine.clone(),
        types: Vec::new(),
        type_ids: Vec::new(),
        imports: Vec::new(),
        func_types: Vec::new(),
        num_imported_funcs: 0,
        num_imported_tables: 0,
        num_imported_memories: 0,
        num_imported_globals: 0,
        funcs: Vec::new(),
        code_bytes: Arc::from(&[][..]),
        code_start: 0,
        tables: Vec::new(),
        memories: Vec::new(),
        globals: Vec::new(),
        global_types: Vec::new(),
        table_types: Vec::new(),
        exports: Vec::new(),
        start: None,
        elems: Vec::new(),
        datas: Vec::new(),
    };
    let lazy = engine.config().lazy_translation && engine.config().memo.is_none();
    let mut parser = Parser::new(0);
    // The binary format itself depends on features (e.g. 64-bit limits with memory64).
    parser.set_features(features);
    for payload in parser.parse_all(bytes) {
        let payload = payload.map_err(malformed)?;
        // The data count section came with bulk memory; this wasmparser accepts it without.
        if let Payload::DataCountSection { range, .. } = &payload {
            if !features.contains(WasmFeatures::BULK_MEMORY) {
                return Err(Error::Invalid {
                    message: "data count section requires the bulk-memory proposal".into(),
                    offset: range.start,
                });
            }
        }
        let valid = validator.payload(&payload).map_err(invalid)?;
        if let wasmparser::ValidPayload::Func(func, body) = valid {
            let range = body.range();
            let code = OnceLock::new();
            if lazy {
                translator.validate(func, &body)?;
            } else {
                let _ = code.set(Arc::new(translator.translate(&m, func, &body)?));
            }
            m.funcs.push(FuncCode { body: range.start..range.end, code });
            continue;
        }
        match payload {
            Payload::TypeSection(reader) => {
                for group in reader {
                    for sub in group.map_err(malformed)?.into_types() {
                        let ty = match &sub.composite_type.inner {
                            wasmparser::CompositeInnerType::Func(f) => func_type(f)?,
                            _ => return Err(unsupported("GC types")),
                        };
                        let (id, shared) = engine.shared_type(&ty);
                        m.type_ids.push(id);
                        m.types.push(shared);
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for imp in reader {
                    let imp = imp.map_err(malformed)?;
                    let ty = match imp.ty {
                        wasmparser::TypeRef::Func(t) => {
                            m.func_types.push(t);
                            m.num_imported_funcs += 1;
                            ExternType::Func((*m.types[t as usize]).clone())
                        }
                        wasmparser::TypeRef::Memory(mt) => {
                            m.num_imported_memories += 1;
                            ExternType::Memory(memory_type(&mt)?)
                        }
                        wasmparser::TypeRef::Table(tt) => {
                            m.num_imported_tables += 1;
                            let t = table_type(&tt)?;
                            m.table_types.push(t.element);
                            ExternType::Table(t)
                        }
                        wasmparser::TypeRef::Global(gt) => {
                            m.num_imported_globals += 1;
                            let g = global_type(&gt)?;
                            m.global_types.push(g);
                            ExternType::Global(g)
                        }
                        _ => return Err(unsupported("tag or exact function imports")),
                    };
                    m.imports.push(ImportType { module: imp.module.to_string(), name: imp.name.to_string(), ty });
                }
            }
            Payload::FunctionSection(reader) => {
                // Every entry takes a byte at least: a count the bytes cannot hold reserves no more.
                let bytes = reader.range().end - reader.range().start;
                m.func_types.reserve((reader.count() as usize).min(bytes));
                for t in reader {
                    m.func_types.push(t.map_err(malformed)?);
                }
            }
            Payload::TableSection(reader) => {
                for t in reader {
                    let t = t.map_err(malformed)?;
                    if !matches!(t.init, wasmparser::TableInit::RefNull) {
                        return Err(unsupported("table initializer expressions"));
                    }
                    let tt = table_type(&t.ty)?;
                    m.table_types.push(tt.element);
                    m.tables.push(tt);
                }
            }
            Payload::MemorySection(reader) => {
                for mt in reader {
                    m.memories.push(memory_type(&mt.map_err(malformed)?)?);
                }
            }
            Payload::GlobalSection(reader) => {
                for g in reader {
                    let g = g.map_err(malformed)?;
                    let gt = global_type(&g.ty)?;
                    m.global_types.push(gt);
                    m.globals.push((gt, const_expr(&g.init_expr)?));
                }
            }
            Payload::ExportSection(reader) => {
                for e in reader {
                    let e = e.map_err(malformed)?;
                    let kind = match e.kind {
                        wasmparser::ExternalKind::Func => ExportKind::Func,
                        wasmparser::ExternalKind::Memory => ExportKind::Memory,
                        wasmparser::ExternalKind::Table => ExportKind::Table,
                        wasmparser::ExternalKind::Global => ExportKind::Global,
                        _ => return Err(unsupported("tag exports")),
                    };
                    m.exports.push((e.name.to_string(), kind, e.index));
                }
            }
            Payload::StartSection { func, .. } => m.start = Some(func),
            Payload::CodeSectionStart { count, size, range } => {
                m.funcs.reserve(count.min(size) as usize);
                // A section that runs past the end of the module fails at its first body.
                if let (true, Some(code)) = (lazy, bytes.get(range.clone())) {
                    m.code_start = range.start;
                    m.code_bytes = Arc::from(code);
                }
            }
            Payload::ElementSection(reader) => {
                for e in reader {
                    let e = e.map_err(malformed)?;
                    let mode = match e.kind {
                        wasmparser::ElementKind::Passive => SegmentMode::Passive,
                        wasmparser::ElementKind::Declared => SegmentMode::Declared,
                        wasmparser::ElementKind::Active { table_index, offset_expr } => {
                            SegmentMode::Active { index: table_index.unwrap_or(0), offset: const_expr(&offset_expr)? }
                        }
                    };
                    let items = match e.items {
                        wasmparser::ElementItems::Functions(r) => r
                            .into_iter()
                            .map(|f| f.map(ConstExpr::RefFunc).map_err(malformed))
                            .collect::<Result<Vec<_>, _>>()?,
                        wasmparser::ElementItems::Expressions(_, r) => {
                            r.into_iter().map(|x| const_expr(&x.map_err(malformed)?)).collect::<Result<Vec<_>, _>>()?
                        }
                    };
                    m.elems.push(ElemSegment { mode, items });
                }
            }
            Payload::DataSection(reader) => {
                for d in reader {
                    let d = d.map_err(malformed)?;
                    let mode = match d.kind {
                        // Bulk memory's too; this wasmparser accepts them without it.
                        wasmparser::DataKind::Passive if !features.contains(WasmFeatures::BULK_MEMORY) => {
                            return Err(Error::Invalid {
                                message: "passive data segments require the bulk-memory proposal".into(),
                                offset: d.range.start,
                            });
                        }
                        wasmparser::DataKind::Passive => SegmentMode::Passive,
                        wasmparser::DataKind::Active { memory_index, offset_expr } => {
                            SegmentMode::Active { index: memory_index, offset: const_expr(&offset_expr)? }
                        }
                    };
                    m.datas.push(DataSegment { mode, bytes: d.data.into() });
                }
            }
            _ => {}
        }
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::Module;
    use crate::{Config, Engine, Error, Linker, Store, Value};
    use std::sync::Arc;

    const TWO: &str = r#"(module
        (func (export "used") (param i32) (result i32) local.get 0 i32.const 1 i32.add)
        (func (export "unused") (result i32) i32.const 7))"#;

    #[test]
    fn a_function_is_translated_at_its_first_call() {
        let engine = Engine::default();
        let module = Module::from_wat(&engine, TWO).unwrap();
        assert!(module.inner.translated(0).is_none() && module.inner.translated(1).is_none());
        let mut store = Store::new(&engine);
        let inst = Linker::new().instantiate(&mut store, &module).unwrap();
        let used = inst.get_func(&store, "used").unwrap();
        assert_eq!(used.call(&mut store, &[Value::I32(41)]).unwrap(), [Value::I32(42)]);
        assert!(module.inner.translated(0).is_some());
        assert!(module.inner.translated(1).is_none());
        // Another store takes the translation at instantiation: the same code, shared.
        let mut other = Store::new(&engine);
        let inst2 = Linker::new().instantiate(&mut other, &module).unwrap();
        let used2 = inst2.get_func(&other, "used").unwrap();
        let shared = other.funcs[used2.0 as usize].code.get().expect("translated before");
        assert!(Arc::ptr_eq(shared, module.inner.translated(0).unwrap()));
        assert!(other.funcs[inst2.get_func(&other, "unused").unwrap().0 as usize].code.get().is_none());
        assert_eq!(inst2.get_func(&other, "unused").unwrap().call(&mut other, &[]).unwrap(), [Value::I32(7)]);
        assert!(module.inner.translated(1).is_some());
    }

    #[test]
    fn eager_engines_translate_in_module_new() {
        let memo = Some(crate::memo::MemoConfig::default());
        for config in [Config::default().lazy_translation(false), Config::default().memo(memo)] {
            let module = Module::from_wat(&Engine::new(config), TWO).unwrap();
            assert!(module.inner.translated(0).is_some() && module.inner.translated(1).is_some());
        }
    }

    /// Every bench module (C and WAT) translates to the same ops whether its bodies were
    /// validated at `Module::new` and translated alone later, or both at once.
    #[test]
    fn lazy_and_eager_translations_are_the_same() {
        let bench = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench");
        let lazy = Engine::default();
        let eager = Engine::new(Config::default().lazy_translation(false));
        let mut seen = 0;
        for dir in ["wasm", "wat"] {
            for entry in std::fs::read_dir(bench.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let bytes = wat::parse_file(&path).unwrap();
                let a = Module::new(&lazy, &bytes).unwrap().disassemble();
                let b = Module::new(&eager, &bytes).unwrap().disassemble();
                assert!(a.lines().count() > 3, "{}", path.display());
                assert_eq!(a, b, "{}", path.display());
                seen += 1;
            }
        }
        assert!(seen >= 12, "only {seen} bench modules");
    }

    /// A module with one function type `[] -> []` and one function of body `body`
    /// (locals and operators).
    fn one_body(body: &[u8]) -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0\x01\x04\x01\x60\0\0\x03\x02\x01\0\x0a".to_vec();
        m.push(body.len() as u8 + 2);
        m.extend([1, body.len() as u8]);
        m.extend(body);
        m
    }

    /// Bad bodies get the same error, kind and message, whether validated alone or
    /// validated and translated together.
    #[test]
    fn lazy_validation_rejects_as_eager_does() {
        let lazy = Engine::default();
        let eager = Engine::new(Config::default().lazy_translation(false));
        let cases: [(&str, Vec<u8>); 7] = [
            ("else outside if", one_body(&[0, 0x05, 0x0b])),
            ("operators after the end", one_body(&[0, 0x0b, 0x01])),
            ("a constant after the end", one_body(&[0, 0x0b, 0x41, 0x00])),
            ("a block after the end", one_body(&[0, 0x0b, 0x02, 0x40, 0x0b])),
            ("no end", one_body(&[0, 0x01])),
            ("type mismatch", one_body(&[0, 0x41, 0x00, 0x0b])),
            ("unknown local", one_body(&[0, 0x20, 0x03, 0x1a, 0x0b])),
        ];
        for (what, bytes) in cases {
            let a = Module::new(&lazy, &bytes).err().unwrap_or_else(|| panic!("{what}: lazy accepted it"));
            let b = Module::new(&eager, &bytes).err().unwrap_or_else(|| panic!("{what}: eager accepted it"));
            assert_eq!(a.to_string(), b.to_string(), "{what}");
            assert_eq!(std::mem::discriminant(&a), std::mem::discriminant(&b), "{what}");
            assert!(matches!(a, Error::Malformed { .. } | Error::Invalid { .. }), "{what}: {a}");
        }
    }

    /// Without bulk memory, its data count section and passive data segments are rejected
    /// (the wasmparser memowasm decodes with accepts them).
    #[test]
    fn bulk_memory_syntax_needs_bulk_memory() {
        let data_count = b"\0asm\x01\0\0\0\x0c\x01\x00".to_vec();
        let passive = wat::parse_str(r#"(module (data "x"))"#).unwrap();
        let without = Engine::new(
            Config::default()
                .features(wasmparser::WasmFeatures::WASM2.difference(wasmparser::WasmFeatures::BULK_MEMORY)),
        );
        for (what, bytes) in [("data count", &data_count), ("passive data", &passive)] {
            let e = Module::new(&without, bytes).err().unwrap_or_else(|| panic!("{what}: accepted"));
            // Valid with every feature on, so reported as a feature left out.
            assert!(matches!(e, Error::Unsupported { .. }), "{what}: {e}");
            assert!(e.to_string().contains("bulk-memory"), "{what}: {e}");
            assert!(Module::new(&Engine::default(), bytes).is_ok(), "{what}: rejected with bulk memory");
        }
    }

    /// The decoder is built without SIMD: a SIMD operator is unsupported, not malformed,
    /// lazily and eagerly.
    #[test]
    fn simd_operators_are_unsupported() {
        // v128.const 0, drop, end
        let mut body = vec![0, 0xfd, 0x0c];
        body.extend([0; 16]);
        body.extend([0x1a, 0x0b]);
        for config in [Config::default(), Config::default().lazy_translation(false)] {
            let e = Module::new(&Engine::new(config), &one_body(&body)).err().expect("a SIMD body");
            assert!(matches!(e, Error::Unsupported { .. }), "{e}");
        }
    }
}
