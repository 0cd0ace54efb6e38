"""Inspection QA library: documents in, cited answers out."""
