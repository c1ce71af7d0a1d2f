"""Demo data and measurement: `alur demo`, `alur generate`, `alur history` and the simulator they share."""
