"""Linking across documents: incremental, on what is already stored."""
