//! The interpreter loop: one `match` over [`Op`] with one-line arms, frames on an explicit
//! stack (wasm calls never recurse on the native stack), and the handlers for memory,
//! tables and calls in `mem`, `table` and this module.

mod cell;
mod mem;
mod memo;
mod raw;
mod table;

pub(crate) use raw::{accumulate, check_code, check_layout, thread_code, Threaded, SMALL_INIT};

use crate::error::{Error, Trap};
use crate::ir::{for_each_numeric_op, Op};
use crate::memo::{Dep, Effect, MemoState};
use crate::module::CompiledFunc;
use crate::semantics;
use crate::store::{Func, FuncKind, InstanceEntity, MemoryEntity, Store};
use crate::value::Value;
use cell::Cell as _;
use raw::threaded::{self, Why};
use raw::{Code, Frame, Mem};

/// A suspended caller.
pub(crate) struct Caller<'s> {
    func: &'s CompiledFunc,
    /// In memo engines, the caller's patchable code (that of the store function of `func`
    /// in `instance`), which a return goes back to without looking the function up. The
    /// plain engine takes the caller's code from `func` ([`Code::unused`] here).
    code: Code<'s>,
    instance: u32,
    /// Where the caller resumes ([`Code::pos`]: the byte offset of its record; a body is at
    /// most 7,654,321 bytes (the validator's limit), so its records span well under 4 GiB).
    ip: u32,
    /// The caller's frame base in the value stack.
    base: usize,
}

/// Calls `f` with already type-checked arguments and writes its results into `results`
/// (one per result type).
pub(crate) fn call(store: &mut Store, f: Func, args: &[Value], results: &mut [Value]) -> Result<(), Error> {
    let entity = &store.funcs[f.0 as usize];
    let instance = match (entity.code()?, &entity.kind) {
        (Some(_), _) => entity.instance,
        (None, FuncKind::Host(h)) => {
            let out = h.clone()(args)?;
            let ty = &store.funcs[f.0 as usize].ty;
            if out.len() != ty.results.len() || out.iter().zip(&ty.results).any(|(v, t)| v.ty() != *t) {
                return Err(Error::Trap(Trap::Host));
            }
            results.copy_from_slice(&out);
            return Ok(());
        }
        (None, FuncKind::Wasm { .. }) => unreachable!("a wasm function has code"),
    };
    // The stack keeps its length between calls: frames initialise their own cells, so
    // only the arguments need writing. The caller list keeps its buffer.
    let frames = std::mem::take(&mut store.frames);
    let mut stack = std::mem::take(&mut store.stack);
    if stack.len() < args.len() {
        stack.resize(args.len(), 0);
    }
    for (cell, a) in stack.iter_mut().zip(args) {
        *cell = a.to_cell();
    }
    let phase = match &mut store.memo {
        None => Phase::Plain,
        Some(memo) => {
            // Adaptive: after a while in the plain loop, try memoizing again.
            if memo.plain {
                memo.plain_calls += 1;
                if memo.plain_calls > memo.plain_span {
                    memo.leave_plain();
                }
            }
            let phase = if memo.plain { Phase::MemoEnginePlain } else { Phase::Memo };
            if phase == Phase::Memo {
                memo::retry_units(&store.funcs, memo);
            }
            phase
        }
    };
    let mut ex = Executor::new(store, &mut stack);
    // The entry's code, borrowed through the executor's shared borrow of the functions
    // (cloning its `Arc` out of the store would count up and down atomically on every
    // call); `code()` above translated it.
    let funcs = ex.funcs;
    let code = funcs[f.0 as usize].code.get().expect("translated above");
    let result = ex.start(code, f.0, instance, phase, frames);
    let result = result.map(recycle).map(|frames| store.frames = frames);
    if result.is_err() {
        if let Some(memo) = &mut store.memo {
            memo.abort();
        }
    }
    if result.is_ok() {
        let ty = &store.funcs[f.0 as usize].ty;
        for ((r, &t), &c) in results.iter_mut().zip(&ty.results).zip(&stack) {
            *r = Value::from_cell(t, c);
        }
    }
    store.stack = stack;
    result.map_err(Error::Trap)
}

/// An emptied caller list with its buffer, for the next call: `Caller`s borrow the call's
/// code, but an empty list holds none (the in-place `collect` keeps the allocation).
fn recycle(mut frames: Vec<Caller<'_>>) -> Vec<Caller<'static>> {
    frames.clear();
    frames.into_iter().map(|_| unreachable!("the list is empty")).collect()
}

/// The loop state that the threaded call, return and global handlers work on.
struct Calls<'s, 'a> {
    frames: &'a mut Vec<Caller<'s>>,
    stack: &'a mut Vec<u64>,
    funcs: &'s [crate::store::FuncEntity],
    tables: &'a [crate::store::TableEntity],
    globals: &'a mut [crate::store::GlobalEntity],
    datas: &'a [std::sync::Arc<[u8]>],
    elems: &'a [std::sync::Arc<[u64]>],
    inst: &'s InstanceEntity,
    instance: u32,
    func: &'s CompiledFunc,
    /// The current function's code, for branch targets.
    code: Code<'s>,
    base: usize,
    max_depth: usize,
    max_stack: usize,
    /// Calls the chain may still make before one must go through the loop: unbounded in the
    /// plain engine; in a memo engine's plain loop, those before `plain_call` would send
    /// execution back to memoizing.
    calls_left: u64,
    /// In a memo engine's memo loop, the chunk versions of the default memory, and the
    /// version that its stores give the chunks they write: one fresh version per run of the
    /// chain, newer than any an entry recorded (nothing records while the chain runs).
    /// Empty elsewhere.
    versions: &'a mut [u64],
    chunk_shift: u32,
    version: u64,
    /// In the memo loop, the `MemoEnter`s of switched-off units the chain ran, and the ops
    /// of those that are loops' bodies (`MemoState::work`, `MemoState::entered_ops`).
    entered: u64,
    entered_ops: u64,
    /// In the memo loop, the memo state, for the hits the chain replays in place
    /// ([`memo::fast_hit`]); `None` elsewhere.
    memo: Option<&'a mut crate::memo::MemoState>,
}

impl Calls<'_, '_> {
    /// The current frame.
    fn frame(&mut self) -> Frame {
        Frame::new(self.stack, self.base, self.func)
    }

    /// A store of `len` bytes at `ea` happened in the memo loop: the chunks it touched get
    /// the chain's version.
    #[inline(always)]
    fn version_store(&mut self, ea: usize, len: usize) {
        let (first, last) = (ea >> self.chunk_shift, (ea + len - 1) >> self.chunk_shift);
        self.versions[first] = self.version;
        self.versions[last] = self.version;
    }
}

/// Which instantiation of the loop runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Memo off: the plain loop over the shared translation.
    Plain,
    /// Memo on: probes active, writes versioned, over the store function's patchable code.
    Memo,
    /// Memo on but not paying: the plain loop over the patchable code (same layout, so
    /// execution can move here mid-call), probes ignored, writes unversioned.
    MemoEnginePlain,
}

/// Why the loop returned without finishing.
enum Exit {
    Done,
    /// Continue in the plain loop from the saved state.
    ToPlain,
    /// Continue memoizing from the saved state.
    ToMemo,
}

/// Where execution stands, so that it can move from one instantiation of the loop to another.
struct Machine<'s> {
    frames: Vec<Caller<'s>>,
    func: &'s CompiledFunc,
    func_id: u32,
    instance: u32,
    base: usize,
    /// The next op ([`Code::pos`]).
    ip: usize,
}

/// Disjoint borrows of the store's parts that execution touches.
struct Executor<'s> {
    funcs: &'s [crate::store::FuncEntity],
    instances: &'s [InstanceEntity],
    memories: &'s mut Vec<MemoryEntity>,
    tables: &'s mut Vec<crate::store::TableEntity>,
    globals: &'s mut Vec<crate::store::GlobalEntity>,
    datas: &'s mut Vec<std::sync::Arc<[u8]>>,
    elems: &'s mut Vec<std::sync::Arc<[u64]>>,
    fuel: &'s mut u64,
    stack: &'s mut Vec<u64>,
    /// Memo mode's state; `Some` exactly when running the `MEMO` loop.
    memo: Option<&'s mut MemoState>,
    max_depth: usize,
    max_stack: usize,
    max_pages: u32,
}

/// Makes room for `func`'s frame at `base` and initialises it: locals after the parameters
/// to zero, then the constant cells.
#[inline(always)]
fn ensure_frame(stack: &mut Vec<u64>, base: usize, func: &CompiledFunc, max: usize) -> Result<Frame, Trap> {
    let end = base + func.frame_size as usize;
    if end > max {
        return Err(Trap::CallStackExhausted);
    }
    if stack.len() < end {
        grow_stack(stack, end);
    }
    let fp = Frame::new(stack, base, func);
    fp.init(func);
    Ok(fp)
}

#[cold]
#[inline(never)]
fn grow_stack(stack: &mut Vec<u64>, end: usize) {
    stack.resize(end, 0);
}

impl<'s> Executor<'s> {
    fn new(store: &'s mut Store, stack: &'s mut Vec<u64>) -> Self {
        let config = store.engine.config();
        let (max_depth, max_stack, max_pages) =
            (config.max_call_depth as usize, config.max_value_stack, config.max_memory_pages);
        Executor {
            funcs: &store.funcs,
            instances: &store.instances,
            memories: &mut store.memories,
            tables: &mut store.tables,
            globals: &mut store.globals,
            datas: &mut store.datas,
            elems: &mut store.elems,
            fuel: &mut store.fuel,
            stack,
            memo: store.memo.as_deref_mut(),
            max_depth,
            max_stack,
            max_pages,
        }
    }

    /// Calls a host function with the cells at `base..` and writes its results there.
    fn call_host(&mut self, f: u32, base: usize) -> Result<(), Trap> {
        let entity = &self.funcs[f as usize];
        let FuncKind::Host(h) = &entity.kind else { unreachable!("not a host function") };
        let ty = &entity.ty;
        let args: Vec<Value> =
            ty.params.iter().enumerate().map(|(i, &t)| Value::from_cell(t, self.stack[base + i])).collect();
        let results = h(&args)?;
        if results.len() != ty.results.len() || results.iter().zip(&ty.results).any(|(v, t)| v.ty() != *t) {
            return Err(Trap::Host);
        }
        let end = base + results.len();
        if self.stack.len() < end {
            self.stack.resize(end, 0);
        }
        for (i, v) in results.iter().enumerate() {
            self.stack[base + i] = v.to_cell();
        }
        Ok(())
    }

    /// Runs `entry` (arguments at the bottom of the stack) to completion in `phase`,
    /// moving between the memo and the plain loop as the adaptive policy says; results end
    /// up at the bottom of the stack. `frames` is an empty caller list whose buffer the call
    /// may use; it is given back, empty.
    fn start(
        &mut self,
        entry: &'s CompiledFunc,
        entry_id: u32,
        instance: u32,
        phase: Phase,
        frames: Vec<Caller<'s>>,
    ) -> Result<Vec<Caller<'s>>, Trap> {
        ensure_frame(self.stack, 0, entry, self.max_stack)?;
        let mut m = Machine { frames, func: entry, func_id: entry_id, instance, base: 0, ip: 0 };
        let mut exit = match phase {
            Phase::Plain => self.run::<false, false>(&mut m)?,
            // The host's call counts as a wasm call does: a module that the host calls in a
            // loop, and that makes no calls of its own, still gets probed.
            Phase::Memo if self.memo_call(0, entry.frame_size as usize) => Exit::ToPlain,
            Phase::Memo => self.run::<true, true>(&mut m)?,
            Phase::MemoEnginePlain => self.run::<true, false>(&mut m)?,
        };
        loop {
            exit = match exit {
                Exit::Done => return Ok(m.frames),
                Exit::ToPlain => {
                    self.memo.as_deref_mut().expect("memo state").enter_plain();
                    self.move_frames(&mut m, true);
                    self.run::<true, false>(&mut m)?
                }
                Exit::ToMemo => {
                    self.memo.as_deref_mut().expect("memo state").leave_plain();
                    self.move_frames(&mut m, false);
                    self.run::<true, true>(&mut m)?
                }
            };
        }
    }

    /// The loop. `CELLS`: fetch ops from the store functions' patchable code (memo
    /// engines); `MEMO`: probes and hooks active.
    ///
    /// Cells, ops and the default memory are reached through the unchecked pointers of
    /// [`raw`]; `refresh!` re-derives the frame and memory pointers after anything that
    /// may move or touch them through safe code (see `raw`'s module notes).
    fn run<const CELLS: bool, const MEMO: bool>(&mut self, m: &mut Machine<'s>) -> Result<Exit, Trap> {
        let mut frames = std::mem::take(&mut m.frames);
        let mut func: &'s CompiledFunc = m.func;
        let mut func_id = m.func_id;
        let mut instance = m.instance;
        let mut inst: &'s InstanceEntity = &self.instances[instance as usize];
        let mut base = m.base;
        let funcs: &'s [crate::store::FuncEntity] = self.funcs;
        let code_of = |func: &'s CompiledFunc, f: u32| -> Code<'s> {
            if CELLS {
                Code::cells(funcs[f as usize].memo_code.as_deref().expect("patchable code"))
            } else {
                Code::plain(&func.threaded)
            }
        };
        let mut code = code_of(func, func_id);
        let mut ip = code.resume::<CELLS>(m.ip);
        let mut mem_id = inst.memories.first().map_or(usize::MAX, |&m| m as usize);
        let mem_of = |memories: &mut Vec<MemoryEntity>, mem_id: usize| {
            if mem_id == usize::MAX {
                Mem::none()
            } else {
                Mem::new(&mut memories[mem_id].data)
            }
        };
        let mut fp = Frame::new(self.stack, base, func);
        let mut mem = mem_of(self.memories, mem_id);
        macro_rules! refresh {
            () => {{
                fp = Frame::new(self.stack, base, func);
                mem = mem_of(self.memories, mem_id);
            }};
        }
        macro_rules! r {
            ($s:expr) => {
                fp.get($s)
            };
        }
        macro_rules! set {
            ($s:expr, $v:expr) => {{
                let v = $v;
                fp.set($s, v)
            }};
        }
        macro_rules! operands {
            ($b:expr) => {
                [fp.get($b), fp.get($b + 1), fp.get($b + 2)]
            };
        }
        // A load of `$n` bytes at `$ea` into `$dst` (read as `$raw`, widened to `$wide`).
        macro_rules! load {
            ($dst:expr, $ea:expr, $n:literal, $raw:ident, $wide:ident) => {{
                let ea = $ea;
                let bytes = mem.load::<$n>(ea).ok_or(Trap::MemoryOutOfBounds)?;
                set!($dst, ($raw::from_le_bytes(bytes) as $wide).into_cell());
                if MEMO {
                    self.memo_read_mem(mem_id, ea as u64, $n)
                }
            }};
        }
        // A store of the low `$n` bytes of `$v` at `$ea`.
        macro_rules! store {
            ($ea:expr, $n:literal, $v:expr) => {{
                let (ea, v) = ($ea, $v);
                mem.store::<$n>(ea, v).ok_or(Trap::MemoryOutOfBounds)?;
                if MEMO {
                    self.memo_store(mem_id, ea as u64, $n, v)
                }
            }};
        }
        macro_rules! memory {
            () => {
                self.memories[mem_id]
            };
        }
        macro_rules! save {
            () => {
                *m = Machine { frames, func, func_id, instance, base, ip: code.pos::<CELLS>(ip) }
            };
        }
        // Enters the wasm function `callee` with its frame at `new_base`, or runs a host function.
        macro_rules! enter {
            ($callee:expr, $new_base:expr) => {{
                let callee = $callee as usize;
                let new_base = $new_base;
                let entity = &self.funcs[callee];
                // `Module::new` validated the body, so translating it cannot fail.
                match entity.code().expect("a validated body translates") {
                    Some(callee_code) => {
                        let ci = &entity.instance;
                        if frames.len() + 1 >= self.max_depth {
                            return Err(Trap::CallStackExhausted);
                        }
                        let callee_code: &'s CompiledFunc = callee_code;
                        fp = ensure_frame(self.stack, new_base, callee_code, self.max_stack)?;
                        frames.push(Caller {
                            func,
                            code: if CELLS { code } else { Code::unused() },
                            instance,
                            ip: code.pos::<CELLS>(ip) as u32,
                            base,
                        });
                        if CELLS {
                            func_id = callee as u32;
                        }
                        let switch = if MEMO {
                            self.memo_call(frames.len(), new_base + callee_code.frame_size as usize)
                        } else {
                            CELLS && self.plain_call(callee, new_base)
                        };
                        func = callee_code;
                        code = code_of(func, func_id);
                        base = new_base;
                        ip = code.at::<CELLS>(0);
                        if *ci != instance {
                            instance = *ci;
                            inst = &self.instances[instance as usize];
                            mem_id = inst.memories.first().map_or(usize::MAX, |&m| m as usize);
                            refresh!();
                        } else if MEMO {
                            refresh!();
                        }
                        if switch {
                            // Move between the memo and plain loops at the callee's first op.
                            save!();
                            return Ok(if MEMO { Exit::ToPlain } else { Exit::ToMemo });
                        }
                    }
                    None => {
                        if MEMO {
                            self.memo_host_call();
                        }
                        self.call_host(callee as u32, new_base)?;
                        refresh!();
                    }
                }
            }};
        }
        macro_rules! dispatch {
            (
                unary { $( ($un:ident, $unf:ident, $ua:ident => $ur:ident) )* }
                unary_trap { $( ($ut:ident, $utf:ident, $uta:ident => $utr:ident) )* }
                binary { $( ($bn:ident, $bnf:ident, $ba:ident $bb:ident => $br:ident) )* }
                binary_trap { $( ($bt:ident, $btf:ident, $bta:ident $btb:ident => $btr:ident) )* }
                load { $( ($ld:ident, $la:ident, $ldf:ident, $ldn:literal, $ldraw:ident => $ldr:ident) )* }
                store { $( ($st:ident, $sa:ident, $stf:ident, $stn:literal) )* }
                cmp_branch { $( ($cb:ident, $cbc:ident, $cbf:ident, $cbt:ident, $cbi:ident) )* }
            ) => {
                loop {
                    if !MEMO || self.memo.as_deref().is_some_and(|m| m.recording == 0) {
                        // Hot ops run threaded; the match below runs the op that stopped them.
                        // In the memo loop, only while nothing records: the chain logs no
                        // reads or writes.
                        let (versions, chunk_shift, version) = match self.memo.as_deref_mut() {
                            Some(m) if MEMO && mem_id != usize::MAX => {
                                (&mut self.memories[mem_id].versions[..], m.chunk_shift, m.next_version())
                            }
                            Some(m) if MEMO => (&mut [][..], 0, m.next_version()),
                            _ => (&mut [][..], 0, 0),
                        };
                        let mut cx = Calls {
                            frames: &mut frames,
                            stack: &mut *self.stack,
                            funcs,
                            tables: self.tables,
                            globals: self.globals,
                            datas: self.datas,
                            elems: self.elems,
                            inst,
                            instance,
                            func,
                            code,
                            base,
                            max_depth: self.max_depth,
                            max_stack: self.max_stack,
                            calls_left: match self.memo.as_deref() {
                                // Up to the call that makes `memo_call` look again.
                                Some(m) if MEMO && m.config.adaptive() => {
                                    m.probe_calls.saturating_sub(m.calls + 1)
                                }
                                Some(_) if MEMO => u64::MAX,
                                // Up to the call that ends the span or is sampled.
                                Some(m) if CELLS => m
                                    .plain_span
                                    .saturating_sub(m.plain_calls)
                                    .min(m.next_sample.saturating_sub(m.plain_calls + 1)),
                                _ => u64::MAX,
                            },
                            versions,
                            chunk_shift,
                            version,
                            entered: 0,
                            entered_ops: 0,
                            memo: if MEMO { self.memo.as_deref_mut() } else { None },
                        };
                        let calls_left = cx.calls_left;
                        let stopped = threaded::run::<CELLS>(ip, fp, mem, &mut cx);
                        (func, base, code) = (cx.func, cx.base, cx.code);
                        if CELLS {
                            // The chain only calls functions of its instance.
                            func_id = inst.funcs[func.index as usize];
                        }
                        let (cx_calls_left, cx_entered, cx_entered_ops) = (cx.calls_left, cx.entered, cx.entered_ops);
                        if MEMO {
                            // The calls the chain made, as `memo_call` would have counted them.
                            let made = calls_left - cx_calls_left;
                            let m = self.memo.as_deref_mut().expect("memo state");
                            m.calls += made;
                            m.work += made + cx_entered;
                            m.call_count += made;
                            m.entered_ops += cx_entered_ops;
                        } else if CELLS {
                            // The calls the chain made, as `plain_call` would have counted them.
                            let made = calls_left - cx_calls_left;
                            let m = self.memo.as_deref_mut().expect("memo state");
                            m.plain_calls += made;
                            m.clock += made;
                        }
                        fp = Frame::new(self.stack, base, func);
                        ip = stopped.ip;
                        if let Why::Trap(t) = stopped.why {
                            return Err(t);
                        }
                    }
                    if MEMO {
                        // Recordings count the ops they run (the chain runs none of them).
                        self.memo.as_deref_mut().expect("memo state").ops_run += 1;
                    }
                    match ip.fetch::<CELLS>() {
                        Op::Unreachable => return Err(Trap::Unreachable),
                        Op::Fuel { amount } => {
                            *self.fuel = self.fuel.checked_sub(amount as u64).ok_or(Trap::OutOfFuel)?
                        }
                        Op::Br { target } => ip = code.target::<CELLS>(target),
                        Op::BrIfEqz { cond, target } => {
                            if r!(cond) == 0 {
                                ip = code.target::<CELLS>(target)
                            }
                        }
                        Op::BrIfNez { cond, target } => {
                            if r!(cond) != 0 {
                                ip = code.target::<CELLS>(target)
                            }
                        }
                        Op::BrTable { index, len } => ip.skip::<CELLS>((r!(index) as u32).min(len) as usize),
                        Op::Return { src, n } => {
                            fp.copy(0, src, n);
                            let Some(caller) = frames.pop() else {
                                m.frames = frames;
                                return Ok(Exit::Done);
                            };
                            func = caller.func;
                            code = if CELLS { caller.code } else { code_of(func, 0) };
                            ip = code.resume::<CELLS>(caller.ip as usize);
                            base = caller.base;
                            fp = Frame::new(self.stack, base, func);
                            // A callee of this instance that grew the memory refreshed `mem`.
                            if caller.instance != instance {
                                instance = caller.instance;
                                inst = &self.instances[instance as usize];
                                mem_id = inst.memories.first().map_or(usize::MAX, |&m| m as usize);
                                refresh!();
                            }
                            if CELLS {
                                func_id = inst.funcs[func.index as usize];
                            }
                        }
                        Op::Call { func: f, base: b } => enter!(inst.funcs[f as usize], base + b as usize),
                        Op::CallIndirect { index, base: b, sig } => {
                            if MEMO {
                                self.memo_read_table(inst.tables[func.indirect[sig as usize].0 as usize])
                            }
                            let callee = table::indirect_callee(self.tables, self.funcs, inst, func, r!(index) as u32, sig)?;
                            enter!(callee, base + b as usize)
                        }
                        Op::Copy { dst, src } => set!(dst, r!(src)),
                        Op::CopyN { dst, src, n } => fp.copy(dst, src, n),
                        Op::Select { dst, cond, b } => {
                            if r!(cond) as u32 == 0 {
                                set!(dst, r!(b))
                            }
                        }
                        Op::GlobalGet { dst, global } => {
                            let g = inst.globals[global as usize];
                            set!(dst, self.globals[g as usize].value);
                            if MEMO {
                                self.memo_read(Dep::Global { global: g, value: self.globals[g as usize].value })
                            }
                        }
                        Op::GlobalSet { global, src } => {
                            let g = inst.globals[global as usize];
                            self.globals[g as usize].value = r!(src);
                            if MEMO {
                                self.memo_global_set(g, r!(src))
                            }
                        }
                        Op::MemorySize { dst } => {
                            set!(dst, (memory!().data.len() / crate::PAGE_SIZE) as u64);
                            if MEMO {
                                self.memo_read_size(mem_id)
                            }
                        }
                        Op::MemoryGrow { dst, delta } => {
                            let delta = r!(delta) as u32;
                            if MEMO {
                                self.memo_read_size(mem_id)
                            }
                            let shift = self.memo.as_ref().map(|m| m.chunk_shift);
                            let old = crate::store::grow_memory(&mut memory!(), delta, self.max_pages, shift);
                            refresh!();
                            set!(dst, old.map_or(u32::MAX, |o| o) as u64);
                            if MEMO && old.is_some() {
                                self.memo_write(Effect::Grow { mem: mem_id as u32, delta })
                            }
                        }
                        Op::MemoryFill { base: b } => {
                            let [d, val, n] = operands!(b);
                            let result = mem::fill(&mut memory!().data, &[d, val, n]);
                            refresh!();
                            result?;
                            if MEMO {
                                self.memo_bulk(mem_id, Effect::Fill { mem: mem_id as u32, d, val, n })
                            }
                        }
                        Op::MemoryCopy { base: b } => {
                            let [d, s, n] = operands!(b);
                            let result = mem::copy(&mut memory!().data, &[d, s, n]);
                            refresh!();
                            result?;
                            if MEMO {
                                self.memo_bulk(mem_id, Effect::Copy { mem: mem_id as u32, d, s, n })
                            }
                        }
                        Op::MemoryInit { base: b, data } => {
                            let [d, s, n] = operands!(b);
                            let id = inst.datas[data as usize];
                            if MEMO {
                                self.memo_read(Dep::Data { data: id, len: self.datas[id as usize].len() as u32 })
                            }
                            let seg = &self.datas[id as usize];
                            let result = mem::init(&mut memory!().data, seg, &[d, s, n]);
                            refresh!();
                            result?;
                            if MEMO {
                                self.memo_bulk(mem_id, Effect::Init { mem: mem_id as u32, data: id, d, s, n })
                            }
                        }
                        Op::DataDrop { data } => {
                            let id = inst.datas[data as usize];
                            // Dropping a dropped (empty) segment changes nothing; skip the allocation.
                            if !self.datas[id as usize].is_empty() {
                                self.datas[id as usize] = std::sync::Arc::new([]);
                            }
                            if MEMO {
                                self.memo_write(Effect::DataDrop { data: id })
                            }
                        }
                        Op::TableGet { dst, index, table } => {
                            let t = inst.tables[table as usize];
                            if MEMO {
                                self.memo_read_table(t)
                            }
                            set!(dst, table::get(self, t, r!(index))?)
                        }
                        Op::TableSet { index, val, table } => {
                            let t = inst.tables[table as usize];
                            table::set(self, t, r!(index), r!(val))?;
                            if MEMO {
                                self.memo_table_write(t, Effect::TableSet { table: t, index: r!(index) as u32, value: r!(val) })
                            }
                        }
                        Op::TableSize { dst, table } => {
                            let t = inst.tables[table as usize];
                            if MEMO {
                                self.memo_read_table(t)
                            }
                            set!(dst, self.tables[t as usize].elems.len() as u64)
                        }
                        Op::TableGrow { base: b, table } => {
                            let (init, n) = (r!(b), r!(b + 1) as u32);
                            let t = inst.tables[table as usize];
                            if MEMO {
                                self.memo_read_table(t)
                            }
                            let old = table::grow(self, t, init, n);
                            set!(b, old as u64);
                            if MEMO && old != u32::MAX {
                                self.memo_table_write(t, Effect::TableGrow { table: t, init, n })
                            }
                        }
                        Op::TableFill { base: b, table } => {
                            let t = inst.tables[table as usize];
                            let [i, val, n] = operands!(b);
                            table::fill(self, t, i, val, n)?;
                            if MEMO {
                                self.memo_table_write(t, Effect::TableFill { table: t, i, val, n })
                            }
                        }
                        Op::TableCopy { base: b, dst_table, src_table } => {
                            let (dt, st) = (inst.tables[dst_table as usize], inst.tables[src_table as usize]);
                            let [d, s, n] = operands!(b);
                            if MEMO {
                                self.memo_read_table(st)
                            }
                            table::copy(self, dt, st, d, s, n)?;
                            if MEMO {
                                self.memo_table_write(dt, Effect::TableCopy { dst: dt, src: st, d, s, n })
                            }
                        }
                        Op::TableInit { base: b, table, elem } => {
                            let (t, e) = (inst.tables[table as usize], inst.elems[elem as usize]);
                            let [d, s, n] = operands!(b);
                            if MEMO {
                                self.memo_read(Dep::Elem { elem: e, len: self.elems[e as usize].len() as u32 })
                            }
                            table::init(self, t, e, d, s, n)?;
                            if MEMO {
                                self.memo_table_write(t, Effect::TableInit { table: t, elem: e, d, s, n })
                            }
                        }
                        Op::ElemDrop { elem } => {
                            let e = inst.elems[elem as usize];
                            if !self.elems[e as usize].is_empty() {
                                self.elems[e as usize] = std::sync::Arc::new([]);
                            }
                            if MEMO {
                                self.memo_write(Effect::ElemDrop { elem: e })
                            }
                        }
                        Op::MemoEnter { block } => {
                            if MEMO {
                                let enter = self.memo_enter(func_id, func, block, base, frames.len());
                                // A replay writes cells and memory through safe code.
                                refresh!();
                                match enter {
                                    memo::Enter::Run => {}
                                    memo::Enter::Jump(exit) => ip = code.at::<CELLS>(exit as usize),
                                    memo::Enter::Plain => {
                                        save!();
                                        return Ok(Exit::ToPlain);
                                    }
                                }
                            }
                        }
                        Op::MemoLeave { exit } => {
                            if MEMO {
                                let plain = self.memo_leave(func_id, func, exit, code.index::<CELLS>(ip) as u32, base, frames.len());
                                refresh!();
                                if plain {
                                    save!();
                                    return Ok(Exit::ToPlain);
                                }
                            }
                        }
                        Op::RefFunc { dst, func: f } => set!(dst, inst.funcs[f as usize] as u64 + 1),
                        $( Op::$un { dst, src } => {
                            set!(dst, semantics::$unf(<$ua>::from_cell(r!(src))).into_cell())
                        } )*
                        $( Op::$ut { dst, src } => {
                            set!(dst, semantics::$utf(<$uta>::from_cell(r!(src)))?.into_cell())
                        } )*
                        $( Op::$bn { dst, a, b } => {
                            set!(dst, semantics::$bnf(<$ba>::from_cell(r!(a)), <$bb>::from_cell(r!(b))).into_cell())
                        } )*
                        $( Op::$bt { dst, a, b } => {
                            set!(dst, semantics::$btf(<$bta>::from_cell(r!(a)), <$btb>::from_cell(r!(b)))?.into_cell())
                        } )*
                        $( Op::$cb { a, b, target } => {
                            if semantics::$cbf(<$cbt>::from_cell(r!(a)), <$cbt>::from_cell(r!(b))) != 0 {
                                ip = code.target::<CELLS>(target)
                            }
                        } )*
                        $( Op::$ld { dst, addr, offset } => {
                            load!(dst, mem::effective(r!(addr), offset), $ldn, $ldraw, $ldr)
                        } )*
                        $( Op::$st { addr, val, offset } => store!(mem::effective(r!(addr), offset), $stn, r!(val)), )*
                        $( Op::$la { dst, a, b } => {
                            load!(dst, mem::effective(mem::address_sum(r!(a), r!(b)), 0), $ldn, $ldraw, $ldr)
                        } )*
                        $( Op::$sa { a, b, val } => {
                            store!(mem::effective(mem::address_sum(r!(a), r!(b)), 0), $stn, r!(val))
                        } )*
                    }
                }
            };
        }
        for_each_numeric_op!(dispatch)
    }
}
