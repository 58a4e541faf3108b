/* repeated: number formatting. n times, format one of 16 fixed values (signed decimal) into a
 * fixed buffer with itoa, parse it back with atoi and check the round trip, and fold the
 * digits into a checksum. itoa is called with only 16 distinct argument pairs and keeps no
 * stack buffer, so memo can replay it. Returns the checksum. */
#include "common.h"

static const i32 values[16] = {0,      7,           -1,         42,     1000,   -99999,  2147483647, (i32)0x80000000,
                               123456789, 65535,   -32768,     10,     99,     314159,  -271828,    1 << 20};
static char buf[16];

/* Writes the decimal form of v (no terminator) to out; returns its length. */
static NOINLINE u32 itoa(i32 v, char *out) {
    u32 len = 0;
    u32 u = (u32)v;
    if (v < 0) {
        out[len++] = '-';
        u = 0u - u;
    }
    u32 digits = 1;
    for (u32 t = u; t >= 10; t /= 10)
        digits++;
    len += digits;
    for (u32 i = len; digits > 0; digits--) {
        out[--i] = (char)('0' + u % 10);
        u /= 10;
    }
    return len;
}

static NOINLINE i32 atoi(const char *s, u32 len) {
    u32 i = 0, neg = 0, u = 0;
    if (s[0] == '-') {
        neg = 1;
        i = 1;
    }
    for (; i < len; i++) {
        CHECK(s[i] >= '0' && s[i] <= '9');
        u = u * 10 + (u32)(s[i] - '0');
    }
    return (i32)(neg ? 0u - u : u);
}

EXPORT("run") u32 run(u32 n) {
    u32 sum = 0;
    for (u32 i = 0; i < n; i++) {
        i32 v = values[(i * 7) & 15];
        u32 len = itoa(v, buf);
        CHECK(len >= 1 && len <= 11);
        CHECK(atoi(buf, len) == v);
        for (u32 j = 0; j < len; j++)
            sum = sum * 31 + (u8)buf[j];
    }
    return sum;
}
