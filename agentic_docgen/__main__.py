from agentic_docgen.entry.cli import main

main()
