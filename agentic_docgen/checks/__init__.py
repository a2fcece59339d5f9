"""Read-back of the produced .docx: quality checks and the fidelity receipt."""
