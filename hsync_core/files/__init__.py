"""How hsync reads, hashes and edits each style of output: whole files, linked directories,
TOML and JSON entries in shared files, and managed Markdown blocks."""
