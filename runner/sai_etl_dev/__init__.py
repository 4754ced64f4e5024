"""Development tools beside sai-etl, never imported by it: the n8n simulator, its payloads,
synthetic camera frames and the flatted codec (for `make demo`, the tests, the benchmarks)."""
