# sai-etl: two commands to start with, `make demo` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help venv demo demo-stop test faults live bench lint clean

help:
	@echo "make demo    run the whole pipeline on a private cluster with simulated cameras"
	@echo "make test    install what is missing, run sqlfluff, ruff, pg_prove and pytest"
	@echo "make faults  the long fault-injection suite (figures: docs/guarantees-faults.md)"
	@echo "make live    real n8n 1.123.81 and 2.41.1 end to end, and the upgrade (opt-in, 3-10 min)"
	@echo "make bench   the benchmarks (ratios measured in one run)"
	@echo "make clean   stop private clusters and remove .pg/, var/ and .venv/"

venv:
	@scripts/venv

demo:
	@scripts/demo

demo-stop:
	@scripts/pgcluster stop demo

test:
	@scripts/test

faults:
	@MARK=faults scripts/test -rP --durations=0

live:
	@scripts/live

bench:
	@scripts/bench

lint: venv
	.venv/bin/sqlfluff lint sql migrations --disable-progress-bar
	.venv/bin/ruff check runner tests
	.venv/bin/ruff format --check runner tests

clean:
	-@for c in .pg/*; do [ -e "$$c" ] && scripts/pgcluster stop "$$(basename "$$c")"; done; true
	rm -rf .pg var .venv
