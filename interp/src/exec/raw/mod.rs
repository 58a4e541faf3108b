//! Unchecked access to frame cells, code, linear memory and globals for the interpreter
//! loop: the crate's only `unsafe` code.
//!
//! Soundness rests on two kinds of invariant.
//! - Checked once per function, at translation, by [`check_code`]: every slot an op names is
//!   below the function's `frame_size`, every branch target lies inside its code, a
//!   `BrTable` is followed by its `len + 1` branches (or returns), the last op does not
//!   fall through, the initial cells (at least [`SMALL_INIT`]) fit the frame, and every
//!   global index is below the module's globals (an instance has one store global per
//!   module global, and the store never removes one). Code
//!   reaches the loop only from translation, which calls [`check_code`] (a `CompiledFunc`
//!   built elsewhere cannot be put in a store), or as memo mode's patched copy of such
//!   code; its plain layout is checked by [`check_layout`].
//! - The threaded call handler goes to the loop, instead of growing anything, when the
//!   value stack or the frame lists lack room; the loop grows them.
//! - Kept by the loop (`exec::Executor::run`): a [`Frame`] is derived, by [`Frame::new`]
//!   (which checks the length), after the value stack was last resized or touched through a
//!   safe reference, and a [`Mem`] after the memory was last resized or touched likewise.
//!   The loop re-derives the frame after every call, return and host call, and both after
//!   memory growth, bulk memory operations, memo hooks and every change of instance.
#![allow(unsafe_code)]

pub(super) mod threaded;

use threaded::{is_store, produces};

use crate::ir::{Op, Slot};
use crate::module::CompiledFunc;
use std::cell::Cell;
use std::marker::PhantomData;

/// Checks the invariants the loop relies on; translation calls it on every function and
/// panics on failure, which would be a translator bug. `globals` is the module's number of
/// globals, imported ones included.
pub(crate) fn check_code(f: &CompiledFunc, arity: impl Fn(&Op) -> (u32, u32), globals: u32) -> Result<(), String> {
    let len = f.code.len();
    if f.init.len() < SMALL_INIT {
        return Err(format!("{} initial cells, fewer than {SMALL_INIT}", f.init.len()));
    }
    if f.num_params as usize + f.init.len() > f.frame_size as usize {
        return Err(format!(
            "{} parameters and {} initial cells overflow a frame of {}",
            f.num_params,
            f.init.len(),
            f.frame_size
        ));
    }
    let last = f.code.last().ok_or("empty code")?;
    if !matches!(last, Op::Return { .. } | Op::Br { .. } | Op::Unreachable) {
        return Err(format!("code ends with {last:?}, which falls through"));
    }
    for (i, op) in f.code.iter().enumerate() {
        let mut bad = None;
        op.for_each_slot(&arity, |s, _| {
            if s >= f.frame_size {
                bad = Some(s);
            }
        });
        if let Some(s) = bad {
            return Err(format!("op {i} ({op:?}) names slot {s}, frame size {}", f.frame_size));
        }
        if let Some(&mut t) = op.clone().branch_target_mut() {
            if t as usize >= len {
                return Err(format!("op {i} ({op:?}) jumps outside the code ({len} ops)"));
            }
        }
        if let Op::BrTable { len: n, .. } = *op {
            check_arms(&f.code, i, n)?;
        }
        if let Op::GlobalGet { global, .. } | Op::GlobalSet { global, .. } = *op {
            if global >= globals {
                return Err(format!("op {i} ({op:?}) names global {global} of {globals}"));
            }
        }
    }
    Ok(())
}

/// Checks a layout derived from checked code (memo mode's plain layout, which is written
/// into the patchable code, padded to `len` with `Unreachable`): each op at `p` is
/// `orig[from[p]]`, or that branch, maybe negated, with another target; targets lie below
/// `len` and branch tables keep their arms. So its slots are slots of checked ops and
/// the padding stops any fall-through off its end.
pub(crate) fn check_layout(orig: &[Op], layout: &[Op], from: &[u32], len: usize) -> Result<(), String> {
    let untargeted = |mut op: Op| {
        if let Some(t) = op.branch_target_mut() {
            *t = 0;
        }
        op
    };
    if layout.len() > len || from.len() != layout.len() || orig.len() != len {
        return Err(format!("layout of {} ops for code of {}", layout.len(), orig.len()));
    }
    for (p, (&op, &f)) in layout.iter().zip(from).enumerate() {
        let o = *orig.get(f as usize).ok_or(format!("op {p} comes from outside the code"))?;
        let same = untargeted(op) == untargeted(o) || o.negate().is_some_and(|n| untargeted(op) == untargeted(n));
        if !same {
            return Err(format!("op {p} ({op:?}) is not op {f} ({o:?}) of the code"));
        }
        if op.clone().branch_target_mut().is_some_and(|t| *t as usize >= len) {
            return Err(format!("op {p} ({op:?}) jumps outside the code"));
        }
        if let Op::BrTable { len: n, .. } = op {
            check_arms(layout, p, n)?;
        }
    }
    Ok(())
}

/// The `n + 1` arms after the branch table at `at` are there, and are branches or returns.
fn check_arms(ops: &[Op], at: usize, n: u32) -> Result<(), String> {
    let arms = ops.get(at + 1..at + 2 + n as usize).ok_or(format!("op {at}: branch table runs off"))?;
    if !arms.iter().all(|a| matches!(a, Op::Br { .. } | Op::Return { .. })) {
        return Err(format!("op {at}: branch table arms are not all branches or returns"));
    }
    Ok(())
}

/// One op with the handler that runs it, so that the threaded chain jumps through the
/// record itself (direct threading) instead of looking the handler up by tag. The plain
/// engine's code is built from checked code by [`thread_code`], one record per op; memo
/// engines' patchable code holds [`Threaded::patchable`] records.
#[derive(Clone, Copy)]
#[repr(C)]
pub(crate) struct Threaded {
    handler: threaded::Handler,
    op: Op,
}

impl Threaded {
    /// A record of memo engines' patchable code: the handler of the memo engines' plain
    /// loop, and the op with its branch target as a byte offset ([`Code::target`]).
    pub(crate) fn patchable(op: Op) -> Self {
        Threaded { handler: threaded::cells_handler(tag(&op)), op: scaled(op) }
    }

    /// A record of memo engines' patchable code rendered for the memo loop: the handler
    /// that runs the op while nothing records (stores also version what they write).
    pub(crate) fn memo(op: Op) -> Self {
        Threaded { handler: threaded::memo_handler(&op), op: scaled(op) }
    }

    /// A `MemoEnter` record of the memo loop for a switched-off loop body left in place to
    /// count its loop's iterations: its handler only counts.
    pub(crate) fn memo_count(block: u32) -> Self {
        Threaded { handler: threaded::memo_count_handler(), op: Op::MemoEnter { block } }
    }

    /// The record's handler and op as they are stored, to compare records.
    #[cfg(test)]
    pub(crate) fn raw(self) -> (usize, Op) {
        (self.handler as usize, self.op)
    }

    /// The record's op, with its branch target as an op index (as translated).
    pub(crate) fn op(self) -> Op {
        let mut op = self.op;
        if let Some(t) = op.branch_target_mut() {
            *t /= STRIDE as u32;
        }
        op
    }
}

/// `op` with its branch target (an op index) as the byte offset of that op's record, as
/// records hold it, so that a taken branch costs an add rather than a multiply.
fn scaled(mut op: Op) -> Op {
    if let Some(t) = op.branch_target_mut() {
        *t = u32::try_from(*t as usize * STRIDE).expect("code under 4 GiB");
    }
    op
}

impl std::fmt::Debug for Threaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.op.fmt(f)
    }
}

/// The plain engine's code for `code` (checked by [`check_code`]): each op with its handler,
/// and each branch target as the byte offset of its record ([`Code::target`]), so that a
/// taken branch costs an add rather than a multiply.
///
/// An op right after one that produces a value ([`produces`]), and that reads that value,
/// gets the handler that takes it from the accumulator instead of from its cell
/// ([`threaded::acc_handler`]): producers pass what they wrote on to the next handler in
/// a register, so the consumer does not wait for the store to reach the load. Not after a
/// branch target, which other paths reach with another accumulator.
///
/// With `consts` (the function's first constant cell and the constants' values), a binary,
/// compare-and-branch or sum-address load or store op whose second operand is a constant
/// cell holding a value below 2^32 (a commutative integer op's first operand is put second
/// for it), and a copy of such a cell, gets that value in its record's `b` (`src`) and the
/// handler that takes it as an immediate ([`threaded::imm_handler`]): one load fewer, and
/// none that depends on another. Constant cells are never written, so the value is the
/// cell's for the whole call. Such records are run by their handlers only (these handlers
/// never stop the chain), so nothing reads such a field as a cell: this code, and memo
/// engines' plain layout ([`accumulate`]), have them; the memo layout, whose recordings the
/// `match` loop runs op by op, does not. A return of no value or one gets its own handler.
pub(crate) fn thread_code(code: &[Op], accumulator: bool, consts: Option<(Slot, &[u64])>) -> Box<[Threaded]> {
    let mut records: Vec<Threaded> =
        code.iter().map(|&op| Threaded { handler: threaded::plain_handler(tag(&op)), op: scaled(op) }).collect();
    let target = accumulator.then(|| targets(code));
    let consts = consts.filter(|_| accumulator);
    for (i, record) in records.iter_mut().enumerate() {
        let d = target.as_ref().and_then(|target| acc_cell(code, target, i));
        if let Some(chosen) = choose::<false>(record.op, d, consts) {
            *record = chosen;
        }
    }
    records.into_boxed_slice()
}

/// Puts a constant first operand (`is_constant`) of a commutative integer op second, where
/// the second is not constant too, so that it can become an immediate. Float ops are left
/// alone: which NaN operand they return depends on the order.
fn commute_constant(op: &mut Op, is_constant: impl Fn(Slot) -> bool) {
    use Op::*;
    match op {
        I32Add { a, b, .. }
        | I32Mul { a, b, .. }
        | I32And { a, b, .. }
        | I32Or { a, b, .. }
        | I32Xor { a, b, .. }
        | I32Eq { a, b, .. }
        | I32Ne { a, b, .. }
        | I64Add { a, b, .. }
        | I64Mul { a, b, .. }
        | I64And { a, b, .. }
        | I64Or { a, b, .. }
        | I64Xor { a, b, .. }
        | I64Eq { a, b, .. }
        | I64Ne { a, b, .. }
        | BrI32Eq { a, b, .. }
        | BrI32Ne { a, b, .. }
        | BrI64Eq { a, b, .. }
        | BrI64Ne { a, b, .. }
            if is_constant(*a) && !is_constant(*b) =>
        {
            std::mem::swap(a, b)
        }
        _ => {}
    }
}

/// Gives the records of memo engines' patchable code that take an operand from the
/// accumulator the handlers that do, as [`thread_code`] does for the plain engine's code,
/// after each rendering (which moves branches), and returns of no value or one their own
/// handlers. Records rendered for the memo loop (`memo_loop`) keep their stores' handlers,
/// which version the chunks they write. With `consts` (only for the plain layout, whose
/// records run by their handlers alone), immediates too.
pub(crate) fn accumulate(out: &[std::cell::Cell<Threaded>], memo_loop: bool, consts: Option<(Slot, &[u64])>) {
    let ops: Vec<Op> = out.iter().map(|c| c.get().op()).collect();
    let target = targets(&ops);
    for (i, (o, op)) in out.iter().zip(&ops).enumerate() {
        if memo_loop && is_store(op) {
            continue;
        }
        if let Some(chosen) = choose::<true>(o.get().op, acc_cell(&ops, &target, i), consts) {
            o.set(chosen);
        }
    }
}

/// The record for `op` (as stored: its branch target in its code's units) with a handler
/// chosen for it rather than by its tag: for a return of no value or one, or one that takes
/// an operand from the accumulator (the cell `d` the op before produced) or its second
/// operand as an immediate (with `consts`, the function's first constant cell and the
/// constants' values: see [`thread_code`]); `None` where the table's handler stays.
fn choose<const CELLS: bool>(op: Op, d: Option<Slot>, consts: Option<(Slot, &[u64])>) -> Option<Threaded> {
    if let Some(handler) = threaded::return_handler::<CELLS>(&op) {
        return Some(Threaded { handler, op });
    }
    if let Some((first, values)) = consts {
        let small = |s: Slot| {
            let v = *values.get(s.checked_sub(first)? as usize)?;
            u32::try_from(v).ok()
        };
        let mut op = op;
        commute_constant(&mut op, |s| small(s).is_some());
        let swapped = op;
        if let Some(b) = threaded::second_operand(&mut op) {
            if let Some(v) = small(*b) {
                *b = v;
                if let Some(handler) = threaded::imm_handler::<CELLS>(&swapped, d) {
                    return Some(Threaded { handler, op });
                }
            }
        }
    }
    let handler = threaded::acc_handler::<CELLS>(&op, d?)?;
    Some(Threaded { handler, op })
}

/// Which ops of `code` some branch jumps to.
fn targets(code: &[Op]) -> Vec<bool> {
    let mut target = vec![false; code.len()];
    for op in code {
        let mut op = *op;
        if let Some(&mut t) = op.branch_target_mut() {
            if let Some(slot) = target.get_mut(t as usize) {
                *slot = true;
            }
        }
    }
    target
}

/// The cell op `i` of `code` may take from the accumulator: the one the op before
/// produced, unless op `i` is a branch target (`target`, from [`targets`]).
#[inline]
fn acc_cell(code: &[Op], target: &[bool], i: usize) -> Option<crate::ir::Slot> {
    if i == 0 || target[i] {
        return None;
    }
    produces(&code[i - 1])
}

/// The tag of `op`: its variant's index in declaration order.
#[inline(always)]
pub(super) fn tag(op: &Op) -> u16 {
    // SAFETY: `Op` is `repr(u16)`, so every op starts with its `u16` tag.
    unsafe { std::ptr::from_ref(op).cast::<u16>().read() }
}

/// The distance between consecutive ops in either kind of code.
const STRIDE: usize = std::mem::size_of::<Threaded>();

/// Where the op lies within its record.
const OP_OFFSET: usize = std::mem::offset_of!(Threaded, op);

/// The start of a function's code: the plain engine's records, or memo engines'
/// patchable records. Both are [`Threaded`] records, whose branch targets and return
/// addresses are byte offsets ([`Code::target`], [`Code::pos`]); the methods take `CELLS`
/// (true for patchable code) from the loop and the handlers that call them. The loop and the handlers pass their own `CELLS`:
/// plain instantiations only ever build codes with [`Code::plain`], memo ones with
/// [`Code::cells`].
#[derive(Clone, Copy)]
pub(super) struct Code<'s> {
    start: *const u8,
    _code: PhantomData<&'s [Op]>,
}

impl<'s> Code<'s> {
    /// The plain engine's code of a translated function ([`thread_code`] of checked ops).
    #[inline(always)]
    pub(super) fn plain(ops: &'s [Threaded]) -> Self {
        Code { start: ops.as_ptr().cast::<u8>(), _code: PhantomData }
    }

    /// The patchable copy of a translated function's ops. Memo patching keeps the length
    /// and only retargets branches inside the code or turns probes into branches to the
    /// next op; the plain layout is checked by [`check_layout`]. So the invariants hold.
    #[inline(always)]
    pub(super) fn cells(ops: &'s [Cell<Threaded>]) -> Self {
        // `Cell<Threaded>` has the layout of `Threaded`; reads through this pointer are
        // reads of the cells' contents, which is what `Cell::get` does.
        Code { start: ops.as_ptr().cast::<u8>(), _code: PhantomData }
    }

    /// A placeholder for the plain engine's [`crate::exec::Caller`] records, which find
    /// the caller's code from its function: never run or resumed.
    #[inline(always)]
    pub(super) fn unused() -> Self {
        Code { start: std::ptr::null(), _code: PhantomData }
    }

    /// The op at index `i`: a branch target, a saved return address, or 0.
    #[inline(always)]
    pub(super) fn at<const CELLS: bool>(self, i: usize) -> Ip<'s> {
        // `i` is 0, a checked branch target or an index saved from an `Ip` of this code,
        // all within the code; `wrapping_add` keeps this function free of UB anyway.
        Ip { ptr: self.start.wrapping_add(i * STRIDE), _code: PhantomData }
    }

    /// The index of `ip` in this code.
    #[inline(always)]
    pub(super) fn index<const CELLS: bool>(self, ip: Ip<'s>) -> usize {
        (ip.ptr as usize - self.start as usize) / STRIDE
    }

    /// The op a branch with target `t` goes to: the byte offset of its record, in either
    /// kind of code ([`thread_code`], [`Threaded::patchable`]).
    #[inline(always)]
    pub(super) fn target<const CELLS: bool>(self, t: u32) -> Ip<'s> {
        // The offset of a record of this code (a checked target, scaled).
        Ip { ptr: self.start.wrapping_add(t as usize), _code: PhantomData }
    }

    /// Where `ip` lies, as a caller's return address: the byte offset of its record, which
    /// [`Code::resume`] turns back without a multiply. Memo engines move frames between
    /// layouts by op index ([`pos_index`], [`index_pos`]).
    #[inline(always)]
    pub(super) fn pos<const CELLS: bool>(self, ip: Ip<'s>) -> usize {
        ip.ptr as usize - self.start as usize
    }

    /// The op at position `pos` (from [`Code::pos`], or 0 for the first op).
    #[inline(always)]
    pub(super) fn resume<const CELLS: bool>(self, pos: usize) -> Ip<'s> {
        Ip { ptr: self.start.wrapping_add(pos), _code: PhantomData }
    }
}

/// The op index of return address `pos` ([`Code::pos`]).
pub(super) fn pos_index(pos: usize) -> usize {
    pos / STRIDE
}

/// The return address ([`Code::pos`]) of the op at index `i`.
pub(super) fn index_pos(i: usize) -> usize {
    i * STRIDE
}

/// The instruction pointer: the next op (or record) to execute.
#[derive(Clone, Copy)]
pub(super) struct Ip<'s> {
    ptr: *const u8,
    _code: PhantomData<&'s [Op]>,
}

impl Ip<'_> {
    /// Reads the op at the pointer and moves past it.
    #[inline(always)]
    pub(super) fn fetch<const CELLS: bool>(&mut self) -> Op {
        // SAFETY: the pointer is within the code: it starts at 0 or a checked target, and
        // moves by one op after an op that may fall through, which is never the last one
        // (check_code), or by at most `len` after a `BrTable` followed by `len + 1` ops.
        // `CELLS` matches the code's layout (see `Code`), so an op lies at this offset, and
        // records and ops are aligned by construction. Patchable code is only written by
        // memo hooks, never during this read.
        let op = unsafe { self.ptr.add(OP_OFFSET).cast::<Op>().read() };
        self.ptr = self.ptr.wrapping_add(STRIDE);
        op
    }

    /// The tag of the op at the pointer: its variant's index in declaration order.
    #[cfg(test)]
    fn tag<const CELLS: bool>(self) -> u16 {
        // SAFETY: the op is within the code at this offset (as in `fetch`), and `Op` is
        // `repr(u16)`, so every op starts with its `u16` tag.
        unsafe { self.ptr.add(OP_OFFSET).cast::<u16>().read() }
    }

    /// The handler of the record at the pointer.
    #[inline(always)]
    pub(super) fn handler(self) -> threaded::Handler {
        // SAFETY: the pointer is at a record (as in `fetch`), which starts with its handler
        // (`repr(C)`).
        unsafe { self.ptr.cast::<threaded::Handler>().read() }
    }

    /// Skips `n` ops (a `BrTable` arm).
    #[inline(always)]
    pub(super) fn skip<const CELLS: bool>(&mut self, n: usize) {
        self.ptr = self.ptr.wrapping_add(n * STRIDE);
    }
}

/// Translation pads a shorter `init` to this many cells (zeros, written into cells the
/// function writes before it reads), so that most frames start with one fixed-size copy.
pub(crate) const SMALL_INIT: usize = 8;

/// The current frame's cells.
#[derive(Clone, Copy)]
pub(super) struct Frame {
    ptr: *mut u64,
}

impl Frame {
    /// The frame of `f` at `base`; panics if the stack does not hold it.
    #[inline(always)]
    pub(super) fn new(stack: &mut Vec<u64>, base: usize, f: &CompiledFunc) -> Self {
        assert!(base + f.frame_size as usize <= stack.len(), "frame outside the value stack");
        // `Vec::as_mut_ptr` does not create a reference to the elements, so the pointer
        // stays valid until the vector is next resized or borrowed as a slice.
        Frame { ptr: stack.as_mut_ptr().wrapping_add(base) }
    }

    #[inline(always)]
    pub(super) fn get(self, s: Slot) -> u64 {
        // SAFETY: `s` comes from an op of the frame's function, so `s < frame_size`
        // (check_code), and the frame lies within the stack (`new`), which has not moved
        // since (the loop re-derives the frame after anything that may move it).
        unsafe { self.ptr.add(s as usize).read() }
    }

    #[inline(always)]
    pub(super) fn set(self, s: Slot, v: u64) {
        // SAFETY: as in `get`.
        unsafe { self.ptr.add(s as usize).write(v) }
    }

    /// Writes `f.init` (zeroed locals, then constants) right after `f`'s parameters; the
    /// frame must be `f`'s.
    #[inline(always)]
    pub(super) fn init(self, f: &CompiledFunc) {
        if f.init.len() <= SMALL_INIT {
            self.init_small(f);
        } else {
            self.init_large(f);
        }
    }

    /// `init` for the common frames of exactly [`SMALL_INIT`] initial cells (the padded
    /// ones): one fixed-size copy, which compiles to a few vector moves rather than a call
    /// of `memcpy` (a call would make the threaded call handler save registers on every
    /// call).
    #[inline(always)]
    pub(super) fn init_small(self, f: &CompiledFunc) {
        let from = f.num_params as usize;
        // SAFETY: `init.len() >= SMALL_INIT` and `num_params + init.len() <= frame_size`
        // (check_code), and the frame lies within the stack (`new`); `init` is the
        // function's own buffer.
        unsafe { std::ptr::copy_nonoverlapping(f.init.as_ptr(), self.ptr.add(from), SMALL_INIT) }
    }

    /// `init` for any frame, with one `memcpy`.
    #[inline(always)]
    pub(super) fn init_large(self, f: &CompiledFunc) {
        let (from, n) = (f.num_params as usize, f.init.len());
        // SAFETY: as in `init_small`, for all `n` cells.
        unsafe { std::ptr::copy_nonoverlapping(f.init.as_ptr(), self.ptr.add(from), n) }
    }

    /// Copies `n` cells from `src..` to `dst..`, lowest first (they may overlap).
    #[inline(always)]
    pub(super) fn copy(self, dst: Slot, src: Slot, n: u32) {
        if n == 1 {
            // The common case (one result, one value carried): no loop.
            self.set(dst, self.get(src));
            return;
        }
        let (dst, src) = (dst as usize, src as usize);
        for i in 0..n as usize {
            // SAFETY: as in `get`: an op names `src..src + n` and `dst..dst + n`, so they are
            // below `frame_size` (check_code).
            unsafe { self.ptr.add(dst + i).write(self.ptr.add(src + i).read()) }
        }
    }
}

/// The current instance's default memory: base and length.
#[derive(Clone, Copy)]
pub(super) struct Mem {
    ptr: *mut u8,
    len: usize,
}

impl Mem {
    /// No memory: every access is out of bounds.
    pub(super) fn none() -> Self {
        Mem { ptr: std::ptr::NonNull::dangling().as_ptr(), len: 0 }
    }

    /// The bytes of `data`.
    #[inline(always)]
    pub(super) fn new(data: &mut Vec<u8>) -> Self {
        Mem { ptr: data.as_mut_ptr(), len: data.len() }
    }

    /// The memory's size in bytes.
    #[inline(always)]
    pub(super) fn len(self) -> usize {
        self.len
    }

    /// The `N` bytes at `ea`, or `None` when they are out of bounds.
    #[inline(always)]
    pub(super) fn load<const N: usize>(self, ea: usize) -> Option<[u8; N]> {
        if ea.checked_add(N).is_none_or(|end| end > self.len) {
            return None;
        }
        // SAFETY: `ea + N <= len`, and the memory has not moved or been borrowed since
        // `new` (the loop re-derives `Mem` after anything that may).
        Some(unsafe { self.ptr.add(ea).cast::<[u8; N]>().read_unaligned() })
    }

    /// Writes the low `N` bytes of `v` at `ea`; `None` (and nothing written) when out of bounds.
    #[inline(always)]
    pub(super) fn store<const N: usize>(self, ea: usize, v: u64) -> Option<()> {
        if ea.checked_add(N).is_none_or(|end| end > self.len) {
            return None;
        }
        let bytes = v.to_le_bytes();
        // SAFETY: as in `load`; `N <= 8` bytes of `bytes` are copied.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.ptr.add(ea), N) };
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_op_after_a_producer_of_its_operand_takes_it_from_the_accumulator() {
        let code = [
            Op::I32Mul { dst: 5, a: 0, b: 1 },          // produces 5
            Op::I32Add { dst: 6, a: 2, b: 5 },          // reads 5 as b: from the accumulator
            Op::I32Sub { dst: 7, a: 6, b: 3 },          // reads 6 as a: from the accumulator
            Op::Store32 { addr: 2, val: 7, offset: 0 }, // reads 7 as the value
            Op::I32Add { dst: 8, a: 7, b: 7 },          // after a store: from its cell
            Op::BrIfNez { cond: 8, target: 7 },         // reads 8 as the condition
            Op::Copy { dst: 9, src: 3 },                // produces 9
            Op::I32Add { dst: 10, a: 9, b: 9 },         // a branch target: from its cell
            Op::I32Add { dst: 11, a: 1, b: 2 },         // does not read 10: from its cells
            Op::Return { src: 11, n: 1 },
        ];
        let target = targets(&code);
        let cells: Vec<_> = (0..code.len()).map(|i| acc_cell(&code, &target, i)).collect();
        assert_eq!(cells, [None, Some(5), Some(6), Some(7), None, Some(8), None, None, Some(10), Some(11)]);
        let takes: Vec<bool> = code
            .iter()
            .zip(&cells)
            .map(|(op, d)| d.is_some_and(|d| threaded::acc_handler::<false>(op, d).is_some()))
            .collect();
        assert_eq!(takes, [false, true, true, true, false, true, false, false, false, false]);
        assert_eq!(produces(&code[3]), None);
        assert_eq!(produces(&code[6]), Some(9));
        // The variants are whole handlers of their own; the semantics are checked op by op
        // in `tests/accumulator.rs`.
        assert_eq!(thread_code(&code, true, None).len(), code.len());
    }

    /// A constant second operand below 2^32 becomes an immediate, with the handler that
    /// takes it; larger ones, and other cells, stay cells.
    #[test]
    fn constants_below_2_32_become_immediates() {
        // Cells 0-1 locals, 2-4 constants.
        let consts = [7u64, u64::from(u32::MAX), 1 << 32];
        let code = [
            Op::I32Add { dst: 5, a: 0, b: 2 },      // 7: immediate
            Op::I64Add { dst: 6, a: 5, b: 3 },      // u32::MAX, first operand from the accumulator
            Op::I64Add { dst: 7, a: 0, b: 4 },      // 2^32: a cell
            Op::I32Add { dst: 8, a: 0, b: 1 },      // a local: a cell
            Op::BrI32LtU { a: 8, b: 2, target: 0 }, // immediate, first from the accumulator
            Op::Return { src: 8, n: 1 },
        ];
        let records = thread_code(&code, true, Some((2, &consts)));
        assert!(matches!(records[0].op, Op::I32Add { b: 7, .. }));
        assert!(matches!(records[1].op, Op::I64Add { b: u32::MAX, .. }));
        assert_eq!(records[2].op, code[2]);
        assert_eq!(records[3].op, code[3]);
        assert!(matches!(records[4].op, Op::BrI32LtU { b: 7, .. }));
        // Without constants, or with the accumulator off, no immediates.
        let none = thread_code(&code, true, None);
        assert!(none[..4].iter().zip(&code).all(|(r, op)| r.op == *op));
        let off = thread_code(&code, false, Some((2, &consts)));
        assert!(off[..4].iter().zip(&code).all(|(r, op)| r.op == *op));
        // Miri gives each use of a generic function's address its own, so the handlers are
        // compared natively only.
        if cfg!(miri) {
            return;
        }
        let imm = |i: usize, d| threaded::imm_handler::<false>(&code[i], d).unwrap();
        assert!(std::ptr::fn_addr_eq(records[0].handler, imm(0, None)));
        assert!(std::ptr::fn_addr_eq(records[1].handler, imm(1, Some(5))));
        assert!(std::ptr::fn_addr_eq(records[2].handler, threaded::plain_handler(tag(&code[2]))));
        assert!(std::ptr::fn_addr_eq(records[4].handler, imm(4, Some(8))));
        assert!(off[..5]
            .iter()
            .zip(&code)
            .all(|(r, op)| std::ptr::fn_addr_eq(r.handler, threaded::plain_handler(tag(op)))));
        // A return of one value has its own instantiation either way.
        assert!(std::ptr::fn_addr_eq(off[5].handler, threaded::return_handler::<false>(&code[5]).unwrap()));
    }

    #[test]
    fn mem_bounds_include_the_last_byte() {
        let mut data = vec![1u8, 2, 3, 4, 5, 6, 7, 8];
        let m = Mem::new(&mut data);
        assert_eq!(m.load::<4>(4), Some([5, 6, 7, 8]));
        assert_eq!(m.load::<4>(5), None);
        assert_eq!(m.load::<8>(0), Some([1, 2, 3, 4, 5, 6, 7, 8]));
        assert_eq!(m.load::<1>(8), None);
        assert_eq!(m.load::<1>(usize::MAX), None);
        assert_eq!(m.store::<2>(6, 0xaabb), Some(()));
        assert_eq!(m.store::<2>(7, 0xaabb), None);
        assert_eq!(data, [1, 2, 3, 4, 5, 6, 0xbb, 0xaa]);
        assert_eq!(Mem::none().load::<1>(0), None);
        assert_eq!(Mem::none().store::<8>(0, 0), None);
    }

    #[test]
    fn frame_reads_and_writes_its_cells() {
        let f = CompiledFunc { frame_size: 4, ..Default::default() };
        let mut stack = vec![0u64; 6];
        let fr = Frame::new(&mut stack, 2, &f);
        fr.set(0, 7);
        fr.set(3, 9);
        fr.copy(1, 0, 1);
        assert_eq!((fr.get(0), fr.get(1), fr.get(3)), (7, 7, 9));
        assert_eq!(stack, [0, 0, 7, 7, 0, 9]);
    }

    #[test]
    #[should_panic(expected = "frame outside the value stack")]
    fn frame_must_fit_the_stack() {
        let f = CompiledFunc { frame_size: 5, ..Default::default() };
        Frame::new(&mut vec![0u64; 6], 2, &f);
    }

    #[test]
    fn code_walks_ops_and_cells() {
        // A return of two values keeps the table's handler (no value or one gets its own).
        let ops = [Op::Br { target: 1 }, Op::Return { src: 0, n: 2 }];
        let records = thread_code(&ops, true, None);
        let code = Code::plain(&records);
        let mut ip = code.at::<false>(0);
        assert_eq!(ip.tag::<false>(), tag(&ops[0]));
        // The record keeps the op, its target scaled to a record offset.
        assert_eq!(ip.fetch::<false>(), Op::Br { target: std::mem::size_of::<Threaded>() as u32 });
        assert_eq!(code.index::<false>(ip), 1);
        assert!(std::ptr::fn_addr_eq(ip.handler(), threaded::plain_handler(tag(&ops[1]))));
        assert_eq!(code.pos::<false>(ip), std::mem::size_of::<Threaded>());
        assert_eq!(code.resume::<false>(code.pos::<false>(ip)).tag::<false>(), tag(&ops[1]));
        assert_eq!(ip.fetch::<false>(), ops[1]);
        // Targets become record offsets.
        let Op::Br { target } = code.at::<false>(0).fetch::<false>() else { unreachable!() };
        assert_eq!(code.target::<false>(target).fetch::<false>(), ops[1]);
        let cells: Vec<Cell<Threaded>> = ops.iter().map(|&o| Cell::new(Threaded::patchable(o))).collect();
        let code = Code::cells(&cells);
        // Patchable records scale targets too, and give them back as op indices.
        let Op::Br { target } = code.at::<true>(0).fetch::<true>() else { unreachable!() };
        assert_eq!(code.target::<true>(target).fetch::<true>(), ops[1]);
        assert_eq!(cells[0].get().op(), ops[0]);
        let mut ip = code.at::<true>(1);
        cells[1].set(Threaded::patchable(Op::Unreachable));
        assert!(std::ptr::fn_addr_eq(ip.handler(), threaded::cells_handler(tag(&Op::Unreachable))));
        assert_eq!(ip.fetch::<true>(), Op::Unreachable);
        assert_eq!(code.index::<true>(ip), 2);
    }

    #[test]
    fn check_layout_accepts_only_ops_of_the_code() {
        let orig = [
            Op::MemoEnter { block: 0 },
            Op::BrIfEqz { cond: 0, target: 3 },
            Op::Copy { dst: 1, src: 0 },
            Op::Return { src: 1, n: 1 },
        ];
        let layout = [Op::BrIfNez { cond: 0, target: 2 }, Op::Copy { dst: 1, src: 0 }, Op::Return { src: 1, n: 1 }];
        assert!(check_layout(&orig, &layout, &[1, 2, 3], 4).is_ok());
        // A slot the code never names.
        let bad = [Op::Copy { dst: 1, src: 7 }];
        assert!(check_layout(&orig, &bad, &[2], 4).is_err());
        // A jump past the padded code.
        let bad = [Op::BrIfEqz { cond: 0, target: 4 }];
        assert!(check_layout(&orig, &bad, &[1], 4).is_err());
        // An op from nowhere.
        assert!(check_layout(&orig, &layout, &[1, 2, 9], 4).is_err());
    }

    #[test]
    fn check_code_rejects_what_the_loop_cannot_run() {
        let arity = |_: &Op| (0, 0);
        // Frames of 8 cells (the padded initial cells need them) and 9.
        let func = |frame_size, code| CompiledFunc {
            frame_size,
            code,
            init: vec![0; SMALL_INIT].into(),
            ..Default::default()
        };
        assert!(check_code(&func(8, vec![Op::Return { src: 0, n: 2 }]), arity, 4).is_ok());
        // A slot outside the frame.
        assert!(check_code(&func(8, vec![Op::Return { src: 7, n: 2 }]), arity, 4).is_err());
        // Falls off the end.
        assert!(check_code(&func(8, vec![Op::Copy { dst: 0, src: 1 }]), arity, 4).is_err());
        // Jumps off the end.
        assert!(check_code(&func(8, vec![Op::Br { target: 1 }]), arity, 4).is_err());
        // Initial cells that overflow the frame.
        let init = CompiledFunc { num_params: 2, ..func(9, vec![Op::Return { src: 0, n: 0 }]) };
        assert!(check_code(&init, arity, 4).is_err());
        // Fewer initial cells than the fixed-size copy writes.
        let short = CompiledFunc { init: vec![0; SMALL_INIT - 1].into(), ..func(8, vec![Op::Return { src: 0, n: 0 }]) };
        assert!(check_code(&short, arity, 4).is_err());
        // A branch table with too few arms.
        assert!(check_code(&func(8, vec![Op::BrTable { index: 0, len: 1 }, Op::Br { target: 0 }]), arity, 4).is_err());
        assert!(check_code(&func(8, vec![]), arity, 4).is_err());
        let global = |g| func(8, vec![Op::GlobalGet { dst: 0, global: g }, Op::Return { src: 0, n: 1 }]);
        assert!(check_code(&global(3), arity, 4).is_ok());
        assert!(check_code(&global(4), arity, 4).is_err());
    }
}
