"""Graph nodes: plain functions (state, ctx) -> the state keys they change."""
