/* memory: an open-addressing hash table (linear probing, power-of-two capacity, load <= 1/2)
 * of u32 keys to u32 values. Inserts n distinct keys, updates every third, looks up 2n keys
 * (half present), deletes every other inserted key (backward-shift deletion, no tombstones)
 * and looks all of them up again. Every answer is checked. Returns a checksum of the values
 * found. */
#include "common.h"

#define MAXCAP (1 << 21)
static u32 keys[MAXCAP];
static u32 vals[MAXCAP];
static u8 used[MAXCAP];
static u32 cap, mask;

static inline u32 slot_of(u32 k) { return mix32(k * 0x9e3779b1u) & mask; }

static NOINLINE void insert(u32 k, u32 v) {
    u32 s = slot_of(k);
    while (used[s]) {
        if (keys[s] == k) {
            vals[s] = v;
            return;
        }
        s = (s + 1) & mask;
    }
    used[s] = 1;
    keys[s] = k;
    vals[s] = v;
}

/* Returns 1 and the value if found. */
static NOINLINE int lookup(u32 k, u32 *v) {
    u32 s = slot_of(k);
    while (used[s]) {
        if (keys[s] == k) {
            *v = vals[s];
            return 1;
        }
        s = (s + 1) & mask;
    }
    return 0;
}

static NOINLINE int erase(u32 k) {
    u32 s = slot_of(k);
    while (used[s] && keys[s] != k)
        s = (s + 1) & mask;
    if (!used[s])
        return 0;
    /* backward-shift: move later entries of the run into the hole when that keeps them
     * reachable from their home slot */
    u32 hole = s;
    u32 j = s;
    for (;;) {
        j = (j + 1) & mask;
        if (!used[j])
            break;
        u32 home = slot_of(keys[j]);
        /* may move if home is not cyclically in (hole, j] */
        int in_range = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!in_range) {
            keys[hole] = keys[j];
            vals[hole] = vals[j];
            hole = j;
        }
    }
    used[hole] = 0;
    return 1;
}

static u32 key(u32 i) { return mix32(i + 1); } /* distinct: mix32 is a bijection */

EXPORT("run") u32 run(u32 n) {
    cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    CHECK(cap <= MAXCAP);
    mask = cap - 1;
    for (u32 i = 0; i < cap; i++)
        used[i] = 0;

    for (u32 i = 0; i < n; i++)
        insert(key(i), i);
    for (u32 i = 0; i < n; i += 3)
        insert(key(i), i * 5 + 1);

    u32 found = 0, sum = 0;
    for (u32 i = 0; i < 2 * n; i++) {
        u32 v;
        if (lookup(key(i), &v)) {
            CHECK(i < n);
            CHECK(v == (i % 3 == 0 ? i * 5 + 1 : i));
            found++;
            sum += v * (i | 1);
        } else {
            CHECK(i >= n);
        }
    }
    CHECK(found == n);

    for (u32 i = 0; i < n; i += 2)
        CHECK(erase(key(i)));
    for (u32 i = 0; i < n; i++) {
        u32 v;
        int hit = lookup(key(i), &v);
        CHECK(hit == (int)(i & 1));
        if (hit)
            sum ^= v + i;
    }
    return sum;
}
