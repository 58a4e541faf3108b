//! Memo mode's side of the interpreter: entering and leaving memo units (lookup, replay,
//! recording, verify, the adaptive back-off that patches probes out of the code), and the
//! hooks that version store objects and log what a recording unit reads and writes. Only
//! the `MEMO` instantiations of the loop call these.

use super::{mem, table, Executor, Threaded};
use crate::ir::Op;
use crate::memo::{
    Active, Dep, DepKind, Effect, Entry, Event, Lookup, MemoDivergence, MemoLayout, MemoState, MissCause, PlainLayout,
    Recording, Shape, Sight,
};
use crate::module::{CompiledFunc, MemoBlock};
use crate::store::{bump_chunks, FuncEntity};
use rustc_hash::FxHasher;
use std::cell::Cell;
use std::hash::Hasher;

/// Adds the time since `t` (if profiling) to a profile field.
macro_rules! lap {
    ($memo:expr, $t:expr, $field:ident) => {
        if let Some(t) = $t {
            $memo.profile.$field += t.elapsed().as_nanos() as u64;
        }
    };
}

/// One outcome of a unit's lookup, for the adaptive policy.
#[derive(Clone, Copy)]
struct Outcome {
    hit: bool,
    /// A hit that saved more than it cost.
    pays: bool,
    /// A miss whose entry for the same inputs had been invalidated.
    invalidated: bool,
    /// A miss that recorded (not a first sight).
    recorded: bool,
    /// Nested work the execution covered.
    work: u64,
}

/// What `MemoEnter` decided.
pub(super) enum Enter {
    /// Execute the unit (recording it or not).
    Run,
    /// It was replayed from the cache: continue here.
    Jump(u32),
    /// Nothing is hitting: continue in the plain loop, from the next op.
    Plain,
}

/// Rewrites a memo store function's patchable code from its translation, with the probes
/// of switched-off units taken out while keeping every op at its index:
/// - a switched-off unit's `MemoEnter` becomes a jump to the next op, and branches back to
///   it (loop back-edges) go straight past it;
/// - a `MemoLeave` whose units are all off becomes the jump or return after it (or a jump
///   to the next op); where that makes `BrIfEqz skip; Br t; Br t` with `t` a loop header
///   behind it, it folds into `BrIfNez t; Br skip; ..`, so the hot back-edge is one op again
///   (a forward exit stays as it is: there the fallthrough is the hot path).
pub(crate) fn render(
    code: &CompiledFunc,
    off: impl Fn(u32) -> bool,
    counts: impl Fn(u32) -> bool,
    out: &[Cell<Threaded>],
) {
    let set = |o: &Cell<Threaded>, op: Op| o.set(Threaded::memo(op));
    let get = |o: &Cell<Threaded>| o.get().op();
    // For each op that starts a switched-off unit whose `MemoEnter` goes: the unit's end.
    let mut skipped = vec![None; code.code.len()];
    for (b, unit) in code.memo_blocks.iter().enumerate() {
        if off(b as u32) && !counts(b as u32) {
            skipped[unit.start as usize] = Some(unit.end);
        }
    }
    for (i, (o, &op)) in out.iter().zip(&code.code).enumerate() {
        let mut op = op;
        if let Op::MemoEnter { block } = op {
            if off(block) && counts(block) {
                // A loop body (`counts_iterations`).
                o.set(Threaded::memo_count(block));
                continue;
            }
        }
        if skipped[i].is_some() {
            op = Op::Br { target: i as u32 + 1 };
        } else if let Some(t) = op.branch_target_mut() {
            // A branch back to a skipped `MemoEnter` from within its unit goes past it
            // (and past the next, when that starts a unit around the branch too).
            while skipped[*t as usize].is_some_and(|end| (*t as usize) < i && i < end as usize) {
                *t += 1;
            }
        }
        set(o, op);
    }
    for (i, &op) in code.code.iter().enumerate() {
        let Op::MemoLeave { exit } = op else { continue };
        if !code.memo_exits[exit as usize].units.iter().all(|&b| off(b)) {
            continue;
        }
        let next = out.get(i + 1).map(get);
        match next {
            Some(n @ (Op::Br { .. } | Op::Return { .. })) => set(&out[i], n),
            _ => set(&out[i], Op::Br { target: i as u32 + 1 }),
        }
        // A conditional branch over [leave; Br t] to `skip`, negated, jumps to `t` itself.
        if let (Some(mut cond), Some(Op::Br { target: t })) = (i.checked_sub(1).map(|p| get(&out[p])), next) {
            let conditional = !matches!(cond, Op::Br { .. });
            let skip = cond.branch_target_mut().filter(|_| conditional).map(|s| *s);
            if skip == Some(i as u32 + 2) && t < i as u32 {
                if let Some(mut negated) = cond.negate() {
                    *negated.branch_target_mut().expect("a branch") = t;
                    set(&out[i - 1], negated);
                    set(&out[i], Op::Br { target: i as u32 + 2 });
                }
            }
        }
    }
}

/// Whether switched-off unit `b` keeps its `MemoEnter`, to count its loop's iterations as
/// nested work: where it is a loop's body (`header`) and a unit around it `measures` (is
/// on and past its threshold, so it records), whose entries bound their ops with that
/// count (`Shape::Counted`). A switched-off unit's `MemoEnter` only counts.
fn counts_iterations(code: &CompiledFunc, b: u32, header: bool, measures: impl Fn(u32) -> bool) -> bool {
    let s = code.memo_blocks[b as usize].start;
    header
        && code
            .memo_blocks
            .iter()
            .enumerate()
            .any(|(o, u)| o as u32 != b && u.start < s && s < u.end && measures(o as u32))
}

/// Re-renders the patchable code of store function `f`: its plain layout while the plain
/// loop runs, else the memo layout from its units' states.
pub(crate) fn rerender(funcs: &[FuncEntity], memo: &mut MemoState, f: u32) {
    memo.stale.retain(|&(g, _)| g != f);
    let entity = &funcs[f as usize];
    let (Some(code), Some(out)) = (entity.code.get(), &entity.memo_code) else { return };
    if memo.rendered_off {
        for (o, &r) in out.iter().zip(plain_layout(memo, f, code).records.iter()) {
            o.set(r);
        }
    } else {
        memo.renders += 1;
        let base = entity.memo_base as usize;
        let threshold = u64::from(memo.config.threshold);
        let off = |b: u32| memo.adapt[base + b as usize].off;
        let measures = |b: u32| !off(b) && memo.units[base + b as usize].1.executions > threshold;
        let counts = |b: u32| counts_iterations(code, b, memo.adapt[base + b as usize].header, measures);
        let states: Box<[(bool, bool)]> =
            (0..code.memo_blocks.len() as u32).map(|b| (off(b), off(b) && counts(b))).collect();
        let f = f as usize;
        if memo.memo_layouts.len() <= f {
            memo.memo_layouts.resize_with(f + 1, Vec::new);
        }
        let kept = &mut memo.memo_layouts[f];
        if let Some(i) = kept.iter().position(|l| l.states == states) {
            for (o, &r) in out.iter().zip(kept[i].records.iter()) {
                o.set(r);
            }
            kept[..=i].rotate_right(1);
            return;
        }
        render(code, |b| states[b as usize].0, |b| states[b as usize].1, out);
        if memo.accumulator {
            super::accumulate(out, true, None);
        }
        let records = out.iter().map(Cell::get).collect();
        let kept = &mut memo.memo_layouts[f];
        kept.truncate(crate::memo::KEPT_LAYOUTS - 1);
        kept.insert(0, MemoLayout { states, records });
    }
}

/// Renders every store function's patchable code: the plain layouts for the plain loop
/// (`off`), or the memo layouts from the units' states. Execution moving between the two
/// moves its frames with [`Executor::move_frames`].
pub(crate) fn render_all(funcs: &[FuncEntity], memo: &mut MemoState, off: bool) {
    if memo.rendered_off == off {
        return;
    }
    memo.stale_skipped += memo.stale.len() as u64;
    memo.stale.clear();
    memo.rendered_off = off;
    for f in 0..funcs.len() as u32 {
        rerender(funcs, memo, f);
    }
}

/// The plain layout of store function `f` (built on first use).
fn plain_layout<'m>(memo: &'m mut MemoState, f: u32, code: &CompiledFunc) -> &'m PlainLayout {
    let f = f as usize;
    if memo.layouts.len() <= f {
        memo.layouts.resize_with(f + 1, || None);
    }
    let accumulator = memo.accumulator;
    memo.layouts[f].get_or_insert_with(|| {
        let mut layout = build_plain_layout(&code.code);
        let out: Vec<Cell<Threaded>> = (layout.code.iter().chain(std::iter::repeat(&Op::Unreachable)))
            .take(code.code.len())
            .map(|&op| Cell::new(Threaded::patchable(op)))
            .collect();
        if accumulator {
            // The plain layout runs its records by their handlers only (the match loop runs
            // none of the ops with immediates), so it may have them.
            super::accumulate(&out, false, Some((code.num_locals, &code.consts)));
        }
        layout.records = out.into_iter().map(Cell::into_inner).collect();
        Box::new(layout)
    })
}

/// The plain layout of wasm store function `f`.
fn layout_of<'m>(funcs: &[FuncEntity], memo: &'m mut MemoState, f: u32) -> &'m PlainLayout {
    let Some(code) = funcs[f as usize].code.get() else { unreachable!("a wasm frame") };
    plain_layout(memo, f, code)
}

/// Where a suspended frame resumes (right after its call) in the other layout: return
/// address `pos` ([`super::raw::Code::pos`]) in one, to the other's.
fn move_ip(l: &PlainLayout, pos: usize, to_plain: bool) -> usize {
    let ip = super::raw::pos_index(pos);
    super::raw::index_pos(if to_plain { l.to_plain[ip] as usize } else { l.to_memo[ip - 1] as usize + 1 })
}

/// Takes the probes out of `ops`. Where `Bcond skip; MemoLeave; Br t` remains as
/// `Bcond skip; Br t` with `skip` right after, it becomes the negated `Bcond t`, as the
/// plain translation has it.
fn build_plain_layout(ops: &[Op]) -> PlainLayout {
    #[derive(Clone, Copy, PartialEq)]
    enum Fate {
        Kept,
        Probe,
        /// A `Br` folded into the conditional branch before it.
        Folded(u32),
    }
    let n = ops.len();
    let target_of = |op: Op| op.clone().branch_target_mut().map(|t| *t as usize);
    let mut targeted = vec![false; n + 1];
    for &op in ops {
        if let Some(t) = target_of(op) {
            targeted[t.min(n)] = true;
        }
    }
    let mut fate: Vec<Fate> = ops
        .iter()
        .map(|op| if matches!(op, Op::MemoEnter { .. } | Op::MemoLeave { .. }) { Fate::Probe } else { Fate::Kept })
        .collect();
    let mut negated = vec![None; n];
    for i in 1..n.saturating_sub(1) {
        let (cond, leave, next) = (ops[i - 1], ops[i], ops[i + 1]);
        let (Op::MemoLeave { .. }, Op::Br { target: t }) = (leave, next) else { continue };
        let conditional = !matches!(cond, Op::Br { .. }) && fate[i - 1] == Fate::Kept;
        if conditional && target_of(cond) == Some(i + 2) && !targeted[i] && !targeted[i + 1] {
            if let Some(mut neg) = cond.negate() {
                *neg.branch_target_mut().expect("a branch") = t;
                negated[i - 1] = Some(neg);
                fate[i + 1] = Fate::Folded(t);
            }
        }
    }
    // Where each memo ip leads in the plain layout: probes are skipped, folded jumps taken.
    let mut index = vec![0u32; n + 1];
    let mut kept = 0u32;
    for i in 0..n {
        index[i] = kept;
        kept += u32::from(fate[i] == Fate::Kept);
    }
    index[n] = kept;
    let resolve = |mut i: usize| {
        for _ in 0..=n {
            match fate.get(i) {
                Some(Fate::Probe) => i += 1,
                Some(Fate::Folded(t)) => i = *t as usize,
                _ => break,
            }
        }
        index[i.min(n)]
    };
    let to_plain: Box<[u32]> = (0..=n).map(resolve).collect();
    let mut code = Vec::with_capacity(kept as usize);
    let mut to_memo = Vec::with_capacity(kept as usize);
    for i in (0..n).filter(|&i| fate[i] == Fate::Kept) {
        let mut op = negated[i].unwrap_or(ops[i]);
        if let Some(t) = op.branch_target_mut() {
            *t = to_plain[(*t as usize).min(n)];
        }
        code.push(op);
        to_memo.push(i as u32);
    }
    let sources = thread_jumps(&mut code, &to_memo);
    // The loop reads the patchable code unchecked; this is what makes the layout safe to run.
    if let Err(e) = super::check_layout(ops, &code, &sources, n) {
        panic!("the plain layout broke an invariant: {e}");
    }
    PlainLayout { code: code.into(), to_plain, to_memo: to_memo.into(), records: Box::new([]) }
}

/// What the plain translation does to jumps, where no op need be added: a `Br` to a
/// `Return` becomes that return, and a `Br` to a conditional branch whose exit is the op
/// after the `Br` (a loop's back edge to its test) becomes the negated branch to the op
/// after the test, falling through to the exit. Branch-table arms stay. Returns, for each
/// op, the memo ip of the op it is (maybe negated, with another target), for
/// `check_layout`; `to_memo` keeps the ips that frames move by.
fn thread_jumps(code: &mut [Op], to_memo: &[u32]) -> Vec<u32> {
    let mut sources = to_memo.to_vec();
    let mut arm = vec![false; code.len()];
    for (i, op) in code.iter().enumerate() {
        if let Op::BrTable { len, .. } = *op {
            arm[i + 1..i + 2 + len as usize].iter_mut().for_each(|a| *a = true);
        }
    }
    for p in 0..code.len() {
        let Op::Br { target } = code[p] else { continue };
        let t = target as usize;
        let Some(&at) = code.get(t).filter(|_| t != p) else { continue };
        match at {
            Op::Return { .. } => {
                code[p] = at;
                sources[p] = sources[t];
            }
            head if !arm[p] => {
                let Some(mut neg) = head.negate() else { continue };
                let exit = neg.branch_target_mut().expect("a branch");
                if *exit as usize == p + 1 {
                    *exit = t as u32 + 1;
                    code[p] = neg;
                    sources[p] = sources[t];
                }
            }
            _ => {}
        }
    }
    sources
}

/// Switches back on the units whose back-off has run out (called between calls).
pub(crate) fn retry_units(funcs: &[FuncEntity], memo: &mut MemoState) {
    render_all(funcs, memo, false);
    if memo.clock < memo.next_retry {
        return;
    }
    let mut next = u64::MAX;
    let mut touched = Vec::new();
    for (i, a) in memo.adapt.iter_mut().enumerate() {
        if a.off {
            if a.retry_at <= memo.clock {
                a.off = false;
                a.lookups = 0;
                a.hits = 0;
                a.met = 0;
                a.trial = true;
                touched.push(memo.units[i].0.func.0);
            } else {
                next = next.min(a.retry_at);
            }
        }
    }
    memo.next_retry = next;
    touched.dedup();
    for f in touched {
        rerender(funcs, memo, f);
    }
}

/// The seed key hash: FxHash of the unit's local inputs and its top `stack_depth`
/// operand-stack inputs, read in place from the frame. Inputs are compared exactly on lookup
/// anyway.
fn hash_inputs(frame: &[u64], b: &MemoBlock, num_locals: u32, stack_depth: u32) -> u64 {
    let mut h = FxHasher::default();
    let stack_from = b.inputs.partition_point(|&s| s < num_locals);
    let skip = (b.inputs.len() - stack_from).saturating_sub(stack_depth as usize);
    for &s in &b.inputs[..stack_from] {
        h.write_u64(frame[s as usize]);
    }
    for &s in &b.inputs[stack_from + skip..] {
        h.write_u64(frame[s as usize]);
    }
    h.finish()
}

/// Most inputs a unit may have for the chain to replay it.
const FAST_INPUTS: usize = 8;

/// The fast entry ([`crate::memo::FastHits`]) of unit `unit` (`b`) for the input values in
/// `frame`, when its globals hold their values and replaying it with its frame at `base`,
/// at call depth `depth`, stays within the limits (with whether its hits pay).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn fast_entry<'m>(
    memo: &'m crate::memo::MemoState,
    unit: usize,
    b: &MemoBlock,
    frame: &[u64],
    cx: &super::Calls<'_, '_>,
    mem: super::raw::Mem,
) -> Option<(&'m std::sync::Arc<Entry>, bool)> {
    let inputs = b.inputs.iter().map(|&s| frame[s as usize]);
    let f = memo.fast.get(unit as u32, crate::memo::fast::hash(inputs))?;
    let e = f.entry;
    if !same_inputs(frame, b, &e.inputs) {
        return None;
    }
    // The chain knows the versions of the current instance's default memory only; the
    // table's entries touch one memory at most, their stores of 1, 2, 4 or 8 bytes
    // (`fast::eligible`).
    if f.mem != crate::memo::fast::NO_MEMORY {
        let default = cx.inst.memories.first().copied().filter(|_| !cx.versions.is_empty());
        if Some(f.mem) != default || f.end > mem.len() as u64 {
            return None;
        }
    }
    for d in e.deps.iter() {
        match *d {
            Dep::Global { global, value } if cx.globals[global as usize].value == value => {}
            Dep::Chunk { chunk, version, .. } if cx.versions[chunk as usize] == version => {}
            _ => return None,
        }
    }
    let within = (e.extra_depth == 0 || cx.frames.len() + (e.extra_depth as usize) < cx.max_depth)
        && cx.base + e.extra_cells as usize <= cx.max_stack;
    within.then_some((e, f.pays))
}

/// Whether the chain may replay unit `unit` now: fast hits are on and the unit is on.
#[inline(always)]
fn fast_open(memo: &crate::memo::MemoState, unit: usize) -> bool {
    memo.fast_ok && !memo.adapt[unit].off
}

/// How a hit of `unit` that covered `work` (`pays`: whether it saves more than it costs,
/// [`crate::memo::fast::hit_pays`]; one that does not counts as no hit) ends as `adapt`
/// judges it: `Some(ends)`, the unit stays on and the hit ends its window or not; `None`,
/// it would switch the unit off, which the chain leaves to the loop's `memo_enter`.
#[inline(always)]
fn fast_keeps_on(memo: &crate::memo::MemoState, unit: usize, work: u64, pays: bool) -> Option<bool> {
    let window = memo.config.window.max(1);
    let a = &memo.adapt[unit];
    // A window ends on an outcome that fills it, is stale or fails a trial
    // (`Adapt::window_ends`): no hit can end one that is not about to fill, has seen no
    // invalidation and is no trial, so only the rest is judged, on a copy.
    if a.lookups + 1 < window && a.invalidated == 0 && !a.trial {
        return Some(false);
    }
    let mut a = *a;
    a.count(pays, true, false, work);
    let ends = a.window_ends(window);
    (!(ends && a.ends_off(window, memo.config.min_hit_percent))).then_some(ends)
}

/// Counts a hit of `unit` (`b`) that the chain replayed, as `memo_enter` and `adapt` would;
/// `ends`: it ends the unit's window, which closes with the unit on ([`fast_keeps_on`]).
#[inline(always)]
fn count_fast_hit(memo: &mut crate::memo::MemoState, unit: usize, b: &MemoBlock, work: u64, pays: bool, ends: bool) {
    memo.fast_hits += 1;
    memo.work += 1;
    let a = &mut memo.adapt[unit];
    if a.header {
        memo.entered_ops += u64::from(b.end - b.start);
    }
    a.count(pays, true, false, work);
    a.lost = 0;
    if ends {
        a.next_window();
    }
    let c = &mut memo.units[unit].1;
    c.executions += 1;
    c.lookups += 1;
    c.hits += 1;
    memo.clock += 1;
    memo.recent_hits += u64::from(pays);
    memo.probe_hits += u64::from(pays);
}

/// `MemoEnter` of unit `block` of the current function, in the memo loop's threaded chain
/// (so nothing records): replays the unit in place when its inputs find a fast entry
/// ([`fast_entry`]), and counts the hit. Returns where execution continues, or `None` for
/// the loop's `memo_enter` to decide. Writes cells through safe code: the caller
/// re-derives its frame.
pub(super) fn fast_hit(cx: &mut super::Calls<'_, '_>, mem: super::raw::Mem, block: u32) -> Option<u32> {
    let memo = cx.memo.take()?;
    let hit = fast_replay(cx, memo, mem, block);
    cx.memo = Some(memo);
    hit
}

/// [`fast_hit`], with the memo state taken out of `cx`.
#[inline(always)]
fn fast_replay(
    cx: &mut super::Calls<'_, '_>,
    memo: &mut crate::memo::MemoState,
    mem: super::raw::Mem,
    block: u32,
) -> Option<u32> {
    let func_id = cx.inst.funcs[cx.func.index as usize];
    let unit = (cx.funcs[func_id as usize].memo_base + block) as usize;
    let b = &cx.func.memo_blocks[block as usize];
    if !fast_open(memo, unit) || b.inputs.len() > FAST_INPUTS {
        return None;
    }
    let (e, pays) = fast_entry(memo, unit, b, &cx.stack[cx.base..], cx, mem)?;
    let ends = fast_keeps_on(memo, unit, e.work, pays)?;
    for (&slot, &v) in b.writes.iter().zip(e.writes.iter()) {
        cx.stack[cx.base + slot as usize] = v;
    }
    let at = cx.base + cx.func.memo_exits[e.exit as usize].cells as usize;
    for (c, &v) in cx.stack[at..at + e.exit_values.len()].iter_mut().zip(e.exit_values.iter()) {
        *c = v;
    }
    // `fast_entry` checked that the stores are in bounds of the default memory (and of 1,
    // 2, 4 or 8 bytes); they get the chain's version, as the chain's own stores do.
    for f in e.effects.iter() {
        match *f {
            Effect::Store { ea, len, value, .. } => {
                let stored = match len {
                    1 => mem.store::<1>(ea as usize, value),
                    2 => mem.store::<2>(ea as usize, value),
                    4 => mem.store::<4>(ea as usize, value),
                    8 => mem.store::<8>(ea as usize, value),
                    _ => unreachable!("fast_entry admits stores of 1, 2, 4 or 8 bytes"),
                };
                debug_assert!(stored.is_some(), "a checked store");
                cx.version_store(ea as usize, len as usize);
            }
            Effect::GlobalSet { global, value } => cx.globals[global as usize].value = value,
            _ => unreachable!("fast_entry admits stores and global sets only"),
        }
    }
    let (exit_ip, work) = (e.exit_ip, e.work);
    count_fast_hit(memo, unit, b, work, pays, ends);
    Some(exit_ip)
}

/// Writes the low `len` (1, 2, 4 or 8) bytes of `value` at the start of `to`, little-endian.
fn store_bytes(to: &mut [u8], len: u8, value: u64) {
    match len {
        1 => to[0] = value as u8,
        2 => to[..2].copy_from_slice(&(value as u16).to_le_bytes()),
        4 => to[..4].copy_from_slice(&(value as u32).to_le_bytes()),
        _ => to[..len as usize].copy_from_slice(&value.to_le_bytes()[..len as usize]),
    }
}

/// Whether the frame holds exactly the entry's input values (bits, never float `==`).
fn same_inputs(frame: &[u64], b: &MemoBlock, inputs: &[u64]) -> bool {
    b.inputs.len() == inputs.len() && b.inputs.iter().zip(inputs).all(|(&s, &v)| frame[s as usize] == v)
}

impl<'s> Executor<'s> {
    /// Moves the suspended frames and the current position of `m` between the memo and
    /// the plain layouts (`to_plain`), after the code was rendered for the loop it enters.
    /// Suspended frames stand right after a call; execution enters the memo loop only at a
    /// function's first op.
    pub(super) fn move_frames(&mut self, m: &mut super::Machine<'s>, to_plain: bool) {
        let memo = self.memo.as_deref_mut().expect("memo state");
        for frame in &mut m.frames {
            let func_id = self.instances[frame.instance as usize].funcs[frame.func.index as usize];
            frame.ip = move_ip(layout_of(self.funcs, memo, func_id), frame.ip as usize, to_plain) as u32;
        }
        debug_assert!(to_plain || m.ip == 0, "the memo loop is entered at a function's first op");
        m.ip = if to_plain { move_ip(layout_of(self.funcs, memo, m.func_id), m.ip, true) } else { 0 };
    }

    fn memo(&mut self) -> &mut MemoState {
        self.memo.as_deref_mut().expect("memo loop runs with memo state")
    }

    fn recording(&self) -> bool {
        self.memo.as_ref().is_some_and(|m| m.recording > 0)
    }

    // ---- hooks ----

    /// A wasm call reached `depth` frames and value-stack cells up to `cells_end`. Returns
    /// whether to drop to the plain loop: the adaptive policy looks every `probe_calls` calls,
    /// and leaves when nothing hit or finished recording since the last look and nothing is
    /// recording.
    pub(super) fn memo_call(&mut self, depth: usize, cells_end: usize) -> bool {
        let m = self.memo();
        if m.recording > 0 {
            m.peak_depth = m.peak_depth.max(depth);
            m.peak_cells = m.peak_cells.max(cells_end);
        }
        m.calls += 1;
        m.work += 1;
        m.call_count += 1;
        if m.recording > 0 && m.work - m.record_since > crate::memo::RECORD_WORK_CAP {
            m.poison_all();
        }
        if m.calls < m.probe_calls || !m.config.adaptive() {
            return false;
        }
        m.calls = 0;
        let idle = m.probe_hits == 0 && m.probe_recorded == 0 && m.recording == 0;
        m.probe_hits = 0;
        m.probe_recorded = 0;
        if idle {
            self.render_plain();
        }
        idle
    }

    /// A wasm call of store function `callee`, its frame at `base`, in the plain loop of a
    /// memo engine. Returns whether to go back to memoizing: after `plain_span` calls (the
    /// span doubles each time), or sooner when a sampled call's arguments were met before
    /// (see [`crate::memo::SAMPLE_CALLS`]).
    pub(super) fn plain_call(&mut self, callee: usize, base: usize) -> bool {
        let m = self.memo();
        m.plain_calls += 1;
        // Units switched off wait for the lookup clock; here it counts calls.
        m.clock += 1;
        let mut back = m.plain_calls > m.plain_span;
        if !back && m.plain_calls >= m.next_sample {
            let sampled = self.sample_call(callee, base);
            back = sampled == Some(true);
            let m = self.memo();
            if sampled.is_none() {
                m.sample_gap = (m.sample_gap * 2).min(crate::memo::MAX_SAMPLE_CALLS);
            }
            m.schedule_sample();
        }
        if back {
            retry_units(self.funcs, self.memo.as_deref_mut().expect("memo state"));
        }
        back
    }

    /// Whether the unit that starts at wasm function `callee`'s first op met the arguments in
    /// its frame at `base` before (remembering them from now on): then they may hit. `None`
    /// when there is no such unit, or it is off: no arguments could have sent execution
    /// back.
    fn sample_call(&mut self, callee: usize, base: usize) -> Option<bool> {
        let entity = &self.funcs[callee];
        let code = entity.code.get()?;
        let b = code.memo_blocks.first().filter(|b| b.start == 0)?;
        let unit = entity.memo_base;
        let memo = self.memo.as_deref_mut().expect("memo state");
        if memo.adapt[unit as usize].off {
            return None;
        }
        let hash = hash_inputs(&self.stack[base..], b, code.num_locals, memo.config.stack_depth);
        Some(memo.sample(unit, hash))
    }

    /// A host function is about to run: nothing recording now can be cached.
    pub(super) fn memo_host_call(&mut self) {
        self.memo().poison_all();
    }

    pub(super) fn memo_read(&mut self, dep: Dep) {
        self.memo().log(Event::Read(dep));
    }

    pub(super) fn memo_write(&mut self, effect: Effect) {
        self.memo().log(Event::Write(effect));
    }

    pub(super) fn memo_read_size(&mut self, mem: usize) {
        if self.recording() {
            let pages = (self.memories[mem].data.len() / crate::PAGE_SIZE) as u32;
            self.memo_read(Dep::Size { mem: mem as u32, pages });
        }
    }

    pub(super) fn memo_read_table(&mut self, t: u32) {
        if self.recording() {
            let version = self.tables[t as usize].version;
            self.memo_read(Dep::Table { table: t, version });
        }
    }

    /// A load of `len` bytes at `ea` (which may straddle two chunks).
    pub(super) fn memo_read_mem(&mut self, mem: usize, ea: u64, len: u64) {
        if !self.recording() || len == 0 {
            return;
        }
        let memo = self.memo.as_deref_mut().expect("memo state");
        let shift = memo.chunk_shift;
        for chunk in (ea >> shift)..=((ea + len - 1) >> shift) {
            // Only the first read of an object counts (`finalize`): a read of a chunk that
            // one of the last few logged reads was of, since the innermost recording
            // started, adds nothing.
            let object = Some((mem as u32, chunk as u32));
            if memo.last_reads.contains(&object) {
                continue;
            }
            memo.last_reads.rotate_right(1);
            memo.last_reads[0] = object;
            let version = self.memories[mem].versions[chunk as usize];
            memo.log(Event::Read(Dep::Chunk { mem: mem as u32, chunk: chunk as u32, version }));
        }
    }

    /// A store of the low `len` bytes of `value` at `ea` happened.
    pub(super) fn memo_store(&mut self, mem: usize, ea: u64, len: u64, value: u64) {
        let memo = self.memo.as_deref_mut().expect("memo state");
        bump_chunks(memo, &mut self.memories[mem], ea, len);
        memo.log(Event::Write(Effect::Store { mem: mem as u32, ea, len: len as u8, value }));
    }

    /// A global was set (entries depend on globals' values, so nothing is versioned).
    pub(super) fn memo_global_set(&mut self, g: u32, value: u64) {
        self.memo().log(Event::Write(Effect::GlobalSet { global: g, value }));
    }

    pub(super) fn memo_table_write(&mut self, t: u32, effect: Effect) {
        let memo = self.memo.as_deref_mut().expect("memo state");
        self.tables[t as usize].version = memo.next_version();
        memo.log(Event::Write(effect));
    }

    /// A bulk memory operation happened: its source range was read, its target written.
    pub(super) fn memo_bulk(&mut self, mem: usize, effect: Effect) {
        let (d, n) = match effect {
            Effect::Fill { d, n, .. } | Effect::Init { d, n, .. } => (d, n),
            Effect::Copy { d, s, n, .. } => {
                // Versions before the write: the source may overlap the target.
                self.memo_read_mem(mem, s as u32 as u64, n as u32 as u64);
                (d, n)
            }
            _ => unreachable!("not a bulk memory effect"),
        };
        let memo = self.memo.as_deref_mut().expect("memo state");
        bump_chunks(memo, &mut self.memories[mem], d as u32 as u64, n as u32 as u64);
        memo.log(Event::Write(effect));
    }

    // ---- units ----

    fn dep_is_current(&self, d: &Dep) -> bool {
        match *d {
            Dep::Chunk { mem, chunk, version } => self.memories[mem as usize].versions[chunk as usize] == version,
            Dep::Size { mem, pages } => self.memories[mem as usize].data.len() / crate::PAGE_SIZE == pages as usize,
            Dep::Global { global, value } => self.globals[global as usize].value == value,
            Dep::Table { table, version } => self.tables[table as usize].version == version,
            Dep::Data { data, len } => self.datas[data as usize].len() == len as usize,
            Dep::Elem { elem, len } => self.elems[elem as usize].len() == len as usize,
        }
    }

    /// Whether replaying `e` here would stay within the fuel, depth and stack limits that
    /// executing it checks (if not, execution must run and trap).
    fn limits_allow(&self, e: &Entry, base: usize, depth: usize) -> bool {
        let consume_fuel = self.memo.as_ref().is_some_and(|m| m.consume_fuel);
        (!consume_fuel || *self.fuel >= e.fuel)
            && (e.extra_depth == 0 || depth + (e.extra_depth as usize) < self.max_depth)
            && base + e.extra_cells as usize <= self.max_stack
    }

    /// Adaptive policy: counts an outcome of `unit`, a hit or a finished recording (a miss
    /// still recording is no outcome yet: a recursive unit misses all the way down before
    /// its first recording ends), and once a window of outcomes shows it rarely hits (a hit
    /// that costs more than it saves, see [`crate::memo::hit_pays`], counts as none),
    /// switches it off. Returns whether it was switched off, and whether execution should
    /// then drop to the plain loop (nothing hit lately).
    fn adapt(&mut self, func_id: u32, unit: u32, o: Outcome) -> (bool, bool) {
        let memo = self.memo.as_deref_mut().expect("memo state");
        let hit = o.hit && (o.pays || !memo.config.adaptive());
        memo.clock += 1;
        memo.recent_hits += u64::from(hit);
        memo.probe_hits += u64::from(hit);
        memo.probe_recorded += u64::from(o.recorded);
        if !memo.config.adaptive() || memo.adapt[unit as usize].off {
            return (false, false);
        }
        let (window, min_percent) = (memo.config.window.max(1), memo.config.min_hit_percent);
        let a = &mut memo.adapt[unit as usize];
        a.count(hit, o.hit || o.recorded, o.invalidated, o.work);
        if o.hit {
            a.lost = 0;
        }
        if !a.window_ends(window) {
            return (false, false);
        }
        let off = a.ends_off(window, min_percent);
        a.next_window();
        if !off {
            return (false, false);
        }
        a.dry = 0;
        a.off = true;
        a.retry_at = memo.clock + a.backoff;
        a.backoff = (a.backoff * 2).min(1 << 30);
        memo.next_retry = memo.next_retry.min(a.retry_at);
        memo.units[unit as usize].1.switched_off += 1;
        // Its activations in other frames (recursion) will not be left: drop them.
        let mut discarded = 0;
        let mut poisoned = 0;
        memo.active.retain(|x| {
            if x.unit != unit {
                return true;
            }
            if let Some(r) = &x.rec {
                discarded += 1;
                poisoned += u32::from(!r.poisoned);
            }
            false
        });
        memo.recording -= poisoned;
        memo.units[unit as usize].1.discarded += discarded;
        if memo.recording == 0 {
            memo.log.clear();
        }
        // Drop to the plain loop only when nothing hit lately and nothing is recording or
        // meeting inputs for the first time: a long recording (a recursive unit's outer
        // call) is where the hits come from, and a unit around this one that met new
        // inputs records them when they come back (collatz: a call around a loop).
        let plain =
            memo.recent_hits == 0 && memo.recording == 0 && !memo.active.iter().any(|a| a.first_sight.is_some());
        memo.recent_hits = 0;
        // Rendered later, if at all (`STALE_STOPS`).
        if !memo.stale.iter().any(|&(g, _)| g == func_id) {
            memo.stale.push((func_id, 0));
        }
        (true, plain)
    }

    /// `MemoEnter`: look up, replay, or start recording.
    pub(super) fn memo_enter(
        &mut self,
        func_id: u32,
        code: &CompiledFunc,
        block: u32,
        base: usize,
        depth: usize,
    ) -> Enter {
        let unit = self.funcs[func_id as usize].memo_base + block;
        let b = &code.memo_blocks[block as usize];
        let memo = self.memo.as_deref_mut().expect("memo state");
        memo.work += 1;
        if memo.adapt[unit as usize].header {
            memo.entered_ops += u64::from(b.end - b.start);
        }
        if memo.adapt[unit as usize].off {
            // A switched-off loop body left in place to count iterations as nested work
            // (`render`). They make the unit around it not cheap (`CHEAP_WORK`), so that it
            // gets `DRY_WINDOWS` windows for a first pass over its arguments (collatz).
            // Or a unit switched off since its function was rendered.
            self.stale_stop(func_id, code);
            return Enter::Run;
        }
        let counters = &mut memo.units[unit as usize].1;
        counters.executions += 1;
        if counters.executions <= memo.config.threshold as u64 {
            counters.miss(MissCause::Cold);
            let since = memo.tick();
            memo.active.push(Active { unit, depth: depth as u32, rec: None, first_sight: None, lost: false, since });
            return Enter::Run;
        }
        counters.lookups += 1;
        if counters.executions == u64::from(memo.config.threshold) + 1
            && memo.adapt[unit as usize].shape == Shape::Counted
        {
            // Its first recording: the loops in it count their iterations from now on.
            rerender(self.funcs, memo, func_id);
        }
        let t = memo.tick();
        let frame = &self.stack[base..];
        let inputs_hash = hash_inputs(frame, b, code.num_locals, memo.config.stack_depth);
        let hash = memo.cache.key_hash(inputs_hash);
        let key = (func_id, block, hash);
        lap!(memo, t, key_ns);
        let t = memo.tick();
        let mut verify = None;
        let mut hit = None;
        let mut invalidated = false;
        let cause = match memo.cache.lookup(key) {
            Lookup::Absent { evicted: true } => MissCause::Evicted,
            Lookup::Absent { evicted: false } => MissCause::Absent,
            Lookup::Found(slot) => {
                let e = std::sync::Arc::clone(memo.cache.entry(slot));
                lap!(memo, t, lookup_ns);
                let t = memo.tick();
                if !same_inputs(&self.stack[base..], b, &e.inputs) {
                    MissCause::Collision
                } else if let Some(stale) = e.deps.iter().find(|d| !self.dep_is_current(d)) {
                    invalidated = true;
                    let kind = stale.kind();
                    let memo = self.memo();
                    lap!(memo, t, validate_ns);
                    memo.cache.remove(key);
                    memo.fast.remove(unit, &e.inputs);
                    MissCause::Invalidated(kind)
                } else if !self.limits_allow(&e, base, depth) {
                    MissCause::Limit
                } else {
                    let memo = self.memo();
                    lap!(memo, t, validate_ns);
                    let t = memo.tick();
                    memo.units[unit as usize].1.hits += 1;
                    memo.cache.touch(slot);
                    lap!(memo, t, lru_ns);
                    hit = Some(e);
                    MissCause::Absent
                }
            }
        };
        if let Some(e) = hit {
            // Hits the chain can replay (from the next on) cost less than the loop's.
            let only = code.memo_exits[e.exit as usize].units.last() == Some(&block);
            let fast = self.memo().fast_ok && crate::memo::fast::eligible(&e, only);
            let pays = if fast { crate::memo::fast::hit_pays(&e) } else { crate::memo::hit_pays(&e) };
            let outcome = Outcome { hit: true, pays, invalidated: false, recorded: false, work: e.work };
            let (off, plain) = self.adapt(func_id, unit, outcome);
            let memo = self.memo();
            // Offered whether it pays or not: while the unit is on, its hits are replayed
            // anyway, and the chain's replay costs less (one that does not pay counts as no
            // hit there too).
            if fast && !off {
                memo.fast.offer(unit, &e);
            }
            if !self.memo().config.verify {
                let t = self.memo().tick();
                self.replay(&e, func_id, code, block, base, depth);
                lap!(self.memo(), t, replay_ns);
                // A hit counts as recent, so it never sends execution to the plain loop.
                debug_assert!(!plain, "a hit leaves for the plain loop");
                return Enter::Jump(e.exit_ip);
            }
            if off {
                // Verify mode never replays unchecked; the unit is off now, so just run it.
                if plain {
                    self.render_plain();
                    return Enter::Plain;
                }
                return Enter::Run;
            }
            verify = Some(e);
        } else {
            let memo = self.memo();
            memo.units[unit as usize].1.miss(cause);
            let sight = match cause {
                MissCause::Absent if memo.config.adaptive() => memo.sight(unit, inputs_hash),
                _ => Sight::Again,
            };
            match sight {
                Sight::First => {
                    // Inputs met for the first time: an entry for them pays only if they
                    // come back, so record when they do, not now.
                    memo.units[unit as usize].1.first_sight += 1;
                    let since = memo.tick();
                    let work = Some(memo.work);
                    memo.active.push(Active {
                        unit,
                        depth: depth as u32,
                        rec: None,
                        first_sight: work,
                        lost: false,
                        since,
                    });
                    return Enter::Run;
                }
                // Recorded before, and the entry is gone without a hit: for the adaptive
                // policy, as good as invalidated (`INVALIDATED_PERCENT`).
                Sight::Often => invalidated = true,
                Sight::Again => {}
            }
            // A unit whose entries keep being lost before they hit records only every
            // `2^k`-th time (`LOST_FREE`). Losses in a window with hits do not count:
            // entries that pay between rewrites of what they read are worth recording.
            let a = &mut memo.adapt[unit as usize];
            a.lost += u32::from(invalidated && a.hits == 0);
            if memo.config.adaptive() && a.lost >= crate::memo::LOST_FREE {
                if a.held < 1u32 << (a.lost - crate::memo::LOST_FREE).min(16) {
                    a.held += 1;
                    memo.units[unit as usize].1.held_back += 1;
                    let since = memo.tick();
                    let work = Some(memo.work);
                    let lost = invalidated;
                    memo.active.push(Active { unit, depth: depth as u32, rec: None, first_sight: work, lost, since });
                    return Enter::Run;
                }
                a.held = 0;
            }
        }
        let memo = self.memo.as_deref_mut().expect("memo state");
        let rec = Recording {
            log_start: memo.log.len(),
            inputs: b.inputs.iter().map(|&s| self.stack[base + s as usize]).collect(),
            hash,
            fuel_start: *self.fuel,
            depth_start: depth,
            base,
            saved_peak_depth: memo.peak_depth,
            saved_peak_cells: memo.peak_cells,
            poisoned: false,
            work_start: memo.work,
            calls_start: memo.call_count,
            entered_ops_start: memo.entered_ops,
            ops_start: memo.ops_run,
            invalidated,
            verify,
        };
        memo.peak_depth = depth;
        memo.peak_cells = base + code.frame_size as usize;
        if memo.recording == 0 {
            memo.record_since = memo.work;
        }
        memo.recording += 1;
        // Its log starts here: its first read of each chunk must be in it.
        memo.last_reads = Default::default();
        let since = memo.tick();
        memo.active.push(Active {
            unit,
            depth: depth as u32,
            rec: Some(Box::new(rec)),
            first_sight: None,
            lost: false,
            since,
        });
        Enter::Run
    }

    /// `MemoLeave`: the units of exit `exit` that are active in this frame end here,
    /// innermost first; execution continues at `exit_ip`. Returns whether execution should
    /// drop to the plain loop (the adaptive policy found nothing hitting).
    pub(super) fn memo_leave(
        &mut self,
        func_id: u32,
        code: &CompiledFunc,
        exit: u32,
        exit_ip: u32,
        base: usize,
        depth: usize,
    ) -> bool {
        let memo_base = self.funcs[func_id as usize].memo_base;
        let memo = self.memo.as_deref().expect("memo state");
        let units = &code.memo_exits[exit as usize].units;
        if units.iter().all(|&b| memo.adapt[(memo_base + b) as usize].off) {
            // Left in place by a rendering that is due (`STALE_STOPS`).
            self.stale_stop(func_id, code);
        }
        let plain = self.leave_units(func_id, code, exit, 0, exit_ip, base, depth);
        if plain {
            self.render_plain();
        }
        plain
    }

    /// The chain stopped at a probe of function `func_id` that its units' states would take
    /// out: renders the function once such stops reach [`crate::memo::STALE_STOPS`].
    fn stale_stop(&mut self, func_id: u32, code: &CompiledFunc) {
        let memo = self.memo.as_deref_mut().expect("memo state");
        let Some(i) = memo.stale.iter().position(|&(g, _)| g == func_id) else { return };
        memo.stale[i].1 += 1;
        let due = (code.code.len() as u32 / crate::memo::STALE_OPS_PER_STOP).max(crate::memo::STALE_STOPS);
        if memo.stale[i].1 >= due {
            rerender(self.funcs, memo, func_id);
        }
    }

    /// Execution moves to the plain loop: render the code for it.
    fn render_plain(&mut self) {
        render_all(self.funcs, self.memo.as_deref_mut().expect("memo state"), true);
    }

    /// Leaves the units `code.memo_exits[exit].units[from..]` that are active in this frame.
    #[allow(clippy::too_many_arguments)]
    fn leave_units(
        &mut self,
        func_id: u32,
        code: &CompiledFunc,
        exit: u32,
        from: usize,
        exit_ip: u32,
        base: usize,
        depth: usize,
    ) -> bool {
        let memo_base = self.funcs[func_id as usize].memo_base;
        let units = &code.memo_exits[exit as usize].units;
        let mut plain = false;
        for &b in &units[from..] {
            let unit = memo_base + b;
            let memo = self.memo();
            match memo.active.last() {
                Some(a) if a.unit == unit && a.depth == depth as u32 => {}
                // Not active here: it was cold-skipped, switched off, or entered in plain mode.
                _ => continue,
            }
            let a = memo.active.pop().expect("checked above");
            if let Some(since) = a.since {
                let c = &mut memo.units[unit as usize].1;
                c.timed += 1;
                c.exec_ns += since.elapsed().as_nanos() as u64;
            }
            if let Some(work_start) = a.first_sight {
                let work = self.memo().work - work_start;
                plain |= self
                    .adapt(
                        func_id,
                        unit,
                        Outcome { hit: false, pays: false, invalidated: a.lost, recorded: false, work },
                    )
                    .1;
            }
            if let Some(rec) = a.rec {
                let verified = rec.verify.is_some();
                let work = self.memo().work - rec.work_start;
                let outcome = Outcome { hit: false, pays: false, invalidated: rec.invalidated, recorded: true, work };
                let t = self.memo().tick();
                let lru_ns = self.finalize(func_id, code, b, unit, *rec, exit, exit_ip, base);
                if let Some(t) = t {
                    self.memo().profile.record_ns += (t.elapsed().as_nanos() as u64).saturating_sub(lru_ns);
                }
                if !verified {
                    plain |= self.adapt(func_id, unit, outcome).1;
                }
            }
        }
        plain
    }

    /// Applies a cached entry: cells, store effects, fuel; then leaves the outer units its
    /// exit leaves.
    fn replay(&mut self, e: &Entry, func_id: u32, code: &CompiledFunc, block: u32, base: usize, depth: usize) {
        let b = &code.memo_blocks[block as usize];
        for (&slot, &v) in b.writes.iter().zip(e.writes.iter()) {
            self.stack[base + slot as usize] = v;
        }
        let x = &code.memo_exits[e.exit as usize];
        let at = base + x.cells as usize;
        self.stack[at..at + e.exit_values.len()].copy_from_slice(&e.exit_values);
        // One fresh version for every chunk the replayed stores write, as a run of the
        // threaded chain does: newer than any an entry recorded.
        let mut version = None;
        for effect in e.effects.iter() {
            match *effect {
                Effect::Store { mem, ea, len, value } => {
                    let memo = self.memo.as_deref_mut().expect("memo state");
                    let v = *version.get_or_insert_with(|| memo.next_version());
                    let m = &mut self.memories[mem as usize];
                    store_bytes(&mut m.data[ea as usize..], len, value);
                    let shift = memo.chunk_shift;
                    m.versions[(ea >> shift) as usize] = v;
                    m.versions[((ea + u64::from(len) - 1) >> shift) as usize] = v;
                    memo.log(Event::Write(*effect));
                }
                _ => self.apply(*effect),
            }
        }
        let memo = self.memo.as_deref_mut().expect("memo state");
        if memo.recording > 0 {
            // An enclosing recording depends on what this entry read.
            for &d in e.deps.iter() {
                memo.log(Event::Read(d));
            }
            memo.peak_depth = memo.peak_depth.max(depth + e.extra_depth as usize);
            memo.ops_run = memo.ops_run.saturating_add(e.ops);
            memo.peak_cells = memo.peak_cells.max(base + e.extra_cells as usize);
        }
        if memo.consume_fuel {
            *self.fuel -= e.fuel;
        }
        let pos = x.units.iter().position(|&u| u == block).expect("the exit leaves the unit");
        // A switch to the plain loop decided here waits for the next decision point.
        let _ = self.leave_units(func_id, code, e.exit, pos + 1, e.exit_ip, base, depth);
    }

    /// Redoes one recorded store effect through the same paths as execution.
    fn apply(&mut self, effect: Effect) {
        // Recorded effects succeeded and their dependencies still hold, so they cannot trap.
        let ok = |r: Result<(), crate::Trap>| debug_assert!(r.is_ok(), "replayed effect trapped");
        match effect {
            Effect::Store { mem, ea, len, value } => {
                store_bytes(&mut self.memories[mem as usize].data[ea as usize..], len, value);
                self.memo_store(mem as usize, ea, len as u64, value);
            }
            Effect::Fill { mem: m, d, val, n } => {
                ok(mem::fill(&mut self.memories[m as usize].data, &[d, val, n]));
                self.memo_bulk(m as usize, effect);
            }
            Effect::Copy { mem: m, d, s, n } => {
                ok(mem::copy(&mut self.memories[m as usize].data, &[d, s, n]));
                self.memo_bulk(m as usize, effect);
            }
            Effect::Init { mem: m, data, d, s, n } => {
                let seg = self.datas[data as usize].clone();
                ok(mem::init(&mut self.memories[m as usize].data, &seg, &[d, s, n]));
                self.memo_bulk(m as usize, effect);
            }
            Effect::Grow { mem, delta } => {
                let shift = self.memo.as_ref().map(|m| m.chunk_shift);
                let grown = crate::store::grow_memory(&mut self.memories[mem as usize], delta, self.max_pages, shift);
                debug_assert!(grown.is_some(), "replayed grow failed");
                self.memo_write(effect);
            }
            Effect::GlobalSet { global, value } => {
                self.globals[global as usize].value = value;
                self.memo_global_set(global, value);
            }
            Effect::TableSet { table: t, index, value } => {
                ok(table::set(self, t, index as u64, value));
                self.memo_table_write(t, effect);
            }
            Effect::TableGrow { table: t, init, n } => {
                table::grow(self, t, init, n);
                self.memo_table_write(t, effect);
            }
            Effect::TableFill { table: t, i, val, n } => {
                ok(table::fill(self, t, i, val, n));
                self.memo_table_write(t, effect);
            }
            Effect::TableCopy { dst, src, d, s, n } => {
                ok(table::copy(self, dst, src, d, s, n));
                self.memo_table_write(dst, effect);
            }
            Effect::TableInit { table: t, elem, d, s, n } => {
                ok(table::init(self, t, elem, d, s, n));
                self.memo_table_write(t, effect);
            }
            Effect::DataDrop { data } => {
                self.datas[data as usize] = std::sync::Arc::new([]);
                self.memo_write(effect);
            }
            Effect::ElemDrop { elem } => {
                self.elems[elem as usize] = std::sync::Arc::new([]);
                self.memo_write(effect);
            }
        }
    }

    /// Ends a recording: caches it, or (verify mode) compares it with the entry it checks.
    /// Returns the time (when profiling) spent on LRU insertion, which is not recording.
    #[allow(clippy::too_many_arguments)]
    fn finalize(
        &mut self,
        func_id: u32,
        code: &CompiledFunc,
        block: u32,
        unit: u32,
        rec: Recording,
        exit: u32,
        exit_ip: u32,
        base: usize,
    ) -> u64 {
        let mut lru_ns = 0;
        let memo = self.memo.as_deref_mut().expect("memo state");
        if !rec.poisoned {
            memo.recording -= 1;
        }
        let (peak_depth, peak_cells) = (memo.peak_depth, memo.peak_cells);
        memo.peak_depth = rec.saved_peak_depth.max(peak_depth);
        memo.peak_cells = rec.saved_peak_cells.max(peak_cells);
        let b = &code.memo_blocks[block as usize];
        if rec.poisoned {
            memo.units[unit as usize].1.discarded += 1;
        } else {
            let mut deps: Vec<Dep> = Vec::new();
            let mut effects = Vec::new();
            let seen = &mut memo.seen;
            seen.clear();
            for ev in &memo.log[rec.log_start..] {
                match *ev {
                    // The first read of an object fixes the version the unit depends on.
                    Event::Read(d) => {
                        if seen.insert(d.object()) {
                            deps.push(d);
                        }
                    }
                    Event::Write(e) => effects.push(e),
                }
            }
            let calls = memo.call_count - rec.calls_start;
            let shape = memo.adapt[unit as usize].shape;
            let work = memo.work - rec.work_start;
            let bound = match shape {
                _ if calls > 0 => u64::MAX,
                Shape::LoopFree => u64::from(exit_ip.saturating_sub(b.start)),
                Shape::Counted => {
                    u64::from(exit_ip.saturating_sub(b.start)) + (memo.entered_ops - rec.entered_ops_start)
                }
                Shape::Unbounded => u64::MAX,
            };
            // The same inputs and dependencies run the same ops, so the count is exact.
            let ops = bound.min(memo.ops_run - rec.ops_start);
            let x = &code.memo_exits[exit as usize];
            let entry = Entry {
                inputs: rec.inputs,
                deps: deps.into(),
                effects: effects.into(),
                writes: b.writes.iter().map(|&s| self.stack[base + s as usize]).collect(),
                exit,
                exit_values: self.stack[base + x.cells as usize..][..x.n as usize].into(),
                exit_ip,
                fuel: rec.fuel_start - *self.fuel,
                work,
                ops,
                extra_depth: (peak_depth - rec.depth_start) as u32,
                extra_cells: (peak_cells - rec.base) as u64,
            };
            match rec.verify {
                Some(cached) => {
                    let counters = &mut memo.units[unit as usize].1;
                    match compare(&cached, &entry, b) {
                        None => counters.verified += 1,
                        Some((cached_effect, real_effect)) => {
                            counters.divergences += 1;
                            let inputs = b.inputs.iter().copied().zip(entry.inputs.iter().copied()).collect();
                            let id = memo.units[unit as usize].0.clone();
                            memo.divergences.push(MemoDivergence {
                                unit: id,
                                inputs,
                                missed: missed_dependency(&cached, &entry),
                                cached: cached_effect,
                                real: real_effect,
                            });
                        }
                    }
                }
                None => {
                    memo.units[unit as usize].1.recordings += 1;
                    let key = (func_id, block, rec.hash);
                    let t = memo.tick();
                    let evicted = memo.cache.insert(key, entry);
                    lru_ns = t.map_or(0, |t| t.elapsed().as_nanos() as u64);
                    memo.profile.lru_ns += lru_ns;
                    if let Some((f, blk, _)) = evicted {
                        let victim = self.funcs[f as usize].memo_base + blk;
                        self.memo().units[victim as usize].1.evictions += 1;
                    }
                }
            }
        }
        let memo = self.memo();
        if memo.recording == 0 {
            memo.log.clear();
        }
        lru_ns
    }
}

/// The first difference between a cached entry and a real execution, described.
fn compare(cached: &Entry, real: &Entry, b: &MemoBlock) -> Option<(String, String)> {
    if cached.exit_ip != real.exit_ip || cached.exit != real.exit {
        return Some((
            format!("exit #{} to ip {}", cached.exit, cached.exit_ip),
            format!("exit #{} to ip {}", real.exit, real.exit_ip),
        ));
    }
    for ((slot, c), r) in b.writes.iter().zip(cached.writes.iter()).zip(real.writes.iter()) {
        if c != r {
            return Some((format!("local {slot} = {c:#x}"), format!("local {slot} = {r:#x}")));
        }
    }
    for (i, (c, r)) in cached.exit_values.iter().zip(real.exit_values.iter()).enumerate() {
        if c != r {
            return Some((format!("exit value {i} = {c:#x}"), format!("exit value {i} = {r:#x}")));
        }
    }
    for i in 0..cached.effects.len().max(real.effects.len()) {
        let (c, r) = (cached.effects.get(i), real.effects.get(i));
        if c != r {
            let show = |e: Option<&Effect>| e.map_or("no effect".to_string(), |e| format!("effect #{i}: {e:?}"));
            return Some((show(c), show(r)));
        }
    }
    if cached.fuel != real.fuel {
        return Some((format!("fuel {}", cached.fuel), format!("fuel {}", real.fuel)));
    }
    None
}

/// Names the state the real execution read that the entry did not depend on in the same way.
fn missed_dependency(cached: &Entry, real: &Entry) -> String {
    for d in real.deps.iter() {
        match cached.deps.iter().find(|c| c.object() == d.object()) {
            None => return format!("{d} was read but not recorded"),
            Some(c) if c != d => return format!("{c} recorded, now {d}"),
            Some(_) => {}
        }
    }
    let kinds: Vec<DepKind> = real.deps.iter().map(|d| d.kind()).collect();
    format!("none of the recorded dependencies changed ({} checked: {kinds:?}); an input is untracked", real.deps.len())
}

#[cfg(test)]
mod tests {
    use super::{count_fast_hit, fast_keeps_on};
    use crate::ir::Op;
    use crate::memo::Adapt;
    use crate::{Config, Engine, Linker, MemoConfig, Module, Store, Value};

    /// A function `name` returning the sum of the squares of 1..=n, in a loop.
    fn squares(name: &str) -> String {
        format!(
            r#"(func {name} (param $n i32) (result i32) (local $s i32)
              (loop $l
                (local.set $s (i32.add (local.get $s) (i32.mul (local.get $n) (local.get $n))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br_if $l (i32.ne (local.get $n) (i32.const 0))))
              (local.get $s))"#
        )
    }

    fn probes(store: &Store) -> usize {
        let is_probe = |op: Op| matches!(op, Op::MemoEnter { .. } | Op::MemoLeave { .. });
        store.funcs.iter().filter_map(|f| f.memo_code.as_deref()).flatten().filter(|c| is_probe(c.get().op())).count()
    }

    /// In the plain loop every probe is patched out, those of units that were never judged
    /// (first reached there) too; back in the memo loop the units' own states apply again.
    #[test]
    fn the_plain_loop_runs_without_probes() {
        let wat = format!(
            r#"(module {}
          (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32)
            (loop $l
              (local.set $s (i32.add (local.get $s) (i32.mul (local.get $i) (i32.const 3))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (i32.add (local.get $s) (call $late (local.get $n)))))"#,
            squares("$late")
        );
        let engine = Engine::new(Config::default().memo(Some(MemoConfig::default().min_unit_ops(0))));
        let module = Module::from_wat(&engine, &wat).unwrap();
        let mut s = Store::new(&engine);
        let i = Linker::new().instantiate(&mut s, &module).unwrap();
        assert!(probes(&s) > 0);
        i.call(&mut s, "run", &[Value::I32(10_000)]).unwrap();
        let stats = s.memo_stats().unwrap();
        assert_eq!(stats.plain_switches, 1, "{:?}", stats.totals);
        assert_eq!(probes(&s), 0, "the plain loop runs probes");
        // Later calls start in the plain loop, and return to memoizing after a span of
        // calls, with the probes of the units that are still on.
        let mut memoized = false;
        for _ in 0..8 {
            i.call(&mut s, "run", &[Value::I32(10)]).unwrap();
            if s.memo.as_ref().unwrap().plain {
                assert_eq!(probes(&s), 0, "the plain loop runs probes");
            } else {
                memoized = true;
                assert!(probes(&s) > 0, "the memo loop runs without probes");
            }
        }
        assert!(memoized);
    }

    #[test]
    fn a_sampled_call_met_before_ends_the_plain_span() {
        // In the plain loop with a long span, `run` calls `$f` with the same argument over
        // and over. Sampled calls meet it again, so execution goes back to memoizing before
        // the span ends, and `$f` hits.
        let wat = format!(
            r#"(module {}
          (func (export "run") (param $n i32) (result i32) (local $s i32)
            (loop $l
              (local.set $s (i32.add (local.get $s) (call $f (i32.const 30))))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br_if $l (i32.ne (local.get $n) (i32.const 0))))
            (local.get $s)))"#,
            squares("$f")
        );
        let (mut s, i) = default_memo(&wat);
        let memo = s.memo.as_deref_mut().unwrap();
        memo.enter_plain();
        memo.plain_span = crate::memo::MAX_PLAIN_SPAN;
        super::render_all(&s.funcs, s.memo.as_deref_mut().unwrap(), true);
        let want = (1..=30).map(|k| k * k).sum::<i32>().wrapping_mul(5000);
        assert_eq!(i.call(&mut s, "run", &[Value::I32(5000)]).unwrap(), vec![Value::I32(want)]);
        let stats = s.memo_stats().unwrap();
        assert!(!s.memo.as_ref().unwrap().plain, "still in the plain loop");
        assert!(stats.totals.hits > 4000, "{:?}", stats.totals);
    }

    const NESTED: &str = r#"(module
      (memory 1)
      (func $rec (export "rec") (param $n i32) (result i32) (local $i i32) (local $s i32)
        (if (i32.eqz (local.get $n)) (then (return (i32.const 1))))
        (block $out
          (loop $l
            (br_if $out (i32.ge_u (local.get $i) (i32.const 12)))
            (i32.store (i32.shl (local.get $i) (i32.const 2)) (i32.add (local.get $s) (local.get $n)))
            (local.set $s (i32.add (local.get $s) (i32.load (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $l)))
        (i32.add (local.get $s) (call $rec (i32.sub (local.get $n) (i32.const 1))))))"#;

    /// A memo layout rendered again from unit states it was rendered from before is
    /// copied from the kept ones, record for record as a fresh rendering makes it.
    #[test]
    fn kept_memo_layouts_are_copied_as_rendered() {
        let engine = Engine::new(Config::default().memo(Some(MemoConfig::default().min_unit_ops(0))));
        let module = Module::from_wat(&engine, NESTED).unwrap();
        let mut s = Store::new(&engine);
        Linker::new().instantiate(&mut s, &module).unwrap();
        let units = s.memo.as_ref().unwrap().adapt.len();
        assert!(units >= 3, "{units} units");
        let records = |s: &mut Store, offs: &[bool], fresh: bool| {
            let memo = s.memo.as_deref_mut().unwrap();
            for (a, &off) in memo.adapt.iter_mut().zip(offs) {
                a.off = off;
            }
            if fresh {
                memo.memo_layouts.clear();
            }
            super::rerender(&s.funcs, memo, 0);
            let code = s.funcs[0].memo_code.as_deref().unwrap();
            code.iter().map(|c| c.get().raw()).map(|(h, op)| (h, format!("{op:?}"))).collect::<Vec<_>>()
        };
        let a: Vec<bool> = (0..units).map(|u| u % 2 == 0).collect();
        let b: Vec<bool> = (0..units).map(|u| u % 2 == 1).collect();
        let want_a = records(&mut s, &a, true);
        let want_b = records(&mut s, &b, true);
        assert_ne!(want_a, want_b);
        records(&mut s, &a, false);
        assert_eq!(records(&mut s, &b, false), want_b);
        assert_eq!(s.memo.as_ref().unwrap().memo_layouts[0].len(), 2);
        assert_eq!(records(&mut s, &a, false), want_a);
        assert_eq!(records(&mut s, &b, false), want_b);
        assert_eq!(s.memo.as_ref().unwrap().memo_layouts[0].len(), 2, "a kept layout rendered again");
    }

    /// The plain layout runs exactly as many ops as the plain translation: the probes are
    /// gone and branches over an exit's jump are folded back into one branch.
    #[test]
    fn the_plain_layout_is_as_short_as_the_plain_translation() {
        let code = |config: Config| {
            let module = Module::from_wat(&Engine::new(config), NESTED).unwrap();
            module.inner.code(0).unwrap().code.clone()
        };
        let plain = code(Config::default());
        let memo = code(Config::default().memo(Some(MemoConfig::seed())));
        assert!(memo.len() > plain.len());
        let layout = super::build_plain_layout(&memo);
        // As long as the plain translation, which differs twice: there the `if`'s `i32.eqz`
        // fuses with its branch (in the seed translation the `if` unit's probe sits between
        // them), and the loop's back edge carries its exit test (one op more).
        assert_eq!(layout.code.len(), plain.len(), "{:?}\n{:?}", layout.code, plain);
        let probe = |op: &Op| matches!(op, Op::MemoEnter { .. } | Op::MemoLeave { .. });
        assert!(!layout.code.iter().any(probe));
        for (p, &m) in layout.to_memo.iter().enumerate() {
            assert_eq!(layout.to_plain[m as usize] as usize, p);
        }
    }

    /// Jumps to a return become the return; a back edge to its loop's test takes the test
    /// along when the exit follows it; branch-table arms keep their jumps.
    #[test]
    fn jumps_are_threaded_where_no_op_is_added() {
        let mut code = vec![
            Op::BrI32GeU { a: 0, b: 1, target: 4 },
            Op::I32Add { dst: 0, a: 0, b: 2 },
            Op::BrTable { index: 0, len: 0 },
            Op::Br { target: 0 },
            Op::Br { target: 0 },
            Op::Br { target: 6 },
            Op::Return { src: 0, n: 1 },
        ];
        let sources = super::thread_jumps(&mut code, &[10, 11, 12, 13, 14, 15, 16]);
        // The arm at 3 stays; the jump at 4 to the test at 0, whose exit (4) is not right
        // after it, stays too; the jump at 5 to the return becomes it.
        assert_eq!(code[3], Op::Br { target: 0 });
        assert_eq!(code[4], Op::Br { target: 0 });
        assert_eq!(code[5], Op::Return { src: 0, n: 1 });
        assert_eq!(sources, [10, 11, 12, 13, 14, 16, 16]);
        let mut code = vec![
            Op::BrI32GeU { a: 0, b: 1, target: 3 },
            Op::I32Add { dst: 0, a: 0, b: 2 },
            Op::Br { target: 0 },
            Op::Return { src: 0, n: 1 },
        ];
        let sources = super::thread_jumps(&mut code, &[5, 6, 7, 8]);
        assert_eq!(code[2], Op::BrI32LtU { a: 0, b: 1, target: 1 });
        assert_eq!(sources, [5, 6, 5, 8]);
    }

    /// Execution moves between the layouts deep in a recursion, in both directions, and
    /// every frame resumes where it should.
    #[test]
    fn frames_move_between_the_layouts() {
        let run = |memo: Option<MemoConfig>| {
            let engine = Engine::new(Config::default().memo(memo));
            let module = Module::from_wat(&engine, NESTED).unwrap();
            let mut s = Store::new(&engine);
            let i = Linker::new().instantiate(&mut s, &module).unwrap();
            let out: Vec<_> = (0..6).map(|k| i.call(&mut s, "rec", &[Value::I32(300 + k)]).unwrap()).collect();
            (out, s.memo_stats())
        };
        let (want, _) = run(None);
        let (got, stats) = run(Some(MemoConfig::default().window(2)));
        assert_eq!(got, want);
        assert!(stats.unwrap().plain_switches >= 2);
    }

    /// Hits that the memo loop's chain replays in place ([`super::fast_hit`]) count exactly
    /// as the loop's own: the same run with them off gives the same counters, unit by unit,
    /// and both give plain's result. `$f`'s entries depend on a global, which changes every
    /// 700 calls: the chain must check it (the run's result differs if it does not).
    #[test]
    fn chain_replayed_hits_count_as_the_loops() {
        let wat = r#"(module
          (global $g (mut i32) (i32.const 3))
          (func $f (param $x i32) (result i32) (local $s i32) (local $i i32)
            (loop $l
              (local.set $s (i32.add (local.get $s) (i32.mul (local.get $x) (global.get $g))))
              (local.set $s (i32.xor (local.get $s) (i32.shr_u (local.get $s) (i32.const 3))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (i32.const 40))))
            (local.get $s))
          (func (export "run") (param $n i32) (result i32) (local $i i32) (local $acc i32)
            (loop $l
              (if (i32.eqz (i32.rem_u (i32.add (local.get $i) (i32.const 1)) (i32.const 700)))
                (then (global.set $g (i32.add (global.get $g) (i32.const 1)))))
              (local.set $acc (i32.add (i32.rotl (local.get $acc) (i32.const 1))
                (call $f (i32.and (local.get $i) (i32.const 7)))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $acc)))"#;
        let run = |memo: Option<bool>| {
            let engine = Engine::new(Config::default().memo(memo.map(|_| MemoConfig::default())));
            let module = Module::from_wat(&engine, wat).unwrap();
            let mut s = Store::new(&engine);
            if let (Some(fast), Some(m)) = (memo, s.memo.as_deref_mut()) {
                m.fast_ok = fast;
            }
            let i = Linker::new().instantiate(&mut s, &module).unwrap();
            let got = i.call(&mut s, "run", &[Value::I32(5000)]).unwrap();
            (got, s.memo_stats())
        };
        let (plain, _) = run(None);
        let (fast, with) = run(Some(true));
        let (slow, without) = run(Some(false));
        let (with, without) = (with.unwrap(), without.unwrap());
        assert_eq!(fast, plain);
        assert_eq!(slow, plain);
        assert!(with.fast_hits > 300, "{with:?}");
        assert_eq!(without.fast_hits, 0);
        assert_eq!(with.totals, without.totals);
        let units = |s: &crate::MemoStats| s.units.iter().map(|u| (u.unit.clone(), u.counters)).collect::<Vec<_>>();
        assert_eq!(units(&with), units(&without));
        assert!(with.totals.invalidations() > 0, "{with:?}");
    }

    /// The chain replays stores and global sets too: `$f` writes its result to memory and
    /// a global, and the caller reads both back; every 1000 calls it rewrites a cell `$f`
    /// reads, which must keep the chain from replaying entries that read the old value.
    /// Results and memory match plain's, with most hits replayed in the chain.
    #[test]
    fn chain_replayed_hits_write_memory_and_globals() {
        let wat = r#"(module
          (memory (export "mem") 1)
          (global $last (mut i32) (i32.const 0))
          (func $f (param $x i32) (result i32) (local $s i32) (local $i i32)
            (local.set $s (i32.load (i32.const 8192)))
            (loop $l
              (local.set $s (i32.add (local.get $s) (i32.mul (local.get $x) (i32.const 31))))
              (local.set $s (i32.xor (local.get $s) (i32.shr_u (local.get $s) (i32.const 3))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (i32.const 40))))
            (i32.store (i32.const 64) (local.get $s))
            (i32.store8 (i32.const 300) (i32.shr_u (local.get $s) (i32.const 8)))
            (global.set $last (local.get $x))
            (local.get $s))
          (func (export "run") (param $n i32) (result i32) (local $i i32) (local $acc i32) (local $x i32)
            (loop $l
              (if (i32.eqz (i32.rem_u (i32.add (local.get $i) (i32.const 1)) (i32.const 1000)))
                (then (i32.store (i32.const 8192) (local.get $i))))
              (local.set $x (i32.and (local.get $i) (i32.const 3)))
              (local.set $acc (i32.add (i32.rotl (local.get $acc) (i32.const 1)) (call $f (local.get $x))))
              (local.set $acc (i32.xor (local.get $acc) (i32.load (i32.const 64))))
              (local.set $acc (i32.add (local.get $acc) (i32.load8_u (i32.const 300))))
              (local.set $acc (i32.add (local.get $acc) (global.get $last)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $acc)))"#;
        let run = |memo: bool| {
            let engine = Engine::new(Config::default().memo(memo.then(MemoConfig::default)));
            let module = Module::from_wat(&engine, wat).unwrap();
            let mut s = Store::new(&engine);
            let i = Linker::new().instantiate(&mut s, &module).unwrap();
            let got = i.call(&mut s, "run", &[Value::I32(5000)]).unwrap();
            let mut bytes = vec![0u8; 1024];
            i.get_memory(&s, "mem").unwrap().read(&s, 0, &mut bytes).unwrap();
            (got, bytes, s.memo_stats())
        };
        let (plain, plain_mem, _) = run(false);
        let (got, mem, stats) = run(true);
        let stats = stats.unwrap();
        assert_eq!(got, plain);
        assert_eq!(mem, plain_mem);
        assert!(stats.fast_hits > 1000, "{stats:?}");
        assert!(stats.totals.invalidations() > 0, "{stats:?}");
    }

    /// A hit the chain replays counts as `adapt` counts one: it met inputs seen before, so it
    /// ends a trial; a window it fills closes with the unit on where `adapt` would keep the
    /// unit on, and is left to the loop (which switches the unit off) where it would not.
    #[test]
    fn chain_hits_end_trials_and_close_windows_as_adapt_does() {
        let wat = block_in_loop("", "(i32.add (i32.mul (local.get $n) (i32.const 3)) (i32.const 1))");
        let (mut s, _) = default_memo(&wat);
        let code = s.funcs.iter().find_map(|f| f.code.get().filter(|c| !c.memo_blocks.is_empty())).unwrap().clone();
        let b = &code.memo_blocks[0];
        let memo = s.memo.as_deref_mut().unwrap();
        let window = memo.config.window;
        let unit = 0;
        let cheap = crate::memo::CHEAP_WORK - 1;
        let hit = |memo: &mut crate::memo::MemoState, work: u64, pays: bool| {
            let ends = fast_keeps_on(memo, unit, work, pays).expect("the unit stays on");
            count_fast_hit(memo, unit, b, work, pays, ends);
        };

        memo.adapt[unit] = Adapt { trial: true, lookups: 2, ..Adapt::default() };
        assert!(fast_keeps_on(memo, unit, cheap, true).is_some());
        hit(memo, cheap, true);
        let a = &memo.adapt[unit];
        assert!(!a.trial && a.met == 1 && (a.lookups, a.hits) == (3, 1), "{a:?}");

        // The only hit of a window, in a cheap unit: `adapt` switches it off.
        memo.adapt[unit] = Adapt { lookups: window - 1, ..Adapt::default() };
        assert!(fast_keeps_on(memo, unit, cheap, true).is_none());
        // The same in a unit that covers much work, or with enough hits: it stays on, and
        // the window starts again.
        assert!(fast_keeps_on(memo, unit, crate::memo::CHEAP_WORK, true).is_some());
        memo.adapt[unit] = Adapt { lookups: window - 1, hits: 3, dry: 2, met: 9, work: 5, ..Adapt::default() };
        assert!(fast_keeps_on(memo, unit, cheap, true).is_some());
        hit(memo, cheap, true);
        let a = &memo.adapt[unit];
        assert!(!a.off && (a.lookups, a.hits, a.work, a.met, a.dry) == (0, 0, 0, 0, 0), "{a:?}");

        // A hit that does not pay counts as none (but met its inputs before). At the end of
        // a window without other hits, in a unit that had no hit for the windows before
        // either, `adapt` switches it off, however much work it covers.
        memo.adapt[unit] = Adapt { lookups: 2, hits: 1, ..Adapt::default() };
        hit(memo, cheap, false);
        let a = &memo.adapt[unit];
        assert!(a.met == 1 && (a.lookups, a.hits) == (3, 1), "{a:?}");
        let dry = crate::memo::DRY_WINDOWS - 1;
        memo.adapt[unit] = Adapt { lookups: window - 1, dry, ..Adapt::default() };
        assert!(fast_keeps_on(memo, unit, crate::memo::CHEAP_WORK, false).is_none());
        assert!(fast_keeps_on(memo, unit, crate::memo::CHEAP_WORK, true).is_some());
        memo.adapt[unit] = Adapt { lookups: window - 1, dry: dry - 1, ..Adapt::default() };
        assert!(fast_keeps_on(memo, unit, crate::memo::CHEAP_WORK, false).is_some());
        hit(memo, crate::memo::CHEAP_WORK, false);
        assert_eq!((memo.adapt[unit].dry, memo.adapt[unit].lookups), (dry, 0));

        // A window half of whose outcomes were invalidated is stale, hits or not.
        let half = crate::memo::INVALIDATED_PERCENT * window / 100;
        memo.adapt[unit] =
            Adapt { lookups: window - 1, hits: window - 1 - half, invalidated: half, ..Adapt::default() };
        assert!(fast_keeps_on(memo, unit, crate::memo::CHEAP_WORK, true).is_none());
    }

    /// A fresh store of a default-memo engine with `wat` instantiated.
    fn default_memo(wat: &str) -> (Store, crate::Instance) {
        let engine = Engine::new(Config::default().memo(Some(MemoConfig::default())));
        let module = Module::from_wat(&engine, wat).unwrap();
        let mut s = Store::new(&engine);
        let i = Linker::new().instantiate(&mut s, &module).unwrap();
        (s, i)
    }

    /// Runs `run(arg)` `calls` times on a fresh default-memo store; returns the stats of the
    /// unit that starts at wasm offset `offset` (any, if `None`), and the totals.
    fn run_stats(wat: &str, arg: i32, calls: usize) -> crate::MemoStats {
        let (mut s, i) = default_memo(wat);
        for _ in 0..calls {
            i.call(&mut s, "run", &[Value::I32(arg)]).unwrap();
        }
        s.memo_stats().unwrap()
    }

    /// A module that makes no calls of its own, called by the host again and again with
    /// inputs that never repeat, drops to the plain loop each time it comes back from it:
    /// the host's calls count towards the probe as wasm calls do. (Without, it drops once,
    /// when its units are switched off, and stays in the memo loop after.)
    #[test]
    fn host_calls_are_probed_too() {
        let wat = r#"(module
          (global $g (mut i32) (i32.const 0))
          (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32)
            (global.set $g (i32.add (global.get $g) (i32.const 1)))
            (local.set $s (global.get $g))
            (loop $l
              (local.set $s (i32.xor (i32.mul (local.get $s) (i32.const 7)) (local.get $i)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $s)))"#;
        let stats = run_stats(wat, 30, 5000);
        assert!(stats.plain_switches >= 5, "{stats:?}");
    }

    /// A module whose export `run` loops 2,000 times over a block (unit 2 of its function)
    /// that sets `$x` from `first` (an expression of `$n`) and mixes it; `funcs` come before.
    fn block_in_loop(funcs: &str, first: &str) -> String {
        format!(
            r#"(module {funcs}
          (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32) (local $x i32)
            (loop $l
              (block
                (local.set $x {first})
                (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 3)))))
              (local.set $s (i32.add (local.get $s) (local.get $x)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (i32.const 2000))))
            (local.get $s)))"#
        )
    }

    /// Units switched off one after another in a stay that ends in the plain loop are
    /// never rendered out of the memo layout: the plain loop's layout replaces it.
    #[test]
    fn switched_off_units_leave_their_rendering_to_the_plain_loop() {
        let block = |k: u32| {
            format!(
                "(block (local.set $x (i32.add (i32.mul (local.get $n) (i32.const {k})) (i32.const 1)))
                   (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 3)))))
                 (local.set $s (i32.add (local.get $s) (local.get $x)))"
            )
        };
        let wat = format!(
            r#"(module
          (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32) (local $x i32)
            (loop $l
              {} {} {}
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (i32.const 2000))))
            (local.get $s)))"#,
            block(3),
            block(5),
            block(7)
        );
        let stats = run_stats(&wat, 5, 1);
        assert!(stats.totals.switched_off >= 3, "{stats:?}");
        assert!(stats.plain_switches >= 1, "{stats:?}");
        assert!(stats.renders < stats.totals.switched_off, "{stats:?}");
        assert!(stats.stale_renders_skipped >= 1, "{stats:?}");
    }

    /// ... while in a stay that goes on (a unit around them hits), the stops at their
    /// probes add up, and the function is rendered without them.
    #[test]
    fn stale_probes_are_rendered_out_once_their_stops_add_up() {
        let wat = format!(
            r#"(module {}
          (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32) (local $x i32)
            (loop $l
              (local.set $s (i32.add (local.get $s) (call $sq (i32.const 40))))
              (block
                (local.set $x (i32.add (i32.mul (local.get $i) (i32.const 3)) (i32.const 1)))
                (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 3)))))
              (local.set $s (i32.add (local.get $s) (local.get $x)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $s)))"#,
            squares("$sq")
        );
        let (mut s, i) = default_memo(&wat);
        i.call(&mut s, "run", &[Value::I32(3000)]).unwrap();
        let stats = s.memo_stats().unwrap();
        let memo = s.memo.as_ref().unwrap();
        assert!(!memo.plain, "{stats:?}");
        assert!(stats.totals.hits > 2000, "{stats:?}");
        // `run`'s block (the loop body is unit 1; the block is unit 2) is off, and its
        // `MemoEnter` was rendered out.
        let base = s.funcs[1].memo_base as usize;
        assert!(memo.adapt[base + 2].off, "{stats:?}");
        assert!(memo.stale.is_empty(), "{:?}", memo.stale);
        let code = s.funcs[1].memo_code.as_deref().unwrap();
        let enters: Vec<u32> = code
            .iter()
            .filter_map(|c| if let Op::MemoEnter { block } = c.get().op() { Some(block) } else { None })
            .collect();
        assert!(!enters.contains(&2), "{enters:?}");
    }

    /// A small unit without loops or calls hits every time, but a hit costs more than the
    /// dozen ops it replaces: it is switched off, and execution drops to the plain loop.
    #[test]
    fn cheap_hits_switch_a_unit_off() {
        let wat = block_in_loop("", "(i32.add (i32.mul (local.get $n) (i32.const 3)) (i32.const 1))");
        let stats = run_stats(&wat, 5, 1);
        let block = stats.units.iter().find(|u| u.unit.block == 2).expect("the block unit ran");
        assert!(block.counters.hits > 0, "{:?}", block.counters);
        assert!(block.counters.switched_off > 0, "cheap hits kept the unit on: {:?}", block.counters);
        assert!(block.counters.hits < 100, "{:?}", block.counters);
        assert!(stats.plain_switches > 0);
    }

    /// A block that calls out has no bound on its ops from the code, but the ops its
    /// recording ran are counted: a call of a tiny function is a cheap hit too.
    #[test]
    fn counted_ops_make_a_block_with_a_call_a_cheap_hit() {
        let wat = block_in_loop(
            "(func $tiny (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))",
            "(i32.mul (call $tiny (local.get $n)) (i32.const 3))",
        );
        let stats = run_stats(&wat, 5, 1);
        let block = stats.units.iter().find(|u| u.unit.block == 2 && u.unit.func_index == 1);
        let block = block.expect("the block unit ran");
        assert!(block.counters.hits > 0, "{:?}", block.counters);
        assert!(block.counters.switched_off > 0, "cheap hits kept the unit on: {:?}", block.counters);
        assert!(block.counters.hits < 100, "{:?}", block.counters);
    }

    /// A function whose loop body is a unit that never hits (switched off) still hits as a
    /// whole: its switched-off loop body keeps counting iterations, so the function's entries
    /// know they replace hundreds of ops, and are not taken for cheap ones.
    #[test]
    fn loop_iterations_are_counted_while_the_loop_unit_is_off() {
        let wat = r#"(module
          (func $len (param $x i32) (result i32) (local $steps i32)
            (block $done
              (loop $step
                (br_if $done (i32.le_u (local.get $x) (i32.const 1)))
                (local.set $x (i32.sub (local.get $x) (i32.const 1)))
                (local.set $steps (i32.add (local.get $steps) (i32.xor (local.get $x) (i32.const 5))))
                (br $step)))
            (local.get $steps))
          (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32)
            (loop $l
              (local.set $s (i32.add (local.get $s) (call $len (i32.add (i32.const 100) (i32.and (local.get $i) (i32.const 3))))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $s)))"#;
        let stats = run_stats(wat, 3000, 1);
        let body = stats.units.iter().find(|u| u.unit.func_index == 0 && u.unit.block == 0).expect("$len ran");
        assert_eq!(body.counters.switched_off, 0, "{:?}", body.counters);
        assert!(body.counters.hits > 2900, "{:?}", body.counters);
        let looped = stats.units.iter().find(|u| u.unit.func_index == 0 && u.unit.block == 2).expect("loop body");
        assert!(looped.counters.switched_off > 0, "{:?}", looped.counters);
    }

    /// A unit whose same inputs come back while its dependency (a global it reads and bumps)
    /// changes in between; it covers much work (a loop of 20 iterations).
    const TICK: &str = r#"(module
      (global $g (mut i32) (i32.const 0))
      (func $tick (result i32) (local $x i32) (local $i i32)
        (local.set $x (global.get $g))
        (loop $l
          (local.set $x (i32.xor (i32.mul (local.get $x) (i32.const 7)) (i32.shr_u (local.get $x) (i32.const 2))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (i32.const 20))))
        (global.set $g (i32.add (global.get $g) (i32.const 1)))
        (local.get $x))
      (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32)
        (loop $l
          (local.set $s (i32.add (local.get $s) (call $tick)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
        (local.get $s)))"#;

    /// `TICK`'s unit is switched off after one window, not eight, although it covers much
    /// work.
    #[test]
    fn invalidated_entries_switch_a_unit_off_at_once() {
        let stats = run_stats(TICK, 40, 1);
        let tick = stats.units.iter().find(|u| u.unit.func_index == 0 && u.unit.block == 0).expect("$tick ran");
        assert!(tick.counters.invalidations() > 0, "{:?}", tick.counters);
        assert!(tick.counters.switched_off > 0, "{:?}", tick.counters);
    }

    /// ... and without waiting for half a window of invalidations when nothing hit in
    /// between: the second invalidation before any hit switches it off, so 20 calls make
    /// at most three recordings (half a window would take eight).
    #[test]
    fn two_invalidations_before_a_hit_switch_a_unit_off() {
        let stats = run_stats(TICK, 20, 1);
        let tick = stats.units.iter().find(|u| u.unit.func_index == 0 && u.unit.block == 0).expect("$tick ran");
        let c = &tick.counters;
        assert_eq!((c.switched_off, c.invalidations(), c.hits), (1, 2, 0), "{c:?}");
        assert!(c.recordings <= 3, "{c:?}");
    }

    /// A unit switched off for rarely hitting comes back on trial: when it meets only new
    /// inputs again, it is off after `TRIAL_OUTCOMES` outcomes rather than a whole window
    /// at each return.
    #[test]
    fn a_retried_unit_that_meets_only_new_inputs_is_off_after_a_trial() {
        let wat = r#"(module
          (func $mix (param $x i32) (result i32)
            (i32.xor (i32.mul (i32.add (local.get $x) (i32.const 3)) (i32.const 7))
                     (i32.shr_u (i32.mul (local.get $x) (local.get $x)) (i32.const 5))))
          (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32)
            (loop $l
              (local.set $s (i32.add (local.get $s) (call $mix (local.get $i))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $s)))"#;
        let stats = run_stats(wat, 200_000, 1);
        let mix = stats.units.iter().find(|u| u.unit.func_index == 0 && u.unit.block == 0).expect("$mix ran");
        let c = &mix.counters;
        let (window, trial) = (u64::from(MemoConfig::default().window), u64::from(crate::memo::TRIAL_OUTCOMES));
        assert!(c.switched_off >= 4, "{c:?}");
        assert_eq!(c.hits, 0, "{c:?}");
        assert_eq!(c.lookups, window + (c.switched_off - 1) * trial, "{c:?}");
    }

    /// In the plain loop, samples of a callee whose unit is off find nothing, and the gap
    /// between them grows to `MAX_SAMPLE_CALLS`; samples of one that is on keep the gap.
    #[test]
    fn samples_of_switched_off_units_grow_apart() {
        const MIX: &str = r#"(func $mix (param $x i32) (result i32)
            (i32.xor (i32.mul (i32.add (local.get $x) (i32.const 3)) (i32.const 7))
                     (i32.shr_u (i32.mul (local.get $x) (local.get $x)) (i32.const 5))))"#;
        let gap = |on: bool| {
            let wat = format!(
                r#"(module {MIX}
              (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32)
                (loop $l
                  (local.set $s (i32.add (local.get $s) (call $mix (local.get $i))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                (local.get $s)))"#
            );
            let (mut s, i) = default_memo(&wat);
            i.call(&mut s, "run", &[Value::I32(3000)]).unwrap();
            let memo = s.memo.as_deref_mut().unwrap();
            // A long stay in the plain loop, with `$mix`'s unit off or on.
            assert!(memo.adapt[0].off, "$mix's unit is on");
            memo.adapt[0].off = !on;
            memo.enter_plain();
            memo.plain_span = crate::memo::MAX_PLAIN_SPAN;
            super::render_all(&s.funcs, s.memo.as_deref_mut().unwrap(), true);
            i.call(&mut s, "run", &[Value::I32(20_000)]).unwrap();
            let memo = s.memo.as_ref().unwrap();
            assert!(memo.plain, "left the plain loop");
            memo.sample_gap
        };
        assert_eq!(gap(false), crate::memo::MAX_SAMPLE_CALLS);
        assert_eq!(gap(true), crate::memo::SAMPLE_CALLS);
    }

    /// `TICK`'s entries are all invalidated before they hit: once two were lost, each
    /// return of the unit (after its pause) records less and less often.
    #[test]
    fn a_unit_whose_entries_are_lost_records_less_and_less() {
        let stats = run_stats(TICK, 300_000, 1);
        let tick = stats.units.iter().find(|u| u.unit.func_index == 0 && u.unit.block == 0).expect("$tick ran");
        let c = &tick.counters;
        assert_eq!(c.hits, 0, "{c:?}");
        assert!(c.switched_off >= 6, "{c:?}");
        assert!(c.held_back >= c.switched_off, "{c:?}");
        assert!(c.recordings < c.switched_off, "{c:?}");
    }

    /// Hits that leave a loop on its first test replace a few ops: the bound on their
    /// length counts each loop-body entry as that body's length, not the whole unit's, so
    /// they are cheap, and the unit (whose other calls never repeat) is switched off.
    #[test]
    fn early_exits_from_a_loop_are_cheap_hits() {
        let wat = r#"(module
          (func $walk (param $t i32) (result i32) (local $s i32)
            (block $out
              (loop $l
                (br_if $out (i32.lt_s (local.get $t) (i32.const 0)))
                (local.set $s (i32.add (local.get $s) (i32.xor (local.get $t) (i32.const 5))))
                (local.set $t (i32.sub (local.get $t) (i32.const 7)))
                (br $l)))
            (local.get $s))
          (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32)
            (loop $l
              (local.set $s (i32.add (local.get $s) (call $walk (i32.const -1))))
              (local.set $s (i32.add (local.get $s) (call $walk (local.get $i))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $s)))"#;
        let stats = run_stats(wat, 3000, 1);
        let walk = stats.units.iter().find(|u| u.unit.func_index == 0 && u.unit.block == 0).expect("$walk ran");
        assert!(walk.counters.hits > 0, "{:?}", walk.counters);
        assert!(walk.counters.switched_off > 0, "{:?}", walk.counters);
        assert!(walk.counters.lookups < 1000, "{:?}", walk.counters);
    }

    /// A unit that hits every other time, and finds its entry invalidated in between (its
    /// caller bumps a global it reads), pays for a recording every other time: it is
    /// switched off although half its lookups hit.
    #[test]
    fn half_invalidated_units_are_switched_off() {
        let wat = r#"(module
          (global $g (mut i32) (i32.const 0))
          (func $f (result i32) (local $x i32) (local $i i32)
            (local.set $x (global.get $g))
            (loop $l
              (local.set $x (i32.xor (i32.mul (local.get $x) (i32.const 7)) (i32.shr_u (local.get $x) (i32.const 2))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (i32.const 20))))
            (local.get $x))
          (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32)
            (loop $l
              (global.set $g (i32.add (global.get $g) (i32.const 1)))
              (local.set $s (i32.add (local.get $s) (i32.add (call $f) (call $f))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $s)))"#;
        let stats = run_stats(wat, 100, 1);
        let f = stats.units.iter().find(|u| u.unit.func_index == 0 && u.unit.block == 0).expect("$f ran");
        assert!(f.counters.hits > 0 && f.counters.invalidations() > 0, "{:?}", f.counters);
        assert!(f.counters.switched_off > 0, "{:?}", f.counters);
    }
}
