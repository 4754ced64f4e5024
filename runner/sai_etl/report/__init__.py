"""Presentation: the health document as text tables and as Prometheus metrics."""
