#!/usr/bin/env python3
# gen_pinyin.py — writes core/pinyin_table.c, the pinyin initials of Han characters for core/pinyin.c,
# and (with --syllables) core/pinyin_syllables.c, every reading of each character as a toneless syllable.
# Rerun from the repository root:
#   python3 core/gen/gen_pinyin.py [Unihan_Readings.txt[.bz2]] > core/pinyin_table.c
#   python3 core/gen/gen_pinyin.py --syllables [Unihan_Readings.txt[.bz2]] > core/pinyin_syllables.c
# The input defaults to /usr/share/unicode/Unihan_Readings.txt (or .txt.bz2), from
# the Debian package unicode-data. The build never needs it: the output is committed.
#
# Every Mandarin reading field of Unihan is merged (kMandarin, kHanyuPinlu,
# kXHC1983, kTGHZ2013, kHanyuPinyin), because surnames are often the rarer
# reading: 曾 is céng in kMandarin but the surname Zēng only in the
# dictionaries, 单 the surname Shàn, 区 Ōu, 解 Xiè, 仇 Qiú, 尉 Yù.
# The initial of a syllable is its first letter with the tone mark taken off
# (zh/ch/sh count as z/c/s, as in the usual 拼音首字母 search; ê → e, ḿ → m).
#
# Output layout (kept compact: about one source byte per character):
#  - dense blocks (Ext A, URO, Ext B): one char per code point in rows of 256:
#    ' ' no reading; 'a'..'z' the only initial; 'A'..'Z' the first reading's
#    initial, the character has others: look it up in `multi`;
#  - `multi`, sorted by code point: all initials (bits 0-25) and the first
#    reading's initial (bits 27-31, 1 = 'a') of the polyphonic characters and
#    of every character outside the dense blocks (〇, Ext C-G, compatibility).
#
# Syllables (--syllables): the tone marks are taken off (zhāng → zhang), ü is
# written v (lǜ → lv), and a character's readings are deduplicated in the
# order above, so the first is kMandarin's. About 420 distinct syllables, in
# one sorted table; a syllable is then a 2-character code in a string:
#    c1 = ALPHA[2 * (index // 32) + more], c2 = ALPHA[index % 32],
# more = 1 when another reading of the same character follows. In the dense
# blocks every row of 64 code points is one string holding, code point by
# code point, its readings' codes, or ALPHA[28 + n - 1] for a run of n
# (1..63) code points without a reading. Outside the dense blocks a sorted
# list gives each character its string of codes.

import bz2
import os
import sys
import unicodedata

FIELDS_FIRST_ORDER = ('kMandarin', 'kHanyuPinlu', 'kXHC1983', 'kTGHZ2013', 'kHanyuPinyin')
DENSE = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2A6DF))
# Readings Unihan does not give but names and dates need: 〇 as in 二〇二四.
EXTRA = {0x3007: ['líng']}
ROW = 256


def open_input(path):
    if path is None:
        path = '/usr/share/unicode/Unihan_Readings.txt'
        if not os.path.exists(path):
            path += '.bz2'
    if path.endswith('.bz2'):
        return path, bz2.open(path, 'rt', encoding='utf-8')
    return path, open(path, encoding='utf-8')


def syllables(field, value):
    """The readings of one field, in the order the field gives them."""
    out = []
    for entry in value.split():
        if field == 'kMandarin':
            out.append(entry)
        elif field == 'kHanyuPinlu':          # lè(283)
            out.append(entry.split('(')[0])
        else:                                 # 0683.040:lè or 10109.030:qiú,chóu
            out.extend(entry.split(':', 1)[1].split(','))
    return out


def initial(syllable):
    c = unicodedata.normalize('NFD', syllable).lower()[:1]
    return c if 'a' <= c <= 'z' else None


ALPHA = ''.join(c for c in map(chr, range(0x21, 0x7F)) if c not in '"\\?')
SYL_ROW = 64
MAX_READINGS = 8


def toneless(syllable):
    s = unicodedata.normalize('NFD', syllable.lower()).replace('u\u0308', 'v')
    s = ''.join(c for c in s if 'a' <= c <= 'z')
    return s or None


def c_string(chars):
    # Only letters and spaces occur, nothing needs escaping.
    return '"' + chars + '"'


def read_table(arg):
    path, f = open_input(arg)
    readings = {}
    version = 'unknown'
    with f:
        for line in f:
            if line.startswith('# Unicode version:'):
                version = line.split(':', 1)[1].strip()
            if not line.startswith('U+'):
                continue
            cp, field, value = line.rstrip('\n').split('\t', 2)
            if field in FIELDS_FIRST_ORDER:
                readings.setdefault(int(cp[2:], 16), {})[field] = value

    table = {}  # cp -> its syllables, the first reading first
    for cp, fields in readings.items():
        ordered = []
        for field in FIELDS_FIRST_ORDER:
            if field in fields:
                ordered.extend(syllables(field, fields[field]))
        table[cp] = ordered
    for cp, extra in EXTRA.items():
        table.setdefault(cp, []).extend(extra)
    return version, table


def main_syllables(arg):
    version, table = read_table(arg)
    per = {}
    for cp, sylls in table.items():
        out = []
        for t in map(toneless, sylls):
            if t and t not in out:
                out.append(t)
        if out:
            per[cp] = out
    names = sorted({t for v in per.values() for t in v})
    assert len(names) <= 14 * 32 and max(map(len, names)) <= 6
    assert max(map(len, per.values())) <= MAX_READINGS
    index = {t: i for i, t in enumerate(names)}

    def codes(sylls):
        out = []
        for k, t in enumerate(sylls):
            i = index[t]
            more = 1 if k + 1 < len(sylls) else 0
            out.append(ALPHA[2 * (i // 32) + more] + ALPHA[i % 32])
        return ''.join(out)

    def in_dense(cp):
        return any(a <= cp <= b for a, b in DENSE)

    out = sys.stdout
    out.write('/* generated by core/gen/gen_pinyin.py --syllables — do not edit.\n'
              ' * Every Mandarin reading of Unihan %s as a toneless syllable (ü as v);\n'
              ' * rerun: python3 core/gen/gen_pinyin.py --syllables > core/pinyin_syllables.c\n'
              ' * The encoding is described in core/gen/gen_pinyin.py. */\n' % version)
    out.write('#include "pinyin.h"\n\n#include <string.h>\n\n')
    out.write('/* clang-format off */\n')
    out.write('static const char names[%d][7] = {\n' % len(names))
    for i in range(0, len(names), 10):
        out.write('    ' + ' '.join('"%s",' % t for t in names[i:i + 10]) + '\n')
    out.write('};\n\n')
    rows = []
    blocks = []
    for lo, hi in DENSE:
        blocks.append((lo, hi, len(rows)))
        for r in range(lo, hi + 1, SYL_ROW):
            parts, gap = [], 0
            for cp in range(r, min(r + SYL_ROW, hi + 1)):
                if cp in per:
                    if gap:
                        parts.append(ALPHA[28 + gap - 1])
                        gap = 0
                    parts.append(codes(per[cp]))
                else:
                    gap += 1
            if gap:
                parts.append(ALPHA[28 + gap - 1])
            rows.append(''.join(parts))
    out.write('/* Rows of %d code points of the dense blocks. */\n' % SYL_ROW)
    out.write('static const char *const rows[%d] = {\n' % len(rows))
    for row in rows:
        out.write('    ' + c_string(row) + ',\n')
    out.write('};\n\n')
    out.write('static const struct syl_block {\n'
              '    uint32_t first, last, row;\n'
              '} blocks[] = {\n')
    for lo, hi, row in blocks:
        out.write('    {0x%05X, 0x%05X, %d},\n' % (lo, hi, row))
    out.write('};\n\n')
    sparse = sorted(cp for cp in per if not in_dense(cp))
    out.write('/* Characters outside the dense blocks, sorted by code point. */\n')
    out.write('static const struct syl_sparse {\n'
              '    uint32_t cp;\n'
              '    const char *codes;\n'
              '} sparse[%d] = {\n' % len(sparse))
    for i in range(0, len(sparse), 5):
        out.write('    ' + ' '.join('{0x%X,%s},' % (cp, c_string(codes(per[cp])))
                                    for cp in sparse[i:i + 5]) + '\n')
    out.write('};\n\n')
    out.write('/* clang-format on */\n\n')
    out.write(SYLLABLE_CODE % {'row': SYL_ROW})


SYLLABLE_CODE = r'''/* The position of c in alpha (printable ASCII without " ? \), or -1. */
static int value(char c)
{
    if (c < 0x21 || c > 0x7E || c == '"' || c == '?' || c == '\\')
        return -1;
    return c - 0x21 - (c > '"') - (c > '?') - (c > '\\');
}

/* Decode the codes at p into out (at most max); returns the number of
 * readings, or 0 for a malformed string. */
static size_t decode(const char *p, uint16_t *out, size_t max)
{
    size_t n = 0;

    for (;;) {
        int hi = value(p[0]), lo = hi >= 0 && hi < 28 ? value(p[1]) : -1;
        if (lo < 0 || lo >= 32)
            return 0;
        if (n < max)
            out[n] = (uint16_t)((hi / 2) * 32 + lo);
        n++;
        if (!(hi & 1))
            return n < max ? n : max;
        p += 2;
    }
}

/* The codes of cp in the dense row starting at row_cp, or NULL. */
static const char *row_find(const char *p, uint32_t off)
{
    while (*p) {
        int v = value(*p);
        if (v < 0)
            return NULL;
        if (v >= 28) { /* a run of code points without a reading */
            uint32_t gap = (uint32_t)(v - 28 + 1);
            if (off < gap)
                return NULL;
            off -= gap;
            p++;
            continue;
        }
        if (off == 0)
            return p;
        off--;
        while (value(*p) >= 0 && value(*p) < 28 && (value(*p) & 1))
            p += 2; /* readings with more to follow */
        p += 2;
    }
    return NULL;
}

static const char *codes_of(uint32_t cp)
{
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
        if (cp < blocks[i].first || cp > blocks[i].last)
            continue;
        uint32_t off = cp - blocks[i].first;
        return row_find(rows[blocks[i].row + off / %(row)d], off %% %(row)d);
    }
    size_t lo = 0, hi = sizeof sparse / sizeof sparse[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sparse[mid].cp < cp)
            lo = mid + 1;
        else if (sparse[mid].cp > cp)
            hi = mid;
        else
            return sparse[mid].codes;
    }
    return NULL;
}

size_t pinyin_readings(uint32_t cp, uint16_t *out, size_t max)
{
    const char *codes = cp >= 0x3000 ? codes_of(cp) : NULL;
    return codes ? decode(codes, out, max) : 0;
}

const char *pinyin_syllable(unsigned idx)
{
    return idx < sizeof names / sizeof names[0] ? names[idx] : NULL;
}
'''


def main():
    args = sys.argv[1:]
    if args and args[0] == '--syllables':
        main_syllables(args[1] if len(args) > 1 else None)
        return
    version, table = read_table(args[0] if args else None)
    info = {}
    for cp, sylls in table.items():
        inits = [i for i in map(initial, sylls) if i]
        if not inits:
            continue
        mask = 0
        for i in inits:
            mask |= 1 << (ord(i) - ord('a'))
        info[cp] = (inits[0], mask)

    def in_dense(cp):
        return any(a <= cp <= b for a, b in DENSE)

    multi = sorted(cp for cp, (first, mask) in info.items()
                   if not in_dense(cp) or mask != 1 << (ord(first) - ord('a')))
    in_multi = set(multi)

    out = sys.stdout
    out.write('/* generated by core/gen/gen_pinyin.py — do not edit.\n'
              ' * Pinyin initials of Han characters, all Mandarin readings of Unihan %s;\n'
              ' * rerun: python3 core/gen/gen_pinyin.py > core/pinyin_table.c */\n'
              % version)
    out.write('#include "pinyin.h"\n\n')
    out.write('/* clang-format off */\n')
    out.write('/* Dense blocks, one char per code point: \' \' no reading, \'a\'..\'z\' the\n'
              ' * only initial, \'A\'..\'Z\' the first reading\'s initial of a polyphonic\n'
              ' * character whose other initials are in multi[]. */\n')
    names = []
    for lo, hi in DENSE:
        chars = []
        for cp in range(lo, hi + 1):
            if cp not in info:
                chars.append(' ')
            else:
                first, mask = info[cp]
                chars.append(first.upper() if cp in in_multi else first)
        rows = (len(chars) + ROW - 1) // ROW
        name = 'block_%04x' % lo
        names.append((lo, hi, name))
        out.write('static const char %s[%d][%d] = {\n' % (name, rows, ROW + 1))
        for r in range(rows):
            out.write('    ' + c_string(''.join(chars[r * ROW:(r + 1) * ROW])) + ',\n')
        out.write('};\n\n')

    out.write('static const struct dense_block {\n'
              '    uint32_t first, last;\n'
              '    const char (*rows)[%d];\n'
              '} dense[] = {\n' % (ROW + 1))
    for lo, hi, name in names:
        out.write('    {0x%05X, 0x%05X, %s},\n' % (lo, hi, name))
    out.write('};\n\n')

    out.write('/* Polyphonic characters and those outside the dense blocks: bits 0-25\n'
              ' * every initial, bits 27-31 the first reading\'s initial (1 = \'a\'). */\n')
    out.write('static const struct multi_initials {\n'
              '    uint32_t cp, bits;\n'
              '} multi[%d] = {\n' % len(multi))
    for i in range(0, len(multi), 5):
        row = []
        for cp in multi[i:i + 5]:
            first, mask = info[cp]
            row.append('{0x%X,0x%X},' % (cp, mask | ((ord(first) - ord('a') + 1) << 27)))
        out.write('    ' + ' '.join(row) + '\n')
    out.write('};\n\n')

    out.write('/* clang-format on */\n\n')
    out.write(r'''static uint32_t multi_lookup(uint32_t cp)
{
    size_t lo = 0, hi = sizeof multi / sizeof multi[0];

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (multi[mid].cp < cp)
            lo = mid + 1;
        else if (multi[mid].cp > cp)
            hi = mid;
        else
            return multi[mid].bits;
    }
    return 0;
}

/* Bits 0-25 all initials, bits 27-31 the first one (1 = 'a'); 0 if none. */
static uint32_t han_lookup(uint32_t cp)
{
    for (size_t i = 0; i < sizeof dense / sizeof dense[0]; i++) {
        if (cp < dense[i].first || cp > dense[i].last)
            continue;
        uint32_t off = cp - dense[i].first;
        char c = dense[i].rows[off / %d][off %% %d];
        if (c >= 'a' && c <= 'z')
            return (1u << (c - 'a')) | ((uint32_t)(c - 'a' + 1) << 27);
        if (c >= 'A' && c <= 'Z')
            return multi_lookup(cp);
        return 0;
    }
    return cp >= 0x3000 ? multi_lookup(cp) : 0;
}

uint32_t pinyin_initials_mask(uint32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return 1u << (cp - 'a');
    if (cp >= 'A' && cp <= 'Z')
        return 1u << (cp - 'A');
    if (cp < 0x3000)
        return 0;
    return han_lookup(cp) & 0x03FFFFFFu;
}

char pinyin_first_initial(uint32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return (char)cp;
    if (cp >= 'A' && cp <= 'Z')
        return (char)(cp - 'A' + 'a');
    if (cp < 0x3000)
        return 0;
    uint32_t first = han_lookup(cp) >> 27;
    return first ? (char)('a' + first - 1) : 0;
}
''' % (ROW, ROW))


if __name__ == '__main__':
    main()
