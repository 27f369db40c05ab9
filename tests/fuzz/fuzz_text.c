/* fuzz_text.c — libFuzzer target for core/text.c: whatever the bytes, output is safe to draw.
 * Checks the promises screens rely on: valid UTF-8, no controls, never wider than asked. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        if (!(cond))                                                                                                   \
            abort();                                                                                                   \
    } while (0)

static void check_sanitized(const char *s, size_t dstsz)
{
    size_t n = strlen(s);

    CHECK(n < dstsz);
    CHECK(text_valid_utf8(s, n));
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        CHECK(c >= 0x20 && c != 0x7F);
        /* No C1 control either (U+0080..U+009F is C2 80..C2 9F). */
        if (c == 0xC2 && i + 1 < n)
            CHECK((unsigned char)s[i + 1] >= 0xA0);
    }
    /* No bidi control, zero-width or other invisible character either (issue 21), nor a line separator. */
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += text_decode(s + i, n - i, &cp);
        CHECK(!text_cp_invisible(cp) && cp != 0x2028 && cp != 0x2029);
    }
}

static void check_fit(const char *s, size_t len)
{
    static const int widths[] = {0, 1, 2, 3, 4, 7, 20, 80};
    static const size_t sizes[] = {1, 2, 4, 5, 16, 512};
    char dst[512], prefix[512];

    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
        int cols = widths[w], used = -1;
        size_t n = text_fit_columns(s, cols, &used);

        CHECK(n <= len && used >= 0 && used <= cols);
        if (n < sizeof prefix) {
            memcpy(prefix, s, n);
            prefix[n] = '\0';
            CHECK(text_width(prefix) == used);
        }
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
            int got = text_fit(dst, sizes[z], s, cols);
            size_t dlen = strlen(dst);

            CHECK(dlen < sizes[z]);
            CHECK(text_valid_utf8(dst, dlen));
            CHECK(got == text_width(dst) && got <= cols);
            if (cols > 0 && sizes[z] == sizeof dst && len < 100 && text_width(s) <= cols)
                CHECK(got == text_width(s)); /* no needless cut */

            got = text_fit_pad(dst, sizes[z], s, cols, (char)"lrc"[z % 3]);
            dlen = strlen(dst);
            CHECK(dlen < sizes[z]);
            CHECK(text_valid_utf8(dst, dlen));
            CHECK(got == text_width(dst) && got <= cols);
            if (sizes[z] == sizeof dst && len < 100)
                CHECK(got == cols);
        }
    }
}

static void check_roundtrip(const char *s, size_t len)
{
    /* Valid input decodes and re-encodes to itself. */
    size_t pos = 0;

    if (!text_valid_utf8(s, len))
        return;
    while (pos < len) {
        char buf[4];
        uint32_t cp;
        size_t n = text_decode(s + pos, len - pos, &cp);
        CHECK(n >= 1 && n <= 4);
        CHECK(text_encode(cp, buf) == n && memcmp(buf, s + pos, n) == 0);
        pos += n;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1), *out;
    size_t len, outsz = size * 3 + 1;

    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    len = strlen(s); /* the API takes C strings: stop at an embedded NUL */

    (void)text_valid_utf8((const char *)data, size);
    check_roundtrip(s, len);

    out = malloc(outsz);
    if (out) {
        check_sanitized(text_sanitize(out, outsz, s), outsz);
        /* Sanitising is idempotent. */
        char *again = malloc(outsz);
        if (again) {
            CHECK(strcmp(text_sanitize(again, outsz, out), out) == 0);
            free(again);
        }
        check_sanitized(text_sanitize(out, 7, s), 7);
        /* What the door lets in (text_check) is shown unchanged: the sanitiser only touches what it refuses. */
        if (text_check(s, 0, 0) == TEXT_FINE)
            CHECK(strcmp(text_sanitize(out, outsz, s), s) == 0);
        /* With line breaks kept (CSV): no control but \n and \t, nothing invisible, and it passes the door. */
        text_clean(out, outsz, s, TEXT_KEEP_LINES);
        CHECK(text_check(out, 0, TEXT_KEEP_LINES) == TEXT_FINE);
        check_fit(s, len);
        free(out);
    }

    text_trim(s);
    len = strlen(s);
    if (len > 0) {
        CHECK(s[0] != ' ' && s[len - 1] != ' ');
        CHECK(!(len >= 3 && memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0));
    }
    free(s);
    return 0;
}
