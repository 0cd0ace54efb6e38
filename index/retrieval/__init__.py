"""Finding passages: the encoder, the lexical index, the stored index, hybrid search."""
