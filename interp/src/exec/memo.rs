//! Memo mode's side of the interpreter: entering and leaving memo units (lookup, replay,
//! recording, verify), and the hooks that version store objects and log what a recording
//! unit reads and writes. Only the `MEMO` instantiation of the loop calls these.

use super::{mem, table, Executor};
use crate::memo::{
    Active, Dep, DepKind, Effect, Entry, Event, Lookup, MemoDivergence, MemoState, MissCause, Recording,
};
use crate::module::{CompiledFunc, MemoBlock};
use crate::store::{bump_chunks, FuncKind};
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// The seed key hash: FxHash of the unit's local inputs and its top `stack_depth`
/// operand-stack inputs. Inputs are compared exactly on lookup anyway.
fn hash_inputs(inputs: &[u64], b: &MemoBlock, num_locals: u32, stack_depth: u32) -> u64 {
    let mut h = FxHasher::default();
    let stack_from = b.inputs.partition_point(|&s| s < num_locals);
    let skip = (inputs.len() - stack_from).saturating_sub(stack_depth as usize);
    for &v in &inputs[..stack_from] {
        h.write_u64(v);
    }
    for &v in &inputs[stack_from + skip..] {
        h.write_u64(v);
    }
    h.finish()
}

impl Executor<'_> {
    fn memo(&mut self) -> &mut MemoState {
        self.memo.as_deref_mut().expect("memo loop runs with memo state")
    }

    fn recording(&self) -> bool {
        self.memo.as_ref().is_some_and(|m| m.recording > 0)
    }

    // ---- hooks ----

    /// A wasm call reached `depth` frames and value-stack cells up to `cells_end`.
    pub(super) fn memo_call(&mut self, depth: usize, cells_end: usize) {
        let m = self.memo();
        if m.recording > 0 {
            m.peak_depth = m.peak_depth.max(depth);
            m.peak_cells = m.peak_cells.max(cells_end);
        }
    }

    /// A host function is about to run: nothing recording now can be cached.
    pub(super) fn memo_host_call(&mut self) {
        let m = self.memo();
        if m.recording > 0 {
            for a in &mut m.active {
                if let Some(r) = &mut a.rec {
                    r.poisoned = true;
                }
            }
        }
    }

    pub(super) fn memo_read(&mut self, dep: Dep) {
        let m = self.memo();
        if m.recording > 0 {
            m.log.push(Event::Read(dep));
        }
    }

    pub(super) fn memo_write(&mut self, effect: Effect) {
        let m = self.memo();
        if m.recording > 0 {
            m.log.push(Event::Write(effect));
        }
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
            let version = self.memories[mem].versions[chunk as usize];
            memo.log.push(Event::Read(Dep::Chunk { mem: mem as u32, chunk: chunk as u32, version }));
        }
    }

    /// A store of the low `len` bytes of `value` at `ea` happened.
    pub(super) fn memo_store(&mut self, mem: usize, ea: u64, len: u64, value: u64) {
        let memo = self.memo.as_deref_mut().expect("memo state");
        bump_chunks(memo, &mut self.memories[mem], ea, len);
        if memo.recording > 0 {
            memo.log.push(Event::Write(Effect::Store { mem: mem as u32, ea, len: len as u8, value }));
        }
    }

    pub(super) fn memo_global_set(&mut self, g: u32, value: u64) {
        let memo = self.memo.as_deref_mut().expect("memo state");
        self.globals[g as usize].version = memo.next_version();
        if memo.recording > 0 {
            memo.log.push(Event::Write(Effect::GlobalSet { global: g, value }));
        }
    }

    pub(super) fn memo_table_write(&mut self, t: u32, effect: Effect) {
        let memo = self.memo.as_deref_mut().expect("memo state");
        self.tables[t as usize].version = memo.next_version();
        if memo.recording > 0 {
            memo.log.push(Event::Write(effect));
        }
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
        if memo.recording > 0 {
            memo.log.push(Event::Write(effect));
        }
    }

    // ---- units ----

    fn dep_is_current(&self, d: &Dep) -> bool {
        match *d {
            Dep::Chunk { mem, chunk, version } => self.memories[mem as usize].versions[chunk as usize] == version,
            Dep::Size { mem, pages } => self.memories[mem as usize].data.len() / crate::PAGE_SIZE == pages as usize,
            Dep::Global { global, version } => self.globals[global as usize].version == version,
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

    /// `MemoEnter`: returns where to continue if the unit was replayed from the cache.
    pub(super) fn memo_enter(
        &mut self,
        func_id: u32,
        code: &CompiledFunc,
        block: u32,
        base: usize,
        depth: usize,
    ) -> Option<u32> {
        let unit = self.funcs[func_id as usize].memo_base + block;
        let b = &code.memo_blocks[block as usize];
        let memo = self.memo.as_deref_mut().expect("memo state");
        let counters = &mut memo.units[unit as usize].1;
        counters.executions += 1;
        if counters.executions <= memo.config.threshold as u64 {
            counters.miss(MissCause::Cold);
            memo.active.push(Active { unit, rec: None });
            return None;
        }
        counters.lookups += 1;
        let inputs: Box<[u64]> = b.inputs.iter().map(|&s| self.stack[base + s as usize]).collect();
        let hash = memo.cache.key_hash(hash_inputs(&inputs, b, code.num_locals, memo.config.stack_depth));
        let key = (func_id, block, hash);
        let mut verify = None;
        let cause = match memo.cache.lookup(key) {
            Lookup::Absent { evicted: true } => MissCause::Evicted,
            Lookup::Absent { evicted: false } => MissCause::Absent,
            Lookup::Found(slot) => {
                let e = memo.cache.entry(slot).clone();
                if e.inputs != inputs {
                    MissCause::Collision
                } else if let Some(stale) = e.deps.iter().find(|d| !self.dep_is_current(d)) {
                    let kind = stale.kind();
                    self.memo().cache.remove(key);
                    MissCause::Invalidated(kind)
                } else if !self.limits_allow(&e, base, depth) {
                    MissCause::Limit
                } else {
                    let memo = self.memo();
                    memo.units[unit as usize].1.hits += 1;
                    memo.cache.touch(slot);
                    if !memo.config.verify {
                        self.replay(&e, b, base, depth);
                        return Some(e.exit_ip);
                    }
                    verify = Some(e);
                    MissCause::Absent
                }
            }
        };
        let memo = self.memo.as_deref_mut().expect("memo state");
        if verify.is_none() {
            memo.units[unit as usize].1.miss(cause);
        }
        let rec = Recording {
            log_start: memo.log.len(),
            inputs,
            hash,
            fuel_start: *self.fuel,
            depth_start: depth,
            base,
            saved_peak_depth: memo.peak_depth,
            saved_peak_cells: memo.peak_cells,
            poisoned: false,
            verify,
        };
        memo.peak_depth = depth;
        memo.peak_cells = base + code.frame_size as usize;
        memo.recording += 1;
        memo.active.push(Active { unit, rec: Some(Box::new(rec)) });
        None
    }

    /// `MemoLeave`: the innermost `count` units exit here, continuing at `exit_ip` and
    /// carrying the values in `cells.0..cells.0 + cells.1`.
    pub(super) fn memo_leave(&mut self, count: u32, exit_ip: u32, base: usize, cells: (u32, u32)) {
        for i in 0..count {
            let a = self.memo().active.pop().expect("memo units are balanced");
            if let Some(rec) = a.rec {
                self.finalize(a.unit, *rec, count - i, exit_ip, base, cells);
            }
        }
    }

    /// Applies a cached entry: cells, store effects, fuel; then leaves the units its exit leaves.
    fn replay(&mut self, e: &Entry, b: &MemoBlock, base: usize, depth: usize) {
        for (&slot, &v) in b.writes.iter().zip(e.writes.iter()) {
            self.stack[base + slot as usize] = v;
        }
        let at = base + e.exit_cells as usize;
        self.stack[at..at + e.exit_values.len()].copy_from_slice(&e.exit_values);
        for effect in e.effects.iter() {
            self.apply(*effect);
        }
        let memo = self.memo.as_deref_mut().expect("memo state");
        if memo.recording > 0 {
            // An enclosing recording depends on what this entry read.
            memo.log.extend(e.deps.iter().map(|&d| Event::Read(d)));
            memo.peak_depth = memo.peak_depth.max(depth + e.extra_depth as usize);
            memo.peak_cells = memo.peak_cells.max(base + e.extra_cells as usize);
        }
        if memo.consume_fuel {
            *self.fuel -= e.fuel;
        }
        self.memo_leave(e.leave - 1, e.exit_ip, base, (e.exit_cells, e.exit_values.len() as u32));
    }

    /// Redoes one recorded store effect through the same paths as execution.
    fn apply(&mut self, effect: Effect) {
        // Recorded effects succeeded and their dependencies still hold, so they cannot trap.
        let ok = |r: Result<(), crate::Trap>| debug_assert!(r.is_ok(), "replayed effect trapped");
        match effect {
            Effect::Store { mem, ea, len, value } => {
                let ea_usize = ea as usize;
                self.memories[mem as usize].data[ea_usize..ea_usize + len as usize]
                    .copy_from_slice(&value.to_le_bytes()[..len as usize]);
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
    fn finalize(&mut self, unit: u32, rec: Recording, leave: u32, exit_ip: u32, base: usize, cells: (u32, u32)) {
        let memo = self.memo.as_deref_mut().expect("memo state");
        memo.recording -= 1;
        let (peak_depth, peak_cells) = (memo.peak_depth, memo.peak_cells);
        memo.peak_depth = rec.saved_peak_depth.max(peak_depth);
        memo.peak_cells = rec.saved_peak_cells.max(peak_cells);
        let id = memo.units[unit as usize].0.clone();
        let FuncKind::Wasm { code, .. } = &self.funcs[id.func.0 as usize].kind else {
            unreachable!("memo units belong to wasm functions")
        };
        let b = &code.memo_blocks[id.block as usize];
        let memo = self.memo.as_deref_mut().expect("memo state");
        if rec.poisoned {
            memo.units[unit as usize].1.discarded += 1;
        } else {
            let mut deps: Vec<Dep> = Vec::new();
            let mut effects = Vec::new();
            for ev in &memo.log[rec.log_start..] {
                match *ev {
                    // The first read of an object fixes the version the unit depends on.
                    Event::Read(d) => {
                        if !deps.iter().any(|x| x.object() == d.object()) {
                            deps.push(d);
                        }
                    }
                    Event::Write(e) => effects.push(e),
                }
            }
            let entry = Entry {
                inputs: rec.inputs,
                deps: deps.into(),
                effects: effects.into(),
                writes: b.writes.iter().map(|&s| self.stack[base + s as usize]).collect(),
                exit_cells: cells.0,
                exit_values: self.stack[base + cells.0 as usize..][..cells.1 as usize].into(),
                exit_ip,
                leave,
                fuel: rec.fuel_start - *self.fuel,
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
                    let key = (id.func.0, id.block, rec.hash);
                    if let Some((f, blk, _)) = memo.cache.insert(key, entry) {
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
    }
}

/// The first difference between a cached entry and a real execution, described.
fn compare(cached: &Entry, real: &Entry, b: &MemoBlock) -> Option<(String, String)> {
    if cached.exit_ip != real.exit_ip || cached.leave != real.leave {
        return Some((
            format!("exit to ip {} leaving {} unit(s)", cached.exit_ip, cached.leave),
            format!("exit to ip {} leaving {} unit(s)", real.exit_ip, real.leave),
        ));
    }
    for ((slot, c), r) in b.writes.iter().zip(cached.writes.iter()).zip(real.writes.iter()) {
        if c != r {
            return Some((format!("local {slot} = {c:#x}"), format!("local {slot} = {r:#x}")));
        }
    }
    for (i, (c, r)) in cached.exit_values.iter().zip(real.exit_values.iter()).enumerate() {
        if c != r {
            let slot = real.exit_cells as usize + i;
            return Some((format!("result cell {slot} = {c:#x}"), format!("result cell {slot} = {r:#x}")));
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
