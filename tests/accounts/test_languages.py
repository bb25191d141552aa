"""The language a person chose follows them: sign-up and login forms, notices and e-mails."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.api import notify
from accounts.models import Notification, Profile
from tests.accounts import factories as f
from tests.accounts.test_signup import PASSWORD, _confirm_from_mail

pytestmark = pytest.mark.django_db


def test_signing_up_from_the_spanish_form_keeps_spanish(client, site_frame):
    with translation.override("es"):
        signup = reverse("account_signup")
    assert signup.startswith("/es/")
    response = client.post(signup, {"email": "ana@example.org", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    assert Profile.objects.get(user__email="ana@example.org").preferred_language == "es"
    message = next(m for m in mail.outbox if "ana@example.org" in m.to)
    assert "/es/accounts/confirm-email/" in message.body
    landing = _confirm_from_mail(client, "ana@example.org")
    assert landing["Location"] == "/es/"


def test_logging_in_from_the_french_form_lands_in_french(client, site_frame):
    user = f.UserFactory(email="luc@example.org")
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    with translation.override("fr"):
        login = reverse("account_login")
    response = client.post(login, {"login": "luc@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/fr/"
    assert client.get("/fr/").status_code == 200


def test_notices_are_written_and_marked_in_the_recipients_language(client, site_frame):
    spanish, english = f.UserFactory(), f.UserFactory()
    for user, language in ((spanish, "es"), (english, "en")):
        Profile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    notify(
        recipients=[spanish, english],
        kind="test",
        subject=translation.gettext_lazy("Notifications"),
        body=lambda: translation.gettext("Mark as read"),
        email=False,
    )
    notice = Notification.objects.get(user=spanish)
    assert (notice.subject, notice.body, notice.language) == ("Notificaciones", "Marcar como leída", "es")
    assert Notification.objects.get(user=english).subject == "Notifications"
    client.force_login(spanish)
    with translation.override("en"):
        page = client.get(reverse("accounts:notifications")).content.decode()
    assert '<li class="notice unread" lang="es">' in page
