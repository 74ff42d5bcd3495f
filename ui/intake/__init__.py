"""The intake screen (Tiếp nhận): the home screen where dossiers are received."""

from ui.intake.install import install

__all__ = ["install"]
