"""Text messages through a provider interface, chosen in settings like Django's email backends.

``SMS_URL`` (recovery_practice/env.py) picks the backend: ``console://`` prints
(DEBUG's default), ``file:///folder`` writes one file per message, ``locmem://``
keeps them in ``sms.outbox`` for tests. A real provider is one more class with a
``send(message)`` that raises when the provider refuses: the task queue then
tries again (casework/reminders/sending.py).
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string

# What locmem:// has "sent", like django.core.mail.outbox.
outbox: list[TextMessage] = []


@dataclass(frozen=True)
class TextMessage:
    to: str
    body: str


class BaseBackend:
    def send(self, message: TextMessage) -> None:
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    def send(self, message: TextMessage) -> None:
        sys.stdout.write(f"SMS to {message.to}\n{message.body}\n{'-' * 40}\n")
        sys.stdout.flush()


class LocmemBackend(BaseBackend):
    def send(self, message: TextMessage) -> None:
        outbox.append(message)


class FileBackend(BaseBackend):
    def __init__(self, path: str | None = None):
        self.path = Path(path or settings.SMS_FILE_PATH)

    def send(self, message: TextMessage) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.txt"
        (self.path / name).write_text(f"To: {message.to}\n\n{message.body}\n", encoding="utf-8")


def sms_available() -> bool:
    """Whether text reminders can be offered (an SMS backend is configured)."""
    return bool(getattr(settings, "SMS_BACKEND", None))


def get_backend() -> BaseBackend:
    if not sms_available():
        raise ImproperlyConfigured("SMS_URL is not set: text messages cannot be sent.")
    return import_string(settings.SMS_BACKEND)()


def send_sms(to: str, body: str) -> None:
    get_backend().send(TextMessage(to=to, body=body))
