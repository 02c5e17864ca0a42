"""Greylisting end to end: one Martlet (local.test on 127.0.0.1) with [greylisting]
delay_seconds = 1 and whitelist_after = 1, clients on other loopback addresses (outside
trusted_networks).

1. 127.0.0.2, first attempt: 451 4.7.1 "Greylisted"; an immediate retry: 451 again.
2. The retry after 1.5 s: 250, and the message is delivered.
3. The network 127.0.0.0/24 is whitelisted now: a new triplet from 127.0.0.3 passes at once.
4. Another network (127.0.1.5) is still greylisted, and an unknown user gets 550, not 451.
Prints "done" when every check passed; exits non-zero otherwise.

Environment: MARTLET (the executable), WORK (a temporary folder for data and configs).
"""
import os
import smtplib
import socket
import sys
import time

sys.path[:0] = [os.path.dirname(os.path.abspath(__file__)),
                os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support")]
from martlet_harness import PASSWORD, Instance, fail, free_port, kill_all, wait_for  # noqa: E402


def attempt(instance, source, sender, recipient, subject):
    """One transaction from `source`: returns the RCPT reply (code, text); on 250 the message
    is sent and must be accepted."""
    with smtplib.SMTP(instance.address, instance.smtp, timeout=30, source_address=(source, 0),
                      local_hostname="mx.remote.example") as smtp:
        smtp.ehlo()
        code, text = smtp.mail(sender)
        if code != 250:
            fail(f"MAIL FROM refused: {code} {text!r}")
        code, text = smtp.rcpt(recipient)
        if code == 250:
            message = (f"From: {sender}\r\nTo: {recipient}\r\nSubject: {subject}\r\n"
                       f"Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <{subject.replace(' ', '-')}@remote>\r\n\r\n"
                       "Hello Bob.\r\n")
            data_code, data_text = smtp.data(message.encode())
            if data_code != 250:
                fail(f"DATA refused: {data_code} {data_text!r}")
        return code, text.decode()


def expect_greylisted(code, text, what):
    if code != 451 or "4.7.1" not in text or "Greylisted" not in text:
        fail(f"{what}: expected 451 4.7.1 Greylisted, got {code} {text}")
    print(f"{what}: {code} {text}", flush=True)


def main():
    dns_port = free_port(["127.0.0.1"], socket.SOCK_DGRAM)
    ports = [free_port(["127.0.0.1"]) for _ in range(4)]
    # No greeting delay: it would hold each attempt for a second, as long as the greylist delay.
    config = """[limits]
smtp_greeting_delay_milliseconds = 0

[mail_auth]
trusted_networks = []
verify = false

[greylisting]
enabled = true
delay_seconds = 1
window_seconds = 60
whitelist_after = 1
"""
    instance = Instance("local.test", "127.0.0.1", dns_port, ports, config)
    instance.admin("domain", "add", "local.test")
    instance.admin("user", "add", "bob@local.test", "--password-stdin", stdin=PASSWORD + "\n")
    instance.start()

    # 1. First attempt and an immediate retry.
    code, text = attempt(instance, "127.0.0.2", "alice@remote.example", "bob@local.test", "greylisted")
    expect_greylisted(code, text, "first attempt")
    code, text = attempt(instance, "127.0.0.2", "alice@remote.example", "bob@local.test", "greylisted")
    expect_greylisted(code, text, "immediate retry")

    # 2. After the delay.
    time.sleep(1.5)
    code, text = attempt(instance, "127.0.0.2", "alice@remote.example", "bob@local.test", "retried after the delay")
    if code != 250:
        fail(f"the retry after the delay was refused: {code} {text}")
    wait_for(instance, "bob@local.test", lambda m: b"Subject: retried after the delay" in m, "the retried message")
    print("retry after the delay: delivered", flush=True)

    # 3. Whitelisted network: a new triplet passes at once.
    code, text = attempt(instance, "127.0.0.3", "carol@elsewhere.example", "bob@local.test", "whitelisted network")
    if code != 250:
        fail(f"a new triplet from the whitelisted network was refused: {code} {text}")
    wait_for(instance, "bob@local.test", lambda m: b"Subject: whitelisted network" in m, "the whitelisted message")
    print("whitelisted network: delivered at once", flush=True)

    # 4. Another network is still greylisted; unknown users are refused, not greylisted.
    code, text = attempt(instance, "127.0.1.5", "alice@remote.example", "bob@local.test", "other network")
    expect_greylisted(code, text, "another network")
    code, text = attempt(instance, "127.0.1.5", "alice@remote.example", "nobody@local.test", "unknown user")
    if code != 550:
        fail(f"an unknown user was not refused with 550: {code} {text}")
    print(f"unknown user: {code} {text}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    try:
        main()
    finally:
        kill_all()
