from . import converters  # registers <id:...> before any urls.py or admin hook is imported
from .celery import app as celery_app

__all__ = ("celery_app", "converters")
