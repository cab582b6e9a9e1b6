"""The book's command-line tools (run as `python tools/<name>.py`); importable in the tests."""
