"""The command line: parse arguments, call the core, format the result. No business logic."""
