"""BRP usage register (seed 002 §3): which BRP data each task receives, how, and on what basis."""
