"""PyInstaller runtime hook: pyzbar finds libzbar through ``ctypes.util.find_library``, which
looks only at the system's linker cache and never inside the bundle. Point it at the copy the
bundle carries, so the second QR decoder works on a PC without the zbar package."""

import ctypes.util
import os
import sys

_BUNDLED = os.path.join(getattr(sys, "_MEIPASS", ""), "libzbar.so.0")

if os.path.exists(_BUNDLED):
    _system_find_library = ctypes.util.find_library

    def _find_library(name: str) -> str | None:
        return _BUNDLED if name == "zbar" else _system_find_library(name)

    ctypes.util.find_library = _find_library
