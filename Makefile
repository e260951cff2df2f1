# VerifyKit — the two contract commands are `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/debug/verifykit
APT_PACKAGES := libsodium-dev libssl-dev pkg-config openssl

.PHONY: deps build demo test test-unit test-asan lint format vectors bench bench-check

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

test-unit:
	$(SWIFT) test

# AddressSanitizer run (Swift Testing only, so XCTest's own leaks stay out of the report).
test-asan:
	$(SWIFT) test --sanitize=address --disable-xctest --scratch-path .build-asan

lint:
	$(SWIFT) format lint --strict -r Sources Tests

format:
	$(SWIFT) format -i -r Sources Tests
