"""Background tasks (django-tasks): notices e-mailed at once, after the action's commit."""

from __future__ import annotations

from django_tasks import task

from layak.notices.mail import send_now


@task()
def send_notice_emails(ids: list[int]) -> int:
    return send_now(ids)
