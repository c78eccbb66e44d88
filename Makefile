# household-graph. Two commands matter: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HHGRAPH := $(BIN)/hhgraph
# The test suite starts its own server on a free port; `make run` uses this one.
DATA_DIR ?= .data/neo4j

.PHONY: install run test lint db-start db-stop clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

console/node_modules/.package-lock.json: console/package-lock.json
	npm ci --prefix console --no-audit --no-fund

# The console's browser tests drive Debian's Chromium (Playwright downloads no browser) and
# render Chinese labels with a CJK font: both are installed here when missing, as root or
# through sudo, so that `make run` and `make test` set up everything on a fresh machine.
SYSTEM_PACKAGES := chromium fonts-wqy-microhei
APT_INSTALL := apt-get update && apt-get install -y --no-install-recommends $(SYSTEM_PACKAGES)

.PHONY: system-packages
system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "make install: installing Debian packages:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then sh -c '$(APT_INSTALL)'; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	  sudo sh -c '$(APT_INSTALL)'; \
	else \
	  echo "make install: cannot install$$missing without root. Run this, then make again:" >&2; \
	  echo "  sudo sh -c '$(APT_INSTALL)'" >&2; \
	  exit 1; \
	fi

install: system-packages $(VENV)/.installed console/node_modules/.package-lock.json

db-start: install
	$(HHGRAPH) db start --data-dir $(DATA_DIR)

db-stop: install
	$(HHGRAPH) db stop --data-dir $(DATA_DIR)

# A developer's machine: without HHGRAPH_SECRET the API signs tokens with a local random key.
run: export HHGRAPH_DEV_MODE ?= 1
run: export HHGRAPH_DATA_DIR := $(DATA_DIR)
run: db-start
	$(HHGRAPH) db migrate
	$(HHGRAPH) demo --households 5000
	$(HHGRAPH) rescore --as-of $$(TZ=Asia/Shanghai date +%F)
	$(HHGRAPH) serve --host 127.0.0.1 --port 8000

test: install
	$(BIN)/pytest

# The console's JavaScript too: eslint and prettier from console/package.json (issue 15 item 10).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	npm --prefix console run lint

clean:
	rm -rf $(VENV) graph/server/target .pytest_cache .mypy_cache .ruff_cache

# Benchmarks (figures go to BENCHMARKS.md): a dedicated local server, emptied by the scripts.
BENCH_DIR ?= .data/bench
BENCH_PORT ?= 7699
BENCH_URI := bolt://127.0.0.1:$(BENCH_PORT)

.PHONY: bench bench-large
bench: install
	$(HHGRAPH) db start --data-dir $(BENCH_DIR) --bolt-port $(BENCH_PORT)
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/load_throughput.py --households 100000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/rescore.py --as-of 2026-11-01 --new-events 10000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/screening.py --region 44 --as-of 2026-11-01
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/latency.py --requests 1000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/application_latency.py --applications 100000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/assistance_chain.py --applications 100000 --referrals 20000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/memory.py
	# These empty and reload the database: keep them last.
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/naive_load.py --households 100000 --subset 5000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/rust_ext.py --households 20000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/reference_rescore.py --households 10000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/import_initial.py --households 100000
	$(HHGRAPH) db stop --data-dir $(BENCH_DIR)

bench-large: install
	HHGRAPH_HEAP_MB=4096 HHGRAPH_PAGECACHE_MB=8192 \
	  $(HHGRAPH) db start --data-dir $(BENCH_DIR)-large --bolt-port $(BENCH_PORT)
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/load_throughput.py --households 1000000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/rescore.py --as-of 2026-11-01 --new-events 10000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/latency.py --requests 1000
	# The officials stay in the store: the applications below are measured among them.
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/officials_check.py --officials 50000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/application_latency.py --applications 100000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/assistance_chain.py --applications 100000 --referrals 200000 --relief 50000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/integrity_scan.py --region 44
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/stats_figures.py --rebuild
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/memory.py
	# These empty and reload the database: keep them last.
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/rust_ext.py --households 100000
	NEO4J_URI=$(BENCH_URI) $(BIN)/python bench/reference_rescore.py --households 100000
	$(HHGRAPH) db stop --data-dir $(BENCH_DIR)-large
	# The transactional loader's 1M figure is load_throughput's, above.
	HHGRAPH_HEAP_MB=4096 HHGRAPH_PAGECACHE_MB=4096 \
	  $(BIN)/python bench/import_initial.py --households 1000000 --skip-load
