//! Unchecked access to frame cells, code and linear memory for the interpreter loop: the
//! crate's only `unsafe` code.
//!
//! Soundness rests on two kinds of invariant.
//! - Checked once per function, at translation, by [`check_code`]: every slot an op names is
//!   below the function's `frame_size`, every branch target lies inside its code, a
//!   `BrTable` is followed by its `len + 1` branches (or returns), the last op does not
//!   fall through, and the initial cells (at least [`SMALL_INIT`]) fit the frame. Code
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

use crate::ir::{Op, Slot};
use crate::module::CompiledFunc;
use std::cell::Cell;
use std::marker::PhantomData;

/// Checks the invariants the loop relies on; translation calls it on every function and
/// panics on failure, which would be a translator bug.
pub(crate) fn check_code(f: &CompiledFunc, arity: impl Fn(&Op) -> (u32, u32)) -> Result<(), String> {
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

/// The start of a function's code: its op array, or its patchable copy in memo engines.
#[derive(Clone, Copy)]
pub(super) struct Code<'s> {
    start: *const Op,
    _code: PhantomData<&'s [Op]>,
}

impl<'s> Code<'s> {
    /// The ops of a translated function (checked by [`check_code`]).
    #[inline(always)]
    pub(super) fn new(ops: &'s [Op]) -> Self {
        Code { start: ops.as_ptr(), _code: PhantomData }
    }

    /// The patchable copy of a translated function's ops. Memo patching keeps the length
    /// and only retargets branches inside the code or turns probes into branches to the
    /// next op; the plain layout is checked by [`check_layout`]. So the invariants hold.
    #[inline(always)]
    pub(super) fn cells(ops: &'s [Cell<Op>]) -> Self {
        // `Cell<Op>` has the layout of `Op`; reads through this pointer are reads of the
        // cells' contents, which is what `Cell::get` does.
        Code { start: ops.as_ptr().cast::<Op>(), _code: PhantomData }
    }

    /// The op at index `i`: a branch target, a saved return address, or 0.
    #[inline(always)]
    pub(super) fn at(self, i: usize) -> Ip<'s> {
        // SAFETY: `i` is 0, a checked branch target or an index saved from an `Ip` of this
        // code, all within the code; `wrapping_add` keeps this function free of UB anyway.
        Ip { ptr: self.start.wrapping_add(i), _code: PhantomData }
    }

    /// The index of `ip` in this code.
    #[inline(always)]
    pub(super) fn index(self, ip: Ip<'s>) -> usize {
        (ip.ptr as usize - self.start as usize) / std::mem::size_of::<Op>()
    }
}

/// The instruction pointer: the next op to execute.
#[derive(Clone, Copy)]
pub(super) struct Ip<'s> {
    ptr: *const Op,
    _code: PhantomData<&'s [Op]>,
}

impl Ip<'_> {
    /// Reads the op at the pointer and moves past it.
    #[inline(always)]
    pub(super) fn fetch(&mut self) -> Op {
        // SAFETY: the pointer is within the code: it starts at 0 or a checked target, and
        // moves by one op after an op that may fall through, which is never the last one
        // (check_code), or by at most `len` after a `BrTable` followed by `len + 1` ops.
        // Patchable code is only written by memo hooks, never during this read.
        let op = unsafe { self.ptr.read() };
        self.ptr = self.ptr.wrapping_add(1);
        op
    }

    /// The tag of the op at the pointer: its variant's index in declaration order.
    #[inline(always)]
    pub(super) fn tag(self) -> u16 {
        // SAFETY: the pointer is within the code (as in `fetch`), and `Op` is `repr(u16)`,
        // so every op starts with its `u16` tag.
        unsafe { self.ptr.cast::<u16>().read() }
    }

    /// Skips `n` ops (a `BrTable` arm).
    #[inline(always)]
    pub(super) fn skip(&mut self, n: usize) {
        self.ptr = self.ptr.wrapping_add(n);
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
        let ops = [Op::Br { target: 1 }, Op::Return { src: 0, n: 0 }];
        let code = Code::new(&ops);
        let mut ip = code.at(0);
        assert_eq!(ip.fetch(), ops[0]);
        assert_eq!(code.index(ip), 1);
        assert_eq!(ip.fetch(), ops[1]);
        let cells: Vec<Cell<Op>> = ops.iter().map(|&o| Cell::new(o)).collect();
        let code = Code::cells(&cells);
        let mut ip = code.at(1);
        cells[1].set(Op::Unreachable);
        assert_eq!(ip.fetch(), Op::Unreachable);
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
        assert!(check_code(&func(8, vec![Op::Return { src: 0, n: 2 }]), arity).is_ok());
        // A slot outside the frame.
        assert!(check_code(&func(8, vec![Op::Return { src: 7, n: 2 }]), arity).is_err());
        // Falls off the end.
        assert!(check_code(&func(8, vec![Op::Copy { dst: 0, src: 1 }]), arity).is_err());
        // Jumps off the end.
        assert!(check_code(&func(8, vec![Op::Br { target: 1 }]), arity).is_err());
        // Initial cells that overflow the frame.
        let init = CompiledFunc { num_params: 2, ..func(9, vec![Op::Return { src: 0, n: 0 }]) };
        assert!(check_code(&init, arity).is_err());
        // Fewer initial cells than the fixed-size copy writes.
        let short = CompiledFunc { init: vec![0; SMALL_INIT - 1].into(), ..func(8, vec![Op::Return { src: 0, n: 0 }]) };
        assert!(check_code(&short, arity).is_err());
        // A branch table with too few arms.
        assert!(check_code(&func(8, vec![Op::BrTable { index: 0, len: 1 }, Op::Br { target: 0 }]), arity).is_err());
        assert!(check_code(&func(8, vec![]), arity).is_err());
    }
}
