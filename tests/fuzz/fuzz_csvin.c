/* fuzz_csvin.c — libFuzzer target for core/csvin.c: whatever the bytes, records are safe text.
 * Checks what imports rely on: valid UTF-8 fields, no controls but tab/CR/LF, limits kept, lines rising. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "text.h"

#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        if (!(cond))                                                                                                   \
            abort();                                                                                                   \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csvin *c;
    struct fx_error err;

    fx_clear(&err);
    if (csvin_open_mem((const char *)data, size, "fuzz.csv", &c, &err) != 0)
        return 0;
    /* Small limits on odd inputs so the limit paths are reached too. */
    if (size > 0 && data[0] & 1)
        csvin_set_limits(c, 16, 64);
    int last_line = 0;
    for (int guard = 0; guard < 100000; guard++) {
        int rc = csvin_read(c, &err);
        if (rc == CSVIN_EOF || rc == CSVIN_FATAL) {
            CHECK(rc == CSVIN_EOF || strstr(err.msg, "fuzz.csv") != NULL);
            break;
        }
        CHECK(rc == CSVIN_RECORD || rc == CSVIN_BAD);
        CHECK(csvin_line(c) >= last_line && csvin_line(c) >= 1);
        last_line = csvin_line(c);
        if (rc == CSVIN_BAD) {
            CHECK(strstr(err.msg, "fuzz.csv") != NULL);
            continue;
        }
        CHECK(csvin_count(c) >= 1 && csvin_count(c) <= CSVIN_MAX_FIELDS);
        for (int i = 0; i < csvin_count(c); i++) {
            const char *f = csvin_field(c, i);
            size_t n = strlen(f);
            CHECK(n <= CSVIN_MAX_FIELD);
            CHECK(text_valid_utf8(f, n));
            for (size_t k = 0; k < n; k++) {
                unsigned char b = (unsigned char)f[k];
                CHECK(b >= 0x20 || b == '\t' || b == '\r' || b == '\n');
                CHECK(b != 0x7F);
            }
        }
        CHECK(csvin_field(c, csvin_count(c))[0] == '\0');
    }
    csvin_close(c);
    return 0;
}
