# bench.mk — the benchmark's helper programs, built with the top Makefile's flags and libcore.
# Used as: make -f Makefile -f tests/bench/bench.mk O=DIR bench-tools (tests/bench/run.sh does this).

BENCH_TOOLS := $(O)/bench/gen $(O)/bench/measure $(O)/bench/firstframe $(O)/bench/scroll

.PHONY: bench-tools
bench-tools: $(BENCH_TOOLS)

$(O)/bench/%: tests/bench/%.c $(LIBCORE) | $(DEPS_OK)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  BENCH   $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBCORE) $(CORE_LIBS) -lutil
