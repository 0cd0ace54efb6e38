"""Documents in: files on disk → stored text, structure, metadata, passages, judgements."""
