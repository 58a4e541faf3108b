/* calls: virtual dispatch. 1024 objects of four classes, each with a vtable of function
 * pointers (area, perimeter, grow); n rounds call area and perimeter on every object and grow
 * on every 8th (so the objects change). The total is checked against a direct computation
 * (switch on the class) over a copy of the objects. Returns the total. */
#include "common.h"

#define NOBJ 1024

struct obj;
struct vtable {
    u32 (*area)(const struct obj *);
    u32 (*perimeter)(const struct obj *);
    void (*grow)(struct obj *, u32);
};
struct obj {
    const struct vtable *vt;
    u32 kind, a, b, c;
};

static NOINLINE u32 sq_area(const struct obj *o) { return o->a * o->a; }
static NOINLINE u32 sq_perim(const struct obj *o) { return 4 * o->a; }
static NOINLINE void sq_grow(struct obj *o, u32 d) { o->a += d; }
static NOINLINE u32 rect_area(const struct obj *o) { return o->a * o->b; }
static NOINLINE u32 rect_perim(const struct obj *o) { return 2 * (o->a + o->b); }
static NOINLINE void rect_grow(struct obj *o, u32 d) { o->a += d; o->b += 2 * d; }
static NOINLINE u32 tri_area(const struct obj *o) { return o->a * o->b / 2; }
static NOINLINE u32 tri_perim(const struct obj *o) { return o->a + o->b + o->c; }
static NOINLINE void tri_grow(struct obj *o, u32 d) { o->c += d; }
static NOINLINE u32 circ_area(const struct obj *o) { return 355 * o->a * o->a / 113; }
static NOINLINE u32 circ_perim(const struct obj *o) { return 710 * o->a / 113; }
static NOINLINE void circ_grow(struct obj *o, u32 d) { o->a ^= d; }

static const struct vtable vts[4] = {
    {sq_area, sq_perim, sq_grow},
    {rect_area, rect_perim, rect_grow},
    {tri_area, tri_perim, tri_grow},
    {circ_area, circ_perim, circ_grow},
};

static struct obj objs[NOBJ], copy[NOBJ];

static u32 direct_area(const struct obj *o) {
    switch (o->kind) {
    case 0: return o->a * o->a;
    case 1: return o->a * o->b;
    case 2: return o->a * o->b / 2;
    default: return 355 * o->a * o->a / 113;
    }
}
static u32 direct_perim(const struct obj *o) {
    switch (o->kind) {
    case 0: return 4 * o->a;
    case 1: return 2 * (o->a + o->b);
    case 2: return o->a + o->b + o->c;
    default: return 710 * o->a / 113;
    }
}
static void direct_grow(struct obj *o, u32 d) {
    switch (o->kind) {
    case 0: o->a += d; break;
    case 1: o->a += d; o->b += 2 * d; break;
    case 2: o->c += d; break;
    default: o->a ^= d; break;
    }
}

EXPORT("run") u32 run(u32 n) {
    u32 seed = 0xc0ffee;
    for (u32 i = 0; i < NOBJ; i++) {
        u32 k = xorshift32(&seed) & 3;
        objs[i].vt = &vts[k];
        objs[i].kind = k;
        objs[i].a = xorshift32(&seed) & 1023;
        objs[i].b = xorshift32(&seed) & 1023;
        objs[i].c = xorshift32(&seed) & 1023;
        copy[i] = objs[i];
    }
    u32 total = 0;
    for (u32 r = 0; r < n; r++)
        for (u32 i = 0; i < NOBJ; i++) {
            struct obj *o = &objs[i];
            total += o->vt->area(o) * 3 + o->vt->perimeter(o);
            if ((i + r) % 8 == 0)
                o->vt->grow(o, r & 15);
        }
    u32 want = 0;
    for (u32 r = 0; r < n; r++)
        for (u32 i = 0; i < NOBJ; i++) {
            struct obj *o = &copy[i];
            want += direct_area(o) * 3 + direct_perim(o);
            if ((i + r) % 8 == 0)
                direct_grow(o, r & 15);
        }
    CHECK(total == want);
    return total;
}
