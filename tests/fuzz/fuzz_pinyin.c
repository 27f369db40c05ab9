/* fuzz_pinyin.c — libFuzzer target for core/pinyin.c: pinyin_match, pinyin_match_phone, pinyin_sort_key and
 * pinyin_collate on arbitrary text and query.
 * The input is split at its first NUL (or in the middle) into text and query. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pinyin.h"

#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        if (!(cond))                                                                                                   \
            abort();                                                                                                   \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, '\0', size);
    size_t tlen = nul ? (size_t)(nul - data) : size / 2;
    size_t qstart = nul ? tlen + 1 : tlen;
    char *text = malloc(tlen + 1), *query = malloc(size - qstart + 1);
    char initials[32], key[48], full[1024];

    if (!text || !query) {
        free(text);
        free(query);
        return 0;
    }
    memcpy(text, data, tlen);
    text[tlen] = '\0';
    memcpy(query, data + qstart, size - qstart);
    query[size - qstart] = '\0';

    bool m = pinyin_match(text, query);
    if (query[0] == '\0' || strstr(text, query))
        CHECK(m);
    CHECK(pinyin_match(text, text));
    CHECK(pinyin_match(text, ""));

    size_t n = pinyin_initials(text, initials, sizeof initials);
    CHECK(n < sizeof initials && strlen(initials) == n);
    for (size_t i = 0; i < n; i++)
        CHECK(initials[i] >= 'a' && initials[i] <= 'z');

    /* The phone match never reads past the strings; a digit query found verbatim matches. */
    bool phone = pinyin_match_phone(text, query);
    size_t qdigits = strspn(query, "0123456789");
    if (qdigits >= 4 && qdigits <= 32 && query[qdigits] == '\0' && strstr(text, query))
        CHECK(phone);

    /* The sort key: ASCII, cut like snprintf, and a cut key is a prefix of the whole one. */
    size_t klen = pinyin_sort_key(text, key, sizeof key);
    CHECK(strlen(key) == (klen < sizeof key ? klen : sizeof key - 1));
    for (const char *p = key; *p; p++)
        CHECK((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == ' ' || *p == '~');
    size_t flen = pinyin_sort_key(text, full, sizeof full);
    CHECK(flen == klen);
    if (flen < sizeof full)
        CHECK(strncmp(full, key, strlen(key)) == 0);

    /* The collation is a total order: antisymmetric, and 0 only for the same bytes. */
    size_t qlen = strlen(query);
    int ab = pinyin_collate(text, tlen, query, qlen), ba = pinyin_collate(query, qlen, text, tlen);
    CHECK(ab == -ba && ab >= -1 && ab <= 1);
    CHECK((ab == 0) == (tlen == qlen && memcmp(text, query, tlen) == 0));
    CHECK(pinyin_collate(text, tlen, text, tlen) == 0);

    free(text);
    free(query);
    return 0;
}
