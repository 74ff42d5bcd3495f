"""Line breaking with real glyph widths, so names and addresses wrap instead of running off.

A paragraph is a list of runs (text, font), so a label in the regular face can be followed by
a value in bold on the same line. Words break at spaces; a word wider than the line (a long
e-mail address, a name typed without spaces) is cut between letters rather than clipped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from counter_app.documents.fonts import text_width

Run = tuple[str, str]  # (text, font name)

# Words end at ASCII white space only: a no-break space (see ``keep_together``) joins words.
_TOKENS = re.compile(r"[^ \t\r\n]+|[ \t\r\n]+")
NO_BREAK = "\u00a0"


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of one line in one face, ``x`` points from the line's start."""

    x: float
    text: str
    font: str


@dataclass(frozen=True, slots=True)
class Line:
    segments: tuple[Segment, ...]
    width: float


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    font: str
    width: float
    kind: int  # _WORD, _SPACE or _BREAK


_WORD, _SPACE, _BREAK = 0, 1, 2


def _tokens(runs: Sequence[Run], size: float) -> list[_Token]:
    found: list[_Token] = []
    for text, font in runs:
        for match in _TOKENS.finditer(text):
            piece = match.group()
            if not piece[0].isspace():
                found.append(_Token(piece, font, text_width(piece, font, size), _WORD))
            elif "\n" in piece:
                found.append(_Token("", font, 0.0, _BREAK))
            else:  # a run of spaces keeps its width inside a line ("Điện thoại: …     Email")
                spaces = " " * len(piece)
                found.append(_Token(spaces, font, text_width(spaces, font, size), _SPACE))
    return found


class _LineBuilder:
    """Greedy filling: tokens go on the current line until the next word would not fit."""

    def __init__(self, width: float, size: float) -> None:
        self.width = width
        self.size = size
        self.lines: list[Line] = []
        self.current: list[_Token] = []
        self.used = 0.0
        self.space: _Token | None = None

    def add(self, token: _Token) -> None:
        if token.kind == _BREAK:
            self.flush(force=True)
        elif token.kind == _SPACE:
            self.space = token if self.current else None
        elif token.width > self.width and NO_BREAK in token.text:
            self._add_words_kept_together(token)
        elif token.width > self.width:
            self._add_long_word(token)
        else:
            self._add_word(token)

    def _add_word(self, token: _Token) -> None:
        gap = self.space.width if self.space else 0.0
        if self.current and self.used + gap + token.width > self.width:
            self.flush()
        elif self.space is not None:
            self.current.append(self.space)
            self.used += gap
        self.current.append(token)
        self.used += token.width
        self.space = None

    def _add_words_kept_together(self, token: _Token) -> None:
        """Too long to keep on one line after all: break it at its spaces like any text."""
        for piece in _tokens([(token.text.replace(NO_BREAK, " "), token.font)], self.size):
            self.add(piece)

    def _add_long_word(self, token: _Token) -> None:
        """Cut between letters: better a broken e-mail address than a clipped one."""
        self.flush()
        piece = ""
        for char in token.text:
            if piece and text_width(piece + char, token.font, self.size) > self.width:
                self.current.append(self._token(piece, token.font))
                self.flush()
                piece = ""
            piece += char
        self.current.append(self._token(piece, token.font))
        self.used = self.current[-1].width

    def _token(self, text: str, font: str) -> _Token:
        return _Token(text, font, text_width(text, font, self.size), _WORD)

    def flush(self, *, force: bool = False) -> None:
        if self.current or force:
            self.lines.append(_merge(self.current))
        self.current = []
        self.used = 0.0
        self.space = None


def _merge(tokens: list[_Token]) -> Line:
    """One segment per change of face, each at its offset from the line's start."""
    segments: list[Segment] = []
    x = 0.0
    start = 0.0
    text = ""
    font = tokens[0].font if tokens else ""
    for token in tokens:
        if token.font != font:
            if text:
                segments.append(Segment(start, text, font))
            font, text, start = token.font, "", x
        text += token.text
        x += token.width
    if text:
        segments.append(Segment(start, text, font))
    if any(NO_BREAK in s.text for s in segments):  # drawn, and extracted, as plain spaces
        segments = [Segment(s.x, s.text.replace(NO_BREAK, " "), s.font) for s in segments]
    return Line(tuple(segments), x)


def wrap_runs(runs: Sequence[Run], width: float, size: float) -> tuple[Line, ...]:
    """The lines of a paragraph ``width`` points wide; an empty paragraph has no line."""
    return _wrap(tuple(runs), width, size)


# Both copies of a form, and the next receipt's labels, wrap the same paragraphs again.
@functools.lru_cache(maxsize=1024)
def _wrap(runs: tuple[Run, ...], width: float, size: float) -> tuple[Line, ...]:
    builder = _LineBuilder(width, size)
    for token in _tokens(runs, size):
        builder.add(token)
    builder.flush()
    return tuple(builder.lines)


def keep_together(text: str) -> str:
    """``text`` with no-break spaces: wrapped as one word unless wider than a whole line."""
    return text.replace(" ", NO_BREAK)


def balanced_wrap(runs: Sequence[Run], width: float, size: float) -> tuple[Line, ...]:
    """As many lines as ``wrap_runs`` needs, but as even as possible (centred headings):
    ``TRUNG TÂM PHỤC VỤ / HÀNH CHÍNH CÔNG / PHƯỜNG HOÀN KIẾM`` rather than a lone last word."""
    lines = wrap_runs(runs, width, size)
    if len(lines) < 2:
        return lines
    low, high = max(line.width for line in lines) / len(lines), width
    for _ in range(BALANCE_STEPS):
        middle = (low + high) / 2
        if len(wrap_runs(runs, middle, size)) > len(lines):
            low = middle
        else:
            high = middle
    return wrap_runs(runs, high, size)


# Halvings of the search for the narrowest width keeping the line count: 8 steps bring it
# within 1/256 of the line, well under a letter.
BALANCE_STEPS = 8


def wrap_text(text: str, font: str, width: float, size: float) -> list[str]:
    """Single-face convenience: the text of each line."""
    return [
        "".join(s.text for s in line.segments) for line in wrap_runs([(text, font)], width, size)
    ]
