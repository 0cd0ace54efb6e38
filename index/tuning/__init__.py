"""Domain adaptation of the encoder (issue 15): training pairs mined from an index, and the
fine-tuning that learns from them (`inspection-qa tune`)."""
