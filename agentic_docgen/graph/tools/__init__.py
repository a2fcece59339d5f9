"""What the agent's tools do to the session: the markdown under construction (document),
writing, reading, repairs, the input sources; bindings.py turns them into LangChain tools."""
