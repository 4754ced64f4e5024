"""Test helpers: database pairs, fixture loading, runner processes, fault machinery."""
