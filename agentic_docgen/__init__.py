"""agentic-docgen."""
