"""Sub-commands of `sai-etl`, one module each."""
