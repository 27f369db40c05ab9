#!/bin/sh
# install.sh — `make install PREFIX=… DESTDIR=…` stages the binary, data and man pages,
# and the staged binary finds its data without the source tree.
. "$(dirname "$0")/lib.sh"

stage="$T/stage"
# The same build directory as the binary under test, so nothing is rebuilt.
check "make install into DESTDIR" make -s -C "$TOP" install PREFIX=/opt/fx DESTDIR="$stage" O="${FX_O:-build}"
[ -x "$stage/opt/fx/bin/fenxiao" ] && ok "binary installed" || not_ok "binary installed"
[ -f "$stage/opt/fx/share/fenxiao/schema/001-initial.sql" ] && ok "schema installed" || not_ok "schema installed"
[ -f "$stage/opt/fx/share/fenxiao/vocab.ini" ] && ok "vocab installed" || not_ok "vocab installed"
[ -f "$stage/opt/fx/share/man/man1/fenxiao.1" ] && ok "man page installed" || not_ok "man page installed"
ls "$stage"/opt/fx/share/fenxiao/standards/*.ini >/dev/null 2>&1 && ok "standards installed" || not_ok "standards installed"
# Run the staged copy from elsewhere, with no source tree in sight.
cp -r "$stage/opt/fx" "$T/relocated"
cd "$T"
check "installed binary creates a ledger from its own data" env -u FENXIAO_DATA_DIR "$T/relocated/bin/fenxiao" \
    --db "$T/inst.db" init --unit 安装测试
eq "installed ledger has the vocab" "7" "$(sql "$T/inst.db" "select count(*) from vocab where kind='category'")"
