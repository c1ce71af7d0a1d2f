"""Benchmarks of Alur against a general BPMN engine (see bench/README.md)."""
