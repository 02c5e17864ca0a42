"""The spam filter end to end: one Martlet instance for isp.test on 127.0.0.2 whose SMTP
clients are all untrusted (`trusted_networks = []`), and a dnsmasq with SPF records:
good.test sends from 127.0.0.8, spammer.test from nowhere (`-all`).

1. A normal message from good.test lands in INBOX with X-Spam-Status: No (SPF_PASS).
2. A spammy one (no Date, no Message-ID, an all-caps subject, an .exe attached) lands in
   Junk with X-Spam-Status: Yes.
3. One above the reject threshold (SPF fail, forged Received, suspicious links besides)
   is refused with 550 5.7.1 at the end of the data.
4. bob moves an advert into Junk (UID MOVE) and a letter into Junk and back out again:
   the store's corpora count one spam and one ham, for bob and globally, and a second
   advert like the first now gets a Bayes rule and a higher score.
Prints "done" when every check passed; exits non-zero otherwise.

Environment: MARTLET (the executable), WORK (a temporary folder for data and configs).
"""
import imaplib
import os
import re
import smtplib
import socket
import sqlite3
import sys
import time

sys.path[:0] = [os.path.dirname(os.path.abspath(__file__)),
                os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support")]
from martlet_harness import (PASSWORD, WORK, Instance, client_tls, fail, free_port, kill_all,  # noqa: E402
                             start_dnsmasq, wait_for)

GOOD = "127.0.0.8"
SPAMMER = "127.0.0.9"
BOB = "bob@isp.test"

EXECUTABLE = ("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"part\"\r\n\r\n"
              "--part\r\nContent-Type: text/plain\r\n\r\nOpen the attached program to claim your prize.\r\n"
              "--part\r\nContent-Type: application/octet-stream; name=\"prize.exe\"\r\n"
              "Content-Disposition: attachment; filename=\"prize.exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
              "TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAA==\r\n"
              "--part--\r\n")


def send(instance, source, mail_from, header, rest):
    """Sends `header` then `rest` (an empty line and a body, or MIME fields, an empty line and
    a body) over plain SMTP from `source`; returns (code, text) of the reply to the data."""
    with smtplib.SMTP(instance.address, instance.smtp, timeout=30, source_address=(source, 0),
                      local_hostname="client.example") as smtp:
        try:
            smtp.sendmail(mail_from, [BOB], (header + rest).encode())
        except smtplib.SMTPDataError as error:
            return error.smtp_code, error.smtp_error.decode()
    return 250, ""


def header_of(subject, sender="alice@good.test", date=True):
    header = f"From: {sender}\r\nTo: {BOB}\r\nSubject: {subject}\r\n"
    if date:
        header += f"Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <{subject.replace(' ', '.')}@good.test>\r\n"
    return header


def letter(subject, body):
    return header_of(subject), "\r\n" + body


def spam_status(message):
    """The X-Spam-Status field unfolded, and the X-Spam-Score value."""
    unfolded = re.sub(rb"\r\n[ \t]+", b" ", message)
    status = re.search(rb"^X-Spam-Status: (.*)$", unfolded, re.M)
    score = re.search(rb"^X-Spam-Score: (\S+)", unfolded, re.M)
    if not status or not score:
        fail(f"no X-Spam-Status or X-Spam-Score: {message[:1500]!r}")
    return status.group(1).decode(), float(score.group(1))


def corpora(instance):
    """(account_id, spam_messages, ham_messages) rows of the store's spam_corpus table."""
    database = sqlite3.connect(f"file:{instance.folder}/data/store.sqlite?mode=ro", uri=True, timeout=10)
    try:
        return sorted(database.execute("SELECT account_id, spam_messages, ham_messages FROM spam_corpus").fetchall())
    finally:
        database.close()


def imap_session(instance):
    imap = imaplib.IMAP4(instance.address, instance.imap, timeout=30)
    imap.starttls(ssl_context=client_tls())
    imap.login(BOB, PASSWORD)
    return imap


def uid_of(imap, subject):
    status, data = imap.uid("SEARCH", None, "SUBJECT", f'"{subject}"')
    uids = data[0].split()
    if status != "OK" or len(uids) != 1:
        fail(f"searching for {subject!r}: {status} {data}")
    return uids[0].decode()


def main():
    dns_port = free_port(["127.0.0.1"], socket.SOCK_DGRAM)
    ports = [free_port(["127.0.0.2"]) for _ in range(4)]
    suffixes = os.path.join(WORK, "public_suffix_list.dat")
    with open(suffixes, "w") as file:
        file.write("// the test's own list\ntest\n")
    config = (f'[mail_auth]\ntrusted_networks = []\npublic_suffix_list = "{suffixes}"\n'
              "[spam]\njunk_threshold = 5.0\nreject_threshold = 12.0\nmin_training_messages = 1\n")
    isp = Instance("isp.test", "127.0.0.2", dns_port, ports, config)
    isp.admin("domain", "add", "isp.test")
    isp.admin("user", "add", BOB, "--password-stdin", stdin=PASSWORD + "\n")
    start_dnsmasq(dns_port, [
        "--auth-server=ns.test,127.0.0.1", "--auth-soa=1,hostmaster.isp.test,1200,120,604800", "--auth-ttl=1",
        "--auth-zone=isp.test", "--auth-zone=isp2.test", "--auth-zone=good.test", "--auth-zone=spammer.test",
        "--mx-host=isp.test,mail.isp.test,10", "--host-record=mail.isp.test,127.0.0.2",
        "--txt-record=good.test,v=spf1 ip4:127.0.0.8 -all",
        "--txt-record=spammer.test,v=spf1 -all",
    ])
    isp.start()

    # 1. A normal letter.
    code, text = send(isp, GOOD, "alice@good.test", *letter("Minutes of the garden committee",
                      "Dear Bob,\r\nthe minutes of Tuesday's meeting are below. We agreed on the new compost bins.\r\n"))
    if code != 250:
        fail(f"the normal letter was refused: {code} {text}")
    normal = wait_for(isp, BOB, lambda m: b"Subject: Minutes of the garden committee" in m, "the normal letter")
    status, score = spam_status(normal)
    if not status.startswith("No,") or "SPF_PASS" not in status or score >= 5:
        fail(f"the normal letter was scored {status}")
    print(f"normal letter in INBOX: X-Spam-Status: {status}", flush=True)

    # 2. A spammy message: into Junk.
    code, text = send(isp, GOOD, "alice@good.test", header_of("URGENT WINNER NOTIFICATION", date=False), EXECUTABLE)
    if code != 250:
        fail(f"the spammy message was refused: {code} {text}")
    junk = wait_for(isp, BOB, lambda m: b"URGENT WINNER NOTIFICATION" in m, "the spammy message", mailbox="Junk")
    status, score = spam_status(junk)
    for rule in ["MISSING_DATE", "MISSING_MESSAGE_ID", "SUBJECT_ALL_CAPS", "EXECUTABLE_ATTACHMENT"]:
        if rule not in status:
            fail(f"{rule} missing from {status}")
    if not status.startswith("Yes,") or score < 5:
        fail(f"the spammy message was scored {status}")
    if any(b"URGENT WINNER NOTIFICATION" in m for m in imap_messages_of(isp, "INBOX")):
        fail("the spammy message is also in INBOX")
    print(f"spammy message in Junk: X-Spam-Status: {status}", flush=True)

    # 3. Above the reject threshold: refused at the end of the data.
    header = ("Received: from relay by mail.isp.test with ESMTP; Mon, 23 Nov 2026 09:00:00 +0000\r\n"
              + header_of("YOUR ACCOUNT IS SUSPENDED", sender="security@spammer.test", date=False))
    body = EXECUTABLE.replace("Open the attached program to claim your prize.",
                              "Log in at http://192.0.2.44/login or https://isp.test@login.spammer.test/verify now.")
    code, text = send(isp, SPAMMER, "security@spammer.test", header, body)
    if code != 550 or "5.7.1" not in text or "spam" not in text:
        fail(f"the message above the reject threshold was not refused with 550 5.7.1: {code} {text}")
    print(f"message above the reject threshold refused: {code} {text}", flush=True)

    # 4. Training over IMAP.
    advert = ("Cheap luxury replica watches, designer handbags and sunglasses at outlet discount prices. "
              "Visit our boutique catalogue for exclusive bargains this season.\r\n")
    send(isp, GOOD, "alice@good.test", *letter("Boutique catalogue", advert))
    first = wait_for(isp, BOB, lambda m: b"Subject: Boutique catalogue" in m, "the first advert")
    _, first_score = spam_status(first)
    send(isp, GOOD, "alice@good.test", *letter("Choir rehearsal",
         "Hi Bob, rehearsal moves to Thursday evening in the church hall; bring your scores and pencil.\r\n"))
    wait_for(isp, BOB, lambda m: b"Subject: Choir rehearsal" in m, "the choir letter")
    if corpora(isp):
        fail(f"the classifier was trained before any move: {corpora(isp)}")
    imap = imap_session(isp)
    imap.select("INBOX")
    for command in [("MOVE", uid_of(imap, "Boutique catalogue"), "Junk"), ("MOVE", uid_of(imap, "Choir rehearsal"), "Junk")]:
        status, data = imap.uid(*command)
        if status != "OK":
            fail(f"UID {command}: {status} {data}")
    imap.select("Junk")
    status, data = imap.uid("MOVE", uid_of(imap, "Choir rehearsal"), "INBOX")
    if status != "OK":
        fail(f"UID MOVE out of Junk: {status} {data}")
    imap.logout()
    deadline = time.time() + 30
    while time.time() < deadline:
        rows = corpora(isp)
        if len(rows) == 2 and all(row[1:] == (1, 1) for row in rows) and rows[0][0] == 0:
            break
        time.sleep(0.2)
    else:
        fail(f"the corpora do not count one spam and one ham for bob and globally: {corpora(isp)}")
    print(f"trained from IMAP moves: spam_corpus rows {corpora(isp)}", flush=True)

    send(isp, GOOD, "alice@good.test", *letter("Boutique catalogue again",
         "Cheap luxury replica watches and designer handbags at outlet discount prices, exclusive bargains.\r\n"))
    second = wait_for_anywhere(isp, b"Subject: Boutique catalogue again", "the second advert")
    status, second_score = spam_status(second)
    if not re.search(r"BAYES_(80|95|99)", status) or second_score <= first_score:
        fail(f"after training, the second advert got {status} (the first had {first_score})")
    print(f"a similar advert after training: {status} (before training: {first_score})", flush=True)

    isp.stop()
    print("done", flush=True)


def imap_messages_of(instance, mailbox):
    imap = imap_session(instance)
    imap.select(mailbox, readonly=True)
    status, data = imap.search(None, "ALL")
    messages = []
    for number in data[0].split():
        status, parts = imap.fetch(number, "(BODY.PEEK[])")
        messages.append(parts[0][1])
    imap.logout()
    return messages


def wait_for_anywhere(instance, marker, what, seconds=60):
    """The message containing `marker`, in INBOX or Junk."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        for mailbox in ["INBOX", "Junk"]:
            found = [m for m in imap_messages_of(instance, mailbox) if marker in m]
            if found:
                return found[0]
        time.sleep(0.3)
    fail(f"{what}: nothing arrived within {seconds} s")


if __name__ == "__main__":
    try:
        main()
    finally:
        kill_all()
