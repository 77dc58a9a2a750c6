"""E-mail over SMTP: the overview as text and HTML, with a one-click unsubscribe link."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from kroniek.overview import Update, to_html, to_text
from kroniek.overview.render import title
from kroniek.store.topics import utcnow

FOOTER = {
    "nl": ("Je krijgt dit bericht omdat je het onderwerp '{topic}' volgt.", "Afmelden"),
    "en": ("You receive this message because you follow '{topic}'.", "Unsubscribe"),
}


def unsubscribe_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/unsubscribe/{token}"


@dataclass
class Mail:
    id: str  # the outbox id: also the Message-ID, so a resent mail is recognisably the same
    to: str
    token: str
    topic: str
    update: Update


@dataclass
class MailOutcome:
    id: str
    ok: bool
    error: str | None = None


def build_message(mail: Mail, *, mail_from: str, base_url: str) -> EmailMessage:
    lang = mail.update.language if mail.update.language in FOOTER else "nl"
    why, label = FOOTER[lang]
    link = unsubscribe_url(base_url, mail.token)
    msg = EmailMessage()
    msg["Subject"] = title(mail.update)
    msg["From"] = mail_from
    msg["To"] = mail.to
    msg["Date"] = format_datetime(utcnow())
    domain = mail_from.rpartition("@")[2] or "kroniek.local"
    msg["Message-ID"] = f"<{mail.id}@{domain}>" if mail.id else make_msgid(domain=domain)
    msg["List-Unsubscribe"] = f"<{link}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["X-Kroniek-Delivery"] = mail.id
    text = to_text(mail.update, base_url) + f"\n-- \n{why.format(topic=mail.topic)}\n{label}: {link}\n"
    msg.set_content(text)
    html_footer = f'<hr><p class="footer">{why.format(topic=mail.topic)} <a href="{link}">{label}</a></p>'
    msg.add_alternative(
        f'<!doctype html><html lang="{lang}"><body>{to_html(mail.update, base_url)}{html_footer}</body></html>',
        subtype="html",
    )
    return msg


@dataclass
class EmailNotifier:
    host: str = "127.0.0.1"
    port: int = 25
    mail_from: str = "kroniek@localhost"
    base_url: str = "http://127.0.0.1:8000"
    timeout: float = 30.0

    def send(self, mails: Sequence[Mail]) -> list[MailOutcome]:
        """Send over one SMTP connection; a refused recipient fails alone, a lost server fails the rest."""
        if not mails:
            return []
        outcomes: list[MailOutcome] = []
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                for mail in mails:
                    try:
                        smtp.send_message(build_message(mail, mail_from=self.mail_from, base_url=self.base_url))
                        outcomes.append(MailOutcome(mail.id, True))
                    except smtplib.SMTPRecipientsRefused as exc:
                        outcomes.append(MailOutcome(mail.id, False, f"recipient refused: {exc.recipients}"))
        except (OSError, smtplib.SMTPException) as exc:
            done = {o.id for o in outcomes}
            outcomes += [MailOutcome(m.id, False, f"{type(exc).__name__}: {exc}") for m in mails if m.id not in done]
        return outcomes
