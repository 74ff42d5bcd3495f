"""Scanner inputs: keyboard wedge, COM port, webcam, image file; all end in one ``ScanRouter``."""

from ui.scanner.router import ScanRouter

__all__ = ["ScanRouter"]
