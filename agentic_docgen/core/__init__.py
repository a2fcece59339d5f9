"""What every layer shares: the exceptions with their exit codes, and the settings."""
