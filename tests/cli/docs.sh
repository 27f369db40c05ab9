#!/bin/sh
# docs.sh — the man page, README and --help describe the same program: every command in --help is in
# fenxiao(1), and the manuals' generated sections (synopsis, key tables) are what the tables make now.
. "$(dirname "$0")/lib.sh"

man1="$TOP/man/fenxiao.1"
"$FX" --help >"$T/help"
for cmd in $(sed -n '/^命令：/,/^$/p' "$T/help" | awk 'NR > 1 && $1 ~ /^[a-z]/ {print $1}' | sort -u); do
    grep -q "^\.B[R]* *$cmd\b\|^\.BI \"$cmd \|^\.B $cmd " "$man1" && ok "fenxiao(1) documents $cmd" || not_ok "fenxiao(1) documents $cmd"
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

# The command table (tui/cli/cli_commands.c) is what --help, the manual's SYNOPSIS and the completion show,
# and the key tables what F1 and the manual's KEYS and SCREENS show: the committed pages hold what `make man`
# writes from them now.
if sh "$TOP/man/generate.sh" --check "$FX" "$TOP/man/fenxiao.1" "$TOP/man/zh_CN/fenxiao.1" 2>"$T/stale"; then
    ok "the manuals' generated sections are current (make man)"
else
    not_ok "the manuals' generated sections are current (make man)" "$(head -c 600 "$T/stale")"
fi
"$FX" --generate options >"$T/options"
: >"$T/plain"
syn=$(sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$TOP/man/fenxiao.1")
# Every option of the table is in the synopsis, and every command's parser takes it.
while read -r cmd word opt kind alias; do
    [ "$word" = - ] && word=
    # The synopsis writes each option once, by its first spelling.
    [ -n "$alias" ] || case $syn in *"$(printf %s "$opt" | sed 's/-/\\-/g')"*) ;;
    *) not_ok "fenxiao(1) SYNOPSIS has $cmd $word $opt" ;; esac
    if [ "$kind" = value ]; then set -- "$opt" x; else set -- "$opt"; fi
    # A ledger under a plain file cannot be opened: each command stops soon after reading its options.
    # shellcheck disable=SC2086
    (cd "$T" && "$FX" --db "$T/plain/x.db" $cmd $word "$@" >/dev/null 2>"$T/err" </dev/null)
    if grep -q "未知的参数" "$T/err"; then not_ok "$cmd $word takes $opt" "$(cat "$T/err")"; else echo "ok - $cmd $word takes $opt"; fi
done <"$T/options"
# …and every option a parser knows is in the table.
for opt in $(grep -ho 'cli_opt(argc, argv, &i, "[^"]*")\|strcmp(argv\[i\], "-[^"]*")\|STR_OPT("[^"]*"' "$TOP"/tui/cli/*.c |
    grep -o '"[^"]*"' | tr -d '"' | sort -u); do
    grep -q " $opt " "$T/options" && ok "the command table lists $opt" || not_ok "the command table lists $opt"
done
# --help and `help COMMAND` come from the table.
"$FX" help report >"$T/help-report" && ok "fenxiao help report" || not_ok "fenxiao help report"
has "help report names --below" "$(cat "$T/help-report")" "--below"
"$FX" session --help >"$T/help-session" && ok "fenxiao session --help" || not_ok "fenxiao session --help"
has "session --help names --attendees" "$(cat "$T/help-session")" "--attendees"
status 2 "help of an unknown command is a usage error" "$FX" help nosuch
# The bash completion offers the table's words.
if command -v bash >/dev/null 2>&1; then
    "$FX" --generate bash-completion >"$T/completion"
    comp() {
        bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _fenxiao; echo "${COMPREPLY[*]}"' \
            _ "$T/completion" "$@"
    }
    has "completion: commands" "$(comp fenxiao "")" "session member import export report check"
    has "completion: report kinds" "$(comp fenxiao report "")" "month quarter year hours"
    eq "completion: a kind's own option" "--below" "$(comp fenxiao report hours 2024 --be)"
    eq "completion: an option's words" "text csv xlsx pdf" "$(comp fenxiao report month 2024-03 --format "")"
    eq "completion: session forms" "add list void restore feedback show" "$(comp fenxiao session "")"
    eq "completion: import tables" "members" "$(comp fenxiao import mem)"
fi
