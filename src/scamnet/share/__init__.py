"""Sharing: exports of the store in formats other tools read."""
