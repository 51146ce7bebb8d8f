"""What both front doors print: the review as text, Markdown and JSON, the phrases the
review screen shares with ``relate week``, and the command line's output. No Textual, no
Rich: the command line imports this on its quick paths."""
