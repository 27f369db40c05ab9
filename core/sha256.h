/* sha256.h — SHA-256 (FIPS 180-4), for the digest of a closed year's rows.
 * No allocation; a context is a plain struct on the caller's stack. */
#ifndef FX_SHA256_H
#define FX_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
    uint32_t h[8];
    uint64_t bytes; /* fed so far */
    unsigned char block[64];
    size_t used; /* bytes of block filled */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* The digest as 64 lowercase hex digits and a NUL; s is spent afterwards. */
void sha256_hex(struct sha256 *s, char out[65]);

#endif
