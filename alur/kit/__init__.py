"""Shared helpers every app may import (the kit floor, docs/architecture.md)."""
