"""Drives a running `martlet dev` with Python's imaplib to check RFC 8474 (OBJECTID):
MAILBOXID on CREATE and SELECT, FETCH EMAILID and THREADID before and after UID COPY and
UID MOVE, and SEARCH EMAILID / THREADID. Prints one line per check and exits non-zero on
the first failure. Run by IMAPObjectIDTests."""
import imaplib, os, re, socket, ssl, sys

base = int(os.environ["PORT_BASE"]); password = os.environ["DEMO_PASSWORD"]
tls = ssl.create_default_context(); tls.check_hostname = False; tls.verify_mode = ssl.CERT_NONE
socket.setdefaulttimeout(20)

def check(name, condition, detail=""):
    print(("ok " if condition else "FAIL ") + name + ("" if condition else f": {detail!r}"), flush=True)
    if not condition: sys.exit(1)

def fetch_ids(client, uid):
    """The EMAILID and THREADID of one message by UID."""
    status, data = client.uid("FETCH", str(uid), "(EMAILID THREADID)")
    text = b" ".join(part for part in data if isinstance(part, bytes)).decode()
    found = re.search(r"EMAILID \(([A-Za-z0-9_-]+)\) THREADID \(([A-Za-z0-9_-]+)\)", text)
    check(f"UID FETCH {uid} (EMAILID THREADID) answers both", status == "OK" and found, data)
    return found.group(1), found.group(2)

def uid_search(client, *criteria):
    status, data = client.uid("SEARCH", *criteria)
    check("UID SEARCH " + " ".join(criteria) + " is OK", status == "OK", data)
    return [int(uid) for uid in data[0].split()]

def appended_uid(status, data):
    found = re.search(rb"APPENDUID \d+ (\d+)", data[0])
    check("APPEND answers APPENDUID", status == "OK" and found, data)
    return int(found.group(1))

def copied_uid(client, command, uid, mailbox):
    status, data = client.uid(command, str(uid), mailbox)
    codes = client.untagged_responses.pop("COPYUID", []) + [part for part in data if isinstance(part, bytes)]
    found = next((m for m in (re.search(rb"(?:COPYUID )?\d+ \d+ (\d+)", code) for code in codes) if m), None)
    check(f"UID {command} answers COPYUID", status == "OK" and found, (data, codes))
    return int(found.group(1))

M = imaplib.IMAP4("127.0.0.1", base + 143, timeout=20)
M.starttls(ssl_context=tls)
M.login("demo@localhost", password)
check("OBJECTID is advertised", "OBJECTID" in M.capabilities, M.capabilities)

mailbox_ids = {}
for name in ["ObjA", "ObjB"]:
    status, data = M.create(name)
    found = re.search(rb"\[MAILBOXID \(([A-Za-z0-9_-]+)\)\]", data[0])
    check(f"CREATE {name} answers [MAILBOXID (id)]", status == "OK" and found, data)
    mailbox_ids[name] = found.group(1).decode()
check("the new mailboxes have different MAILBOXIDs", mailbox_ids["ObjA"] != mailbox_ids["ObjB"], mailbox_ids)
status, data = M.status("ObjA", "(MAILBOXID)")
check("STATUS MAILBOXID gives CREATE's id", status == "OK" and f"MAILBOXID ({mailbox_ids['ObjA']})".encode() in data[0], data)

original = (b"From: alice@example.org\r\nTo: demo@localhost\r\nSubject: Object ids\r\n"
            b"Message-ID: <objectid-root@example.org>\r\n\r\nThe first message.\r\n")
reply = (b"From: demo@localhost\r\nTo: alice@example.org\r\nSubject: Re: Object ids\r\n"
         b"Message-ID: <objectid-reply@localhost>\r\nIn-Reply-To: <objectid-root@example.org>\r\n"
         b"References: <objectid-root@example.org>\r\n\r\nThe answer.\r\n")
other = (b"From: bob@example.org\r\nTo: demo@localhost\r\nSubject: Unrelated\r\n"
         b"Message-ID: <objectid-other@example.org>\r\n\r\nSomething else.\r\n")
uids = [appended_uid(*M.append("INBOX", None, None, message)) for message in (original, reply, other)]

status, data = M.select("INBOX")
selected = M.untagged_responses.get("MAILBOXID", [b""])[-1]
check("SELECT sends [MAILBOXID (id)]", status == "OK" and re.fullmatch(rb"\(M\d+\)", selected), selected)
email, thread = fetch_ids(M, uids[0])
reply_email, reply_thread = fetch_ids(M, uids[1])
other_email, other_thread = fetch_ids(M, uids[2])
check("different messages have different EMAILIDs", len({email, reply_email, other_email}) == 3)
check("a reply has its thread's THREADID", reply_thread == thread, (thread, reply_thread))
check("an unrelated message has another THREADID", other_thread != thread, (thread, other_thread))
check("SEARCH EMAILID finds the message", uid_search(M, "EMAILID", email) == [uids[0]])
check("SEARCH THREADID finds the thread", uid_search(M, "THREADID", thread) == uids[:2])
check("SEARCH NOT THREADID finds the rest", uid_search(M, "NOT", "THREADID", thread) == uids[2:])
check("SEARCH of an unknown EMAILID finds nothing", uid_search(M, "EMAILID", "E0123456789abcdef01234567") == [])

copy = copied_uid(M, "COPY", uids[0], "ObjA")
move = copied_uid(M, "MOVE", uids[0], "ObjB")
check("after the MOVE, INBOX no longer has the EMAILID", uid_search(M, "EMAILID", email) == [])
for name, uid in [("ObjA", copy), ("ObjB", move)]:
    status, data = M.select(name)
    check(f"SELECT {name} sends its MAILBOXID",
          M.untagged_responses.get("MAILBOXID", [b""])[-1] == f"({mailbox_ids[name]})".encode(), data)
    check(f"the copy in {name} keeps EMAILID and THREADID", fetch_ids(M, uid) == (email, thread))
    check(f"SEARCH EMAILID finds the copy in {name}", uid_search(M, "EMAILID", email) == [uid])
    check(f"SEARCH THREADID finds the copy in {name}", uid_search(M, "THREADID", thread) == [uid])

M.select("INBOX")
for name in ["ObjA", "ObjB"]: M.delete(name)
M.logout()
print("done", flush=True)
