"""The markdown dialect the tools write and every rule about its text: internal marks, lines
and fences, headings, escaping, logs, plain-text structure, references, metadata, lint."""
