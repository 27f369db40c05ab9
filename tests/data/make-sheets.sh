#!/bin/sh
# make-sheets.sh — regenerate the workbook fixtures in tests/data/sheets/ from their .fods sources.
# Needs LibreOffice; only to make fixtures: the tests read the committed .xlsx/.xls files.
# Debian: apt-get install libreoffice-calc-nogui python3-uno python3-cryptography python3-msoffcrypto-tool
set -eu
cd "$(dirname "$0")"
missing=""
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-calc-nogui"
/usr/bin/python3 -c 'import uno' 2>/dev/null || missing="$missing python3-uno"
/usr/bin/python3 -c 'import cryptography' 2>/dev/null || missing="$missing python3-cryptography"
command -v msoffcrypto-tool >/dev/null 2>&1 || missing="$missing python3-msoffcrypto-tool"
if [ -n "$missing" ]; then
    echo "make-sheets: 缺少 / missing:$missing" >&2
    exit 1
fi
# The system python: python3-uno is built for it, not for a python3 found first in PATH.
/usr/bin/python3 make-sheets.py
ls -l sheets/*.xlsx sheets/*.xls
