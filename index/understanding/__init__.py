"""Understanding a question once: who and when it is about, what it asks for, from which source."""
