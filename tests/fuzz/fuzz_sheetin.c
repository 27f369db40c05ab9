/* fuzz_sheetin.c — libFuzzer target for core/sheetin.c and its .xlsx/.xls readers: whatever the bytes,
 * rows are safe text. The readers are linked in (see the Makefile), not loaded from the module. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sheetin.h"
#include "text.h"

#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        if (!(cond))                                                                                                   \
            abort();                                                                                                   \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sheetin *s = NULL;
    struct fx_error err;

    fx_clear(&err);
    /* The last byte picks a sheet and small limits, so those paths are reached too. */
    uint8_t last = size ? data[size - 1] : 0;
    const char *sheet = last & 2 ? "2" : last & 4 ? "名册" : NULL;
    if (sheetin_open_mem(data, size, "fuzz.xlsx", sheet, &s, &err) != 0) {
        CHECK(s == NULL);
        CHECK(err.code != 0 && strstr(err.msg, "fuzz.xlsx") != NULL);
        return 0;
    }
    if (last & 1)
        sheetin_set_limits(s, 16, 64);
    CHECK(text_valid_utf8(sheetin_sheet(s), strlen(sheetin_sheet(s))));
    int last_line = 0;
    for (int guard = 0; guard < 200000; guard++) {
        fx_clear(&err);
        int rc = sheetin_read(s, &err);
        if (rc == CSVIN_EOF)
            break;
        CHECK(strstr(err.msg, "fuzz.xlsx") != NULL || rc == CSVIN_RECORD);
        if (rc == CSVIN_FATAL)
            break;
        CHECK(rc == CSVIN_RECORD || rc == CSVIN_BAD);
        CHECK(sheetin_line(s) > last_line);
        last_line = sheetin_line(s);
        if (rc == CSVIN_BAD)
            continue;
        CHECK(sheetin_count(s) >= 1 && sheetin_count(s) <= CSVIN_MAX_FIELDS);
        int nonempty = 0;
        for (int i = 0; i < sheetin_count(s); i++) {
            const char *f = sheetin_field(s, i);
            size_t n = strlen(f);
            nonempty += n > 0;
            CHECK(n <= CSVIN_MAX_FIELD);
            CHECK(text_valid_utf8(f, n));
            for (size_t k = 0; k < n; k++) {
                unsigned char b = (unsigned char)f[k];
                CHECK(b >= 0x20 || b == '\t' || b == '\r' || b == '\n');
                CHECK(b != 0x7F);
            }
        }
        CHECK(nonempty > 0); /* empty rows are skipped */
        CHECK(sheetin_field(s, sheetin_count(s))[0] == '\0');
    }
    sheetin_close(s);
    return 0;
}
