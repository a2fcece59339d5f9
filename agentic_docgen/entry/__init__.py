"""The command line and the library API: options in, exit codes out. No logic of its own."""
