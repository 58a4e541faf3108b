//! Table access for the interpreter: `call_indirect` resolution and the table instructions,
//! with the spec's bounds-check-before-write semantics.

use super::Executor;
use crate::error::Trap;
use crate::module::CompiledFunc;
use crate::store::InstanceEntity;

fn range(start: u64, len: u64, size: usize) -> Result<std::ops::Range<usize>, Trap> {
    let (start, len) = (start as u32 as usize, len as u32 as usize);
    let end = start.checked_add(len).filter(|&e| e <= size).ok_or(Trap::TableOutOfBounds)?;
    Ok(start..end)
}

/// The store function that `call_indirect` with side-table entry `sig` calls for `index`.
pub(super) fn indirect_callee(
    ex: &Executor<'_>,
    inst: &InstanceEntity,
    func: &CompiledFunc,
    index: u32,
    sig: u32,
) -> Result<u32, Trap> {
    let (table, type_id) = func.indirect[sig as usize];
    let t = &ex.tables[inst.tables[table as usize] as usize];
    let cell = *t.elems.get(index as usize).ok_or(Trap::UndefinedElement)?;
    let f = cell.checked_sub(1).ok_or(Trap::UninitializedElement)? as u32;
    if ex.funcs[f as usize].type_id != type_id {
        return Err(Trap::IndirectCallTypeMismatch);
    }
    Ok(f)
}

pub(super) fn get(ex: &Executor<'_>, inst: &InstanceEntity, table: u32, index: u64) -> Result<u64, Trap> {
    let t = &ex.tables[inst.tables[table as usize] as usize];
    t.elems.get(index as u32 as usize).copied().ok_or(Trap::TableOutOfBounds)
}

pub(super) fn set(ex: &mut Executor<'_>, inst: &InstanceEntity, table: u32, index: u64, val: u64) -> Result<(), Trap> {
    let t = &mut ex.tables[inst.tables[table as usize] as usize];
    *t.elems.get_mut(index as u32 as usize).ok_or(Trap::TableOutOfBounds)? = val;
    Ok(())
}

/// `table.grow` with operands `[init, n]` at `at`; the old size or -1 lands at `at`.
pub(super) fn grow(ex: &mut Executor<'_>, inst: &InstanceEntity, table: u32, at: usize) {
    let (init, n) = (ex.stack[at], ex.stack[at + 1] as u32);
    let t = &mut ex.tables[inst.tables[table as usize] as usize];
    let old = t.elems.len() as u32;
    let max = t.ty.max.unwrap_or(u32::MAX);
    // Tables are capped at 10 million entries to bound host memory.
    let result = match old.checked_add(n).filter(|&s| s <= max && s <= 10_000_000) {
        Some(new) => {
            t.elems.resize(new as usize, init);
            old
        }
        None => u32::MAX,
    };
    ex.stack[at] = result as u64;
}

/// `table.fill` with operands `[i, val, n]` at `at`.
pub(super) fn fill(ex: &mut Executor<'_>, inst: &InstanceEntity, table: u32, at: usize) -> Result<(), Trap> {
    let (i, val, n) = (ex.stack[at], ex.stack[at + 1], ex.stack[at + 2]);
    let t = &mut ex.tables[inst.tables[table as usize] as usize];
    let r = range(i, n, t.elems.len())?;
    t.elems[r].fill(val);
    Ok(())
}

/// `table.copy` with operands `[d, s, n]` at `at`; the tables may be the same.
pub(super) fn copy(ex: &mut Executor<'_>, inst: &InstanceEntity, dst: u32, src: u32, at: usize) -> Result<(), Trap> {
    let (d, s, n) = (ex.stack[at], ex.stack[at + 1], ex.stack[at + 2]);
    let (dt, st) = (inst.tables[dst as usize] as usize, inst.tables[src as usize] as usize);
    let dr = range(d, n, ex.tables[dt].elems.len())?;
    let sr = range(s, n, ex.tables[st].elems.len())?;
    if dt == st {
        ex.tables[dt].elems.copy_within(sr, dr.start);
    } else {
        let items: Vec<u64> = ex.tables[st].elems[sr].to_vec();
        ex.tables[dt].elems[dr].copy_from_slice(&items);
    }
    Ok(())
}

/// `table.init` with operands `[d, s, n]` at `at` from element segment `elem`.
pub(super) fn init(ex: &mut Executor<'_>, inst: &InstanceEntity, table: u32, elem: u32, at: usize) -> Result<(), Trap> {
    let (d, s, n) = (ex.stack[at], ex.stack[at + 1], ex.stack[at + 2]);
    let seg = &ex.elems[inst.elems[elem as usize] as usize];
    let t = &mut ex.tables[inst.tables[table as usize] as usize];
    let dr = range(d, n, t.elems.len())?;
    let sr = range(s, n, seg.len())?;
    t.elems[dr].copy_from_slice(&seg[sr]);
    Ok(())
}
