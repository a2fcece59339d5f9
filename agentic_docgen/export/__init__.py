"""The formats besides the .docx (`--format`): one standalone HTML page from the block JSON
(`html.py`), a clean markdown from the session's markdown (`markdown.py`), a PDF of the .docx
through LibreOffice (`pdf.py`); `outputs.py` writes every file of a run at once."""
