"""The LangGraph state machine: its state, run context, nodes, routers and runner; the
agent's tools (tools/) and the policies that choose them (policy/)."""
