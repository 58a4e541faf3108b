//! Table access for the interpreter: `call_indirect` resolution and the table instructions,
//! with the spec's bounds-check-before-write semantics. Tables are named by store id, so
//! memo replay applies recorded effects through the same functions.

use super::Executor;
use crate::error::Trap;
use crate::module::CompiledFunc;
use crate::store::{FuncEntity, InstanceEntity, TableEntity};

fn range(start: u64, len: u64, size: usize) -> Result<std::ops::Range<usize>, Trap> {
    let (start, len) = (start as u32 as usize, len as u32 as usize);
    let end = start.checked_add(len).filter(|&e| e <= size).ok_or(Trap::TableOutOfBounds)?;
    Ok(start..end)
}

/// The store function that `call_indirect` with side-table entry `sig` calls for `index`.
pub(super) fn indirect_callee(
    tables: &[TableEntity],
    funcs: &[FuncEntity],
    inst: &InstanceEntity,
    func: &CompiledFunc,
    index: u32,
    sig: u32,
) -> Result<u32, Trap> {
    let (table, type_id, _) = func.indirect[sig as usize];
    let t = &tables[inst.tables[table as usize] as usize];
    let cell = *t.elems.get(index as usize).ok_or(Trap::UndefinedElement)?;
    let f = cell.checked_sub(1).ok_or(Trap::UninitializedElement)? as u32;
    if funcs[f as usize].type_id != type_id {
        return Err(Trap::IndirectCallTypeMismatch);
    }
    Ok(f)
}

pub(super) fn get(ex: &Executor<'_>, t: u32, index: u64) -> Result<u64, Trap> {
    ex.tables[t as usize].elems.get(index as u32 as usize).copied().ok_or(Trap::TableOutOfBounds)
}

pub(super) fn set(ex: &mut Executor<'_>, t: u32, index: u64, val: u64) -> Result<(), Trap> {
    *ex.tables[t as usize].elems.get_mut(index as u32 as usize).ok_or(Trap::TableOutOfBounds)? = val;
    Ok(())
}

/// `table.grow`: the old size, or -1 (as u32) when it cannot grow.
pub(super) fn grow(ex: &mut Executor<'_>, t: u32, init: u64, n: u32) -> u32 {
    let t = &mut ex.tables[t as usize];
    let old = t.elems.len() as u32;
    let max = t.ty.max.unwrap_or(u32::MAX);
    // Tables are capped at 10 million entries to bound host memory.
    match old.checked_add(n).filter(|&s| s <= max && s <= 10_000_000) {
        Some(new) => {
            t.elems.resize(new as usize, init);
            old
        }
        None => u32::MAX,
    }
}

/// `table.fill` of `n` entries from `i` with `val`.
pub(super) fn fill(ex: &mut Executor<'_>, t: u32, i: u64, val: u64, n: u64) -> Result<(), Trap> {
    let t = &mut ex.tables[t as usize];
    let r = range(i, n, t.elems.len())?;
    t.elems[r].fill(val);
    Ok(())
}

/// `table.copy` of `n` entries from `s` in table `st` to `d` in `dt`; they may be one table.
pub(super) fn copy(ex: &mut Executor<'_>, dt: u32, st: u32, d: u64, s: u64, n: u64) -> Result<(), Trap> {
    let (dt, st) = (dt as usize, st as usize);
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

/// `table.init` of `n` entries from `s` in element segment `e` to `d` in table `t`.
pub(super) fn init(ex: &mut Executor<'_>, t: u32, e: u32, d: u64, s: u64, n: u64) -> Result<(), Trap> {
    let seg = &ex.elems[e as usize];
    let t = &mut ex.tables[t as usize];
    let dr = range(d, n, t.elems.len())?;
    let sr = range(s, n, seg.len())?;
    t.elems[dr].copy_from_slice(&seg[sr]);
    Ok(())
}
