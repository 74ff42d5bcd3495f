"""Pure domain rules: dataclasses, parsing, validation. No I/O, no Qt."""
