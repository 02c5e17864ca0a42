"""Drives a running `martlet dev` with Python's smtplib and raw sockets; prints one line per
check and exits non-zero on the first failure. Run by SMTPInteropTests."""
import os, socket, ssl, smtplib, sys, time
from email.message import EmailMessage

base = int(os.environ["PORT_BASE"]); password = os.environ["DEMO_PASSWORD"]
MX, SUBMISSION, SUBMISSIONS = base + 25, base + 587, base + 465
tls = ssl.create_default_context(); tls.check_hostname = False; tls.verify_mode = ssl.CERT_NONE

def check(name, condition, detail=""):
    print(("ok " if condition else "FAIL ") + name + ("" if condition else f": {detail}"), flush=True)
    if not condition: sys.exit(1)

# 1. Port 25: STARTTLS, an 8-bit body, the relay battery.
mx = smtplib.SMTP("127.0.0.1", MX, timeout=20)
mx.ehlo(); check("STARTTLS offered", mx.has_extn("starttls"))
check("no AUTH on port 25", not mx.has_extn("auth"))
mx.starttls(context=tls); mx.ehlo()
check("STARTTLS not offered again", not mx.has_extn("starttls"))
message = EmailMessage(); message["From"] = "someone@example.org"; message["To"] = "demo@localhost"
message["Subject"] = "8-bit"; message.set_content("Grüße\n.\n..two dots\n", charset="utf-8", cte="8bit")
check("8-bit message accepted", mx.send_message(message) == {})
refused = {
    "x@remote.example": "5.7.1", "nobody@localhost": "5.1.1", "demo%remote.example@localhost": "5.7.1",
    "remote.example!demo@localhost": "5.7.1", '"demo@remote.example"@localhost': "5.7.1", "demo@[127.0.0.1]": "5.7.1",
}
for recipient, code in refused.items():
    try:
        mx.sendmail("a@example.org", [recipient], "Subject: relay\r\n\r\nx\r\n"); check(f"refused {recipient}", False, "accepted")
    except smtplib.SMTPRecipientsRefused as error:
        reply = error.recipients[recipient]
        check(f"refused {recipient}", reply[0] == 550 and reply[1].startswith(code.encode()), reply)
code, reply = mx.docmd("MAIL FROM:<a@example.org>"); mx.docmd("RCPT TO:<@localhost:x@remote.example>")
code, reply = mx.docmd("RSET")
try:
    mx.sendmail("a@example.org", ["@localhost:x@remote.example"], "Subject: route\r\n\r\nx\r\n"); check("source route refused", False)
except smtplib.SMTPRecipientsRefused:
    check("source route refused", True)
check("upper-case, trailing-dot local domain accepted", mx.sendmail("", ["DEMO@LOCALHOST."], "Subject: bounce\r\n\r\nx\r\n") == {})
mx.quit()

# 2. Submission: STARTTLS, AUTH PLAIN and LOGIN, SMTPUTF8, anti-spoofing.
for mechanism in ("PLAIN", "LOGIN"):
    submission = smtplib.SMTP("127.0.0.1", SUBMISSION, timeout=20); submission.ehlo()
    submission.starttls(context=tls); submission.ehlo()
    submission.user, submission.password = "demo@localhost", password
    code, _ = submission.auth(mechanism, getattr(submission, "auth_" + mechanism.lower()))
    check(f"AUTH {mechanism}", code == 235)
    own = EmailMessage(); own["From"] = "demo@localhost"; own["To"] = "demo@localhost"; own["Subject"] = f"via {mechanism}"
    own.set_content("no Date, no Message-ID")
    check(f"own From accepted ({mechanism})", submission.send_message(own) == {})
    submission.quit()
submission = smtplib.SMTP("127.0.0.1", SUBMISSION, timeout=20); submission.starttls(context=tls); submission.login("demo@localhost", password)
spoof = EmailMessage(); spoof["From"] = "boss@localhost"; spoof["To"] = "demo@localhost"; spoof["Subject"] = "spoof"; spoof.set_content("x")
try:
    submission.send_message(spoof, from_addr="demo@localhost"); check("spoofed From refused", False, "accepted")
except smtplib.SMTPDataError as error:
    check("spoofed From refused", error.smtp_code == 550 and error.smtp_error.startswith(b"5.7.1"), error)
try:
    submission.sendmail("boss@localhost", ["demo@localhost"], "From: demo@localhost\r\n\r\nx\r\n"); check("spoofed MAIL FROM refused", False)
except smtplib.SMTPSenderRefused as error:
    check("spoofed MAIL FROM refused", error.smtp_code == 550, error)
utf8 = EmailMessage(); utf8["From"] = "demo@localhost"; utf8["To"] = "demo@localhost"; utf8["Subject"] = "ünïcode"
utf8.set_content("UTF-8 envelope")
check("SMTPUTF8 send", submission.send_message(utf8, mail_options=["SMTPUTF8"]) == {})
submission.quit()
plain = smtplib.SMTP("127.0.0.1", SUBMISSION, timeout=20)
# `martlet dev` allows AUTH without TLS on loopback only; MAIL before AUTH is refused.
code, _ = plain.docmd("EHLO", "client.example"); code, _ = plain.docmd("MAIL", "FROM:<demo@localhost>")
check("MAIL before AUTH refused on submission", code == 530, code)
plain.quit()

# 3. Port 465: implicit TLS.
submissions = smtplib.SMTP_SSL("127.0.0.1", SUBMISSIONS, context=tls, timeout=20)
submissions.login("demo@localhost", password)
check("implicit TLS submission", submissions.sendmail("demo@localhost", ["demo@localhost"], "From: demo@localhost\r\nSubject: 465\r\n\r\nbody\r\n") == {})
# A local and a remote recipient: the local copy is delivered, the remote one queued (with
# its DSN parameters), both in one commit before the 250.
check("remote recipient queued", submissions.sendmail(
    "demo@localhost", ["demo@localhost", "friend@remote.example"], "From: demo@localhost\r\nSubject: mixed\r\n\r\nbody\r\n",
    mail_options=["RET=HDRS", "ENVID=mixed-1"], rcpt_options=["NOTIFY=FAILURE,DELAY"]) == {})
submissions.quit()

# 4. Raw sockets: talking before the greeting, the STARTTLS injection, BDAT.
def lines(sock, count):
    data = b""
    while data.count(b"\r\n") < count:
        chunk = sock.recv(4096)
        if not chunk: break
        data += chunk
    return data
early = socket.create_connection(("127.0.0.1", MX), timeout=20); early.sendall(b"EHLO bot\r\n")
check("talking before the greeting gets 554", lines(early, 1).startswith(b"554"))
early.close()
raw = socket.create_connection(("127.0.0.1", MX), timeout=20)
check("greeting", lines(raw, 1).startswith(b"220"))
raw.sendall(b"EHLO client.example\r\n"); reply = b""
while not reply.endswith(b"250 STARTTLS\r\n") and b"\r\n250 " not in reply: reply += raw.recv(4096)
raw.sendall(b"STARTTLS\r\nHELP\r\n")
check("220 to STARTTLS", lines(raw, 1).startswith(b"220"))
wrapped = tls.wrap_socket(raw)
wrapped.sendall(b"NOOP\r\n")
check("the pipelined HELP was not run inside TLS", lines(wrapped, 1).startswith(b"250"))
wrapped.sendall(b"EHLO client.example\r\n"); time.sleep(0.2); wrapped.recv(4096)
body = b"Subject: chunked\r\n\r\nBDAT body\r\n"
wrapped.sendall(b"MAIL FROM:<a@example.org>\r\nRCPT TO:<demo@localhost>\r\nBDAT %d LAST\r\n" % len(body) + body)
replies = lines(wrapped, 3).split(b"\r\n")
check("BDAT LAST accepted", replies[0].startswith(b"250") and replies[1].startswith(b"250") and replies[2].startswith(b"250"), replies)
wrapped.sendall(b"QUIT\r\n"); wrapped.close()

# 5. A full account refuses mail at RCPT with a temporary 452 4.2.2 (the operator set the
#    quota with the admin command while the server runs), and takes mail again once raised.
import subprocess
def set_quota(messages):
    subprocess.run([os.environ["MARTLET"], "user", "quota", "demo@localhost", "--messages", messages,
                    "--data", os.path.join(os.environ["WORK"], "data")], check=True, capture_output=True)
set_quota("1")
full = smtplib.SMTP("127.0.0.1", MX, timeout=20); full.ehlo(); full.mail("a@example.org")
code, message = full.rcpt("demo@localhost")
check("a full account gets 452 4.2.2 at RCPT", code == 452 and message.startswith(b"4.2.2"), (code, message))
set_quota("none")
code, message = full.rcpt("demo@localhost")
check("with the limit removed RCPT is accepted again", code == 250, (code, message))
full.quit()

# 6. Debian's swaks with --pipeline: on port 25 in the clear, and on submission with
#    STARTTLS and AUTH PLAIN (RFC 2920: the whole envelope in one write).
def swaks(*arguments):
    run = subprocess.run(["swaks", "--pipeline", "--timeout", "20", *arguments], capture_output=True, text=True, timeout=60)
    return run.returncode, run.stdout + run.stderr
code, output = swaks("--server", f"127.0.0.1:{MX}", "--from", "swaks@example.org", "--to", "demo@localhost",
                     "--header", "Subject: swaks pipelined", "--body", "sent by swaks")
check("swaks --pipeline on port 25", code == 0 and "<** " not in output, output)
check("swaks saw PIPELINING offered", "250-PIPELINING" in output, output)
code, output = swaks("--server", f"127.0.0.1:{SUBMISSION}", "--tls", "--auth", "PLAIN", "--auth-user", "demo@localhost",
                     "--auth-password", password, "--from", "demo@localhost", "--to", "friend@remote.example,demo@localhost",
                     "--header", "Subject: swaks submitted", "--body", "submitted by swaks")
check("swaks --pipeline --tls --auth on submission", code == 0 and "<** " not in output, output)

# 7. A large message is streamed to a spool file rather than held in memory, and stored
#    byte-exact; a transfer cut off half-way leaves no spool file behind.
import hashlib, imaplib
line = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-large-message\r\n"
large_body = line * (6 * 1024 * 1024 // len(line))
large = smtplib.SMTP("127.0.0.1", MX, timeout=60); large.ehlo()
check("a 6 MB message is accepted", large.sendmail("big@example.org", ["demo@localhost"],
                                                    b"Subject: large\r\n\r\n" + large_body) == {})
large.quit()
imap = imaplib.IMAP4("127.0.0.1", base + 143); imap.login("demo@localhost", password); imap.select("INBOX")
status, found = imap.search(None, "SUBJECT", "large")
status, parts = imap.fetch(found[0].split()[-1], "(BODY.PEEK[TEXT])")
check("the 6 MB message is stored byte-exact", hashlib.sha256(parts[0][1]).digest() == hashlib.sha256(large_body).digest(),
      len(parts[0][1]))
imap.logout()
spool = os.path.join(os.environ["WORK"], "data", "spool")
before = set(os.listdir(spool)) if os.path.isdir(spool) else set()
cut = socket.create_connection(("127.0.0.1", MX), timeout=20); lines(cut, 1)
cut.sendall(b"EHLO cut.example\r\n"); time.sleep(0.2); cut.recv(65536)
cut.sendall(b"MAIL FROM:<cut@example.org>\r\nRCPT TO:<demo@localhost>\r\nDATA\r\n"); time.sleep(0.3); cut.recv(65536)
cut.sendall(b"Subject: cut off\r\n\r\n" + line * (3 * 1024 * 1024 // len(line)))
time.sleep(0.5); cut.close()
deadline = time.time() + 10
while time.time() < deadline:
    left = (set(os.listdir(spool)) if os.path.isdir(spool) else set()) - before
    if not left: break
    time.sleep(0.2)
check("a transfer cut off leaves no spool file", not left, left)
print("done")
