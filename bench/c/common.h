/* Shared helpers for the C benchmark workloads: no libc, wasm32, freestanding. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef long long i64;
typedef unsigned long usize;

#define EXPORT(name) __attribute__((export_name(name)))
#define NOINLINE __attribute__((noinline))

/* A wrong answer must never be timed: trap. */
#define CHECK(cond)              \
    do {                         \
        if (!(cond))             \
            __builtin_trap();    \
    } while (0)

/* The compiler may emit calls to these for struct copies and zeroing. */
void *memcpy(void *dst, const void *src, usize n);
void *memset(void *dst, int c, usize n);

/* xorshift32: a deterministic pseudo-random sequence; the state must not be 0. */
static inline u32 xorshift32(u32 *s) {
    u32 x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    return x;
}

/* A bijective 32-bit mixer (murmur3's finalizer). */
static inline u32 mix32(u32 x) {
    x ^= x >> 16;
    x *= 0x85ebca6bu;
    x ^= x >> 13;
    x *= 0xc2b2ae35u;
    x ^= x >> 16;
    return x;
}

#endif
