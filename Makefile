# Makefile — fenxiao (分校台账). `make` builds ./fenxiao; `make check` runs every test.
# Out-of-tree builds: make O=/tmp/build (the binary is then $(O)/fenxiao).

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/fenxiao
MANDIR    ?= $(PREFIX)/share/man
LIBDIR    ?= $(PREFIX)/lib/fenxiao
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
O         ?= build
CC        ?= cc
CFLAGS    ?= -O2 -g
PKG_CONFIG ?= pkg-config

WARN      := -std=c11 -Wall -Wextra -Wshadow -Wformat=2 $(if $(CI),-Werror)
# Fixed buffers are filled with text_copy and text_format (core/text.h), which cut on a character and say so; a
# snprintf that may cut is a warning everywhere (-Wformat-truncation, part of -Wall).
DEFS      := -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DNCURSES_WIDECHAR=1 -DFX_VERSION='"$(VERSION)"' -DFX_DATADIR='"$(DATADIR)"' -DFX_LIBDIR='"$(LIBDIR)"'
# Deferred (=): on a fresh machine pkg-config answers only after `make deps` ran.
INCS       = -Icore -Itui/widgets -Itui/screens -Itui/cli -I/usr/include/iniparser -I/usr/include/ncursesw
ALL_CFLAGS = $(WARN) $(DEFS) $(INCS) $(CFLAGS) -MMD -MP
CORE_LIBS  = $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3) -liniparser -lm -ldl
# The output module (PDF, XLSX) alone links pango, cairo and libxlsxwriter, and the
# workbook readers (.xlsx, .xls import) libzip, expat and freexl; see core/plugin.h.
SHEET_CFLAGS  = $(shell $(PKG_CONFIG) --cflags libzip expat freexl 2>/dev/null)
SHEET_LIBS    = $(shell $(PKG_CONFIG) --libs libzip expat freexl 2>/dev/null || echo -lzip -lexpat -lfreexl)
PLUGIN_CFLAGS = $(shell $(PKG_CONFIG) --cflags pangocairo 2>/dev/null) $(SHEET_CFLAGS) -fPIC
PLUGIN_LIBS   = $(shell $(PKG_CONFIG) --libs pangocairo xlsxwriter sqlite3 2>/dev/null || \
                  echo -lpangocairo-1.0 -lpango-1.0 -lgobject-2.0 -lglib-2.0 -lcairo -lxlsxwriter -lsqlite3) $(SHEET_LIBS)
# Programs export their symbols so the module can call back into core; every
# core object is linked in, whether the program itself uses it or not.
CORE_LINK  = -rdynamic -Wl,--whole-archive $(LIBCORE) -Wl,--no-whole-archive
TUI_LIBS   = $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)

ifeq ($(O),build)
BIN := fenxiao
else
BIN := $(O)/fenxiao
endif

SHEET_SRC  := core/sheetin_xlsx.c core/sheetin_xls.c
PLUGIN_SRC := core/render_pdf.c core/render_xlsx.c core/export_xlsx.c core/render_dirs.c $(SHEET_SRC)
CORE_SRC  := $(filter-out $(PLUGIN_SRC),$(sort $(wildcard core/*.c)))
# tui/: main.c, widgets/, screens/ (a folder per screen), cli/.
TUI_SRC   := $(sort $(wildcard tui/*.c tui/*/*.c tui/*/*/*.c))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
CORE_OBJ  := $(CORE_SRC:%.c=$(O)/%.o)
TUI_OBJ   := $(TUI_SRC:%.c=$(O)/%.o)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
# Every unit test links the one fixture library (tests/unit/fixture.h).
FIXTURE_OBJ := $(O)/tests/unit/fixture.o
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(O)/tests/replay_%)
LIBCORE   := $(O)/libcore.a
# The expected schema of every version, made at build time (core/gen/schema_ref.c) so that opening a ledger need
# not run the migrations; SCHEMA_REF=no (a cross build, whose programs cannot run here) leaves it empty, and
# every opening then builds it as before.
SCHEMA_REF ?= yes
SCHEMA_SQL := $(sort $(wildcard data/schema/*.sql))
SCHEMA_GEN := $(O)/gen/schema-ref
SCHEMA_REF_SRC := $(O)/gen/schema_ref$(if $(filter no,$(SCHEMA_REF)),_none).c
SCHEMA_REF_OBJ := $(SCHEMA_REF_SRC:.c=.o)
PLUGIN_OBJ := $(PLUGIN_SRC:%.c=$(O)/plugin/%.o)
PLUGIN    := $(O)/fenxiao-render.so
DEPS_OK   := $(O)/.deps-ok

.PHONY: all deps run check check-days check-asan check-valgrind test-unit test-cli test-screen install uninstall clean fuzz bench format man

COMPLETION := $(O)/completion/fenxiao
MAN_PAGES  := man/fenxiao.1 man/zh_CN/fenxiao.1

all: $(BIN) $(PLUGIN) $(COMPLETION)

# The bash completion is made from the command table by the program itself.
$(COMPLETION): $(BIN)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(abspath $(BIN)) --generate bash-completion >$@.tmp && mv $@.tmp $@

# The manual's generated sections (between BEGIN/END GENERATED markers) from the same tables;
# tests/cli/docs.sh fails while a committed page is not what this writes.
man: $(BIN)
	@sh man/generate.sh $(abspath $(BIN)) $(MAN_PAGES)

# One step installs what the build and the tests need (apt-get where there is one).
deps:
	@sh tests/deps.sh

$(DEPS_OK): tests/deps.sh
	@mkdir -p $(@D)
	@sh tests/deps.sh
	@touch $@

# Quiet by default; `make V=1` shows the full commands.
Q := $(if $(V),,@)

$(O)/%.o: %.c | $(DEPS_OK)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/plugin/%.o: %.c | $(DEPS_OK)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $< (module)")
	$(Q)$(CC) $(ALL_CFLAGS) $(PLUGIN_CFLAGS) -c -o $@ $<

$(PLUGIN): $(PLUGIN_OBJ)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -shared -o $@ $(PLUGIN_OBJ) $(PLUGIN_LIBS)

$(SCHEMA_GEN): core/gen/schema_ref.c $(CORE_OBJ) | $(DEPS_OK)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(CORE_OBJ) $(CORE_LIBS)

ifeq ($(SCHEMA_REF),no)
$(SCHEMA_REF_SRC):
	@mkdir -p $(@D)
	$(Q)printf '#include "store_internal.h"\nconst struct store_schema_builtin store_schema_builtin = {.versions = 0};\n' >$@
else
# data/schema itself too: a file removed or renamed there changes only the folder.
$(SCHEMA_REF_SRC): $(SCHEMA_GEN) $(SCHEMA_SQL) data/schema
	@$(if $(Q),echo "  GEN     $@")
	$(Q)FENXIAO_DATA_DIR=$(CURDIR)/data $(abspath $(SCHEMA_GEN)) >$@.tmp && mv $@.tmp $@
endif

$(SCHEMA_REF_OBJ): $(SCHEMA_REF_SRC)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBCORE): $(CORE_OBJ) $(SCHEMA_REF_OBJ)
	@rm -f $@
	$(Q)$(AR) rcs $@ $^

$(BIN): $(TUI_OBJ) $(LIBCORE)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(TUI_OBJ) $(CORE_LINK) $(TUI_LIBS) $(CORE_LIBS)

$(O)/tests/%: tests/unit/%.c $(FIXTURE_OBJ) $(LIBCORE) | $(DEPS_OK)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(FIXTURE_OBJ) $(CORE_LINK) -lcmocka $(CORE_LIBS)

# Each fuzz target also builds with the ordinary compiler as a corpus replayer.
$(O)/tests/replay_%: tests/fuzz/%.c tests/fuzz/replay.c $(LIBCORE) | $(DEPS_OK)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  REPLAY  $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(LIBCORE) $(CORE_LIBS)

# The workbook readers' fuzz target links them in (core/sheetin.c finds them so)
# instead of loading the module, as libFuzzer must see their code.
$(O)/tests/replay_fuzz_sheetin: tests/fuzz/fuzz_sheetin.c tests/fuzz/replay.c $(SHEET_SRC:%.c=$(O)/plugin/%.o) $(LIBCORE) | $(DEPS_OK)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  REPLAY  $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/fuzz/fuzz_sheetin.c tests/fuzz/replay.c \
	    $(SHEET_SRC:%.c=$(O)/plugin/%.o) $(LIBCORE) $(SHEET_LIBS) $(CORE_LIBS)

# `make run`: the screens on a scratch demo ledger that never touches the real one.
RUN_DB ?= $(O)/run/demo.db
run: $(BIN) $(PLUGIN)
	@mkdir -p $(O)/run && chmod 700 $(O)/run
	@test -f $(RUN_DB) || $(abspath $(BIN)) --db $(RUN_DB) demo
	$(abspath $(BIN)) --db $(RUN_DB)

check: $(BIN) $(PLUGIN) $(COMPLETION) $(UNIT_BIN) $(REPLAY_BIN)
	@sh tests/run.sh $(O) $(BIN)

# The date-sensitive tests once for every day of DAYS (tests/days.sh; default 2027-12-15 2028-03-15),
# e.g. make check-days DAYS="2027-09-01 2028-08-31" for 366 days.
DAYS ?=
check-days: $(BIN) $(PLUGIN) $(UNIT_BIN)
	@O=$(O) BIN=$(BIN) sh tests/days.sh $(DAYS)

# The same suite under AddressSanitizer and UBSan, in its own build directory.
# A sanitizer report exits 99, so it can never pass for the program's own "no" (1).
check-asan:
	ASAN_OPTIONS=exitcode=99:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:exitcode=99 \
	$(MAKE) O=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" check

# The command-line tests with the binary run under valgrind (memcheck). Left out, and said so on the closing lines:
# the suites that are mostly the PDF renderer (pango and cairo under memcheck take most of CI's time budget) or
# many whole demo townships; check-asan runs every one of them.
VALGRIND_SKIP := cli/docs cli/paper cli/package cli/sheet_county cli/demo
check-valgrind: $(BIN) $(PLUGIN)
	@command -v valgrind >/dev/null || { echo "需要 valgrind（apt-get install valgrind）"; exit 1; }
	@FX_REAL=$(abspath $(BIN)) FX_SUPP=$(abspath tests/valgrind.supp) FX_ONLY=cli FX_SKIP="$(VALGRIND_SKIP)" \
	    sh tests/run.sh $(O) tests/valgrind.sh

install: $(BIN) $(PLUGIN) $(COMPLETION)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(MANDIR)/zh_CN/man1 $(DESTDIR)$(MANDIR)/zh_CN/man5 $(DESTDIR)$(COMPLETIONDIR)
	install -m 644 $(COMPLETION) $(DESTDIR)$(COMPLETIONDIR)/fenxiao
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/fenxiao
	install -m 755 $(PLUGIN) $(DESTDIR)$(LIBDIR)/fenxiao-render.so
	cd data && find . -type d -exec install -d $(DESTDIR)$(DATADIR)/{} \;
	cd data && find . -type f -exec install -m 644 {} $(DESTDIR)$(DATADIR)/{} \;
	for f in man/*.1; do install -m 644 $$f $(DESTDIR)$(MANDIR)/man1/; done
	for f in man/*.5; do [ -f $$f ] && install -m 644 $$f $(DESTDIR)$(MANDIR)/man5/ || true; done
	for f in man/zh_CN/*.1; do [ -f $$f ] && install -m 644 $$f $(DESTDIR)$(MANDIR)/zh_CN/man1/ || true; done
	for f in man/zh_CN/*.5; do [ -f $$f ] && install -m 644 $$f $(DESTDIR)$(MANDIR)/zh_CN/man5/ || true; done

uninstall:
	rm -f $(DESTDIR)$(COMPLETIONDIR)/fenxiao
	rm -f $(DESTDIR)$(BINDIR)/fenxiao $(DESTDIR)$(MANDIR)/man1/fenxiao.1 $(DESTDIR)$(MANDIR)/man5/fenxiao.5 \
	    $(DESTDIR)$(MANDIR)/zh_CN/man1/fenxiao.1 $(DESTDIR)$(MANDIR)/zh_CN/man5/fenxiao.5
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(LIBDIR)

# The county-scale benchmark (tests/bench/README.md); data cached outside the tree.
BENCH_CACHE ?= $(if $(XDG_CACHE_HOME),$(XDG_CACHE_HOME),$(HOME)/.cache)/fenxiao-bench
bench: $(BIN)
	@sh tests/bench/run.sh $(BIN) $(BENCH_CACHE)

# libFuzzer targets (clang); `make check` replays their corpora through the unit tests.
FUZZ_SECONDS ?= 30
fuzz:
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

format:
	clang-format -i core/*.[ch] $(wildcard tui/*.[ch] tui/*/*.[ch] tui/*/*/*.[ch]) tests/unit/*.c

clean:
	rm -rf build build-asan fenxiao

# The module and the unit tests read the same headers: a changed struct must rebuild them too.
-include $(CORE_OBJ:.o=.d) $(SCHEMA_REF_OBJ:.o=.d) $(SCHEMA_GEN).d $(TUI_OBJ:.o=.d) $(PLUGIN_OBJ:.o=.d) $(FIXTURE_OBJ:.o=.d) $(UNIT_BIN:=.d) $(REPLAY_BIN:=.d)
