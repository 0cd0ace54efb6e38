"""Domain adaptation of the encoder (issue 15): training pairs mined from an index, and the
fine-tuning that learns from them (`inspection-qa tune`)."""

# Kept here, light to import: the CLI lists them without loading FAISS or the model.
PAIR_KINDS = ("heading", "cloze", "judgement")
