"""The interface language: Vietnamese by default, English switchable, through Qt translations.

Source strings in the code are English (``self.tr("Receive")``); each screen keeps its
Vietnamese in its own ``resources/translations/<area>_vi.ts``, compiled to ``.qm`` at build
time (``scripts/build_translations.py``, run by ``scripts/setup.sh`` and the bundle build).
Every ``*_<lang>.qm`` found is installed, so a new screen only adds its file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from counter_app.resources import resource_path

VI = "vi"
EN = "en"
TRANSLATIONS = "translations"


def install_translations(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install the ``lang`` translations; returns them (the app must keep a reference)."""
    language = QLocale.Language.Vietnamese if lang == VI else QLocale.Language.English
    QLocale.setDefault(QLocale(language))
    if lang == EN:
        return []
    installed = []
    for path in sorted(resource_path(TRANSLATIONS).glob(f"*_{lang}.qm")):
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
