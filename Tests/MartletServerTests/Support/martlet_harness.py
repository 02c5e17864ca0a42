"""What the Python server tests share: a `martlet serve` instance in a folder of its own
(config, admin commands, start and stop), free loopback ports, and client TLS settings.

Environment: MARTLET (the executable), WORK (a temporary folder for data and configs).
"""
import imaplib
import os
import random
import signal
import smtplib
import socket
import ssl
import subprocess
import time

MARTLET = os.environ["MARTLET"]
WORK = os.environ["WORK"]
PASSWORD = "correct horse battery staple"
#: Every child process started, killed by `kill_all` when the script ends.
processes = []


def fail(message):
    print("FAIL: " + message, flush=True)
    raise SystemExit(1)


def free_port(hosts, kind=socket.SOCK_STREAM):
    """A port free on every host (the outbound port must be the same on both instances)."""
    for _ in range(200):
        port = random.randint(10000, 32000)  # below Linux's ephemeral ports (32768-60999)
        sockets = []
        try:
            for host in hosts:
                s = socket.socket(socket.AF_INET, kind)
                s.bind((host, port))
                sockets.append(s)
            return port
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    fail("no free port")


def martlet(*arguments, stdin=None):
    result = subprocess.run([MARTLET, *arguments], input=stdin, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        fail(f"martlet {' '.join(arguments)}: {result.stderr.strip()}")
    return result.stdout


class Instance:
    """A `martlet serve` for the domain `name` on `address`, with SMTP, submission, IMAP and
    POP3 listeners on `ports`, DNS from 127.0.0.1:`dns_port`, and `extra_config` (TOML tables)
    appended to its configuration."""

    def __init__(self, name, address, dns_port, ports, extra_config=""):
        self.name, self.address = name, address
        self.smtp, self.submission, self.imap, self.pop3 = ports
        self.folder = os.path.join(WORK, name)
        os.makedirs(self.folder, exist_ok=True)
        self.config = os.path.join(self.folder, "martlet.toml")
        self.dns_port = dns_port
        self.extra_config = extra_config
        self.write_config()
        self.process = None

    def write_config(self, extra_outbound=""):
        name, address, dns_port = self.name, self.address, self.dns_port
        with open(self.config, "w") as file:
            file.write(f"""hostname = "mail.{name}"
data = "{self.folder}/data"

[listen]
smtp = ["{address}:{self.smtp}"]
submission = ["{address}:{self.submission}"]
imap = ["{address}:{self.imap}"]
pop3 = ["{address}:{self.pop3}"]

[dns]
nameservers = ["127.0.0.1:{dns_port}"]

[outbound]
port = {self.smtp}
retry_seconds = [1, 1, 2]
{extra_outbound}
[log]
level = "info"
{self.extra_config}
""")

    def start(self):
        log = open(os.path.join(self.folder, "server.log"), "a")
        self.process = subprocess.Popen([MARTLET, "serve", "--config", self.config], stdout=subprocess.PIPE,
                                        stderr=log, text=True)
        processes.append(self.process)
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                fail(f"{self.name} exited before it was ready")
            if "Ready." in line:
                return
        fail(f"{self.name} did not become ready")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            fail(f"{self.name} did not stop on SIGTERM")

    def admin(self, *arguments, stdin=None):
        return martlet(*arguments, "--config", self.config, stdin=stdin)


def client_tls():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context



def submit(instance, sender, recipient, subject, body, rcpt_options=()):
    message = (f"From: {sender}\r\nTo: {recipient}\r\nSubject: {subject}\r\n"
               f"Message-ID: <{subject.replace(' ', '-')}@{instance.name}>\r\n\r\n{body}")
    with smtplib.SMTP(instance.address, instance.submission, timeout=30) as smtp:
        smtp.starttls(context=client_tls())
        smtp.login(sender, PASSWORD)
        refused = smtp.sendmail(sender, [recipient], message.encode(), rcpt_options=list(rcpt_options))
        if refused:
            fail(f"submission refused {refused}")
    return message


def imap_messages(instance, user, mailbox="INBOX"):
    imap = imaplib.IMAP4(instance.address, instance.imap, timeout=30)
    imap.starttls(ssl_context=client_tls())
    imap.login(user, PASSWORD)
    imap.select(mailbox, readonly=True)
    status, data = imap.search(None, "ALL")
    messages = []
    for number in data[0].split():
        status, parts = imap.fetch(number, "(BODY.PEEK[])")
        messages.append(parts[0][1])
    imap.logout()
    return messages


def wait_for(instance, user, predicate, what, seconds=60, mailbox="INBOX"):
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = [m for m in imap_messages(instance, user, mailbox) if predicate(m)]
        if found:
            return found[0]
        time.sleep(0.3)
    fail(f"{what}: nothing arrived for {user} at {instance.name} within {seconds} s")


def start_dnsmasq(port, records):
    """A dnsmasq on 127.0.0.1:`port` answering from `records` (its own options) alone, killed
    after 300 s at the latest; returns once it answers (a query for isp2.test MX)."""
    arguments = [
        "/usr/bin/timeout", "--signal=KILL", "300", "/usr/sbin/dnsmasq",
        f"--port={port}", "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
        "--no-daemon", "--conf-file=/dev/null", "--pid-file=", "--log-facility=-", *records,
    ]
    # A session of its own: `kill_all` kills the group, so dnsmasq dies with its `timeout`.
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    processes.append(process)
    for _ in range(100):
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.settimeout(0.1)
        query = b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x04isp2\x04test\x00\x00\x0f\x00\x01"
        try:
            probe.sendto(query, ("127.0.0.1", port))
            answer, _ = probe.recvfrom(512)
            if answer[:2] == b"\x12\x34":
                return process
        except OSError:
            time.sleep(0.1)
        finally:
            probe.close()
    fail("dnsmasq did not answer")


def kill_all():
    """Kills every child still running."""
    for process in processes:
        try:
            # Children started in a session of their own take their whole group with them.
            if os.getpgid(process.pid) == process.pid:
                os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if process.poll() is None:
            process.kill()
            process.wait()
