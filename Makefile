# StockLakehouse — the one entry point. `make run` and `make test` work on a fresh clone with no network
# beyond the package registries (NuGet for every .NET package, DuckDB's native library included; npm for the
# test tools under tools/ and, for make dashboard and make test, the dashboard's charting library). make build and
# make run need NuGet only.

CONFIGURATION ?= Release
DOTNET ?= dotnet
LAKEHOUSE = $(DOTNET) cli/bin/$(CONFIGURATION)/net10.0/lakehouse.dll
ARGS ?=

export DOTNET_CLI_TELEMETRY_OPTOUT = 1
export DOTNET_NOLOGO = 1

.PHONY: all build dashboard-web dashboard chromium run test format bench talib-vectors clean help gcs-emulator parquet-reader check-spark-host

all: build

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# The dashboard page's charting library (lightweight-charts), from npm. The build embeds it into the dashboard
# assembly when it is installed; make build and make run do not need it (nor npm), make dashboard and make test install it.
DASHBOARD_WEB = dashboard/web/node_modules/.package-lock.json

dashboard-web: $(DASHBOARD_WEB) ## Install the dashboard page's charting library from npm into dashboard/web (once).

$(DASHBOARD_WEB): dashboard/web/package.json dashboard/web/package-lock.json
	cd dashboard/web && npm ci --no-audit --no-fund

build: ## Build every project (the dashboard embeds its charting library when make dashboard-web has installed it).
	$(DOTNET) build StockLakehouse.sln -c $(CONFIGURATION) -nologo -v quiet

run: build ## Run the whole pipeline on the simulated market (pass options with ARGS="--symbols AAPL,MSFT").
	$(LAKEHOUSE) run $(ARGS)

dashboard: dashboard-web build ## Write out/dashboard/index.html from the warehouse and runs of make run (options after ARGS=, e.g. ARGS="--out /tmp/x --symbols KO").
	$(LAKEHOUSE) dashboard $(ARGS)

# Debian's chromium, which the dashboard's browser test drives (Playwright cannot download its own browser here).
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

chromium: ## Install Debian's chromium for the dashboard's browser test when it is missing (apt-get as root, or through sudo).
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	else echo "chromium: $(CHROMIUM) is missing, and this user is not root and cannot sudo without a password. Install Debian's chromium package (apt-get install chromium), or set CHROMIUM to a Chromium executable, then run make test again." >&2; exit 1; fi; \
	echo "chromium: installing Debian's chromium package for the dashboard's browser test (once)"; \
	$$sudo apt-get update -qq || { echo "chromium: apt-get update failed (its error is above)." >&2; exit 1; }; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || { echo "chromium: apt-get install chromium failed (its error is above)." >&2; exit 1; }; \
	if [ ! -x "$(CHROMIUM)" ]; then echo "chromium: apt-get installed chromium but $(CHROMIUM) does not exist; set CHROMIUM to its path." >&2; exit 1; fi

test: dashboard-web build test-dags test-terraform gcs-emulator parquet-reader chromium ## Run every test.
	$(DOTNET) test StockLakehouse.sln -c $(CONFIGURATION) --no-build -nologo -v quiet

check-spark-host: ## Compile the Microsoft.Spark host against a stub of Spark's own types and real Apache.Arrow, and run its UDF tests (tests/SparkHost.Tests, also part of build and test).
	$(DOTNET) test tests/SparkHost.Tests/SparkHost.Tests.csproj -c $(CONFIGURATION) -nologo -v quiet

bench: build ## Scale benchmark against a DuckDB-SQL reference and a daily run: BENCH_SYMBOLS synthetic symbols over BENCH_YEARS years (default 100 × 5); BENCH_LISTING_DAYS days of listings; BENCH_DAILY_SHARE percent of symbols getting one more session; BENCH_HISTORY_DAYS more ingest dates of raw objects, then two daily runs timed.
	bash scripts/bench.sh $(or $(BENCH_SYMBOLS),100) $(or $(BENCH_YEARS),5) $(or $(BENCH_LISTING_DAYS),0) $(or $(BENCH_DAILY_SHARE),0) $(or $(BENCH_HISTORY_DAYS),0)

talib-vectors: ## Regenerate the TA-Lib reference vectors in data/fixtures/talib (compiles TA-Lib from npm, about a minute).
	cd tools/talib-oracle && npm ci --silent && node generate.mjs

format: ## Verify formatting and style.
	$(DOTNET) format StockLakehouse.sln --verify-no-changes

clean: ## Remove build outputs and the default output folder.
	$(DOTNET) clean StockLakehouse.sln -c $(CONFIGURATION) -nologo -v quiet
	rm -rf out

test-dags: ## DAG checks: compile, structure (AST), generated artefacts vs schemas/ (python3 standard library only).
	PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s tests/dags -t tests/dags -v

tools/hcl/node_modules/.package-lock.json: tools/hcl/package.json tools/hcl/package-lock.json
	cd tools/hcl && npm ci --silent --no-audit --no-fund

test-terraform: tools/hcl/node_modules/.package-lock.json ## Terraform checks, offline: fmt, HCL parsed (@cdktf/hcl2json) and verified.
	@if command -v terraform >/dev/null; then terraform fmt -check -recursive terraform; \
	else echo "test-terraform: SKIPPED terraform fmt -check: no terraform on the PATH (the HCL checks below still run)."; fi
	PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s tests/terraform -t tests/terraform -v

parquet-reader: tools/parquet-reader/node_modules/.package-lock.json ## Install hyparquet, the Parquet reader independent of DuckDB that a test reads the lake with (npm, once).

tools/parquet-reader/node_modules/.package-lock.json: tools/parquet-reader/package.json tools/parquet-reader/package-lock.json
	cd tools/parquet-reader && npm ci --silent --no-audit --no-fund

gcs-emulator: tools/gcs-emulator/node_modules/.package-lock.json ## Install the GCS JSON API emulator (firebase-tools from npm, once; about 40 s and 240 MB) for the cloud tests.

tools/gcs-emulator/node_modules/.package-lock.json: tools/gcs-emulator/package.json tools/gcs-emulator/package-lock.json
	cd tools/gcs-emulator && npm ci --silent --no-audit --no-fund --ignore-scripts

# ---- Cloud path: generated DAG artefacts, deploy, and the Microsoft.Spark host --------------------------------
.PHONY: artifacts deploy spark-package spark-submit

NUGET_ORG ?= https://api.nuget.org/v3/index.json
SPARK_HOST_OUT ?= out/spark-host
SPARK_HOST_DLL = $(SPARK_HOST_OUT)/StockLakehouse.SparkHost.dll
SPARK_JAR = $(SPARK_HOST_OUT)/microsoft-spark-4-0_2.13-2.4.0.jar
SPARK_JOB ?= silver
SPARK_LAKE ?= $(abspath out/lake)
SPARK_DATE ?= 2025-12-31

artifacts: build ## Regenerate dags/generated from schemas/ and the marts (commit it; a test fails when it is stale).
	$(LAKEHOUSE) artifacts --out dags/generated

deploy: build ## Deploy a date to Google Cloud: ARGS="--date 2025-12-31 --project P --region R --bucket B --dataset D [--dry-run]".
	$(LAKEHOUSE) deploy $(ARGS)

spark-package: ## Build the Microsoft.Spark host into out/spark-host against nuget.org (Microsoft.Spark is not on this machine's package source; not part of build/test).
	$(DOTNET) publish spark-jobs/SparkHost/SparkHost.csproj -c $(CONFIGURATION) -o $(SPARK_HOST_OUT) --source $(NUGET_ORG) -nologo

spark-submit: ## Run SPARK_JOB (silver|gold) with a local Spark 4.0 under SPARK_HOME over SPARK_LAKE for SPARK_DATE (after make spark-package).
	@case "$(SPARK_JOB)" in silver|gold) ;; *) echo "spark-submit: SPARK_JOB must be silver or gold, not '$(SPARK_JOB)'." >&2; exit 2 ;; esac
	@if [ -z "$$SPARK_HOME" ]; then echo "spark-submit: SPARK_HOME is not set; install Apache Spark 4.0 (Scala 2.13) and export SPARK_HOME=<its folder>." >&2; exit 1; fi
	@if [ ! -x "$$SPARK_HOME/bin/spark-submit" ]; then echo "spark-submit: $$SPARK_HOME/bin/spark-submit does not exist; SPARK_HOME must point at an Apache Spark 4.0 installation." >&2; exit 1; fi
	@if [ ! -f "$(SPARK_HOST_DLL)" ]; then echo "spark-submit: the Spark host is not built ($(SPARK_HOST_DLL) is missing); run 'make spark-package' (it needs nuget.org)." >&2; exit 1; fi
	@if [ ! -f "$(SPARK_JAR)" ]; then echo "spark-submit: the bridge jar $(SPARK_JAR) is missing; run 'make spark-package', which copies it from the Microsoft.Spark package." >&2; exit 1; fi
	@if [ -z "$$DOTNET_WORKER_DIR" ]; then echo "spark-submit: DOTNET_WORKER_DIR is not set; unpack Microsoft.Spark.Worker 2.4.0 (github.com/dotnet/spark releases) and export DOTNET_WORKER_DIR=<its folder>." >&2; exit 1; fi
	@if [ ! -d "$(SPARK_LAKE)" ]; then echo "spark-submit: the lake $(SPARK_LAKE) does not exist; run 'make run' first or set SPARK_LAKE." >&2; exit 1; fi
	DOTNET_ASSEMBLY_SEARCH_PATHS="$(abspath $(SPARK_HOST_OUT))" DOTNET_ROLL_FORWARD=LatestMajor \
	  "$$SPARK_HOME/bin/spark-submit" --class org.apache.spark.deploy.dotnet.DotnetRunner --master "local[*]" \
	  "$(SPARK_JAR)" dotnet "$(SPARK_HOST_DLL)" $(SPARK_JOB) --lake "$(SPARK_LAKE)" --date $(SPARK_DATE) --run-id local-$(SPARK_JOB)-$(subst -,,$(SPARK_DATE))
