"""Logging: JSON lines or plain text, to stdout."""

from __future__ import annotations

import logging

from core.environment import env

from .base import PRODUCTION

# --- Logging ----------------------------------------------------------------

# Checked here: a bad name would otherwise fail deep in logging.config when Django sets up.
LOG_FORMAT = env.choice("LOG_FORMAT", "json" if PRODUCTION else "plain", ["json", "plain"])
LOG_LEVEL = env.choice("LOG_LEVEL", "INFO", logging.getLevelNamesMapping())

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "core.logging.JsonFormatter"},
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
