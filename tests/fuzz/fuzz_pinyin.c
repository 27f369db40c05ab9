/* fuzz_pinyin.c — libFuzzer target for core/pinyin.c: pinyin_match on arbitrary text and query.
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
    char initials[32];

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

    free(text);
    free(query);
    return 0;
}
