#!/bin/sh
# docs.sh — the man page, README and --help describe the same program: every command
# in --help and every key of the action table (tui/widgets/actions.h) is in fenxiao(1).
. "$(dirname "$0")/lib.sh"

man1="$TOP/man/fenxiao.1"
"$FX" --help >"$T/help"
for cmd in $(sed -n '/^命令：/,/^$/p' "$T/help" | awk 'NR > 1 && $1 ~ /^[a-z]/ {print $1}' | sort -u); do
    grep -q "^\.B[R]* *$cmd\b\|^\.BI \"$cmd \|^\.B $cmd " "$man1" && ok "fenxiao(1) documents $cmd" || not_ok "fenxiao(1) documents $cmd"
done
# Each action: "X(ACT_…, n, 'c', …)" → F<n> and its letter twin are in the KEYS section.
keys=$(sed -n '/^\.SH KEYS/,/^\.SH /p' "$man1")
grep -o "X(ACT_[A-Z]*, [0-9]*, '[^']*'" "$TOP/tui/widgets/actions.h" | while IFS=, read -r id fkey twin; do
    fkey=$(echo "$fkey" | tr -d ' ')
    twin=$(echo "$twin" | tr -d " '")
    case $keys in *"F$fkey \", \" $twin"* | *"F$fkey\", \" $twin"* | *".BR F$fkey \", \" $twin"*) ok "fenxiao(1) has F$fkey / $twin" ;;
    *) echo "$keys" | grep -q "^\.BR F$fkey \", \" *\\\\*$twin" && ok "fenxiao(1) has F$fkey / $twin" || not_ok "fenxiao(1) has F$fkey / $twin (${id#X(})" ;;
    esac
done
# The Chinese page documents the same commands.
for cmd in $(sed -n '/^命令：/,/^$/p' "$T/help" | awk 'NR > 1 && $1 ~ /^[a-z]/ {print $1}' | sort -u); do
    grep -q "^\.B[RI]* *\"*$cmd\b" "$TOP/man/zh_CN/fenxiao.1" && ok "zh_CN fenxiao(1) documents $cmd" \
        || not_ok "zh_CN fenxiao(1) documents $cmd"
done
readme=$(cat "$TOP/README.md")
has "README gives make run" "$readme" "make run"
has "README gives make check" "$readme" "make check"
grep -q "make check" "$TOP/.ci/run" && ok ".ci/run runs make check" || not_ok ".ci/run runs make check"
if command -v man >/dev/null 2>&1; then
    warn=$(MANWIDTH=80 man -l --warnings "$man1" 2>&1 >/dev/null)
    eq "fenxiao(1) renders without warnings" "" "$warn"
    for page in fenxiao.5 zh_CN/fenxiao.1 zh_CN/fenxiao.5; do
        [ -f "$TOP/man/$page" ] || { not_ok "man/$page exists"; continue; }
        w=$(MANWIDTH=80 man -l --warnings "$TOP/man/$page" 2>&1 >/dev/null)
        eq "man/$page renders without warnings" "" "$w"
    done
else
    ok "# SKIP man(1) is not installed: the pages' rendering is not checked"
fi
