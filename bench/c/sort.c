/* memory: quicksort (median of three, insertion sort below 16) of n pseudo-random u32, then
 * heapsort of another n. Each result is checked: sorted, and the same multiset (sum and sum of
 * mixed values). Returns a position-weighted checksum of both sorted arrays. */
#include "common.h"

#define MAXN (1 << 20)
static u32 a[MAXN];

static void insertion(u32 *v, i32 lo, i32 hi) {
    for (i32 i = lo + 1; i <= hi; i++) {
        u32 x = v[i];
        i32 j = i - 1;
        while (j >= lo && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static NOINLINE void quicksort(u32 *v, i32 lo, i32 hi) {
    while (hi - lo >= 16) {
        i32 mid = lo + (hi - lo) / 2;
        u32 t;
        if (v[mid] < v[lo]) { t = v[mid]; v[mid] = v[lo]; v[lo] = t; }
        if (v[hi] < v[lo]) { t = v[hi]; v[hi] = v[lo]; v[lo] = t; }
        if (v[hi] < v[mid]) { t = v[hi]; v[hi] = v[mid]; v[mid] = t; }
        u32 pivot = v[mid];
        i32 i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) {
                t = v[i]; v[i] = v[j]; v[j] = t;
                i++;
                j--;
            }
        }
        /* recurse into the smaller side, loop on the larger */
        if (j - lo < hi - i) {
            quicksort(v, lo, j);
            lo = i;
        } else {
            quicksort(v, i, hi);
            hi = j;
        }
    }
    insertion(v, lo, hi);
}

static NOINLINE void sift(u32 *v, u32 root, u32 n) {
    u32 x = v[root];
    for (;;) {
        u32 child = 2 * root + 1;
        if (child >= n)
            break;
        if (child + 1 < n && v[child + 1] > v[child])
            child++;
        if (v[child] <= x)
            break;
        v[root] = v[child];
        root = child;
    }
    v[root] = x;
}

static NOINLINE void heapsort(u32 *v, u32 n) {
    for (u32 i = n / 2; i-- > 0;)
        sift(v, i, n);
    for (u32 end = n; end-- > 1;) {
        u32 t = v[0];
        v[0] = v[end];
        v[end] = t;
        sift(v, 0, end);
    }
}

static void fill(u32 n, u32 seed, u32 *sum, u32 *msum) {
    *sum = 0;
    *msum = 0;
    for (u32 i = 0; i < n; i++) {
        u32 x = xorshift32(&seed);
        if (i % 7 == 3)
            x &= 0xff; /* plenty of duplicates */
        a[i] = x;
        *sum += x;
        *msum += mix32(x);
    }
}

static u32 verify(u32 n, u32 sum, u32 msum) {
    u32 s = 0, m = 0, w = 0;
    for (u32 i = 0; i < n; i++) {
        if (i > 0)
            CHECK(a[i - 1] <= a[i]);
        s += a[i];
        m += mix32(a[i]);
        w += a[i] * (i + 1);
    }
    CHECK(s == sum && m == msum);
    return w;
}

EXPORT("run") u32 run(u32 n) {
    CHECK(n >= 1 && n <= MAXN);
    u32 sum, msum;
    fill(n, 0x9e3779b9, &sum, &msum);
    quicksort(a, 0, (i32)n - 1);
    u32 w1 = verify(n, sum, msum);
    fill(n, 0x7f4a7c15, &sum, &msum);
    heapsort(a, n);
    u32 w2 = verify(n, sum, msum);
    return w1 ^ (w2 * 31);
}
