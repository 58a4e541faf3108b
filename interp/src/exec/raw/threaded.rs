//! Threaded dispatch for the plain loop: one handler function per hot op (numeric,
//! branches, copies, loads and stores), each ending in a call of the next op's handler in
//! tail position, which LLVM compiles to a jump. Each handler thus has its own indirect
//! jump, which the branch predictor can learn per op. Any other op stops the chain and the
//! loop in `exec` runs it. Code stores each op with its handler ([`super::Threaded`],
//! direct threading), taken from one of two tables indexed by the op's tag: one for the
//! plain engine, one for memo engines' patchable code; code rendered for a memo engine's
//! memo loop takes [`memo_handler`]s, which also version the chunks stores write.
//!
//! Handlers also pass an accumulator: numeric ops, loads, `Copy`, `global.get` and
//! `memory.size` hand the value they wrote to the next handler in a register, and an op
//! right after such an op that reads that value takes it from the register (the handler's
//! instantiation with `ACC` naming that operand, chosen by [`super::thread_code`] and
//! [`super::accumulate`]), so it does not wait for the store to reach the load. The cell is
//! written all the same, and where the chain is entered from the loop the accumulator is
//! read back from it ([`entry_acc`]).
//!
//! Release builds rely on LLVM's sibling-call optimisation (all handlers share one
//! signature of six register arguments and return two registers), as wasmi 2 does.
//! Builds with debug assertions, where that optimisation is off, return to
//! [`run`]'s loop after every op instead. `tests/threaded.rs` runs every hot op kind in long
//! loops on a thread with a small stack, so a handler that stops being a tail call fails it.

use super::{Code, Frame, Ip, Mem, SMALL_INIT};
use crate::error::Trap;
use crate::exec::cell::Cell as _;
use crate::exec::{mem, table, Caller, Calls};
use crate::ir::{for_each_numeric_op, Op};
use crate::semantics;

/// Where and why the chain stopped.
pub(in crate::exec) struct Stopped<'s> {
    /// The next op to run: the op that stopped the chain, unless it trapped.
    pub ip: Ip<'s>,
    pub why: Why,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::exec) enum Why {
    /// Only in builds with debug assertions: one op ran, run the next.
    Next,
    /// The op at `ip` is not a hot op.
    Slow,
    Trap(Trap),
}

/// Handlers take six registers: the ip, the frame, the memory (base and length), the
/// accumulator and the loop state, which holds what branches, calls and globals need.
pub(crate) type Handler = for<'s, 'a, 'b> fn(Ip<'s>, Frame, Mem, u64, &'b mut Calls<'s, 'a>) -> Stopped<'s>;

/// Runs hot ops from `ip` until an op that is not hot, or a trap.
#[inline(always)]
pub(in crate::exec) fn run<'s, const CELLS: bool>(
    mut ip: Ip<'s>,
    mut fp: Frame,
    mem: Mem,
    cx: &mut Calls<'s, '_>,
) -> Stopped<'s> {
    loop {
        let stopped = ip.handler()(ip, fp, mem, entry_acc::<CELLS>(ip, fp, cx), cx);
        if stopped.why != Why::Next {
            return stopped;
        }
        ip = stopped.ip;
        // A call or return moved to another frame (only seen here with debug assertions).
        fp = cx.frame();
    }
}

/// The accumulator for entering the chain at `ip`: the value the op before it left in its
/// result cell, when that op produces one (see [`super::thread_code`] and
/// [`super::accumulate`]): an op that takes an operand from the accumulator was only chosen
/// after such an op, which writes the cell too.
#[inline(always)]
fn entry_acc<const CELLS: bool>(ip: Ip<'_>, fp: Frame, cx: &Calls<'_, '_>) -> u64 {
    let i = cx.code.index::<CELLS>(ip);
    let before = if CELLS {
        // Memo engines' patchable code: the op of the record before, as rendered.
        i.checked_sub(1).map(|p| cx.code.at::<CELLS>(p).fetch::<CELLS>())
    } else {
        i.checked_sub(1).and_then(|p| cx.func.code.get(p)).copied()
    };
    match before.as_ref().and_then(produces) {
        Some(dst) => fp.get(dst),
        None => 0,
    }
}

/// The plain engine's handler for ops with tag `tag` (stored in each op's record).
pub(super) fn plain_handler(tag: u16) -> Handler {
    HANDLERS[tag as usize]
}

/// The memo engines' plain-loop handler for ops with tag `tag` (stored in each record of
/// the patchable code).
pub(super) fn cells_handler(tag: u16) -> Handler {
    CELLS_HANDLERS[tag as usize]
}

/// What is decided per op rather than by tag, from the op table: the handlers chosen by
/// op, and the two facts about ops the accumulator needs.
macro_rules! chosen_handlers {
    (
        unary { $( ($un:ident, $($unt:tt)*) )* }
        unary_trap { $( ($ut:ident, $($utt:tt)*) )* }
        binary { $( ($bn:ident, $($bnt:tt)*) )* }
        binary_trap { $( ($bt:ident, $($btt:tt)*) )* }
        load { $( ($ld:ident, $la:ident, $($ldt:tt)*) )* }
        store { $( ($st:ident, $sa:ident, $($stt:tt)*) )* }
        cmp_branch { $( ($cb:ident, $($cbt:tt)*) )* }
    ) => {
        /// The handler of `op` in memo engines' memo loop, which runs the chain only while
        /// nothing records: the memo engines' plain-loop handler, except that stores also
        /// give the chunks they write the chain's version (so that entries which read them
        /// before are invalidated), `MemoEnter` replays fast hits in place and stops the chain
        /// for anything else, and `MemoLeave` stops it (probes are `slow` in every table).
        pub(super) fn memo_handler(op: &Op) -> Handler {
            match op {
                Op::MemoEnter { .. } => handlers::MemoProbe,
                $( Op::$st { .. } => handlers::tracked::$st, )*
                $( Op::$sa { .. } => handlers::tracked::$sa, )*
                _ => cells_handler(super::tag(op)),
            }
        }

        /// The cell `op` writes whose value its plain handler also passes on as the
        /// accumulator: numeric ops, loads, `Copy`, `global.get` and `memory.size`.
        pub(super) fn produces(op: &Op) -> Option<crate::ir::Slot> {
            match *op {
                $( Op::$un { dst, .. } )|* => Some(dst),
                $( Op::$ut { dst, .. } )|* => Some(dst),
                $( Op::$bn { dst, .. } )|* => Some(dst),
                $( Op::$bt { dst, .. } )|* => Some(dst),
                $( Op::$ld { dst, .. } )|* => Some(dst),
                $( Op::$la { dst, .. } )|* => Some(dst),
                Op::Copy { dst, .. } | Op::GlobalGet { dst, .. } | Op::MemorySize { dst } => Some(dst),
                _ => None,
            }
        }

        /// The handler of `op` that takes its second operand (`b`, or a copy's `src`) as an
        /// immediate, the record holding the value there (see [`super::thread_code`]), and
        /// the operand in cell `d` (if any) from the accumulator: the plain engine's, or with
        /// `CELLS` memo engines' plain layout's. `None` for ops other than binary,
        /// compare-and-branch, sum-address load and store ops and copies.
        pub(super) fn imm_handler<const CELLS: bool>(op: &Op, d: Option<crate::ir::Slot>) -> Option<Handler> {
            match *op {
                $( Op::$bn { a, .. } if d == Some(a) => Some(handlers::$bn::<CELLS, { handlers::ABI }>),
                   Op::$bn { .. } => Some(handlers::$bn::<CELLS, { handlers::BI }>), )*
                $( Op::$bt { a, .. } if d == Some(a) => Some(handlers::$bt::<CELLS, { handlers::ABI }>),
                   Op::$bt { .. } => Some(handlers::$bt::<CELLS, { handlers::BI }>), )*
                $( Op::$cb { a, .. } if d == Some(a) => Some(handlers::$cb::<CELLS, { handlers::ABI }>),
                   Op::$cb { .. } => Some(handlers::$cb::<CELLS, { handlers::BI }>), )*
                $( Op::$la { a, .. } if d == Some(a) => Some(handlers::$la::<CELLS, { handlers::ABI }>),
                   Op::$la { .. } => Some(handlers::$la::<CELLS, { handlers::BI }>), )*
                $( Op::$sa { val, .. } if d == Some(val) => Some(handlers::$sa::<CELLS, { handlers::VBI }>),
                   Op::$sa { a, .. } if d == Some(a) => Some(handlers::$sa::<CELLS, { handlers::ABI }>),
                   Op::$sa { .. } => Some(handlers::$sa::<CELLS, { handlers::BI }>), )*
                Op::Copy { .. } => Some(handlers::Copy::<CELLS, { handlers::BI }>),
                _ => None,
            }
        }

        /// The operand [`imm_handler`]'s handlers take as an immediate.
        pub(super) fn second_operand(op: &mut Op) -> Option<&mut crate::ir::Slot> {
            match op {
                $( Op::$bn { b, .. } )|* $( | Op::$bt { b, .. } )* $( | Op::$cb { b, .. } )*
                $( | Op::$la { b, .. } )* $( | Op::$sa { b, .. } )* | Op::Copy { src: b, .. } => Some(b),
                _ => None,
            }
        }

        /// Whether `op` stores to memory.
        pub(super) fn is_store(op: &Op) -> bool {
            matches!(op, $( Op::$st { .. } )|* $( | Op::$sa { .. } )*)
        }

        /// The handler of `op` that takes the operand in cell `d` from the accumulator, if
        /// it has one (the plain engine's, or with `CELLS` memo engines'); asked for an op
        /// right after one that produces `d` ([`produces`]).
        pub(super) fn acc_handler<const CELLS: bool>(op: &Op, d: crate::ir::Slot) -> Option<Handler> {
            match *op {
                $( Op::$un { src, .. } if src == d => Some(handlers::$un::<CELLS, { handlers::A }>), )*
                $( Op::$ut { src, .. } if src == d => Some(handlers::$ut::<CELLS, { handlers::A }>), )*
                $( Op::$bn { a, .. } if a == d => Some(handlers::$bn::<CELLS, { handlers::A }>),
                   Op::$bn { b, .. } if b == d => Some(handlers::$bn::<CELLS, { handlers::B }>), )*
                $( Op::$bt { a, .. } if a == d => Some(handlers::$bt::<CELLS, { handlers::A }>),
                   Op::$bt { b, .. } if b == d => Some(handlers::$bt::<CELLS, { handlers::B }>), )*
                $( Op::$ld { addr, .. } if addr == d => Some(handlers::$ld::<CELLS, { handlers::A }>), )*
                $( Op::$la { a, .. } if a == d => Some(handlers::$la::<CELLS, { handlers::A }>),
                   Op::$la { b, .. } if b == d => Some(handlers::$la::<CELLS, { handlers::B }>), )*
                $( Op::$st { val, .. } if val == d => Some(handlers::$st::<CELLS, { handlers::V }>),
                   Op::$st { addr, .. } if addr == d => Some(handlers::$st::<CELLS, { handlers::A }>), )*
                $( Op::$sa { val, .. } if val == d => Some(handlers::$sa::<CELLS, { handlers::V }>),
                   Op::$sa { a, .. } if a == d => Some(handlers::$sa::<CELLS, { handlers::A }>),
                   Op::$sa { b, .. } if b == d => Some(handlers::$sa::<CELLS, { handlers::B }>), )*
                $( Op::$cb { a, .. } if a == d => Some(handlers::$cb::<CELLS, { handlers::A }>),
                   Op::$cb { b, .. } if b == d => Some(handlers::$cb::<CELLS, { handlers::B }>), )*
                Op::Copy { src, .. } if src == d => Some(handlers::Copy::<CELLS, { handlers::A }>),
                Op::BrIfEqz { cond, .. } if cond == d => Some(handlers::BrIfEqz::<CELLS, { handlers::A }>),
                Op::BrIfNez { cond, .. } if cond == d => Some(handlers::BrIfNez::<CELLS, { handlers::A }>),
                Op::GlobalSet { src, .. } if src == d => Some(handlers::GlobalSet::<CELLS, { handlers::A }>),
                _ => None,
            }
        }
    };
}
for_each_numeric_op!(chosen_handlers);

/// The handler of a `Return` of no value or exactly one (the plain engine's, or with
/// `CELLS` memo engines'); `None` for other returns.
pub(super) fn return_handler<const CELLS: bool>(op: &Op) -> Option<Handler> {
    match op {
        Op::Return { n: 0, .. } => Some(handlers::Return::<CELLS, 0>),
        Op::Return { n: 1, .. } => Some(handlers::Return::<CELLS, 1>),
        _ => None,
    }
}

/// The memo loop's handler of a switched-off loop body's `MemoEnter` kept to count
/// iterations.
pub(super) fn memo_count_handler() -> Handler {
    handlers::MemoCount
}

/// Continues with the handler of the op at `ip`.
macro_rules! next {
    ($ip:expr, $fp:expr, $mem:expr, $acc:expr, $cx:expr) => {{
        let ip = $ip;
        if cfg!(debug_assertions) {
            let _ = $acc;
            return Stopped { ip, why: Why::Next };
        }
        return ip.handler()(ip, $fp, $mem, $acc, $cx);
    }};
}

/// Continues at `target` if `taken`, else at `ip`, with one dispatch in each arm.
macro_rules! branch {
    ($taken:expr, $target:expr, $ip:expr, $fp:expr, $mem:expr, $acc:expr, $cx:expr) => {{
        if $taken {
            next!($target, $fp, $mem, $acc, $cx)
        } else {
            std::hint::cold_path();
            next!($ip, $fp, $mem, $acc, $cx)
        }
    }};
}

/// The op at `ip`, which this handler was chosen for, and the pointer past it.
macro_rules! decode {
    ($ip:ident, $pat:pat) => {
        #[allow(unused_mut)]
        let mut $ip = $ip;
        let $pat = $ip.fetch::<CELLS>() else {
            // SAFETY: handlers are called only through the record at `ip`, whose handler
            // was taken from a table by its op's tag (`thread_code`, `Threaded::patchable`)
            // or chosen by its op's variant (`Threaded::memo`), which are the only ways
            // records are made, and each table entry is the handler of the variant with
            // that tag.
            unsafe { std::hint::unreachable_unchecked() }
        };
    };
}

macro_rules! trap {
    ($ip:expr, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(t) => return Stopped { ip: $ip, why: Why::Trap(t) },
        }
    };
}

/// The value of global `global` of the running instance.
#[inline(always)]
fn global_value<'c>(cx: &'c mut Calls<'_, '_>, global: u32) -> &'c mut u64 {
    // SAFETY: `global` is an index of a `GlobalGet` or `GlobalSet` of checked code, so it is
    // below the module's number of globals (`check_code`), which is the length of the
    // instance's `globals`: instantiation pushes one entry per imported and per defined
    // global. Each entry is the index of a store global (looked up when the import was
    // linked, or pushed when it was defined), and the store never removes globals.
    unsafe {
        let id = *cx.inst.globals.get_unchecked(global as usize);
        &mut cx.globals.get_unchecked_mut(id as usize).value
    }
}

/// Stops the chain at the op at `ip`.
fn slow<'s, const CELLS: bool>(ip: Ip<'s>, _: Frame, _: Mem, _: u64, _: &mut Calls<'s, '_>) -> Stopped<'s> {
    Stopped { ip, why: Why::Slow }
}

#[allow(non_snake_case)]
mod handlers {
    use super::*;

    /// Which operand of an op comes from the accumulator (a handler's `ACC`): none, the
    /// first (`a`, `src`, `addr`, `cond`), the second (`b`), or the value a store writes.
    pub(super) const NONE: u8 = 0;
    pub(super) const A: u8 = 1;
    pub(super) const B: u8 = 2;
    pub(super) const V: u8 = 3;
    /// `Return`'s `N` in the tables: any number of values.
    pub(super) const ANY_VALUES: u8 = u8::MAX;
    /// The second operand (`b`, or a copy's `src`) is an immediate: the record holds a
    /// constant cell's value there (see [`super::super::thread_code`]). With `ABI` the first
    /// operand comes from the accumulator too.
    pub(super) const BI: u8 = 4;
    pub(super) const ABI: u8 = 5;
    /// For stores to a sum address: `b` an immediate, the value stored from the accumulator.
    pub(super) const VBI: u8 = 6;

    /// The value of operand `cell`: the accumulator when `from_acc`, else the cell.
    #[inline(always)]
    fn operand(fp: Frame, cell: crate::ir::Slot, acc: u64, from_acc: bool) -> u64 {
        if from_acc {
            acc
        } else {
            fp.get(cell)
        }
    }

    /// The operands `(a, b)` of a binary, compare-and-branch or sum-address op, as `ACC`
    /// says.
    #[inline(always)]
    fn operands<const ACC: u8>(fp: Frame, a: crate::ir::Slot, b: crate::ir::Slot, acc: u64) -> (u64, u64) {
        let x = operand(fp, a, acc, ACC == A || ACC == ABI);
        let y = match ACC {
            B => acc,
            BI | ABI | VBI => u64::from(b),
            _ => fp.get(b),
        };
        (x, y)
    }

    pub(super) fn Br<'s, const CELLS: bool>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        decode!(ip, Op::Br { target });
        let _ = ip;
        next!(cx.code.target::<CELLS>(target), fp, mem, acc, cx)
    }

    pub(super) fn BrIfEqz<'s, const CELLS: bool, const ACC: u8>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        decode!(ip, Op::BrIfEqz { cond, target });
        branch!(operand(fp, cond, acc, ACC == A) == 0, cx.code.target::<CELLS>(target), ip, fp, mem, acc, cx)
    }

    pub(super) fn BrIfNez<'s, const CELLS: bool, const ACC: u8>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        decode!(ip, Op::BrIfNez { cond, target });
        branch!(operand(fp, cond, acc, ACC == A) != 0, cx.code.target::<CELLS>(target), ip, fp, mem, acc, cx)
    }

    pub(super) fn BrTable<'s, const CELLS: bool>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        decode!(ip, Op::BrTable { index, len });
        ip.skip::<CELLS>((fp.get(index) as u32).min(len) as usize);
        next!(ip, fp, mem, acc, cx)
    }

    pub(super) fn Copy<'s, const CELLS: bool, const ACC: u8>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        decode!(ip, Op::Copy { dst, src });
        // With `BI`, `src` is the value (a constant's, see `thread_code`).
        let v = if ACC == BI { u64::from(src) } else { operand(fp, src, acc, ACC == A) };
        fp.set(dst, v);
        next!(ip, fp, mem, v, cx)
    }

    pub(super) fn CopyN<'s, const CELLS: bool>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        decode!(ip, Op::CopyN { dst, src, n });
        fp.copy(dst, src, n);
        next!(ip, fp, mem, acc, cx)
    }

    pub(super) fn Select<'s, const CELLS: bool>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        decode!(ip, Op::Select { dst, cond, b });
        if fp.get(cond) as u32 == 0 {
            fp.set(dst, fp.get(b));
        }
        next!(ip, fp, mem, acc, cx)
    }

    /// Enters store function `callee` with its frame at `base` in the current one, when it
    /// is a wasm function of the same instance within the depth limit and the value stack
    /// and the frame lists have room; otherwise stops at `at` and leaves the call to the
    /// loop (host functions, other instances, traps, growth: once the loop has grown the
    /// stack, later calls stay here). The hot path makes no calls, so the handler saves no
    /// registers; frames of many initial cells continue in [`init_large`].
    // The handler's six registers, and what the call needs besides.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn enter<'s, const CELLS: bool>(
        at: Ip<'s>,
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
        callee: usize,
        base: u32,
    ) -> Stopped<'s> {
        let id = callee;
        // Host functions, and functions not translated yet, are the loop's.
        let Some(callee) = cx.funcs[id].code.get() else {
            return slow::<CELLS>(at, fp, mem, acc, cx);
        };
        let instance = &cx.funcs[id].instance;
        let new_base = cx.base + base as usize;
        let end = new_base + callee.frame_size as usize;
        let room = end <= cx.stack.len() && end <= cx.max_stack && cx.frames.len() < cx.frames.capacity();
        if !room || *instance != cx.instance || cx.frames.len() + 1 >= cx.max_depth {
            return slow::<CELLS>(at, fp, mem, acc, cx);
        }
        if CELLS {
            // One subtraction both counts the call and finds the last one (a borrow).
            let Some(left) = cx.calls_left.checked_sub(1) else {
                return slow::<CELLS>(at, fp, mem, acc, cx);
            };
            cx.calls_left = left;
        }
        cx.frames.push(Caller {
            func: cx.func,
            // The plain engine finds the caller's code from `func` (see `Caller::code`).
            code: if CELLS { cx.code } else { Code::unused() },
            instance: cx.instance,
            ip: cx.code.pos::<CELLS>(ip) as u32,
            base: cx.base,
        });
        let fp = Frame::new(cx.stack, new_base, callee);
        cx.func = callee;
        cx.base = new_base;
        cx.code = if CELLS {
            let patchable = cx.funcs[id].memo_code.as_deref();
            debug_assert!(patchable.is_some(), "patchable code");
            // SAFETY: `id` has code, so it is a wasm function of a memo store, which has
            // patchable code: memo engines translate eagerly, `Store::push_func` gives every
            // translated function its patchable code, and a store takes modules of its own
            // engine only.
            Code::cells(unsafe { patchable.unwrap_unchecked() })
        } else {
            Code::plain(&callee.threaded)
        };
        if callee.init.len() > SMALL_INIT {
            return init_large::<CELLS>(cx.code.at::<CELLS>(0), fp, mem, new_base as u64, cx);
        }
        fp.init_small(callee);
        // A function's first op takes nothing from the accumulator, so any value will do:
        // one already in a register (keeping the caller's would hold a register here).
        next!(cx.code.at::<CELLS>(0), fp, mem, new_base as u64, cx)
    }

    /// The rest of a call into a function whose frame starts with many cells: copies them
    /// (a call of `memcpy`, kept out of the call handler) and runs its first op.
    #[inline(never)]
    fn init_large<'s, const CELLS: bool>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        fp.init_large(cx.func);
        next!(ip, fp, mem, acc, cx)
    }

    pub(super) fn Call<'s, const CELLS: bool>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        let at = ip;
        decode!(ip, Op::Call { func, base });
        let callee = cx.inst.funcs[func as usize] as usize;
        enter::<CELLS>(at, ip, fp, mem, acc, cx, callee, base)
    }

    pub(super) fn CallIndirect<'s, const CELLS: bool>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        let at = ip;
        decode!(ip, Op::CallIndirect { index, base, sig });
        let callee =
            trap!(at, table::indirect_callee(cx.tables, cx.funcs, cx.inst, cx.func, fp.get(index) as u32, sig));
        enter::<CELLS>(at, ip, fp, mem, acc, cx, callee as usize, base)
    }

    pub(super) fn GlobalGet<'s, const CELLS: bool>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        _: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        decode!(ip, Op::GlobalGet { dst, global });
        let v = *global_value(cx, global);
        fp.set(dst, v);
        next!(ip, fp, mem, v, cx)
    }

    pub(super) fn MemorySize<'s, const CELLS: bool>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        _: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        decode!(ip, Op::MemorySize { dst });
        let v = (mem.len() / crate::PAGE_SIZE) as u64;
        fp.set(dst, v);
        next!(ip, fp, mem, v, cx)
    }

    pub(super) fn TableSize<'s, const CELLS: bool>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        decode!(ip, Op::TableSize { dst, table });
        fp.set(dst, cx.tables[cx.inst.tables[table as usize] as usize].elems.len() as u64);
        next!(ip, fp, mem, acc, cx)
    }

    /// Dropping a dropped (empty) segment changes nothing; a first drop goes to the loop.
    pub(super) fn ElemDrop<'s, const CELLS: bool>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        let at = ip;
        decode!(ip, Op::ElemDrop { elem });
        if !cx.elems[cx.inst.elems[elem as usize] as usize].is_empty() {
            return slow::<CELLS>(at, fp, mem, acc, cx);
        }
        next!(ip, fp, mem, acc, cx)
    }

    /// As `ElemDrop`.
    pub(super) fn DataDrop<'s, const CELLS: bool>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        let at = ip;
        decode!(ip, Op::DataDrop { data });
        if !cx.datas[cx.inst.datas[data as usize] as usize].is_empty() {
            return slow::<CELLS>(at, fp, mem, acc, cx);
        }
        next!(ip, fp, mem, acc, cx)
    }

    /// Entries depend on globals' values, so a set versions nothing.
    pub(super) fn GlobalSet<'s, const CELLS: bool, const ACC: u8>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        decode!(ip, Op::GlobalSet { global, src });
        *global_value(cx, global) = operand(fp, src, acc, ACC == A);
        next!(ip, fp, mem, acc, cx)
    }

    /// The memo loop's `MemoEnter` of a unit that is on: replays a fast hit in place
    /// ([`crate::exec::memo::fast_hit`]) and continues after the unit, else stops the chain
    /// for the loop's `memo_enter`.
    pub(super) fn MemoProbe<'s>(ip: Ip<'s>, fp: Frame, mem: Mem, acc: u64, cx: &mut Calls<'s, '_>) -> Stopped<'s> {
        const CELLS: bool = true;
        let at = ip;
        decode!(ip, Op::MemoEnter { block });
        let _ = ip;
        match super::super::super::memo::fast_hit(cx, mem, block) {
            Some(exit) => {
                // The replay wrote cells through safe code.
                let fp = cx.frame();
                let ip = cx.code.at::<CELLS>(exit as usize);
                next!(ip, fp, mem, entry_acc::<CELLS>(ip, fp, cx), cx)
            }
            None => slow::<CELLS>(at, fp, mem, acc, cx),
        }
    }

    /// The memo loop's `MemoEnter` of a switched-off loop body kept to count its loop's
    /// iterations (see `exec::memo::render`): counts what `memo_enter` would, the entry and
    /// the body's ops, nothing else.
    pub(super) fn MemoCount<'s>(ip: Ip<'s>, fp: Frame, mem: Mem, acc: u64, cx: &mut Calls<'s, '_>) -> Stopped<'s> {
        const CELLS: bool = true;
        decode!(ip, Op::MemoEnter { block });
        let b = &cx.func.memo_blocks[block as usize];
        cx.entered += 1;
        cx.entered_ops += u64::from(b.end - b.start);
        next!(ip, fp, mem, acc, cx)
    }

    /// A return to a caller of the same instance; the loop handles the rest. `N`: the
    /// number of values returned, 0 or 1 for the instantiations chosen per record for such
    /// returns ([`super::return_handler`]: no copy loop, so no register to save for it),
    /// [`ANY_VALUES`] in the tables.
    pub(super) fn Return<'s, const CELLS: bool, const N: u8>(
        ip: Ip<'s>,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        let at = ip;
        decode!(ip, Op::Return { src, n });
        let _ = ip;
        let same = cx.frames.last().is_some_and(|c| c.instance == cx.instance);
        if !same {
            return slow::<CELLS>(at, fp, mem, acc, cx);
        }
        // Popped before the results are copied, which writes memory the list's length
        // might be (as far as the compiler knows), so it is not checked again.
        let caller = cx.frames.pop().expect("a caller");
        match N {
            0 => {}
            1 => fp.set(0, fp.get(src)),
            _ => fp.copy(0, src, n),
        }
        cx.func = caller.func;
        cx.base = caller.base;
        let fp = cx.frame();
        cx.code = if CELLS { caller.code } else { Code::plain(&caller.func.threaded) };
        // The op after a call takes nothing from the accumulator (any value will do).
        next!(cx.code.resume::<CELLS>(caller.ip as usize), fp, mem, caller.base as u64, cx)
    }

    /// Stores the low `N` bytes of `value` at `ea` and runs the next op; in the memo loop
    /// (`TRACK`) the chunks written get the chain's version too.
    #[inline(always)]
    fn store_at<'s, const CELLS: bool, const N: usize, const TRACK: bool>(
        ip: Ip<'s>,
        ea: usize,
        value: u64,
        fp: Frame,
        mem: Mem,
        acc: u64,
        cx: &mut Calls<'s, '_>,
    ) -> Stopped<'s> {
        trap!(ip, mem.store::<N>(ea, value).ok_or(Trap::MemoryOutOfBounds));
        if TRACK {
            cx.version_store(ea, N);
        }
        next!(ip, fp, mem, acc, cx)
    }

    /// Numeric ops, loads, stores and compare-and-branch ops; `ACC` says which operand comes
    /// from the accumulator instead of its cell ([`NONE`], [`A`], [`B`] or [`V`]), and for
    /// binary, compare-and-branch and sum-address ops whether `b` is an immediate ([`BI`],
    /// [`ABI`], [`VBI`]).
    macro_rules! numeric {
        (
            unary { $( ($un:ident, $unf:ident, $ua:ident => $ur:ident) )* }
            unary_trap { $( ($ut:ident, $utf:ident, $uta:ident => $utr:ident) )* }
            binary { $( ($bn:ident, $bnf:ident, $ba:ident $bb:ident => $br:ident) )* }
            binary_trap { $( ($bt:ident, $btf:ident, $bta:ident $btb:ident => $btr:ident) )* }
            load { $( ($ld:ident, $la:ident, $ldf:ident, $ldn:literal, $ldraw:ident => $ldr:ident) )* }
            store { $( ($st:ident, $sa:ident, $stf:ident, $stn:literal) )* }
            cmp_branch { $( ($cb:ident, $cbc:ident, $cbf:ident, $cbt:ident, $cbi:ident) )* }
        ) => {
            $( pub(super) fn $un <'s, const CELLS: bool, const ACC: u8>(ip: Ip<'s>, fp: Frame, mem: Mem, acc: u64, cx: &mut Calls<'s, '_>) -> Stopped<'s> {
                decode!(ip, Op::$un { dst, src });
                let v = semantics::$unf(<$ua>::from_cell(operand(fp, src, acc, ACC == A))).into_cell();
                fp.set(dst, v);
                next!(ip, fp, mem, v, cx)
            } )*
            $( pub(super) fn $ut <'s, const CELLS: bool, const ACC: u8>(ip: Ip<'s>, fp: Frame, mem: Mem, acc: u64, cx: &mut Calls<'s, '_>) -> Stopped<'s> {
                decode!(ip, Op::$ut { dst, src });
                let v = trap!(ip, semantics::$utf(<$uta>::from_cell(operand(fp, src, acc, ACC == A)))).into_cell();
                fp.set(dst, v);
                next!(ip, fp, mem, v, cx)
            } )*
            $( pub(super) fn $bn <'s, const CELLS: bool, const ACC: u8>(ip: Ip<'s>, fp: Frame, mem: Mem, acc: u64, cx: &mut Calls<'s, '_>) -> Stopped<'s> {
                decode!(ip, Op::$bn { dst, a, b });
                let (x, y) = operands::<ACC>(fp, a, b, acc);
                let v = semantics::$bnf(<$ba>::from_cell(x), <$bb>::from_cell(y)).into_cell();
                fp.set(dst, v);
                next!(ip, fp, mem, v, cx)
            } )*
            $( pub(super) fn $bt <'s, const CELLS: bool, const ACC: u8>(ip: Ip<'s>, fp: Frame, mem: Mem, acc: u64, cx: &mut Calls<'s, '_>) -> Stopped<'s> {
                decode!(ip, Op::$bt { dst, a, b });
                let (x, y) = operands::<ACC>(fp, a, b, acc);
                let v = trap!(ip, semantics::$btf(<$bta>::from_cell(x), <$btb>::from_cell(y))).into_cell();
                fp.set(dst, v);
                next!(ip, fp, mem, v, cx)
            } )*
            $( pub(super) fn $ld <'s, const CELLS: bool, const ACC: u8>(ip: Ip<'s>, fp: Frame, mem: Mem, acc: u64, cx: &mut Calls<'s, '_>) -> Stopped<'s> {
                decode!(ip, Op::$ld { dst, addr, offset });
                let ea = mem::effective(operand(fp, addr, acc, ACC == A), offset);
                let bytes = trap!(ip, mem.load::<$ldn>(ea).ok_or(Trap::MemoryOutOfBounds));
                let v = ($ldraw::from_le_bytes(bytes) as $ldr).into_cell();
                fp.set(dst, v);
                next!(ip, fp, mem, v, cx)
            } )*
            $( pub(super) fn $st <'s, const CELLS: bool, const ACC: u8>(ip: Ip<'s>, fp: Frame, mem: Mem, acc: u64, cx: &mut Calls<'s, '_>) -> Stopped<'s> {
                decode!(ip, Op::$st { addr, val, offset });
                let ea = mem::effective(operand(fp, addr, acc, ACC == A), offset);
                store_at::<CELLS, $stn, false>(ip, ea, operand(fp, val, acc, ACC == V), fp, mem, acc, cx)
            } )*
            $( pub(super) fn $la <'s, const CELLS: bool, const ACC: u8>(ip: Ip<'s>, fp: Frame, mem: Mem, acc: u64, cx: &mut Calls<'s, '_>) -> Stopped<'s> {
                decode!(ip, Op::$la { dst, a, b });
                let (x, y) = operands::<ACC>(fp, a, b, acc);
                let ea = mem::effective(mem::address_sum(x, y), 0);
                let bytes = trap!(ip, mem.load::<$ldn>(ea).ok_or(Trap::MemoryOutOfBounds));
                let v = ($ldraw::from_le_bytes(bytes) as $ldr).into_cell();
                fp.set(dst, v);
                next!(ip, fp, mem, v, cx)
            } )*
            $( pub(super) fn $sa <'s, const CELLS: bool, const ACC: u8>(ip: Ip<'s>, fp: Frame, mem: Mem, acc: u64, cx: &mut Calls<'s, '_>) -> Stopped<'s> {
                decode!(ip, Op::$sa { a, b, val });
                let (x, y) = operands::<ACC>(fp, a, b, acc);
                let ea = mem::effective(mem::address_sum(x, y), 0);
                store_at::<CELLS, $stn, false>(ip, ea, operand(fp, val, acc, ACC == V || ACC == VBI), fp, mem, acc, cx)
            } )*
            /// The memo loop's stores: they also version the chunks they write (see
            /// [`super::memo_handler`]).
            pub(super) mod tracked {
                use super::*;
                $( pub(in super::super) fn $st<'s>(ip: Ip<'s>, fp: Frame, mem: Mem, acc: u64, cx: &mut Calls<'s, '_>) -> Stopped<'s> {
                    const CELLS: bool = true;
                    decode!(ip, Op::$st { addr, val, offset });
                    store_at::<CELLS, $stn, true>(ip, mem::effective(fp.get(addr), offset), fp.get(val), fp, mem, acc, cx)
                } )*
                $( pub(in super::super) fn $sa<'s>(ip: Ip<'s>, fp: Frame, mem: Mem, acc: u64, cx: &mut Calls<'s, '_>) -> Stopped<'s> {
                    const CELLS: bool = true;
                    decode!(ip, Op::$sa { a, b, val });
                    let ea = mem::effective(mem::address_sum(fp.get(a), fp.get(b)), 0);
                    store_at::<CELLS, $stn, true>(ip, ea, fp.get(val), fp, mem, acc, cx)
                } )*
            }
            $( pub(super) fn $cb <'s, const CELLS: bool, const ACC: u8>(ip: Ip<'s>, fp: Frame, mem: Mem, acc: u64, cx: &mut Calls<'s, '_>) -> Stopped<'s> {
                decode!(ip, Op::$cb { a, b, target });
                let (x, y) = operands::<ACC>(fp, a, b, acc);
                let taken = semantics::$cbf(<$cbt>::from_cell(x), <$cbt>::from_cell(y)) != 0;
                branch!(taken, cx.code.target::<CELLS>(target), ip, fp, mem, acc, cx)
            } )*
        };
    }
    for_each_numeric_op!(numeric);
}

/// The handler table, indexed by op tag, and the variant name of each entry (for the tests).
macro_rules! table {
    (
        unary { $( ($un:ident, $($unt:tt)*) )* }
        unary_trap { $( ($ut:ident, $($utt:tt)*) )* }
        binary { $( ($bn:ident, $($bnt:tt)*) )* }
        binary_trap { $( ($bt:ident, $($btt:tt)*) )* }
        load { $( ($ld:ident, $la:ident, $($ldt:tt)*) )* }
        store { $( ($st:ident, $sa:ident, $($stt:tt)*) )* }
        cmp_branch { $( ($cb:ident, $($cbt:tt)*) )* }
    ) => {
        table!(@emit
            // The control ops, in `Op`'s declaration order: hot ones by name, the rest `slow`.
            // Handlers that can take an operand from the accumulator, with `[NONE]`.
            (Unreachable slow) (Fuel slow) (Br handlers::Br) (BrIfEqz handlers::BrIfEqz [NONE])
            (BrIfNez handlers::BrIfNez [NONE]) (BrTable handlers::BrTable) (Return handlers::Return [ANY_VALUES]) (Call handlers::Call)
            (CallIndirect handlers::CallIndirect) (Copy handlers::Copy [NONE]) (CopyN handlers::CopyN)
            (Select handlers::Select) (GlobalGet handlers::GlobalGet) (GlobalSet handlers::GlobalSet [NONE])
            (MemorySize handlers::MemorySize)
            (MemoryGrow slow) (MemoryFill slow) (MemoryCopy slow) (MemoryInit slow) (DataDrop handlers::DataDrop)
            (TableGet slow) (TableSet slow) (TableSize handlers::TableSize) (TableGrow slow) (TableFill slow)
            (TableCopy slow) (TableInit slow) (ElemDrop handlers::ElemDrop) (RefFunc slow) (MemoEnter slow)
            (MemoLeave slow)
            $( ($un handlers::$un [NONE]) )* $( ($ut handlers::$ut [NONE]) )* $( ($bn handlers::$bn [NONE]) )*
            $( ($bt handlers::$bt [NONE]) )* $( ($ld handlers::$ld [NONE]) )* $( ($st handlers::$st [NONE]) )*
            $( ($la handlers::$la [NONE]) )* $( ($sa handlers::$sa [NONE]) )* $( ($cb handlers::$cb [NONE]) )*
        );
    };
    (@emit $( ($name:ident $($h:ident)::+ $([$acc:ident])?) )* ) => {
        static HANDLERS: &[Handler] = &[ $( $($h)::+::<false $(, { handlers::$acc })?>, )* ];
        /// The same handlers for a memo engine's plain loop.
        static CELLS_HANDLERS: &[Handler] = &[ $( $($h)::+::<true $(, { handlers::$acc })?>, )* ];
        #[cfg(test)]
        static NAMES: &[&str] = &[ $( stringify!($name), )* ];
    };
}
for_each_numeric_op!(table);

#[cfg(test)]
mod tests {
    use super::*;

    /// One op of every variant.
    fn samples() -> Vec<Op> {
        macro_rules! numeric {
            (
                unary { $( ($un:ident, $($unt:tt)*) )* }
                unary_trap { $( ($ut:ident, $($utt:tt)*) )* }
                binary { $( ($bn:ident, $($bnt:tt)*) )* }
                binary_trap { $( ($bt:ident, $($btt:tt)*) )* }
                load { $( ($ld:ident, $la:ident, $($ldt:tt)*) )* }
                store { $( ($st:ident, $sa:ident, $($stt:tt)*) )* }
                cmp_branch { $( ($cb:ident, $($cbt:tt)*) )* }
            ) => {
                vec![
                    $( Op::$un { dst: 1, src: 2 }, )* $( Op::$ut { dst: 1, src: 2 }, )*
                    $( Op::$bn { dst: 1, a: 2, b: 3 }, )* $( Op::$bt { dst: 1, a: 2, b: 3 }, )*
                    $( Op::$ld { dst: 1, addr: 2, offset: 3 }, )* $( Op::$st { addr: 1, val: 2, offset: 3 }, )*
                    $( Op::$la { dst: 1, a: 2, b: 3 }, )* $( Op::$sa { a: 1, b: 2, val: 3 }, )*
                    $( Op::$cb { a: 1, b: 2, target: 3 }, )*
                ]
            };
        }
        let mut ops = vec![
            Op::Unreachable,
            Op::Fuel { amount: 1 },
            Op::Br { target: 1 },
            Op::BrIfEqz { cond: 1, target: 2 },
            Op::BrIfNez { cond: 1, target: 2 },
            Op::BrTable { index: 1, len: 2 },
            Op::Return { src: 1, n: 2 },
            Op::Call { func: 1, base: 2 },
            Op::CallIndirect { index: 1, base: 2, sig: 3 },
            Op::Copy { dst: 1, src: 2 },
            Op::CopyN { dst: 1, src: 2, n: 3 },
            Op::Select { dst: 1, cond: 2, b: 3 },
            Op::GlobalGet { dst: 1, global: 2 },
            Op::GlobalSet { global: 1, src: 2 },
            Op::MemorySize { dst: 1 },
            Op::MemoryGrow { dst: 1, delta: 2 },
            Op::MemoryFill { base: 1 },
            Op::MemoryCopy { base: 1 },
            Op::MemoryInit { base: 1, data: 2 },
            Op::DataDrop { data: 1 },
            Op::TableGet { dst: 1, index: 2, table: 3 },
            Op::TableSet { index: 1, val: 2, table: 3 },
            Op::TableSize { dst: 1, table: 2 },
            Op::TableGrow { base: 1, table: 2 },
            Op::TableFill { base: 1, table: 2 },
            Op::TableCopy { base: 1, dst_table: 2, src_table: 3 },
            Op::TableInit { base: 1, table: 2, elem: 3 },
            Op::ElemDrop { elem: 1 },
            Op::RefFunc { dst: 1, func: 2 },
            Op::MemoEnter { block: 1 },
            Op::MemoLeave { exit: 1 },
        ];
        ops.extend(for_each_numeric_op!(numeric));
        ops
    }

    #[test]
    fn every_tag_indexes_the_handler_of_its_variant() {
        let ops = samples();
        assert_eq!(HANDLERS.len(), NAMES.len());
        let mut seen = vec![false; HANDLERS.len()];
        for op in &ops {
            let code = [*op];
            let tag = super::super::tag(&code[0]) as usize;
            let name = format!("{op:?}");
            let variant = name.split([' ', '{']).next().unwrap();
            assert_eq!(NAMES.get(tag), Some(&variant), "tag {tag} of {op:?}");
            seen[tag] = true;
        }
        // Every table entry belongs to some variant: no entry is left over.
        assert!(seen.iter().all(|&s| s), "handler entries without a variant");
    }
}
