"""Counter app: dossier intake for the one-stop counters (Bộ phận Một cửa)."""

__version__ = "0.1.0"
APP_NAME = "counter-app"
