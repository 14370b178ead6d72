# StockLakehouse — the one entry point. `make run` and `make test` work on a fresh clone with no network
# beyond the package registries (NuGet for .NET packages, npm for DuckDB's native library).

CONFIGURATION ?= Release
DOTNET ?= dotnet
LAKEHOUSE = $(DOTNET) cli/bin/$(CONFIGURATION)/net10.0/lakehouse.dll
ARGS ?=

export DOTNET_CLI_TELEMETRY_OPTOUT = 1
export DOTNET_NOLOGO = 1

.PHONY: all build duckdb run test format bench talib-vectors clean help

all: build

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

duckdb: .cache/duckdb/libduckdb.so ## Fetch DuckDB's native library into .cache/duckdb (from npm, once).

.cache/duckdb/libduckdb.so: scripts/fetch-duckdb.sh
	@bash scripts/fetch-duckdb.sh

build: duckdb ## Build every project.
	$(DOTNET) build StockLakehouse.sln -c $(CONFIGURATION) -nologo -v quiet

run: build ## Run the whole pipeline on the simulated market (pass options with ARGS="--symbols AAPL,MSFT").
	$(LAKEHOUSE) run $(ARGS)

test: build ## Run every test.
	$(DOTNET) test StockLakehouse.sln -c $(CONFIGURATION) --no-build -nologo -v quiet

bench: build ## Scale benchmark: BENCH_SYMBOLS synthetic symbols over BENCH_YEARS years (default 500 × 20).
	bash scripts/bench.sh $(or $(BENCH_SYMBOLS),500) $(or $(BENCH_YEARS),20)

talib-vectors: ## Regenerate the TA-Lib reference vectors in data/fixtures/talib (compiles TA-Lib from npm, about a minute).
	cd tools/talib-oracle && npm ci --silent && node generate.mjs

format: ## Verify formatting and style.
	$(DOTNET) format StockLakehouse.sln --verify-no-changes

clean: ## Remove build outputs and the default output folder (not the DuckDB cache).
	$(DOTNET) clean StockLakehouse.sln -c $(CONFIGURATION) -nologo -v quiet
	rm -rf out
