"""Extraction: from a read document to incidents, claims and actors (see `pipeline`)."""
