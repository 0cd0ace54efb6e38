"""The service reads the library's one settings object; re-exported for the routes."""

from index.settings import Settings, get_settings

__all__ = ["Settings", "get_settings"]
