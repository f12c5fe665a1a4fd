"""Data sets per task package and their extension procedure (seed 002 §2.1 and §3)."""
