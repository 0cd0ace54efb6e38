"""Composing cited answers from what retrieval found."""
