"""Antivirus end to end: a real clamd (Debian's clamav-daemon) started here with a signature
database written here, and a `martlet serve` scanning through it.

The database has two signatures for the EICAR test string (virus databases cannot be
downloaded here): `Eicar-Test-Signature`, the MD5 hash of the 68 octets, which matches the
decoded attachment of a MIME message; and `Eicar-Body-Signature`, the string itself anywhere
in a mail file (target type 4), which matches EICAR written in a plain-text body. clamd adds
`.UNOFFICIAL` to the names of signatures from an unsigned database.

1. clamd over TCP: EICAR refused with 554 5.7.1 naming the signature on port 25, on
   submission (587) and on submissions (465), in memory and spooled (over 1 MiB); clean
   messages delivered (seen over IMAP); nothing refused is stored.
2. clamd over its UNIX socket: the same refusal and delivery.
3. clamd stopped: 451 4.7.0 on port 25 and on submission, whichever address is configured.
4. clamd still stopped, fail_open = true: the message is accepted and delivered.
Prints "done" when every check passed; exits non-zero otherwise.

Environment: MARTLET (the executable), WORK (a temporary folder for data and configs).
"""
import base64
import hashlib
import imaplib
import os
import signal
import smtplib
import socket
import subprocess
import sys
import time

sys.path[:0] = [os.path.dirname(os.path.abspath(__file__)),
                os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support")]
from martlet_harness import (PASSWORD, WORK, Instance, client_tls, fail, free_port, kill_all,  # noqa: E402
                             processes)

CLAMD = "/usr/sbin/clamd"
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
HASH_SIGNATURE = "Eicar-Test-Signature.UNOFFICIAL"
BODY_SIGNATURE = "Eicar-Body-Signature.UNOFFICIAL"
BOB, ALICE = "bob@example.test", "alice@example.test"


class Clamd:
    """clamd in the foreground on 127.0.0.1:`port` and a UNIX socket, with the test's own
    database; killed after 300 s at the latest."""

    def __init__(self, port):
        self.folder = os.path.join(WORK, "clamd")
        self.port = port
        self.socket = os.path.join(self.folder, "clamd.sock")
        database = os.path.join(self.folder, "db")
        os.makedirs(database, exist_ok=True)
        with open(os.path.join(database, "test.hdb"), "w") as file:
            file.write(f"{hashlib.md5(EICAR).hexdigest()}:{len(EICAR)}:Eicar-Test-Signature\n")
        with open(os.path.join(database, "test.ndb"), "w") as file:
            file.write(f"Eicar-Body-Signature:4:*:{EICAR.hex()}\n")
        self.config = os.path.join(self.folder, "clamd.conf")
        with open(self.config, "w") as file:
            file.write(f"""Foreground yes
TCPSocket {port}
TCPAddr 127.0.0.1
LocalSocket {self.socket}
DatabaseDirectory {database}
LogFile {self.folder}/clamd.log
PidFile {self.folder}/clamd.pid
Bytecode no
""")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(["/usr/bin/timeout", "--signal=KILL", "300", CLAMD, "-c", self.config],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processes.append(self.process)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                fail(f"clamd exited with status {self.process.returncode}: {self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=2) as probe:
                    probe.sendall(b"zPING\0")
                    if probe.recv(16) == b"PONG\0":
                        return
            except OSError:
                pass
            time.sleep(0.2)
        fail(f"clamd did not answer PING: {self.log()}")

    def stop(self):
        """Stops clamd with its SHUTDOWN command (signals may be blocked in a test runner's
        children), then makes sure nothing answers any more."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=5) as control:
                control.sendall(b"zSHUTDOWN\0")
        except OSError as error:
            fail(f"cannot ask clamd to shut down: {error}")
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
            fail("clamd did not shut down")
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                time.sleep(0.1)
            except OSError:
                return
        fail("clamd still accepts connections after being stopped")

    def kill(self):
        """Kills clamd (found by its pid file, if that process is this clamd) and its
        `timeout` wrapper, when still running."""
        try:
            with open(os.path.join(self.folder, "clamd.pid")) as file:
                pid = int(file.read().strip())
            with open(f"/proc/{pid}/cmdline", "rb") as file:
                if self.config.encode() in file.read():
                    os.kill(pid, signal.SIGKILL)
        except (OSError, ValueError):
            pass
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def log(self):
        try:
            with open(os.path.join(self.folder, "clamd.log")) as file:
                return file.read()[-2000:]
        except OSError as error:
            return str(error)


class ScanningInstance(Instance):
    """An Instance that also listens for submissions (implicit TLS, port 465 style)."""

    def __init__(self, name, address, dns_port, ports, submissions_port):
        self.submissions = submissions_port
        super().__init__(name, address, dns_port, ports)

    def write_config(self, extra_outbound=""):
        super().write_config(extra_outbound)
        with open(self.config) as file:
            text = file.read()
        with open(self.config, "w") as file:
            file.write(text.replace("\n[dns]", f'\nsubmissions = ["{self.address}:{self.submissions}"]\n\n[dns]', 1))

    def scan_with(self, table):
        """Restarts with `table` as its [antivirus] table."""
        if self.process is not None:
            self.stop()
        self.extra_config = f"[antivirus]\nenabled = true\ntimeout_seconds = 10\n{table}\n"
        self.write_config()
        self.start()


def plain_eicar(subject):
    return (f"From: {ALICE}\r\nTo: {BOB}\r\nSubject: {subject}\r\nMessage-ID: <{subject.replace(' ', '-')}@test>\r\n"
            "\r\n").encode() + EICAR + b"\r\n"


def attached_eicar(subject, padding=0):
    """EICAR as a base64 attachment, after a text part of `padding` more octets."""
    filler = ("x" * 70 + "\r\n") * (padding // 72)
    return (f"From: {ALICE}\r\nTo: {BOB}\r\nSubject: {subject}\r\nMessage-ID: <{subject.replace(' ', '-')}@test>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            f"--b1\r\nContent-Type: text/plain\r\n\r\nSee the attachment.\r\n{filler}\r\n"
            "--b1\r\nContent-Type: application/octet-stream; name=\"eicar.com\"\r\n"
            "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"eicar.com\"\r\n\r\n"
            f"{base64.b64encode(EICAR).decode()}\r\n--b1--\r\n").encode()


def clean(subject, padding=0):
    """A clean message; with `padding`, a text part and an attachment of that many octets."""
    head = f"From: {ALICE}\r\nTo: {BOB}\r\nSubject: {subject}\r\nMessage-ID: <{subject.replace(' ', '-')}@test>\r\n"
    if not padding:
        return f"{head}\r\nNothing to see here.\r\n".encode()
    attachment = base64.encodebytes(bytes(range(256)) * (padding // 256)).decode().replace("\n", "\r\n")
    return (f"{head}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            "--b1\r\nContent-Type: text/plain\r\n\r\nNothing to see here.\r\n"
            "--b1\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            f"{attachment}--b1--\r\n").encode()


def send(instance, listener, message):
    """Sends `message` to bob over `listener` ("smtp", "submission", "submissions"); returns
    the reply to the end of data as (code, text)."""
    if listener == "smtp":
        client = smtplib.SMTP(instance.address, instance.smtp, timeout=60)
    elif listener == "submission":
        client = smtplib.SMTP(instance.address, instance.submission, timeout=60)
        client.starttls(context=client_tls())
        client.login(ALICE, PASSWORD)
    else:
        client = smtplib.SMTP_SSL(instance.address, instance.submissions, timeout=60, context=client_tls())
        client.login(ALICE, PASSWORD)
    with client:
        try:
            client.sendmail(ALICE, [BOB], message)
        except smtplib.SMTPDataError as error:
            return error.smtp_code, error.smtp_error.decode()
    return 250, ""


def expect_refused(instance, listener, message, signature, what):
    code, text = send(instance, listener, message)
    if code != 554 or not text.startswith("5.7.1 ") or f"({signature})" not in text:
        fail(f"{what} over {listener}: expected 554 5.7.1 naming {signature}, got {code} {text}")


def expect_deferred(instance, listener, what):
    code, text = send(instance, listener, clean(what))
    if code != 451 or not text.startswith("4.7.0 ") or "virus scanner unavailable" not in text:
        fail(f"{what} over {listener}: expected 451 4.7.0, got {code} {text}")


def subjects(instance, user, mailbox="INBOX"):
    """The Subject: fields of the messages in `mailbox` (headers only: some are 2 MiB)."""
    imap = imaplib.IMAP4(instance.address, instance.imap, timeout=30)
    imap.starttls(ssl_context=client_tls())
    imap.login(user, PASSWORD)
    imap.select(mailbox, readonly=True)
    status, data = imap.fetch("1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    imap.logout()
    if status != "OK":
        return []
    return [part[1].decode().strip() for part in data if isinstance(part, tuple)]


def expect_delivered(instance, listener, message, subject):
    code, text = send(instance, listener, message)
    if code != 250:
        fail(f"{subject} over {listener}: refused with {code} {text}")
    deadline = time.time() + 30
    while f"Subject: {subject}" not in subjects(instance, BOB):
        if time.time() > deadline:
            fail(f"{subject} over {listener}: accepted but not in bob's INBOX")
        time.sleep(0.3)


def main(clamd):
    clamd.start()
    ports = [free_port(["127.0.0.1"]) for _ in range(4)]
    martlet = ScanningInstance("example.test", "127.0.0.1", free_port(["127.0.0.1"], socket.SOCK_DGRAM), ports,
                               free_port(["127.0.0.1"]))
    martlet.admin("domain", "add", "example.test")
    for user in [ALICE, BOB]:
        martlet.admin("user", "add", user, "--password-stdin", stdin=PASSWORD + "\n")

    # 1. clamd over TCP, every listener; in memory and spooled (the spool starts at 1 MiB).
    martlet.scan_with(f'address = "127.0.0.1:{clamd.port}"')
    expect_refused(martlet, "smtp", attached_eicar("eicar attached mx"), HASH_SIGNATURE, "EICAR attached")
    expect_refused(martlet, "smtp", plain_eicar("eicar plain mx"), BODY_SIGNATURE, "EICAR in the body")
    expect_refused(martlet, "submission", attached_eicar("eicar attached submission"), HASH_SIGNATURE, "EICAR attached")
    expect_refused(martlet, "submissions", plain_eicar("eicar plain submissions"), BODY_SIGNATURE, "EICAR in the body")
    expect_refused(martlet, "smtp", attached_eicar("eicar spooled", padding=2 << 20), HASH_SIGNATURE, "2 MiB with EICAR")
    expect_delivered(martlet, "smtp", clean("clean over tcp"), "clean over tcp")
    expect_delivered(martlet, "submission", clean("clean submitted"), "clean submitted")
    expect_delivered(martlet, "smtp", clean("clean spooled", padding=2 << 20), "clean spooled")
    with open(os.path.join(martlet.folder, "server.log")) as file:
        log = file.read()
    if "virus found" not in log or HASH_SIGNATURE not in log or "127.0.0.1" not in log:
        fail("the refusals were not logged with the signature and the client")

    # 2. clamd over its UNIX socket.
    martlet.scan_with(f'address = "unix:{clamd.socket}"')
    expect_refused(martlet, "smtp", attached_eicar("eicar over socket"), HASH_SIGNATURE, "EICAR attached")
    expect_delivered(martlet, "smtp", clean("clean over socket"), "clean over socket")

    # 3. clamd stopped: deferred, at either address.
    clamd.stop()
    expect_deferred(martlet, "smtp", "deferred over socket")
    martlet.scan_with(f'address = "127.0.0.1:{clamd.port}"')
    expect_deferred(martlet, "smtp", "deferred over tcp")
    expect_deferred(martlet, "submission", "deferred submission")

    # 4. fail_open: accepted unscanned.
    martlet.scan_with(f'address = "127.0.0.1:{clamd.port}"\nfail_open = true')
    expect_delivered(martlet, "smtp", clean("accepted unscanned"), "accepted unscanned")

    stored = subjects(martlet, BOB) + subjects(martlet, BOB, "Junk")
    refused = [subject for subject in stored if "eicar" in subject or "deferred" in subject]
    if refused:
        fail(f"refused messages were stored: {refused}")
    martlet.stop()
    print("done", flush=True)


if not os.access(CLAMD, os.X_OK):
    fail(f"{CLAMD} is missing: install Debian's clamav-daemon (.ci/run does)")
scanner = Clamd(free_port(["127.0.0.1"]))
try:
    main(scanner)
finally:
    scanner.kill()
    kill_all()
