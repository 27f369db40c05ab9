#!/bin/sh
# prev_release.sh — build an earlier release of fenxiao from git history, once per build directory, so
# migration tests run on ledgers that release really made.
# Usage: . tests/lib/prev_release.sh; prev_release_bin [COMMIT]   → prints the path of its fenxiao binary.
# COMMIT defaults to c6b2768 (release 0.1.0, the last landing before schema 2); c80abe1 is the last landing of
# schema 13 (the release before schema 14).
prev_release_bin() {
    top=${TOP:?}
    want=${1:-c6b2768}
    dir=prev-release
    [ "$want" = c6b2768 ] || dir=prev-release-$want
    out=$(cd "${FX_O:-build}" 2>/dev/null && pwd || echo "$top/build")/$dir
    if [ ! -x "$out/src/fenxiao" ]; then
        rm -rf "$out" && mkdir -p "$out/src" || return 1
        commit=$(git -C "$top" rev-parse --verify -q "$want^{commit}") || {
            echo "prev_release: commit $want is not in this clone's history" >&2
            return 1
        }
        git -C "$top" archive "$commit" | tar -x -C "$out/src" || return 1
        # Its own plain build: not the O=, CFLAGS= of a sanitizer run, which reach a sub-make through MAKEFLAGS and,
        # being set on make's command line, through the environment too.
        env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u O -u CFLAGS -u LDFLAGS make -s -j2 -C "$out/src" fenxiao \
            build/fenxiao-render.so \
            >"$out/build.log" 2>&1 || {
            tail -20 "$out/build.log" >&2
            return 1
        }
    fi
    echo "$out/src/fenxiao"
}
