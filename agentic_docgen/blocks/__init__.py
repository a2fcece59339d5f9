"""Markdown → the block JSON contract (Python side of the hand-over), highlighting, and the
bridge to the Node converter."""
