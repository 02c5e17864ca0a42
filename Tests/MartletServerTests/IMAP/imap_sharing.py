"""Mailbox sharing (ACL, RFC 4314) against a running `martlet dev`, with Python's imaplib: the
demo user grants rights on its INBOX to a second account (made with `martlet user add`), which
finds it in the other users' namespace (NAMESPACE, LIST), reads it, is refused what it was not
granted ([NOPERM]), is told of mail delivered by SMTP to the owner while it IDLEs in the shared
mailbox, and loses it once the rights are taken back. Prints one line per check and exits
non-zero on the first failure. Run by IMAPSharingTests."""
import imaplib, os, smtplib, socket, ssl, subprocess, sys, time

base = int(os.environ["PORT_BASE"]); password = os.environ["DEMO_PASSWORD"]; work = os.environ["WORK"]
MX, IMAP = base + 25, base + 143
HOST = "127.0.0.1"
OWNER, FRIEND, FRIEND_PASSWORD = "demo@localhost", "friend@localhost", "friend-password-4314"
SHARED = '"Shared/demo@localhost/INBOX"'
tls = ssl.create_default_context(); tls.check_hostname = False; tls.verify_mode = ssl.CERT_NONE
socket.setdefaulttimeout(20)
imaplib.Commands.setdefault("LISTRIGHTS", ("AUTH", "SELECTED"))  # not among imaplib's commands

def check(name, condition, detail=""):
    print(("ok " if condition else "FAIL ") + name + ("" if condition else f": {detail!r}"), flush=True)
    if not condition: sys.exit(1)

def connect(user, secret):
    client = imaplib.IMAP4(HOST, IMAP, timeout=20)
    client.starttls(ssl_context=tls)
    client.login(user, secret)
    return client

def deliver(subject):
    with smtplib.SMTP(HOST, MX, timeout=20) as mx:
        mx.sendmail("sender@example.org", [OWNER],
                    f"From: sender@example.org\r\nTo: {OWNER}\r\nSubject: {subject}\r\n\r\nFor everyone.\r\n".encode())

def refused(call, code):
    """Runs an imaplib call that must answer NO with `code`; returns the text."""
    try:
        status, data = call()
    except imaplib.IMAP4.error as error:
        return code in str(error), str(error)
    return status == "NO" and code in repr(data), (status, data)

created = subprocess.run([os.environ["MARTLET"], "user", "add", FRIEND, "--data", os.path.join(work, "data"),
                          "--password-stdin"], input=FRIEND_PASSWORD + "\n", capture_output=True, text=True)
check("martlet user add makes the second account", created.returncode == 0, created.stderr)

owner = connect(OWNER, password)
friend = connect(FRIEND, FRIEND_PASSWORD)
check("ACL and RIGHTS=texk are advertised", "ACL" in friend.capabilities and "RIGHTS=TEXK" in friend.capabilities,
      friend.capabilities)
status, data = friend.namespace()
check("NAMESPACE has the other users' namespace Shared/", status == "OK" and data[0] == b'(("" "/")) (("Shared/" "/")) NIL', data)

ok, detail = refused(lambda: friend.select(SHARED), "NONEXISTENT")
check("before a grant the owner's INBOX does not exist for the friend", ok, detail)

status, data = owner.setacl("INBOX", FRIEND, "lrs")
check("SETACL INBOX friend lrs", status == "OK", data)
status, data = owner.getacl("INBOX")
check("GETACL lists the owner and the friend", status == "OK" and b"demo@localhost lrswipkxteacd" in data[0]
      and b"friend@localhost lrs" in data[0], data)
status, data = owner._simple_command("LISTRIGHTS", "INBOX", FRIEND)
listed = owner._untagged_response(status, data, "LISTRIGHTS")[1]
check("LISTRIGHTS offers every right one by one", status == "OK" and b'"" l r s w i p k x t e a' in listed[0], listed)

status, data = friend.myrights(SHARED)
check("MYRIGHTS of the shared INBOX is lrs", status == "OK" and data[0].endswith(b" lrs"), data)
status, data = friend.list('""', "Shared/*")
names = b"\n".join(data)
check("LIST shows the owner's level (\\Noselect) and the shared INBOX",
      b'(\\Noselect \\HasChildren) "/" "Shared/demo@localhost"' in names
      and b'"/" "Shared/demo@localhost/INBOX"' in names, data)

deliver("Shared news 1")
status, data = friend.select(SHARED)
check("SELECT of the shared INBOX opens read-write with lrs", status == "OK"
      and friend.untagged_responses.get("READ-WRITE") is not None, (status, data, friend.untagged_responses))
count = int(data[0])
check("PERMANENTFLAGS is only \\Seen", friend.untagged_responses.get("PERMANENTFLAGS") == [b"(\\Seen)"],
      friend.untagged_responses.get("PERMANENTFLAGS"))
status, data = friend.fetch(str(count), "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
check("FETCH reads the owner's newest message", status == "OK" and b"Shared news 1" in data[0][1], data)
status, data = friend.store(str(count), "+FLAGS", "(\\Seen)")
check("STORE +FLAGS \\Seen is allowed with s", status == "OK", data)
ok, detail = refused(lambda: friend.store(str(count), "+FLAGS", "(\\Flagged)"), "NOPERM")
check("STORE +FLAGS \\Flagged is refused without w: NO [NOPERM]", ok, detail)
ok, detail = refused(lambda: friend.expunge(), "NOPERM")
check("EXPUNGE is refused without e: NO [NOPERM]", ok, detail)
ok, detail = refused(lambda: friend.append(SHARED, None, None, b"Subject: x\r\n\r\nx\r\n"), "NOPERM")
check("APPEND is refused without i: NO [NOPERM]", ok, detail)
owner.select("INBOX")
status, data = owner.fetch(str(count), "FLAGS")
check("the friend's \\Seen is on the owner's message", status == "OK" and b"\\Seen" in data[0], data)

# IDLE in the shared mailbox: mail delivered to the owner reaches the friend.
tag = friend._new_tag(); friend.tagged_commands.pop(tag, None)
friend.send(tag + b" IDLE\r\n")
check("IDLE starts", friend.readline().startswith(b"+"))
sent = time.monotonic()
deliver("Shared news 2")
line = friend.readline()
delay = time.monotonic() - sent
check(f"the delivery to the owner is told to the friend's IDLE ({delay * 1000:.0f} ms after the SMTP transaction began)",
      line == f"* {count + 1} EXISTS\r\n".encode(), line)
friend.send(b"DONE\r\n")
while not (line := friend.readline()).startswith(tag + b" "): pass
check("IDLE ends with OK", line.startswith(tag + b" OK"), line)

status, data = owner.deleteacl("INBOX", FRIEND)
check("DELETEACL takes the rights back", status == "OK", data)
friend.close()
ok, detail = refused(lambda: friend.select(SHARED), "NONEXISTENT")
check("after DELETEACL the shared INBOX does not exist for the friend", ok, detail)
status, data = friend.list('""', "Shared/*")
check("and LIST no longer shows it", status == "OK" and data == [None], data)
friend.logout(); owner.logout()
print("done")
