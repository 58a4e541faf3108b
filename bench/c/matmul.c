/* compute: C = A * B for n x n matrices of u32 (wrapping arithmetic), n <= 256, i-k-j loop
 * order. Checked with Freivalds' test (C x == A (B x) for two pseudo-random vectors x).
 * Returns a position-weighted checksum of C. */
#include "common.h"

#define MAXN 256
static u32 A[MAXN * MAXN], B[MAXN * MAXN], C[MAXN * MAXN];
static u32 x[MAXN], bx[MAXN], abx[MAXN], cx[MAXN];

static NOINLINE void matmul(u32 n) {
    for (u32 i = 0; i < n * n; i++)
        C[i] = 0;
    for (u32 i = 0; i < n; i++)
        for (u32 k = 0; k < n; k++) {
            u32 a = A[i * n + k];
            u32 *crow = &C[i * n];
            const u32 *brow = &B[k * n];
            for (u32 j = 0; j < n; j++)
                crow[j] += a * brow[j];
        }
}

static NOINLINE void matvec(const u32 *m, const u32 *v, u32 *out, u32 n) {
    for (u32 i = 0; i < n; i++) {
        u32 s = 0;
        for (u32 j = 0; j < n; j++)
            s += m[i * n + j] * v[j];
        out[i] = s;
    }
}

EXPORT("run") u32 run(u32 n) {
    CHECK(n >= 1 && n <= MAXN);
    u32 seed = 0x12345678;
    for (u32 i = 0; i < n * n; i++) {
        A[i] = xorshift32(&seed) & 0xffff;
        B[i] = xorshift32(&seed);
    }
    matmul(n);
    for (int t = 0; t < 2; t++) {
        for (u32 i = 0; i < n; i++)
            x[i] = xorshift32(&seed);
        matvec(B, x, bx, n);
        matvec(A, bx, abx, n);
        matvec(C, x, cx, n);
        for (u32 i = 0; i < n; i++)
            CHECK(cx[i] == abx[i]);
    }
    u32 sum = 0;
    for (u32 i = 0; i < n * n; i++)
        sum += C[i] * (2 * i + 1);
    return sum;
}
