"""The headless core: no Textual, no Rich. The TUI and the CLI are thin layers over it."""
