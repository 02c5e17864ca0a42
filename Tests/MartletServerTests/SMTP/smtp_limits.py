"""Every SMTP limit, configured in the TOML file of a `martlet serve` and tested over real
sockets: command and text line lengths, message size (declared and streamed), recipients per
message, bad commands, failed authentications, the idle timeout, the greeting delay, and
connections per client address and in total. Prints one line per check and "done"; exits
non-zero on the first failure. Run by SMTPLimitTests.
"""
import os
import socket
import sys
import time

# Beside this script in the test bundle; in ../Support when run from the source tree.
sys.path[:0] = [os.path.dirname(os.path.abspath(__file__)),
                os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support")]
from martlet_harness import PASSWORD, Instance, fail, free_port, kill_all  # noqa: E402

LIMITS = """
[auth]
plaintext_without_tls = "loopback"

[limits]
max_smtp_command_line_length = 512
max_smtp_text_line_length = 1000
max_message_size = 20000
max_recipients_per_message = 3
max_bad_commands = 3
max_authentication_attempts = 2
smtp_idle_timeout_seconds = 2
smtp_greeting_delay_milliseconds = 300
max_connections_per_address = 3
max_connections = 6
"""


def check(name, condition, detail=""):
    if not condition:
        fail(f"{name}: {detail!r}")
    print("ok " + name, flush=True)


class Client:
    """A raw SMTP connection from a chosen loopback source address."""

    def __init__(self, server, port, source="127.0.0.1", greet=True):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.settimeout(10)
        self.sock.bind((source, 0))
        self.sock.connect((server, port))
        self.buffer = b""
        if greet:
            self.greeting = self.reply()

    def send(self, data):
        self.sock.sendall(data)

    def reply(self):
        """One complete (possibly multi-line) reply, or b"" when the server closed."""
        while True:
            lines = self.buffer.split(b"\r\n")
            for index, line in enumerate(lines[:-1]):
                if len(line) >= 4 and line[3:4] == b" ":
                    reply = b"\r\n".join(lines[:index + 1])
                    self.buffer = b"\r\n".join(lines[index + 1:])
                    return reply
            chunk = self.sock.recv(65536)
            if not chunk:
                return b""
            self.buffer += chunk

    def command(self, line):
        self.send(line + b"\r\n")
        return self.reply()

    def closed(self, seconds=5):
        """Whether the server closes the connection within `seconds` (reading what is left)."""
        self.sock.settimeout(seconds)
        try:
            while self.sock.recv(65536):
                pass
            return True
        except (socket.timeout, TimeoutError):
            return False
        except ConnectionResetError:
            return True

    def close(self):
        self.sock.close()


def main():
    ports = [free_port(["127.0.0.1"]) for _ in range(4)]
    server = Instance("limits.test", "127.0.0.1", 9, ports, extra_config=LIMITS)
    server.admin("domain", "add", "limits.test")
    server.admin("user", "add", "user@limits.test", "--password-stdin", stdin=PASSWORD + "\n")
    server.start()
    mx = server.smtp

    # The greeting delay: a client that talks first is refused and disconnected.
    early = Client("127.0.0.1", mx, greet=False)
    early.send(b"EHLO bot.example\r\n")
    check("talking before the 300 ms greeting gets 554", early.reply().startswith(b"554 5.5.0"))
    check("and is disconnected", early.closed())
    early.close()

    client = Client("127.0.0.1", mx)
    check("greeting after the delay", client.greeting.startswith(b"220"))
    ehlo = client.command(b"EHLO client.example")
    check("SIZE advertises max_message_size", b"250-SIZE 20000" in ehlo or b"250 SIZE 20000" in ehlo, ehlo)
    check("a 600-octet command line is refused", client.command(b"NOOP " + b"x" * 595).startswith(b"500 5.5.2"))
    check("the session goes on after it", client.command(b"NOOP").startswith(b"250"))
    check("declared SIZE over the limit is refused at MAIL",
          client.command(b"MAIL FROM:<a@example.org> SIZE=30000").startswith(b"552 5.3.4"))
    check("MAIL within the limit", client.command(b"MAIL FROM:<a@example.org> SIZE=1000").startswith(b"250"))
    for number in range(1, 4):
        check(f"recipient {number} of 3", client.command(b"RCPT TO:<user+%d@limits.test>" % number).startswith(b"250"))
    reply = client.command(b"RCPT TO:<user+4@limits.test>")
    check("a 4th recipient gets 452 4.5.3", reply.startswith(b"452 4.5.3"), reply)
    check("DATA", client.command(b"DATA").startswith(b"354"))
    client.send(b"Subject: big\r\n\r\n" + (b"y" * 998 + b"\r\n") * 25 + b".\r\n")
    check("a message that grows past 20000 octets is refused at its end", client.reply().startswith(b"552 5.3.4"))
    check("MAIL again", client.command(b"MAIL FROM:<a@example.org>").startswith(b"250"))
    check("RCPT again", client.command(b"RCPT TO:<user@limits.test>").startswith(b"250"))
    check("DATA again", client.command(b"DATA").startswith(b"354"))
    client.send(b"Subject: long line\r\n\r\n" + b"z" * 1500 + b"\r\n.\r\n")
    check("a 1500-octet text line is refused", client.reply().startswith(b"550 5.6.0"))
    check("a message within every limit is accepted",
          client.command(b"MAIL FROM:<a@example.org>").startswith(b"250")
          and client.command(b"RCPT TO:<user@limits.test>").startswith(b"250")
          and client.command(b"DATA").startswith(b"354")
          and client.command(b"Subject: fine\r\n\r\nfine\r\n.").startswith(b"250"))
    # Three bad commands end the session.
    for _ in range(2):
        client.command(b"BOGUS")
    check("the 3rd bad command closes with 421 4.7.0", client.command(b"BOGUS").startswith(b"421 4.7.0"))
    check("and the connection", client.closed())
    client.close()

    # The idle timeout.
    idle = Client("127.0.0.1", mx)
    started = time.time()
    reply = idle.reply()
    check("an idle client gets 421 4.4.2 after about 2 s", reply.startswith(b"421 4.4.2") and time.time() - started < 8, reply)
    check("and is disconnected", idle.closed())
    idle.close()

    # Failed authentications on submission.
    submission = Client("127.0.0.1", server.submission)
    submission.command(b"EHLO client.example")
    for _ in range(1):
        check("a wrong password gets 535", submission.command(b"AUTH PLAIN AHVzZXJAbGltaXRzLnRlc3QAd3Jvbmc=").startswith(b"535"))
    reply = submission.command(b"AUTH PLAIN AHVzZXJAbGltaXRzLnRlc3QAd3Jvbmc=")
    check("the 2nd failure closes with 421", reply.startswith(b"535") and submission.reply().startswith(b"421")
          or reply.startswith(b"421"), reply)
    submission.close()

    # Connections per address: a 4th from 127.0.0.1 is refused, another address is served.
    held = [Client("127.0.0.1", mx) for _ in range(3)]
    check("3 connections from one address are served", all(c.greeting.startswith(b"220") for c in held))
    fourth = Client("127.0.0.1", mx, greet=False)
    check("a 4th from the same address gets 421 4.7.0", fourth.reply().startswith(b"421 4.7.0"))
    fourth.close()
    others = [Client("127.0.0.1", mx, source=f"127.0.0.{20 + n}") for n in range(3)]
    check("other addresses are served up to the total of 6", all(c.greeting.startswith(b"220") for c in others))
    seventh = Client("127.0.0.1", mx, source="127.0.0.30", greet=False)
    check("a 7th connection in all gets 421 4.7.0", seventh.reply().startswith(b"421 4.7.0"))
    seventh.close()
    for connection in held + others:
        connection.command(b"QUIT")
        connection.close()
    time.sleep(0.5)
    again = Client("127.0.0.1", mx)
    check("once they leave, connections are served again", again.greeting.startswith(b"220"))
    again.command(b"QUIT")
    again.close()
    print("done", flush=True)


try:
    main()
finally:
    kill_all()
