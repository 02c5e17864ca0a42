"""Rate limits, bans and slow-client defenses of a `martlet serve`, over real sockets with
Python's smtplib, imaplib and poplib from several loopback source addresses: each limit
triggered (with the protocol's own refusal naming it) and lifted, bans made by SMTP, IMAP
and POP3 failures refusing every protocol, listed and lifted with `martlet ban`, and
surviving a restart; the greeting and data timeouts; the tarpit. Prints one line per check
and "done"; exits non-zero on the first failure. Run by AbuseDefenseTests.
"""
import base64
import imaplib
import os
import poplib
import smtplib
import socket
import sys
import time

sys.path[:0] = [os.path.dirname(os.path.abspath(__file__)),
                os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support")]
from martlet_harness import PASSWORD, Instance, fail, free_port, kill_all  # noqa: E402

USER = "user@abuse.test"
CONFIG = """
[auth]
plaintext_without_tls = "allow"

[limits]
smtp_greeting_delay_milliseconds = 300
greeting_timeout_seconds = 2
smtp_data_timeout_seconds = 2
smtp_idle_timeout_seconds = 30
max_authentication_attempts = 3
tarpit_free_errors = 1
tarpit_step_milliseconds = 400
tarpit_maximum_milliseconds = 800

[rate_limits]
exempt_networks = ["127.0.0.1/32"]
new_connections_per_address = "5/10s"
messages_per_address = "2/10s"
messages_per_user = "2/10s"
recipients_per_address = "3/10s"
auth_attempts_per_address = "3/10s"
connections_per_network = 4

[bans]
max_failures = 3
window_seconds = 60
ban_seconds = 600
allow_networks = ["127.0.0.1/32"]
"""


def check(name, condition, detail=""):
    if not condition:
        fail(f"{name} {detail!r}")
    print("ok", name, flush=True)


class Raw:
    """A plain socket client from `source`, reading CRLF lines."""

    def __init__(self, port, source):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source, 0))
        self.buffer = b""

    def line(self, seconds=10):
        self.sock.settimeout(seconds)
        while b"\r\n" not in self.buffer:
            data = self.sock.recv(4096)
            if not data:
                raise EOFError(self.buffer)
            self.buffer += data
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def reply(self):
        """An SMTP reply's last line."""
        while True:
            line = self.line()
            if line[3:4] != b"-":
                return line

    def send(self, data):
        self.sock.sendall(data)

    def closed(self, seconds=5):
        self.sock.settimeout(seconds)
        try:
            while True:
                if not self.sock.recv(4096):
                    return True
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False

    def close(self):
        self.sock.close()


def smtp_from(source, port):
    return smtplib.SMTP("127.0.0.1", port, timeout=15, source_address=(source, 0))


def imap_from(source, port):
    class SourcedIMAP(imaplib.IMAP4):
        def _create_socket(self, timeout):
            return socket.create_connection((self.host, self.port), timeout, source_address=(source, 0))
    return SourcedIMAP("127.0.0.1", port, timeout=15)


def pop3_from(source, port):
    class SourcedPOP3(poplib.POP3):
        def _create_socket(self, timeout):
            return socket.create_connection((self.host, self.port), timeout, source_address=(source, 0))
    return SourcedPOP3("127.0.0.1", port, timeout=15)


def message(subject):
    return f"From: <a@example.org>\r\nTo: <{USER}>\r\nSubject: {subject}\r\n\r\nbody\r\n".encode()


def connection_rate(server):
    source = "127.0.0.21"
    refused = None
    for number in range(1, 9):
        client = Raw(server.smtp, source)
        line = client.reply()
        client.close()
        if not line.startswith(b"220"):
            refused = (number, line)
            break
    # 5 at once, and the bucket refills 1 every 2 s while the greetings (300 ms each) come.
    check("5 connections from one address are greeted, then one is refused", refused and refused[0] >= 6, refused)
    line = refused[1]
    check("with 421 4.7.0 naming the limit",
          line.startswith(b"421 4.7.0") and b"too many new connections from your address (limit 5 per 10 seconds)" in line, line)
    imap = Raw(server.imap, source)
    line = imap.line()
    check("IMAP refuses it with BYE [UNAVAILABLE]", line.startswith(b"* BYE [UNAVAILABLE] too many new connections"), line)
    imap.close()
    pop = Raw(server.pop3, source)
    line = pop.line()
    check("POP3 refuses it with -ERR [SYS/TEMP]", line.startswith(b"-ERR [SYS/TEMP] too many new connections"), line)
    pop.close()
    time.sleep(2.5)
    again = Raw(server.smtp, source)
    check("the limit lifts as the bucket refills", again.reply().startswith(b"220"))
    again.close()


def message_and_recipient_rates(server):
    with smtp_from("127.0.0.22", server.smtp) as smtp:
        smtp.ehlo("client.example")
        for number in (1, 2):
            smtp.sendmail("a@example.org", [USER], message(f"rate {number}"))
        code, text = smtp.mail("a@example.org")
        check("a 3rd message within 10 s gets 451 4.7.1 naming the limit",
              code == 451 and b"4.7.1 too many messages from your address (limit 2 per 10 seconds)" in text, (code, text))
        time.sleep(5.5)
        code, _ = smtp.mail("a@example.org")
        check("after 5 s a message is accepted again", code == 250)
        smtp.rset()
    with smtp_from("127.0.0.23", server.smtp) as smtp:
        smtp.ehlo("client.example")
        smtp.mail("a@example.org")
        for number in (1, 2, 3):
            code, _ = smtp.rcpt(f"user+{number}@abuse.test")
            check(f"recipient {number} of 3 accepted", code == 250)
        code, text = smtp.rcpt("user+4@abuse.test")
        check("a 4th recipient within 10 s gets 451 4.7.1",
              code == 451 and b"too many recipients from your address (limit 3 per 10 seconds)" in text, (code, text))
        time.sleep(3.5)
        code, _ = smtp.rcpt("user+5@abuse.test")
        check("and is accepted once the bucket refills", code == 250)
        smtp.rset()
    # Per user: two submissions from two addresses, then a third is over the account's rate.
    for number, source in enumerate(["127.0.0.27", "127.0.0.28", "127.0.0.27"], start=1):
        with smtp_from(source, server.submission) as smtp:
            smtp.ehlo("client.example")
            smtp.login(USER, PASSWORD)
            code, text = smtp.mail(USER)
            if number < 3:
                check(f"submission {number} of the user accepted", code == 250, (code, text))
            else:
                check("the user's 3rd message within 10 s gets 451 4.7.1 for the account",
                      code == 451 and b"too many messages from your account (limit 2 per 10 seconds)" in text, (code, text))
            smtp.rset()


def authentication_rate(server):
    for number in (1, 2, 3):
        with smtp_from("127.0.0.24", server.submission) as smtp:
            smtp.ehlo("client.example")
            smtp.login(USER, PASSWORD)
            check(f"SMTP login {number} of 3 within 10 s", True)
    raw = Raw(server.submission, "127.0.0.24")
    raw.reply()
    raw.send(b"EHLO client.example\r\n")
    raw.reply()
    raw.send(b"AUTH PLAIN " + base64.b64encode(f"\0{USER}\0{PASSWORD}".encode()) + b"\r\n")
    line = raw.reply()
    check("a 4th SMTP login gets 421 4.7.0 naming the limit",
          line.startswith(b"421 4.7.0") and b"too many authentication attempts from your address (limit 3 per 10 seconds)" in line,
          line)
    check("and the connection is closed", raw.closed())
    raw.close()
    for number in (1, 2, 3):
        imap = imap_from("127.0.0.25", server.imap)
        imap.login(USER, PASSWORD)
        imap.logout()
    imap = imap_from("127.0.0.25", server.imap)
    try:
        imap.login(USER, PASSWORD)
        fail("a 4th IMAP login was not refused")
    except imaplib.IMAP4.abort as error:
        check("a 4th IMAP login gets BYE [UNAVAILABLE]", "too many authentication attempts" in str(error), str(error))
    for number in (1, 2, 3):
        pop = pop3_from("127.0.0.26", server.pop3)
        pop.user(USER)
        pop.pass_(PASSWORD)
        pop.quit()
    pop = pop3_from("127.0.0.26", server.pop3)
    try:
        pop.user(USER)
        pop.pass_(PASSWORD)
        fail("a 4th POP3 login was not refused")
    except poplib.error_proto as error:
        check("a 4th POP3 login gets -ERR [SYS/TEMP]", "[SYS/TEMP] too many authentication attempts" in str(error), str(error))
    time.sleep(3.5)
    imap = imap_from("127.0.0.25", server.imap)
    imap.login(USER, PASSWORD)
    imap.logout()
    check("an IMAP login is accepted once the bucket refills", True)


def refused_everywhere(server, source, what):
    smtp = Raw(server.smtp, source)
    line = smtp.reply()
    check(f"{what}: SMTP refuses the banned address with 421 4.7.0",
          line.startswith(b"421 4.7.0") and b"your address is banned until" in line, line)
    smtp.close()
    imap = Raw(server.imap, source)
    line = imap.line()
    check(f"{what}: IMAP refuses it with BYE [UNAVAILABLE]", line.startswith(b"* BYE [UNAVAILABLE] your address is banned"), line)
    imap.close()
    pop = Raw(server.pop3, source)
    line = pop.line()
    check(f"{what}: POP3 refuses it with -ERR [SYS/TEMP]", line.startswith(b"-ERR [SYS/TEMP] your address is banned"), line)
    pop.close()


def bans(server):
    # IMAP: three wrong passwords.
    imap = imap_from("127.0.0.31", server.imap)
    for _ in range(3):
        try:
            imap.login(USER, "wrong")
        except (imaplib.IMAP4.error, imaplib.IMAP4.abort):
            pass
    refused_everywhere(server, "127.0.0.31", "after 3 IMAP failures")
    # POP3: three wrong passwords over two connections.
    for attempts in (2, 1):
        pop = pop3_from("127.0.0.32", server.pop3)
        for _ in range(attempts):
            try:
                pop.user(USER)
                pop.pass_("wrong")
            except poplib.error_proto:
                pass
        pop.sock.close()
    refused_everywhere(server, "127.0.0.32", "after 3 POP3 failures")
    # SMTP: talking before the greeting, three times (protocol abuse).
    for _ in range(3):
        early = Raw(server.smtp, "127.0.0.33")
        early.send(b"EHLO bot.example\r\n")
        early.reply()
        early.close()
    time.sleep(0.2)
    refused_everywhere(server, "127.0.0.33", "after 3 early talkers")
    # The allow-list: 127.0.0.1 fails as often and is not banned.
    for _ in range(2):
        imap = imap_from("127.0.0.1", server.imap)
        for _ in range(3):
            try:
                imap.login(USER, "wrong")
            except (imaplib.IMAP4.error, imaplib.IMAP4.abort):
                pass
    imap = imap_from("127.0.0.1", server.imap)
    imap.login(USER, PASSWORD)
    imap.logout()
    check("an allow-listed address is never banned", True)
    listed = server.admin("ban", "list")
    check("martlet ban list shows the three bans with their reasons",
          all(address in listed for address in ("127.0.0.31", "127.0.0.32", "127.0.0.33"))
          and "3 authentication failures in 60 seconds" in listed and "3 protocol abuses in 60 seconds" in listed, listed)


def bans_survive_restart_and_are_lifted(server):
    server.stop()
    server.start()
    refused_everywhere(server, "127.0.0.32", "after a restart")
    check("martlet ban remove lifts a ban", "lifted the ban of 127.0.0.31" in server.admin("ban", "remove", "127.0.0.31"))
    deadline = time.time() + 15
    while time.time() < deadline:
        client = Raw(server.smtp, "127.0.0.31")
        line = client.reply()
        client.close()
        if line.startswith(b"220"):
            break
        time.sleep(0.5)
    check("the running server serves the address again within seconds", line.startswith(b"220"), line)
    imap = imap_from("127.0.0.31", server.imap)
    imap.login(USER, PASSWORD)
    imap.logout()
    check("and it can log in", True)
    for address in ("127.0.0.32", "127.0.0.33"):
        server.admin("ban", "remove", address)
    check("no bans are left", "no bans" in server.admin("ban", "list"))


def concurrent_connections_per_network(server):
    held = [Raw(server.smtp, f"127.0.0.{41 + n}") for n in range(4)]
    for client in held:
        client.reply()
    fifth = Raw(server.smtp, "127.0.0.45")
    line = fifth.reply()
    check("a 5th connection from the /24 gets 421 naming the network limit",
          line.startswith(b"421 4.7.0") and b"too many connections from your network (limit 4)" in line, line)
    fifth.close()
    exempt = Raw(server.smtp, "127.0.0.1")
    check("an exempt address is not counted", exempt.reply().startswith(b"220"))
    exempt.close()
    for client in held:
        client.send(b"QUIT\r\n")
        client.close()
    time.sleep(0.3)
    again = Raw(server.smtp, "127.0.0.45")
    check("once they leave, the network is served again", again.reply().startswith(b"220"))
    again.close()


def slow_clients(server):
    silent = Raw(server.smtp, "127.0.0.51")
    silent.reply()
    started = time.time()
    line = silent.reply()
    check("a client silent after the greeting gets 421 4.4.2 after the 2 s greeting timeout",
          line.startswith(b"421 4.4.2") and time.time() - started < 10, line)
    silent.close()
    imap = Raw(server.imap, "127.0.0.51")
    imap.line()
    started = time.time()
    line = imap.line()
    check("an IMAP client that does not log in gets BYE after 2 s", line.startswith(b"* BYE") and time.time() - started < 10, line)
    imap.close()
    pop = Raw(server.pop3, "127.0.0.51")
    pop.line()
    check("a POP3 client that does not log in is closed after 2 s", pop.closed(seconds=10))
    pop.close()
    data = Raw(server.smtp, "127.0.0.52")
    data.reply()
    for command in (b"EHLO client.example", b"MAIL FROM:<a@example.org>", b"RCPT TO:<" + USER.encode() + b">", b"DATA"):
        data.send(command + b"\r\n")
        data.reply()
    data.send(b"Subject: slow\r\n\r\nfirst line\r\n")
    started = time.time()
    line = data.reply()
    check("message data that stops for 2 s gets 421 4.4.2 (the data timeout)",
          line.startswith(b"421 4.4.2") and time.time() - started < 10, line)
    data.close()
    # The tarpit: after the first error, each error's answer comes 400 ms later per error.
    tarpit = Raw(server.smtp, "127.0.0.53")
    tarpit.reply()
    delays = []
    for _ in range(3):
        started = time.time()
        tarpit.send(b"BOGUS\r\n")
        line = tarpit.reply()
        delays.append(time.time() - started)
    check("the first error is answered at once", delays[0] < 0.35, delays)
    check("later errors are answered 400 and 800 ms late", delays[1] >= 0.38 and delays[2] >= 0.78, delays)
    started = time.time()
    tarpit.send(b"NOOP\r\n")
    check("a correct command is answered at once", tarpit.reply().startswith(b"250") and time.time() - started < 0.35)
    tarpit.close()


def main():
    ports = [free_port(["127.0.0.1"]) for _ in range(4)]
    server = Instance("abuse.test", "127.0.0.1", free_port(["127.0.0.1"]), ports, extra_config=CONFIG)
    server.admin("domain", "add", "abuse.test")
    server.admin("user", "add", USER, "--password-stdin", stdin=PASSWORD + "\n")
    server.start()
    connection_rate(server)
    message_and_recipient_rates(server)
    authentication_rate(server)
    bans(server)
    bans_survive_restart_and_are_lifted(server)
    concurrent_connections_per_network(server)
    slow_clients(server)
    server.stop()
    print("done", flush=True)


try:
    main()
finally:
    kill_all()
