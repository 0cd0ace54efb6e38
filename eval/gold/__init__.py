"""Gold question sets (JSON Lines) and the scripts that build the generated parts."""
