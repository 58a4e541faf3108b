/* The two memory helpers clang may call on its own (struct copies, zeroing). Compiled with
 * -fno-builtin so these loops are not turned back into calls to themselves. */
#include "common.h"

void *memcpy(void *dst, const void *src, usize n) {
    u8 *d = dst;
    const u8 *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memset(void *dst, int c, usize n) {
    u8 *d = dst;
    while (n--)
        *d++ = (u8)c;
    return dst;
}
