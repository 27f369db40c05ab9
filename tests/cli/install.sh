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
[ -f "$stage/opt/fx/share/bash-completion/completions/fenxiao" ] && ok "bash completion installed" || not_ok "bash completion installed"
[ -f "$stage/opt/fx/lib/fenxiao/fenxiao-render.so" ] && ok "output module installed" || not_ok "output module installed"
ls "$stage"/opt/fx/share/fenxiao/standards/*.ini >/dev/null 2>&1 && ok "standards installed" || not_ok "standards installed"
# Run the staged copy from elsewhere, with no source tree in sight.
cp -r "$stage/opt/fx" "$T/relocated"
cd "$T"
check "installed binary creates a ledger from its own data" env -u FENXIAO_DATA_DIR "$T/relocated/bin/fenxiao" \
    --db "$T/inst.db" init --unit 安装测试
eq "installed ledger has the vocab" "7" "$(sql "$T/inst.db" "select count(*) from vocab where kind='category'")"
sql "$T/inst.db" "insert into session (uuid, unit_id, date, title, category, format, kind, hours)
  values ('s1', 1, '2024-03-05', '安装后的课', '政治理论教育', '集中培训', '培训班', 2)"
check "installed binary writes a PDF through its output module" env -u FENXIAO_DATA_DIR \
    "$T/relocated/bin/fenxiao" --db "$T/inst.db" report month 2024-03 --format pdf -o "$T/inst.pdf"
[ -s "$T/inst.pdf" ] && ok "the PDF is there" || not_ok "the PDF is there"
