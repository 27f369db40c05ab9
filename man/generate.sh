#!/bin/sh
# generate.sh — rewrite the generated sections of the manual pages from fenxiao's own tables.
# Usage: man/generate.sh BINARY PAGE… (in place), or --check BINARY PAGE… (exit 1 when a page is not current).
# A section is the lines between '.\" BEGIN GENERATED NAME …' and '.\" END GENERATED NAME': `BINARY --generate NAME`.
set -eu
check=
if [ "${1:-}" = --check ]; then
    check=1
    shift
fi
bin=$1
shift
stale=0
for page in "$@"; do
    tmp=$(mktemp)
    # awk hands each section's name to the shell; the binary writes what goes between the markers.
    awk -v bin="$bin" '
        /^\.\\" BEGIN GENERATED / {
            print
            name = $4
            cmd = "\"" bin "\" --generate " name
            if ((cmd | getline line) <= 0) { print "man/generate.sh: " name ": no output" > "/dev/stderr"; exit 2 }
            print line
            while ((cmd | getline line) > 0) print line
            if (close(cmd) != 0) { print "man/generate.sh: " cmd " failed" > "/dev/stderr"; exit 2 }
            skipping = 1
            next
        }
        /^\.\\" END GENERATED / { skipping = 0 }
        !skipping { print }
    ' "$page" >"$tmp"
    if cmp -s "$page" "$tmp"; then
        rm -f "$tmp"
    elif [ -n "$check" ]; then
        echo "$page is not current: run make man" >&2
        diff -u "$page" "$tmp" | head -20 >&2
        rm -f "$tmp"
        stale=1
    else
        cat "$tmp" >"$page"
        rm -f "$tmp"
        echo "  GEN     $page"
    fi
done
exit "$stale"
