#!/bin/sh
# deps.sh — install what fenxiao needs to build and test, once (`make deps`).
# Uses apt-get where there is one; elsewhere lists the packages to install by hand.
set -u
PKGS="gcc make pkg-config libncurses-dev libsqlite3-dev libiniparser-dev libcmocka-dev sqlite3 tmux locales libpango1.0-dev libcairo2-dev libxlsxwriter-dev libzip-dev libexpat1-dev libfreexl-dev fonts-wqy-microhei poppler-utils valgrind python3 python3-openpyxl"
missing=""
have_hdr() { [ -f "/usr/include/$1" ] || [ -f "/usr/include/$(uname -m)-linux-gnu/$1" ]; }
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
pkg-config --exists ncursesw 2>/dev/null || missing="$missing libncurses-dev"
pkg-config --exists sqlite3 2>/dev/null || missing="$missing libsqlite3-dev"
have_hdr iniparser/iniparser.h || missing="$missing libiniparser-dev"
have_hdr cmocka.h || missing="$missing libcmocka-dev"
command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
pkg-config --exists pangocairo 2>/dev/null || missing="$missing libpango1.0-dev libcairo2-dev"
have_hdr xlsxwriter.h || missing="$missing libxlsxwriter-dev"
# The .xlsx and .xls import (core/sheetin_*.c, in the output module).
pkg-config --exists libzip 2>/dev/null || missing="$missing libzip-dev"
pkg-config --exists expat 2>/dev/null || missing="$missing libexpat1-dev"
pkg-config --exists freexl 2>/dev/null || missing="$missing libfreexl-dev"
fc-list 2>/dev/null | grep -qi 'WenQuanYi Micro Hei' || missing="$missing fonts-wqy-microhei"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
# The screen tests measure display widths with python3 (unicodedata).
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
# tests/cli/paper.sh reads the XLSX reports back as a spreadsheet does (formulas and their values).
/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || missing="$missing python3-openpyxl"
command -v tmux >/dev/null 2>&1 || missing="$missing tmux"
locale -a 2>/dev/null | grep -qi '^C.utf-\?8$' || missing="$missing locales"
[ -z "$missing" ] && exit 0
echo "fenxiao: 缺少构建或测试所需的软件包 / missing packages:$missing" >&2
if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
            echo "请以 root 身份运行：apt-get install$missing" >&2; exit 1
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
        echo "fenxiao: apt-get 安装失败，请手动安装：$missing" >&2; exit 1; }
    echo "fenxiao: 已安装$missing" >&2
else
    echo "请用本系统的包管理器安装以上软件包（Debian 名称：$PKGS）" >&2
    exit 1
fi
