"""Exit codes of every command: 0 valid, 1 invalid data, 2 wrong usage."""

OK = 0
INVALID = 1
USAGE = 2
