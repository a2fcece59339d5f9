"""The graph's nodes, one module per family: references (scan_assets, human_input), agent
(agent, tools), chapter (validate_md, checkpoint), output (parse, convert, quality), recovery."""
