"""Who decides the structure: the offline planner or an LLM, behind one protocol (a Reply)."""
