"""The two-domain test: a DNS server and two Martlet instances on loopback, isp1.test on
127.0.0.2 and isp2.test on 127.0.0.3, with MX records pointing at them.

alice@isp1.test submits over 587-style submission with STARTTLS and AUTH to bob@isp2.test;
isp1 queues it, looks up isp2's MX, delivers over SMTP with STARTTLS; bob reads it over IMAP
and POP3, byte-exact, with both Received: hops. Then isp2 is stopped, a message is deferred
and delivered after isp2 restarts, and a message to an unknown user at isp2 comes back to
alice's INBOX as a DSN. Prints "done" when every check passed; exits non-zero otherwise.

Environment: MARTLET (the executable), WORK (a temporary folder for data and configs).
"""
import email
import imaplib
import os
import poplib
import re
import smtplib
import socket
import subprocess
import sys
import time

# Beside this script in the test bundle; in ../Support when run from the source tree.
sys.path[:0] = [os.path.dirname(os.path.abspath(__file__)),
                os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support")]
from martlet_harness import (PASSWORD, Instance, client_tls, fail, free_port, imap_messages, kill_all,  # noqa: E402
                             processes, start_dnsmasq, submit, wait_for)


def start_dns(port):
    return start_dnsmasq(port, [
        "--auth-server=ns.test,127.0.0.1", "--auth-zone=isp1.test", "--auth-zone=isp2.test",
        "--auth-soa=1,hostmaster.isp1.test,1200,120,604800", "--auth-ttl=1",
        "--mx-host=isp1.test,mail.isp1.test,10", "--host-record=mail.isp1.test,127.0.0.2",
        "--mx-host=isp2.test,mail.isp2.test,10", "--host-record=mail.isp2.test,127.0.0.3",
        "--auth-zone=old.test", "--mx-host=old.test,mx.old.test,10", "--host-record=mx.old.test,127.0.0.4",
    ])


class SevenBitServer:
    """An SMTP server on 127.0.0.4 that offers PIPELINING but not 8BITMIME, and keeps what it
    receives: the next hop that makes isp1 convert 8-bit content (RFC 6152 §3)."""

    def __init__(self, port):
        import threading
        self.received = []
        self.listener = socket.create_server(("127.0.0.4", port))
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            reader = connection.makefile("rb")
            connection.sendall(b"220 mx.old.test ESMTP\r\n")
            while True:
                line = reader.readline()
                if not line:
                    break
                verb = line[:4].upper()
                if verb == b"EHLO":
                    connection.sendall(b"250-mx.old.test\r\n250 PIPELINING\r\n")
                elif verb == b"DATA":
                    connection.sendall(b"354 go on\r\n")
                    data = b""
                    while not data.endswith(b"\r\n.\r\n"):
                        chunk = reader.readline()
                        if not chunk:
                            break
                        data += chunk
                    self.received.append(data[:-3])
                    connection.sendall(b"250 2.0.0 kept\r\n")
                elif verb == b"QUIT":
                    connection.sendall(b"221 bye\r\n")
                    break
                else:
                    connection.sendall(b"250 ok\r\n")
            connection.close()


def main():
    dns_port = free_port(["127.0.0.1"], socket.SOCK_DGRAM)
    start_dns(dns_port)
    ports = [free_port(["127.0.0.2", "127.0.0.3", "127.0.0.4"]) for _ in range(4)]
    isp1 = Instance("isp1.test", "127.0.0.2", dns_port, ports)
    isp2 = Instance("isp2.test", "127.0.0.3", dns_port, ports)
    for instance, user in [(isp1, "alice@isp1.test"), (isp2, "bob@isp2.test")]:
        instance.admin("domain", "add", instance.name)
        instance.admin("user", "add", user, "--password-stdin", stdin=PASSWORD + "\n")
        instance.start()

    # 1. alice → bob, read over IMAP and POP3, byte-exact, both Received: hops.
    body = "Hello Bob,\r\n.leading dot stays\r\n..two dots too\r\nbye\r\n"
    sent = submit(isp1, "alice@isp1.test", "bob@isp2.test", "first hop", body)
    arrived = wait_for(isp2, "bob@isp2.test", lambda m: b"Subject: first hop" in m, "the first message")
    if not arrived.endswith(body.encode()):
        fail(f"body changed on the way: {arrived!r}")
    received = re.findall(rb"^Received: .*?(?=^\S)", arrived, re.M | re.S)
    if len(received) != 2:
        fail(f"expected 2 Received: fields, got {len(received)}: {arrived[:800]!r}")
    if b"by mail.isp2.test" not in received[0] or b"by mail.isp1.test" not in received[1]:
        fail(f"Received: hops are not isp2 then isp1: {received!r}")
    if arrived.count(b"Return-Path:") != 1 or not arrived.startswith(b"Return-Path: <alice@isp1.test>\r\n"):
        fail(f"expected exactly one Return-Path, isp2's: {arrived[:400]!r}")
    if b"ESMTPS" not in received[0]:
        fail(f"isp1 did not deliver to isp2 over STARTTLS: {received[0]!r}")
    if b"ESMTPSA" not in received[1]:
        fail(f"alice's submission was not authenticated over TLS: {received[1]!r}")
    pop = poplib.POP3(isp2.address, isp2.pop3, timeout=30)
    pop.stls(context=client_tls())
    pop.user("bob@isp2.test")
    pop.pass_(PASSWORD)
    count, _ = pop.stat()
    lines = pop.retr(count)[1]
    pop.quit()
    if b"\r\n".join(lines) + b"\r\n" != arrived:
        fail("POP3 and IMAP differ for the same message")
    print("delivered across domains over STARTTLS; IMAP and POP3 agree", flush=True)

    # 2. isp2 down: the message waits in isp1's queue, deferred, and arrives after isp2 returns.
    isp2.stop()
    submit(isp1, "alice@isp1.test", "bob@isp2.test", "while down", "sent while isp2 was down\r\n")
    deadline = time.time() + 30
    while time.time() < deadline:
        listing = isp1.admin("queue", "list")
        queue_ids = [line.split()[0] for line in listing.splitlines() if "bob@isp2.test" in line]
        if queue_ids:
            shown = isp1.admin("queue", "show", queue_ids[0])
            if "deferred" in shown:
                break
        time.sleep(0.3)
    else:
        fail(f"the message was not deferred in isp1's queue: {listing}")
    print("deferred while isp2 was down: " + shown.strip().splitlines()[-1], flush=True)
    isp2.start()
    wait_for(isp2, "bob@isp2.test", lambda m: b"Subject: while down" in m, "the deferred message")
    if "bob@isp2.test" in isp1.admin("queue", "list"):
        fail("the delivered message is still in isp1's queue")
    print("delivered after isp2 came back", flush=True)

    # 3. An unknown user at isp2: the DSN comes back to alice's INBOX.
    submit(isp1, "alice@isp1.test", "nobody@isp2.test", "to nobody", "this bounces\r\n")
    bounce = wait_for(isp1, "alice@isp1.test", lambda m: b"multipart/report" in m, "the bounce")
    parsed = email.message_from_bytes(bounce)
    if parsed.get_content_type() != "multipart/report" or parsed.get_param("report-type") != "delivery-status":
        fail(f"the bounce is not a delivery-status report: {bounce[:600]!r}")
    status = [part for part in parsed.walk() if part.get_content_type() == "message/delivery-status"]
    if not status:
        fail(f"the bounce has no message/delivery-status part: {bounce!r}")
    report = status[0].as_bytes()
    for needle in [b"Final-Recipient: rfc822; nobody@isp2.test", b"Action: failed", b"Status: 5.1.1",
                   b"Remote-MTA: dns; mail.isp2.test"]:
        if needle not in report:
            fail(f"{needle!r} missing from the report: {report!r}")
    if b"Subject: to nobody" not in bounce:
        fail("the bounce does not return the original header")
    print("unknown user bounced to alice's INBOX", flush=True)

    # 4. Forwarding with SRS: aliases at isp1 forward to isp2. Bob writes to team@isp1.test and
    # gets his copy back with isp1's SRS sender; a forward to an unknown user at isp2 bounces
    # to the SRS address, which isp1 reverses, so the bounce reaches bob at isp2.
    isp1.admin("alias", "add", "team@isp1.test", "bob@isp2.test")
    isp1.admin("alias", "add", "lost@isp1.test", "nobody@isp2.test")
    submit(isp2, "bob@isp2.test", "team@isp1.test", "forwarded", "via an alias\r\n")
    forwarded = wait_for(isp2, "bob@isp2.test", lambda m: b"Subject: forwarded" in m, "the forwarded message")
    if not re.match(rb"Return-Path: <SRS0=[^=]+=[A-Z2-7]{2}=isp2\.test=bob@isp1\.test>\r\n", forwarded, re.I):
        fail(f"the forwarded copy's sender is not isp1's SRS0 address: {forwarded[:200]!r}")
    submit(isp2, "bob@isp2.test", "lost@isp1.test", "forwarded into the void", "this bounces back through SRS\r\n")
    srs_bounce = wait_for(isp2, "bob@isp2.test",
                          lambda m: b"multipart/report" in m and b"Subject: forwarded into the void" in m,
                          "the bounce through SRS")
    if not srs_bounce.startswith(b"Return-Path: <>\r\n"):
        fail(f"the bounce was not sent with the null sender: {srs_bounce[:200]!r}")
    if b"Final-Recipient: rfc822; nobody@isp2.test" not in srs_bounce:
        fail(f"the SRS bounce does not name the failed recipient: {srs_bounce!r}")
    print("forwarded with SRS; its bounce came back to the original sender", flush=True)

    # 5. NOTIFY=SUCCESS: isp1 passes it on (isp2 offers DSN), isp2's final delivery reports
    # "delivered" back to alice (RFC 3461 §5.2.3).
    submit(isp1, "alice@isp1.test", "bob@isp2.test", "tell me", "did it arrive?\r\n",
           rcpt_options=["NOTIFY=SUCCESS,FAILURE", "ORCPT=rfc822;bob@isp2.test"])
    delivered = wait_for(isp1, "alice@isp1.test",
                         lambda m: b"Action: delivered" in m and b"Subject: tell me" in m, "the success report")
    for needle in [b"Final-Recipient: rfc822; bob@isp2.test", b"Original-Recipient: rfc822; bob@isp2.test",
                   b"Reporting-MTA: dns; mail.isp2.test", b"Status: 2.0.0"]:
        if needle not in delivered:
            fail(f"{needle!r} missing from the success report: {delivered!r}")
    print("NOTIFY=SUCCESS reported delivered by the final server", flush=True)

    # 6. A destination that requires TLS with a valid certificate: isp2's self-signed one
    # does not verify, so the message waits in the queue instead of going out unprotected.
    isp1.stop()
    isp1.write_config('require_tls = ["isp2.test"]\n')
    isp1.start()
    submit(isp1, "alice@isp1.test", "bob@isp2.test", "needs tls", "only over verified TLS\r\n")
    deadline = time.time() + 30
    shown = ""
    while time.time() < deadline:
        queue_ids = [line.split()[0] for line in isp1.admin("queue", "list").splitlines() if "bob@isp2.test" in line]
        shown = isp1.admin("queue", "show", queue_ids[0]) if queue_ids else ""
        if "deferred" in shown:
            break
        time.sleep(0.3)
    if "deferred" not in shown or "TLS" not in shown:
        fail(f"the message was not held back for want of verified TLS: {shown}")
    if any(b"Subject: needs tls" in m for m in imap_messages(isp2, "bob@isp2.test")):
        fail("a message for a require_tls destination went out without verified TLS")
    print("require_tls held the message back: " + shown.strip().splitlines()[-1], flush=True)

    # 7. A next hop without 8BITMIME: the 8-bit body is converted to quoted-printable.
    old = SevenBitServer(isp1.smtp)
    text = "Gr\u00fc\u00dfe aus M\u00fcnchen \u2014 8-bit text\r\n"
    with smtplib.SMTP(isp1.address, isp1.submission, timeout=30) as smtp:
        smtp.starttls(context=client_tls())
        smtp.login("alice@isp1.test", PASSWORD)
        message = ("From: alice@isp1.test\r\nTo: carol@old.test\r\nSubject: eight bits\r\nMIME-Version: 1.0\r\n"
                   "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text)
        smtp.sendmail("alice@isp1.test", ["carol@old.test"], message.encode(), mail_options=["BODY=8BITMIME"])
    deadline = time.time() + 30
    while not old.received and time.time() < deadline:
        time.sleep(0.2)
    if not old.received:
        fail("nothing reached the server without 8BITMIME")
    converted = old.received[0]
    if any(byte > 127 for byte in converted):
        fail(f"8-bit octets reached a server without 8BITMIME: {converted!r}")
    parsed = email.message_from_bytes(converted)
    if parsed["Content-Transfer-Encoding"] != "quoted-printable" or parsed.get_payload(decode=True) != text.encode():
        fail(f"the converted message does not decode to the original text: {converted!r}")
    print("8-bit content converted to quoted-printable for a server without 8BITMIME", flush=True)
    print("done", flush=True)


try:
    main()
finally:
    kill_all()
