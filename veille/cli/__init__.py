"""The `veille` command line: thin commands over library functions."""
