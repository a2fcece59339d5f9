"""Session folders and what lives in them: inputs (discovery, decoding), paths, checkpoints,
the log, listing and cleaning."""
