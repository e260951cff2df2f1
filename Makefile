# VerifyKit — the two contract commands are `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/debug/verifykit
APT_PACKAGES := libsodium-dev libssl-dev pkg-config openssl

.PHONY: deps build demo test test-unit test-asan test-tsan test-debian docs lint format vectors bench bench-check fuzz

# Installs the C libraries only when pkg-config cannot find them (or the tools are missing).
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libsodium libcrypto \
	    && command -v openssl >/dev/null 2>&1; then \
	  echo "deps: libsodium $$(pkg-config --modversion libsodium), libcrypto $$(pkg-config --modversion libcrypto) found"; \
	else \
	  echo "deps: libsodium/libcrypto/pkg-config/openssl missing; installing $(APT_PACKAGES) with apt-get"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	$(SWIFT) build

# The main job: build the CLI and check every test vector.
demo: deps
	$(SWIFT) build --product verifykit
	$(BIN) vectors TestVectors

test: deps test-unit test-asan

# Each test run (its build included) is stopped after TEST_TIMEOUT seconds: a test stuck awaiting
# something that never comes is reported by Swift Testing's time limit but not ended by it, and a
# hang must fail the run rather than hold CI until its own limit.
TEST_TIMEOUT ?= 1800

test-unit:
	timeout $(TEST_TIMEOUT) $(SWIFT) test

# AddressSanitizer + LeakSanitizer run (Swift Testing only, so XCTest's own leaks stay out of the
# report; Foundation's are suppressed in .lsan-suppressions). Child `verifykit` processes inherit it.
test-asan:
	LSAN_OPTIONS=suppressions=$(CURDIR)/.lsan-suppressions:print_suppressions=0 SWIFT_BACKTRACE=enable=no \
	  timeout $(TEST_TIMEOUT) $(SWIFT) test --sanitize=address --disable-xctest --scratch-path .build-asan

# ThreadSanitizer run (not part of `make test`). On Linux, Synchronization.Mutex locks with futex
# calls TSan does not see, so it reported "Swift access race" inside correct `withLock` closures;
# VERIFYKIT_PTHREAD_LOCKS builds the cache with pthread mutexes, which TSan follows, and the test
# helpers lock with NSLock, so a report here is worth reading.
test-tsan:
	SWIFT_BACKTRACE=enable=no $(SWIFT) test --sanitize=thread --disable-xctest --scratch-path .build-tsan -Xswiftc -DVERIFYKIT_PTHREAD_LOCKS

# `make test` and `make demo` on a fresh clone of HEAD in a chroot of another Debian release
# (default trixie: OpenSSL 3.5 where the host has 3.0), with this machine's Swift toolchain. Needs
# root and Debian's mirror; not part of `make test`. `make test-debian SUITE=bookworm` for another.
SUITE ?= trixie
test-debian:
	SUITE=$(SUITE) scripts/debian-chroot-test.sh

# DocC for every library module from the public symbol graphs, with warnings (broken or ambiguous
# ``links``, undocumented parameters) as errors. Output in .build-docs/html/MODULE. The build starts
# clean: the compiler writes a module's symbol graph only when it compiles that module.
# First, every public symbol must have a doc comment, which DocC does not require:
# scripts/check-doc-comments.py lists those without one and fails. dump-symbol-graph exits 1 after
# writing the library graphs when the test-runner modules (VerifyKitPackageTests) are not built, so
# its status is ignored; the old graphs are removed first and the script fails if one is missing.
DOCC ?= docc
DOC_MODULES := HexCoding Base64URL StrictJSON CryptoPrimitives JSONWebToken RequestSigning VerifyKit
docs: deps
	rm -rf .build/*/symbolgraph
	-$(SWIFT) package dump-symbol-graph --minimum-access-level public
	python3 scripts/check-doc-comments.py $(DOC_MODULES)
	rm -rf .build-docs && mkdir -p .build-docs/symbol-graphs
	$(SWIFT) build --scratch-path .build-docs -Xswiftc -emit-symbol-graph \
	  -Xswiftc -emit-symbol-graph-dir -Xswiftc $(CURDIR)/.build-docs/symbol-graphs
	@for module in $(DOC_MODULES); do \
	  graphs=.build-docs/graphs/$$module; rm -rf $$graphs .build-docs/html/$$module; mkdir -p $$graphs .build-docs/html; \
	  cp .build-docs/symbol-graphs/$$module.symbols.json $$graphs/; \
	  cp .build-docs/symbol-graphs/$$module@*.symbols.json $$graphs/ 2>/dev/null || true; \
	  echo "docs: $$module"; \
	  $(DOCC) convert Sources/$$module/Docs.docc --fallback-display-name $$module \
	    --fallback-bundle-identifier org.verifykit.$$module --additional-symbol-graph-dir $$graphs \
	    --output-path .build-docs/html/$$module --warnings-as-errors || exit 1; \
	done

lint:
	$(SWIFT) format lint --strict -r Sources Tests Fuzz/Sources

format:
	$(SWIFT) format -i -r Sources Tests Fuzz/Sources

# Coverage-guided fuzzing (libFuzzer + AddressSanitizer; Fuzz/ is its own package). Runs each
# target for FUZZ_SECONDS, keeping the corpus in .fuzz-corpus/ and writing any crashing input
# there as TARGET-crash-*; stops at the first finding. Not part of `make test` (it runs until told
# to stop). Both the SwiftPM --sanitize flags and the -Xswiftc ones are needed (toolchain notes).
FUZZ_TARGETS ?= token signed json keys codecs requests certificates
FUZZ_SECONDS ?= 60
fuzz: deps
	cd Fuzz && $(SWIFT) build -c debug --sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address \
	  -Xswiftc -parse-as-library -Xswiftc -use-ld=lld --product VerifyKitFuzz
	python3 Fuzz/seeds.py $(CURDIR) .fuzz-corpus/seeds
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p .fuzz-corpus/$$target; \
	  echo "fuzz: $$target for $(FUZZ_SECONDS) s"; \
	  VERIFYKIT_FUZZ_TARGET=$$target SWIFT_BACKTRACE=enable=no Fuzz/.build/debug/VerifyKitFuzz \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=.fuzz-corpus/$$target- .fuzz-corpus/$$target .fuzz-corpus/seeds/$$target \
	    > .fuzz-corpus/$$target.log 2>&1; status=$$?; \
	  grep -E "^(Done|stat::average)|ERROR|SUMMARY|violated|Fatal error|artifact" .fuzz-corpus/$$target.log; \
	  [ $$status -eq 0 ] || { echo "fuzz: $$target found a problem; see .fuzz-corpus/$$target.log"; exit 1; }; \
	done

# Benchmarks: a separate package (Benchmarks/) with jwt-kit as the peer. Its first build takes
# several minutes, so neither target is part of `make test`.
# `bench`: interleaved ratios (VerifyKitCompare), the package-benchmark suite (throughput, mallocs,
# peak memory; p90s exported to Results/p90), then the Markdown table and SVG chart in Results/.
bench: deps
	cd Benchmarks && $(SWIFT) build -c release --product VerifyKitCompare \
	  && .build/release/VerifyKitCompare --output Results/compare.json \
	  && $(SWIFT) package --allow-writing-to-package-directory benchmark --no-progress \
	     --format metricP90AbsoluteThresholds --path Results/p90 \
	  && python3 scripts/report.py

# `bench-check`: first what VerifyKit adds per token in instructions (callgrind, deterministic:
# fails above Benchmarks/Thresholds/instructions.json + 2 %); then, for information only, the
# `verifykit bench` timing ratios against Thresholds/ratios.json (code placement alone moved one of
# them by 0.11 on one CPU, see Benchmarks/README.md); then the suite against the checked-in
# thresholds. `swift package` exits 1 for a regression and for "only improvements" alike, so the
# plugin's error name tells them apart: benchmarkThresholdImprovement passes.
bench-check: deps
	@command -v valgrind >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq valgrind; }
	cd Benchmarks && $(SWIFT) build -c release --product ProfileDriver \
	  && python3 scripts/check_instructions.py .build/release/ProfileDriver
	$(SWIFT) build -c release --product verifykit
	"$$($(SWIFT) build -c release --show-bin-path)/verifykit" bench --seconds 2 --json > .build/bench-ratios.json
	cd Benchmarks && python3 scripts/check_ratios.py ../.build/bench-ratios.json --warn-only
	cd Benchmarks && $(SWIFT) package benchmark thresholds check --no-progress > ../.build/bench-thresholds.log 2>&1; \
	  status=$$?; cat ../.build/bench-thresholds.log; \
	  if [ $$status -ne 0 ] && ! grep -q "error: benchmarkThresholdImprovement" ../.build/bench-thresholds.log; then \
	    exit $$status; fi
