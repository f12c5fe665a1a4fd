import time

import structlog
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from doelbinding.accounts.middleware import LOGIN_AT_SESSION_KEY

log = structlog.get_logger(__name__)


@receiver(user_logged_in)
def remember_login_time(sender, request, user, **kwargs):
    request.session[LOGIN_AT_SESSION_KEY] = int(time.time())
    log.info("login_succeeded", user_id=user.pk)


@receiver(user_logged_out)
def note_logout(sender, request, user, **kwargs):
    log.info("logged_out", user_id=getattr(user, "pk", None))


@receiver(user_login_failed)
def note_failure(sender, credentials, request=None, **kwargs):
    log.info("login_failed")
