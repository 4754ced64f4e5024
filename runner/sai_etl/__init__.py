"""sai-etl: carries SAI's n8n executions into the sai_dashboard database."""

__version__ = "0.1.0"
