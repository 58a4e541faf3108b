/* recursion: recursive walks of a deep tree. The tree is a right spine of 3000 nodes, each with
 * a left chain of 0-5 nodes (about 10,500 nodes). n rounds: height(root), checked against the
 * height known from the construction (repeats every round: memo could replay it), and a
 * salted sum (salt = round, a new argument every round), checked against a loop over the node
 * array. The recursion is about 3000 frames deep. Returns the last sum plus the height. */
#include "common.h"

#define SPINE 3000
#define MAXNODES (SPINE * 6)
static i32 left[MAXNODES], right[MAXNODES];
static u32 val[MAXNODES];
static u32 nnodes;

static u32 new_node(u32 v) {
    left[nnodes] = -1;
    right[nnodes] = -1;
    val[nnodes] = v;
    return nnodes++;
}

static NOINLINE u32 height(i32 t) {
    if (t < 0)
        return 0;
    u32 l = height(left[t]), r = height(right[t]);
    return 1 + (l > r ? l : r);
}

static NOINLINE u32 wsum(i32 t, u32 salt) {
    if (t < 0)
        return 0;
    return (val[t] ^ salt) + wsum(left[t], salt) + wsum(right[t], salt);
}

EXPORT("run") u32 run(u32 n) {
    u32 seed = 0xdecade;
    nnodes = 0;
    u32 want_height = 0;
    i32 prev = -1, root = -1;
    for (u32 p = 0; p < SPINE; p++) {
        i32 s = (i32)new_node(xorshift32(&seed) & 0xffff);
        if (prev < 0)
            root = s;
        else
            right[prev] = s;
        prev = s;
        u32 chain = xorshift32(&seed) % 6;
        i32 at = s;
        for (u32 c = 0; c < chain; c++) {
            i32 m = (i32)new_node(xorshift32(&seed) & 0xffff);
            left[at] = m;
            at = m;
        }
        u32 h = p + 1 + chain;
        if (h > want_height)
            want_height = h;
    }
    u32 sum = 0, h = 0;
    for (u32 r = 0; r < n; r++) {
        h = height(root);
        CHECK(h == want_height);
        sum = wsum(root, r);
        u32 want = 0;
        for (u32 i = 0; i < nnodes; i++)
            want += val[i] ^ r;
        CHECK(sum == want);
    }
    return sum + h;
}
