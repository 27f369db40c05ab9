#!/bin/sh
# run.sh — `make fuzz`: build each libFuzzer target with clang and run it for a while.
# Usage: tests/fuzz/run.sh SECONDS. New inputs go to a scratch dir; crashes stay in tests/fuzz/.
set -eu
secs=${1:-30}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
command -v clang >/dev/null 2>&1 || { echo "make fuzz 需要 clang（apt-get install clang）" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
make -s O="$out/lib" CC=clang CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" "$out/lib/libcore.a"
flags="-std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Icore -I/usr/include/iniparser -O1 -g -fsanitize=fuzzer,address,undefined"
libs="$(pkg-config --libs sqlite3) -liniparser -lm -ldl"
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    corpus=tests/fuzz/corpus/${name#fuzz_}
    mkdir -p "$corpus" "$out/new-$name"
    extra=""
    # The workbook readers live in the output module; their target links them in (core/sheetin.c).
    [ "$name" = fuzz_sheetin ] && extra="core/sheetin_xlsx.c core/sheetin_xls.c $(pkg-config --cflags --libs libzip expat freexl)"
    clang $flags -o "$out/$name" "$src" $extra "$out/lib/libcore.a" $libs
    echo "== $name ($secs s)"
    FENXIAO_DATA_DIR="$top/data" "$out/$name" -max_total_time="$secs" -artifact_prefix=tests/fuzz/ "$out/new-$name" "$corpus"
done
