"""Catalog, checks and site of Guangdong's use-first-transfer-later reform."""

__version__ = "0.1.0"
