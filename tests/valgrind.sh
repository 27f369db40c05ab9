#!/bin/sh
# valgrind.sh — stands in for the fenxiao binary in the command-line tests under
# `make check-valgrind`: any memory error or definite leak fails the command with 99.
# Absolute paths only: some tests run the binary with a bare PATH.
exec /usr/bin/valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite --suppressions="$FX_SUPP" "$FX_REAL" "$@"
