"""Drives a running `martlet dev` with Python's imaplib (STARTTLS on 143, implicit TLS on 993,
mailbox management, every FETCH item, SEARCH, SORT, THREAD, STORE, COPY, MOVE, APPEND,
EXPUNGE, IDLE, two sessions on one mailbox, CONDSTORE and QRESYNC), then with imapclient
and with mbsync (Debian's isync) syncing a Maildir both ways; prints one line per check and
exits non-zero on the first failure. Run by IMAPInteropTests."""
import base64, datetime, glob, imaplib, os, random, re, smtplib, socket, ssl, subprocess, sys, threading, time

started = time.monotonic()
base = int(os.environ["PORT_BASE"]); password = os.environ["DEMO_PASSWORD"]; work = os.environ["WORK"]
MX, IMAP, IMAPS = base + 25, base + 143, base + 993
USER = "demo@localhost"
HOST = "127.0.0.1"
tls = ssl.create_default_context(); tls.check_hostname = False; tls.verify_mode = ssl.CERT_NONE
socket.setdefaulttimeout(20)

def check(name, condition, detail=""):
    print(("ok " if condition else "FAIL ") + name + ("" if condition else f": {detail!r}"), flush=True)
    if not condition: sys.exit(1)

def require(name, condition, detail=""):
    """A check that prints only when it fails (for the helpers' own steps)."""
    if not condition: check(name, condition, detail)

# ---------------------------------------------------------------------------------------
# Helpers: connections, raw commands, a parser for IMAP responses.

def connect(secure="starttls"):
    if secure == "imaps":
        client = imaplib.IMAP4_SSL(HOST, IMAPS, ssl_context=tls, timeout=20)
    else:
        client = imaplib.IMAP4(HOST, IMAP, timeout=20)
        client.starttls(ssl_context=tls)
    client.login(USER, password)
    return client

def command(client, name, *arguments, literal=None):
    """Sends one command through imaplib; returns (status, tagged text, untagged responses
    by type: imaplib files response codes such as [COPYUID ...] under their name too)."""
    client.untagged_responses.clear()
    if literal is not None: client.literal = literal
    status, data = client._simple_command(name, *arguments)
    untagged = {key: list(value) for key, value in client.untagged_responses.items()}
    client.untagged_responses.clear()
    tagged = data[-1] if data and isinstance(data[-1], bytes) else b""
    return status, tagged, untagged

class Atom(str):
    """An IMAP atom (a flag, a number, a keyword); NIL is None, strings and literals bytes."""

def parse(data):
    """Parses one IMAP value sequence (as imaplib hands it back, literals inlined after their
    {n}) into a list of Atom / bytes / None / nested lists."""
    position = 0; length = len(data)
    def value():
        nonlocal position
        while position < length and data[position] == 0x20: position += 1
        head = data[position:position + 1]
        if head == b"(":
            position += 1; items = []
            while True:
                while data[position] == 0x20: position += 1
                if data[position:position + 1] == b")":
                    position += 1; return items
                items.append(value())
        if head == b'"':
            position += 1; out = bytearray()
            while data[position] != 0x22:
                if data[position] == 0x5C: position += 1
                out.append(data[position]); position += 1
            position += 1; return bytes(out)
        if head == b"~" and data[position + 1:position + 2] == b"{":
            position += 1; return value()
        if head == b"{":
            end = data.index(b"}", position); size = int(data[position + 1:end].rstrip(b"+"))
            position = end + 1; out = data[position:position + size]; position += size
            return bytes(out)
        start = position; depth = 0
        while position < length:
            char = data[position:position + 1]
            if char == b"[": depth += 1
            elif char == b"]": depth -= 1
            elif depth == 0 and char in (b" ", b"(", b")"): break
            position += 1
        atom = data[start:position].decode("utf-8", "replace")
        return None if atom.upper() == "NIL" else Atom(atom)
    items = []
    while position < length:
        while position < length and data[position] == 0x20: position += 1
        if position < length: items.append(value())
    return items

def joined(responses):
    """Rebuilds whole responses from imaplib's pieces ((line-with-{n}, literal) tuples then
    the rest of the line as bytes)."""
    out = []; current = b""
    for piece in responses:
        if piece is None: continue
        if isinstance(piece, tuple):
            current += piece[0] + piece[1]
        else:
            out.append(current + piece); current = b""
    return out

def fetch_items(responses):
    """FETCH responses -> {sequence number: {ITEM NAME (upper case): value}}, merged."""
    result = {}
    for response in joined(responses):
        values = parse(response)
        number, items = int(values[0]), values[1]
        entry = result.setdefault(number, {})
        for index in range(0, len(items), 2):
            entry[str(items[index]).upper()] = items[index + 1]
    return result

def fetch(client, sequence, items, uid=False):
    arguments = ("UID", "FETCH", sequence, items) if uid else ("FETCH", sequence, items)
    status, tagged, untagged = command(client, *arguments)
    require(f"{'UID FETCH' if uid else 'FETCH'} {sequence} {items} completes", status == "OK", tagged)
    return fetch_items(untagged.get("FETCH", []))

def flags(value):
    return {str(flag).lower() for flag in (value or [])}

def uid_set(text):
    numbers = set()
    for part in text.split(","):
        if ":" in part:
            low, high = sorted(int(n) for n in part.split(":")); numbers.update(range(low, high + 1))
        elif part:
            numbers.add(int(part))
    return numbers

def numbers(data):
    """The numbers of a SEARCH / SORT answer (imaplib's data list)."""
    return [int(n) for chunk in data if chunk for n in chunk.split()]

def search(client, *criteria, literal=None, uid=False):
    arguments = (("UID", "SEARCH") if uid else ("SEARCH",)) + criteria
    status, tagged, untagged = command(client, *arguments, literal=literal)
    require(f"{' '.join(arguments)} completes", status == "OK", tagged)
    return set(numbers(untagged.get("SEARCH", [])))

def deliver(*messages):
    with smtplib.SMTP(HOST, MX, timeout=20) as mx:
        for message in messages:
            mx.sendmail("sender@example.org", [USER], message)

def message(headers, body):
    return "".join(f"{name}: {value}\r\n" for name, value in headers).encode() + b"\r\n" + body

def status_items(client, mailbox, items):
    status, tagged, untagged = command(client, "STATUS", mailbox, items)
    require(f"STATUS {mailbox} {items}", status == "OK", tagged)
    values = parse(untagged["STATUS"][-1])
    pairs = values[1]
    return {str(pairs[i]).upper(): int(pairs[i + 1]) for i in range(0, len(pairs), 2)}

def list_names(client, *arguments):
    status, tagged, untagged = command(client, "LIST", *arguments)
    require(f"LIST {' '.join(arguments)}", status == "OK", tagged)
    result = {}
    for line in joined(untagged.get("LIST", [])):
        values = parse(line)
        name = values[2].decode() if isinstance(values[2], bytes) else str(values[2])
        result[name] = {str(attribute).lower() for attribute in values[0]}
    return result

def poll(client, done):
    """NOOP (the poll for updates, RFC 9051 6.1.2) until done(untagged responses so far)
    holds, at most 20 times 0.1 s apart; returns the responses and how many NOOPs it took."""
    collected = {}
    for polls in range(1, 21):
        status, tagged, untagged = command(client, "NOOP")
        for key, values in untagged.items(): collected.setdefault(key, []).extend(values)
        if done(collected): break
        time.sleep(0.1)
    return collected, polls

def readline(client):
    """One response line; a FAIL line rather than a traceback when nothing comes in 20 s."""
    try:
        return client.readline()
    except (OSError, imaplib.IMAP4.abort) as error:
        check("a response line arrives within 20 s", False, error)

def idle_start(client):
    """IDLE by hand (imaplib has no IDLE before Python 3.14): the tag and any lines
    that came before the continuation."""
    tag = client._new_tag(); client.tagged_commands.pop(tag, None)
    client.send(tag + b" IDLE\r\n")
    early = []
    while True:
        line = readline(client)
        if line.startswith(b"+"): return tag, early
        early.append(line)

def idle_done(client, tag):
    client.send(b"DONE\r\n")
    lines = []
    while True:
        line = readline(client)
        if line.startswith(tag + b" "):
            check("IDLE ends with a tagged OK after DONE", line.startswith(tag + b" OK"), line)
            return lines
        lines.append(line)

def read_until(client, predicate, lines):
    while not predicate(lines):
        lines.append(readline(client))
    return lines

# ---------------------------------------------------------------------------------------
# 1. Mail for INBOX over SMTP: a plain message, a multipart one with a binary attachment,
#    a UTF-8 one with an encoded-word subject, a large one, and a thread of four.
attachment = random.Random(9051).randbytes(3000) + bytes(range(256))
encoded = base64.encodebytes(attachment).replace(b"\n", b"\r\n")
alpha_body = b"The zebra crossing near the office is closed on Tuesday.\r\nPlease use the side entrance.\r\n"
alpha = message([("From", "Alice Example <alice@example.org>"), ("To", "Demo <demo@localhost>"),
                 ("Subject", "Alpha meeting notes"), ("Date", "Wed, 10 Jan 2024 09:00:00 +0000"),
                 ("Message-ID", "<alpha-1@example.org>")], alpha_body)
part1 = b"Hello, the quarterly report is attached.\r\nRegards, Bob"
part2_mime = (b'Content-Type: application/octet-stream; name="report.bin"\r\n'
              b'Content-Disposition: attachment; filename="report.bin"\r\n'
              b"Content-Transfer-Encoding: base64\r\n\r\n")
report_body = (b"This is a multi-part message in MIME format.\r\n--b1\r\n"
               b"Content-Type: text/plain; charset=us-ascii\r\n\r\n" + part1 + b"\r\n--b1\r\n"
               + part2_mime + encoded + b"--b1--\r\n")
report = message([("From", "Bob Sender <bob@example.net>"), ("To", "demo@localhost"),
                  ("Subject", "Quarterly report attached"), ("Date", "Thu, 15 Feb 2024 10:00:00 +0000"),
                  ("Message-ID", "<report-1@example.net>"), ("MIME-Version", "1.0"),
                  ("Content-Type", 'multipart/mixed; boundary="b1"')], report_body)
gruss = message([("From", "Carol <carol@example.com>"), ("To", "demo@localhost"),
                 ("Subject", "=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?="), ("Date", "Sat, 20 Jan 2024 08:00:00 +0100"),
                 ("Message-ID", "<gruss-1@example.com>"), ("MIME-Version", "1.0"),
                 ("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "8bit")],
                "Die Stra\u00dfe ist morgen gesperrt.\r\n".encode())
large = message([("From", "Logger <logs@example.org>"), ("To", "demo@localhost"),
                 ("Subject", "Large logfile"), ("Date", "Thu, 01 Feb 2024 12:00:00 +0000"),
                 ("Message-ID", "<large-1@example.org>")],
                b"".join(b"log line %05d " % n + b"y" * 60 + b"\r\n" for n in range(600)))
def kickoff(number, day, parents):
    headers = [("From", "Dave <dave@example.org>"), ("To", "demo@localhost"),
               ("Subject", ("Re: " if parents else "") + "Project kickoff"),
               ("Date", f"Fri, {day:02d} Mar 2024 10:00:00 +0000"), ("Message-ID", f"<kick-{number}@example.org>")]
    if parents:
        headers += [("In-Reply-To", parents[-1]), ("References", " ".join(parents))]
    return message(headers, b"Thread message %d.\r\n" % number)
threads = [kickoff(1, 1, []), kickoff(2, 2, ["<kick-1@example.org>"]),
           kickoff(3, 3, ["<kick-1@example.org>", "<kick-2@example.org>"]), kickoff(4, 4, ["<kick-1@example.org>"])]
inbox_messages = [alpha, report, gruss, large] + threads
deliver(*inbox_messages)
check("SMTP accepted the 8 messages for INBOX", True)

# ---------------------------------------------------------------------------------------
# 2. Capabilities, STARTTLS on 143, implicit TLS on 993.
plain = imaplib.IMAP4(HOST, IMAP, timeout=20)
check("greeting capabilities list STARTTLS", "STARTTLS" in plain.capabilities, plain.capabilities)
plain.starttls(ssl_context=tls)
after_tls = set(plain.capabilities)
check("no LOGINDISABLED after STARTTLS", "LOGINDISABLED" not in after_tls, after_tls)
for name in ["IMAP4REV2", "IDLE", "UIDPLUS", "MOVE", "CONDSTORE", "QRESYNC", "ESEARCH", "SORT",
             "THREAD=REFERENCES", "SPECIAL-USE"]:
    check(f"CAPABILITY lists {name}", name in after_tls, after_tls)
status, _ = plain.login(USER, password)
check("LOGIN over STARTTLS on 143", status == "OK")
plain.logout()
M = imaplib.IMAP4_SSL(HOST, IMAPS, ssl_context=tls, timeout=20)
check("IMAPS capabilities list IMAP4rev2 and AUTH=PLAIN", {"IMAP4REV2", "AUTH=PLAIN"} <= set(M.capabilities), M.capabilities)
status, _ = M.login(USER, password)
check("LOGIN over implicit TLS on 993", status == "OK")
bad = imaplib.IMAP4_SSL(HOST, IMAPS, ssl_context=tls, timeout=20)
try:
    bad.login(USER, password + "x"); check("a wrong password is refused", False)
except imaplib.IMAP4.error as error:
    check("a wrong password is refused [AUTHENTICATIONFAILED]", "AUTHENTICATIONFAILED" in str(error), error)
bad.logout()

# ---------------------------------------------------------------------------------------
# 3. Mailboxes: LIST with special-use, CREATE/RENAME/DELETE, SUBSCRIBE/LSUB, STATUS.
listed = list_names(M, '""', "*")
for name in ["INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive"]:
    check(f"LIST shows {name}", name in listed, listed)
special = list_names(M, '""', "*", "RETURN", "(SPECIAL-USE)")
for name in ["Sent", "Drafts", "Trash", "Junk", "Archive"]:
    check(f"LIST RETURN (SPECIAL-USE): {name} is \\{name}", f"\\{name.lower()}" in special.get(name, set()), special)
only_special = list_names(M, "(SPECIAL-USE)", '""', "*")
check("LIST (SPECIAL-USE) selects exactly the five special-use mailboxes",
      set(only_special) == {"Sent", "Drafts", "Trash", "Junk", "Archive"}, only_special)
check("CREATE Projects", M.create("Projects")[0] == "OK")
check("CREATE Projects/Scratch (hierarchy)", M.create("Projects/Scratch")[0] == "OK")
listed = list_names(M, '""', "Projects*")
check("LIST Projects* shows both, the parent \\HasChildren",
      set(listed) == {"Projects", "Projects/Scratch"} and "\\haschildren" in listed["Projects"], listed)
check("CREATE of an existing mailbox is refused", M.create("Projects")[0] == "NO")
check("RENAME Projects/Scratch Projects/Renamed", M.rename("Projects/Scratch", "Projects/Renamed")[0] == "OK")
listed = list_names(M, '""', "Projects/*")
check("LIST after RENAME shows only the new name", set(listed) == {"Projects/Renamed"}, listed)
check("SUBSCRIBE Projects/Renamed", M.subscribe("Projects/Renamed")[0] == "OK")
status, tagged, untagged = command(M, "LSUB", '""', "*")
subscribed = {parse(line)[2].decode() if isinstance(parse(line)[2], bytes) else str(parse(line)[2])
              for line in joined(untagged.get("LSUB", []))}
check("LSUB lists the subscription", status == "OK" and "Projects/Renamed" in subscribed, subscribed)
status, tagged, untagged = command(M, "LIST", "(SUBSCRIBED)", '""', "Projects/*")
check("LIST (SUBSCRIBED) shows it as \\Subscribed",
      any(b"\\Subscribed" in line and b"Projects/Renamed" in line for line in joined(untagged.get("LIST", []))), untagged)
check("UNSUBSCRIBE Projects/Renamed", M.unsubscribe("Projects/Renamed")[0] == "OK")
check("DELETE Projects/Renamed", M.delete("Projects/Renamed")[0] == "OK")
check("DELETE Projects", M.delete("Projects")[0] == "OK")
listed = list_names(M, '""', "Projects*")
check("LIST after DELETE shows nothing", listed == {}, listed)
check("SELECT of a deleted mailbox is refused", command(M, "SELECT", "Projects")[0] == "NO")
counts = status_items(M, "INBOX", "(MESSAGES UIDNEXT UNSEEN SIZE UIDVALIDITY)")
check("STATUS INBOX MESSAGES 8 UNSEEN 8", counts["MESSAGES"] == 8 and counts["UNSEEN"] == 8, counts)

# ---------------------------------------------------------------------------------------
# 4. SELECT / EXAMINE, and FETCH of every item.
status, tagged, untagged = command(M, "EXAMINE", "INBOX"); M.state = "SELECTED"
check("EXAMINE INBOX is [READ-ONLY] with 8 EXISTS",
      status == "OK" and b"[READ-ONLY]" in tagged and untagged.get("EXISTS") == [b"8"], (tagged, untagged))
check("EXAMINE gives UIDVALIDITY and UIDNEXT", "UIDVALIDITY" in untagged and "UIDNEXT" in untagged, untagged)
seen_probe = fetch(M, "5", "(BODY[TEXT] FLAGS)")
check("a non-PEEK BODY[TEXT] under EXAMINE does not set \\Seen", "\\seen" not in flags(fetch(M, "5", "(FLAGS)")[5]["FLAGS"]), seen_probe)
status, data = M.select("INBOX")
check("SELECT INBOX: 8 messages, [READ-WRITE]", status == "OK" and data == [b"8"], data)
check("SELECT response code READ-WRITE", "READ-WRITE" in M.untagged_responses, M.untagged_responses)
uids = fetch(M, "1:*", "(UID)")
uid_of = {n: int(items["UID"]) for n, items in uids.items()}
check("UIDs strictly ascend with sequence numbers", [uid_of[n] for n in sorted(uid_of)] == sorted(uid_of.values()), uid_of)
check("STATUS UIDNEXT above every UID", counts["UIDNEXT"] > max(uid_of.values()), (counts, uid_of))

sizes = fetch(M, "1:*", "(RFC822.SIZE)")
check("STATUS SIZE is the sum of RFC822.SIZE", counts["SIZE"] == sum(int(i["RFC822.SIZE"]) for i in sizes.values()), (counts, sizes))

# The plain message: PEEK leaves \Seen alone, a non-PEEK body fetch sets it.
items = fetch(M, "1", "(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE UID BODY.PEEK[])")[1]
check("FETCH FLAGS: a new message is unseen", "\\seen" not in flags(items["FLAGS"]), items["FLAGS"])
whole = items["BODY[]"]
check("BODY.PEEK[] ends with the message as sent", whole.endswith(alpha), whole[-200:])
check("RFC822.SIZE equals the length of BODY[]", int(items["RFC822.SIZE"]) == len(whole), (items["RFC822.SIZE"], len(whole)))
internal = imaplib.Internaldate2tuple(b'INTERNALDATE "' + items["INTERNALDATE"] + b'"')
check("INTERNALDATE parses and is about now", internal is not None and abs(time.mktime(internal) - time.time()) < 600,
      items["INTERNALDATE"])
envelope = items["ENVELOPE"]
check("ENVELOPE date, subject, message-id", envelope[0] == b"Wed, 10 Jan 2024 09:00:00 +0000"
      and envelope[1] == b"Alpha meeting notes" and envelope[9] == b"<alpha-1@example.org>", envelope)
check("ENVELOPE from, sender, reply-to (defaulted to From)",
      envelope[2] == envelope[3] == envelope[4] == [[b"Alice Example", None, b"alice", b"example.org"]], envelope)
check("ENVELOPE to, no cc/bcc/in-reply-to", envelope[5] == [[b"Demo", None, b"demo", b"localhost"]]
      and envelope[6] is None and envelope[7] is None and envelope[8] is None, envelope)
check("UID item", int(items["UID"]) == uid_of[1], items)
check("BODY.PEEK[] did not set \\Seen", "\\seen" not in flags(fetch(M, "1", "(FLAGS)")[1]["FLAGS"]))
items = fetch(M, "1", "(BODY.PEEK[TEXT]<5.20> BODY[]<0.10>)")[1]
check("partial BODY[]<0.10> is the first 10 bytes", items.get("BODY[]<0>") == whole[:10], items)
check("partial BODY.PEEK[TEXT]<5.20> is bytes 5..25 of the text", items.get("BODY[TEXT]<5>") == alpha_body[5:25], items)
check("a non-PEEK fetch reports \\Seen in a FETCH response", "\\seen" in flags(items.get("FLAGS")), items)
check("FETCH FLAGS shows \\Seen after the non-PEEK BODY[]<0.10>", "\\seen" in flags(fetch(M, "1", "(FLAGS)")[1]["FLAGS"]))

# The multipart message with its attachment.
items = fetch(M, "2", "(BODY.PEEK[] BODY.PEEK[HEADER] BODY.PEEK[HEADER.FIELDS (Subject From)] "
                      "BODY.PEEK[HEADER.FIELDS.NOT (Subject)] BODY.PEEK[TEXT] RFC822.SIZE)")[2]
whole = items["BODY[]"]
check("multipart BODY[] ends with the message as sent", whole.endswith(report), whole[-100:])
check("multipart RFC822.SIZE equals len(BODY[])", int(items["RFC822.SIZE"]) == len(whole))
header = items["BODY[HEADER]"]
check("BODY[HEADER] is the header through the blank line", whole.startswith(header) and header.endswith(b"\r\n\r\n")
      and whole[len(header):] == report_body, header[-80:])
check("BODY[TEXT] is the body as sent", items["BODY[TEXT]"] == report_body, items["BODY[TEXT]"][:80])
fields = [key for key in items if key.startswith("BODY[HEADER.FIELDS (")]
check("BODY[HEADER.FIELDS (Subject From)] is answered", len(fields) == 1, list(items))
subset = items[fields[0]]
check("HEADER.FIELDS gives exactly the From and Subject lines and a blank line",
      subset.endswith(b"\r\n\r\n") and sorted(subset[:-4].split(b"\r\n")) ==
      [b"From: Bob Sender <bob@example.net>", b"Subject: Quarterly report attached"], subset)
fields = [key for key in items if key.startswith("BODY[HEADER.FIELDS.NOT")]
check("BODY[HEADER.FIELDS.NOT (Subject)] is answered", len(fields) == 1, list(items))
check("HEADER.FIELDS.NOT is the header without Subject",
      items[fields[0]] == header.replace(b"Subject: Quarterly report attached\r\n", b""), items[fields[0]])
items = fetch(M, "2", "(BODY[1] BODY[2.MIME] BODY[2] BINARY[2] BINARY.SIZE[2] BODY BODYSTRUCTURE RFC822 RFC822.HEADER FLAGS)")[2]
check("BODY[1] is the text part", items.get("BODY[1]") == part1, items.get("BODY[1]"))
check("BODY[2.MIME] is the attachment's MIME header", items.get("BODY[2.MIME]") == part2_mime, items.get("BODY[2.MIME]"))
check("BODY[2] is the attachment's base64 as sent", items.get("BODY[2]") == encoded[:-2], (items.get("BODY[2]") or b"")[-80:])
check("BINARY[2] is the decoded attachment, byte-exact", items.get("BINARY[2]") == attachment, len(items.get("BINARY[2]") or b""))
check("BINARY.SIZE[2] is the decoded size", int(items.get("BINARY.SIZE[2]", -1)) == len(attachment), items.get("BINARY.SIZE[2]"))
check("RFC822 equals BODY[]", items.get("RFC822") == whole)
check("RFC822.HEADER equals BODY[HEADER]", items.get("RFC822.HEADER") == header)
check("the non-PEEK fetch set \\Seen", "\\seen" in flags(items.get("FLAGS")), items.get("FLAGS"))
structure = items["BODYSTRUCTURE"]
lower = lambda value: (value.decode() if isinstance(value, bytes) else str(value)).lower()
check("BODYSTRUCTURE: multipart/mixed of text/plain and application/octet-stream",
      isinstance(structure[0], list) and isinstance(structure[1], list) and lower(structure[2]) == "mixed"
      and [lower(x) for x in structure[0][:2]] == ["text", "plain"]
      and [lower(x) for x in structure[1][:2]] == ["application", "octet-stream"], structure)
check("BODYSTRUCTURE: boundary parameter", [lower(x) for x in structure[3]] == ["boundary", "b1"], structure[3])
check("BODYSTRUCTURE: text part charset and size", [lower(x) for x in structure[0][2]] == ["charset", "us-ascii"]
      and int(structure[0][6]) == len(part1), structure[0])
check("BODYSTRUCTURE: attachment name, base64, size",
      [lower(x) for x in structure[1][2]] == ["name", "report.bin"] and lower(structure[1][5]) == "base64"
      and int(structure[1][6]) == len(encoded) - 2, structure[1])
check("BODYSTRUCTURE: attachment disposition", len(structure[1]) > 8 and lower(structure[1][8][0]) == "attachment"
      and [lower(x) for x in structure[1][8][1]] == ["filename", "report.bin"], structure[1])
body = items["BODY"]
check("BODY: the same tree without extension data", len(body) == 3 and lower(body[2]) == "mixed"
      and len(body[1]) == 7 and len(body[0]) == 8 and body[1][:7] == structure[1][:7], body)
items = fetch(M, "3", "(BODY.PEEK[] RFC822.HEADER RFC822.SIZE FLAGS)")[3]
check("the 8-bit message is stored byte-exact", items["BODY[]"].endswith(gruss))
check("RFC822.HEADER does not set \\Seen", "\\seen" not in flags(fetch(M, "3", "(FLAGS)")[3]["FLAGS"]))
structure = fetch(M, "3", "(BODYSTRUCTURE)")[3]["BODYSTRUCTURE"]
check("BODYSTRUCTURE of a single part: text/plain utf-8 8bit", [lower(x) for x in structure[:3][:2]] == ["text", "plain"]
      and [lower(x) for x in structure[2]] == ["charset", "utf-8"] and lower(structure[5]) == "8bit", structure)
status_now = status_items(M, "INBOX", "(UNSEEN)")
check("STATUS UNSEEN 6 after two non-PEEK fetches", status_now["UNSEEN"] == 6, status_now)

# ---------------------------------------------------------------------------------------
# 5. SEARCH (full-text criteria match words and word prefixes).
check("SEARCH ALL", search(M, "ALL") == set(range(1, 9)))
check("SEARCH UNSEEN", search(M, "UNSEEN") == set(range(3, 9)))
check("SEARCH SEEN", search(M, "SEEN") == {1, 2})
check("SEARCH SUBJECT word", search(M, "SUBJECT", "meeting") == {1})
check("SEARCH SUBJECT word prefix, any case", search(M, "SUBJECT", "KICK") == {5, 6, 7, 8})
check("SEARCH FROM name", search(M, "FROM", "alice") == {1})
check("SEARCH FROM domain", search(M, "FROM", '"example.net"') == {2})
check("SEARCH BODY word", search(M, "BODY", "zebra") == {1})
check("SEARCH BODY finds text inside a multipart part", search(M, "BODY", "quarterly") == {2})
check("SEARCH BODY does not look at headers", search(M, "BODY", "alice") == set())
check("SEARCH TEXT finds body words", search(M, "TEXT", "entrance") == {1})
check("SEARCH TEXT finds header words", search(M, "TEXT", "alice") == {1})
check("SEARCH HEADER Message-ID", search(M, "HEADER", "Message-ID", '"<alpha-1@example.org>"') == {1})
check("SEARCH HEADER In-Reply-To", search(M, "HEADER", "In-Reply-To", '"<kick-1@example.org>"') == {6, 8})
check("SEARCH LARGER", search(M, "LARGER", "20000") == {4})
check("SEARCH SMALLER", search(M, "SMALLER", "20000") == {1, 2, 3, 5, 6, 7, 8})
yesterday = (datetime.date.today() - datetime.timedelta(days=1)).strftime("%d-%b-%Y")
tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).strftime("%d-%b-%Y")
check("SEARCH SINCE yesterday", search(M, "SINCE", yesterday) == set(range(1, 9)))
check("SEARCH BEFORE yesterday", search(M, "BEFORE", yesterday) == set())
check("SEARCH SINCE tomorrow", search(M, "SINCE", tomorrow) == set())
check("SEARCH SENTBEFORE / SENTSINCE", search(M, "SENTSINCE", "1-Feb-2024", "SENTBEFORE", "1-Mar-2024") == {2, 4})
check("SEARCH OR", search(M, "OR", "SUBJECT", "meeting", "FROM", "bob") == {1, 2})
check("SEARCH NOT", search(M, "NOT", "SUBJECT", "kickoff") == {1, 2, 3, 4})
check("SEARCH sequence set and parentheses", search(M, "2:6", "(OR", "SEEN", "LARGER", "20000)") == {2, 4})
check("UID SEARCH gives UIDs", search(M, "SUBJECT", "kickoff", uid=True) == {uid_of[n] for n in (5, 6, 7, 8)})
status, tagged, untagged = command(M, "SEARCH", "RETURN", "(MIN MAX COUNT)", "SUBJECT", "kickoff")
esearch = parse(untagged.get("ESEARCH", [b""])[0])
check("SEARCH RETURN (MIN MAX COUNT) answers with ESEARCH", status == "OK" and "SEARCH" not in untagged
      and esearch[1:] == ["MIN", "5", "MAX", "8", "COUNT", "4"] and isinstance(esearch[0], list)
      and str(esearch[0][0]).upper() == "TAG", untagged)
status, tagged, untagged = command(M, "UID", "SEARCH", "RETURN", "(ALL)", "SUBJECT", "kickoff")
esearch = parse(untagged.get("ESEARCH", [b""])[0])
check("UID SEARCH RETURN (ALL) marks UID and lists the set", status == "OK" and "UID" in esearch
      and uid_set(str(esearch[esearch.index("ALL") + 1])) == {uid_of[n] for n in (5, 6, 7, 8)}, untagged)
check("SEARCH CHARSET UTF-8 BODY with a literal", search(M, "CHARSET", "UTF-8", "BODY", literal="Stra\u00dfe".encode()) == {3})
check("SEARCH CHARSET UTF-8 SUBJECT matches the decoded encoded-word",
      search(M, "CHARSET", "UTF-8", "SUBJECT", literal="K\u00f6ln".encode()) == {3})

# ---------------------------------------------------------------------------------------
# 6. SORT and THREAD REFERENCES.
def sort(*arguments):
    status, tagged, untagged = command(M, "SORT", *arguments)
    require(f"SORT {' '.join(arguments)} completes", status == "OK", tagged)
    return numbers(untagged.get("SORT", []))
check("SORT (ARRIVAL)", sort("(ARRIVAL)", "UTF-8", "ALL") == [1, 2, 3, 4, 5, 6, 7, 8])
check("SORT (SUBJECT): base subjects, ties by sequence", sort("(SUBJECT)", "UTF-8", "ALL") == [1, 3, 4, 5, 6, 7, 8, 2],
      sort("(SUBJECT)", "UTF-8", "ALL"))
check("SORT (REVERSE DATE)", sort("(REVERSE DATE)", "UTF-8", "ALL") == [8, 7, 6, 5, 2, 4, 3, 1], sort("(REVERSE DATE)", "UTF-8", "ALL"))
# (All arrived within one second: ARRIVAL ties fall back to sequence order, REVERSE or not.)
check("SORT with search criteria", sort("(REVERSE DATE)", "UTF-8", "SUBJECT", "kickoff") == [8, 7, 6, 5])
check("SORT (FROM SUBJECT): two keys", sort("(FROM SUBJECT)", "UTF-8", "ALL") == [1, 2, 3, 5, 6, 7, 8, 4],
      sort("(FROM SUBJECT)", "UTF-8", "ALL"))
status, tagged, untagged = command(M, "UID", "SORT", "(DATE)", "UTF-8", "SUBJECT", "kickoff")
check("UID SORT gives UIDs", numbers(untagged.get("SORT", [])) == [uid_of[n] for n in (5, 6, 7, 8)], untagged)
status, tagged, untagged = command(M, "THREAD", "REFERENCES", "UTF-8", "ALL")
shape = b"".join(untagged.get("THREAD", [])).replace(b" (", b"(")
check("THREAD REFERENCES: replies nest under their parents", status == "OK" and shape == b"(1)(3)(4)(2)(5(6 7)(8))",
      untagged)
status, tagged, untagged = command(M, "UID", "THREAD", "REFERENCES", "UTF-8", "SUBJECT", "kickoff")
expected = "(%d (%d %d)(%d))" % tuple(uid_of[n] for n in (5, 6, 7, 8))
check("UID THREAD REFERENCES with criteria", b"".join(untagged.get("THREAD", [])).replace(b" (", b"(")
      == expected.replace(" (", "(").encode(), untagged)

# ---------------------------------------------------------------------------------------
# 7. STORE: +FLAGS, -FLAGS, FLAGS, .SILENT, keywords (CONDSTORE not yet enabled).
items = fetch_items(M.store("1", "+FLAGS", "(\\Flagged)")[1])
check("STORE +FLAGS answers with the new flags", flags(items[1]["FLAGS"]) == {"\\seen", "\\flagged"}, items)
items = fetch_items(M.store("1", "-FLAGS", "(\\Flagged)")[1])
check("STORE -FLAGS", flags(items[1]["FLAGS"]) == {"\\seen"}, items)
items = fetch_items(M.store("1", "FLAGS", "(\\Answered $Forwarded)")[1])
check("STORE FLAGS replaces, with a keyword", flags(items[1]["FLAGS"]) == {"\\answered", "$forwarded"}, items)
check("SEARCH KEYWORD $Forwarded", search(M, "KEYWORD", "$Forwarded") == {1})
check("SEARCH ANSWERED UNSEEN", search(M, "ANSWERED", "UNSEEN") == {1})
status, tagged, untagged = command(M, "STORE", "2", "+FLAGS.SILENT", "(\\Flagged)")
check("STORE +FLAGS.SILENT sends no FETCH", status == "OK" and "FETCH" not in untagged, untagged)
check("... but stored the flag", flags(fetch(M, "2", "(FLAGS)")[2]["FLAGS"]) == {"\\seen", "\\flagged"})
status, tagged, untagged = command(M, "UID", "STORE", str(uid_of[2]), "-FLAGS.SILENT", "(\\Flagged)")
check("UID STORE -FLAGS.SILENT", status == "OK" and "FETCH" not in untagged
      and flags(fetch(M, "2", "(FLAGS)")[2]["FLAGS"]) == {"\\seen"}, untagged)
status, tagged, untagged = command(M, "UID", "STORE", str(uid_of[3]), "+FLAGS", "(\\Draft)")
items = fetch_items(untagged.get("FETCH", []))
check("UID STORE answers with UID and FLAGS", int(items[3]["UID"]) == uid_of[3] and "\\draft" in flags(items[3]["FLAGS"]), items)
command(M, "STORE", "3", "-FLAGS.SILENT", "(\\Draft)")

# ---------------------------------------------------------------------------------------
# 8. CONDSTORE: MODSEQ, CHANGEDSINCE, UNCHANGEDSINCE.
fresh = connect("imaps")
status, tagged, untagged = command(fresh, "SELECT", "INBOX"); fresh.state = "SELECTED"
status, tagged, untagged = command(fresh, "FETCH", "1:*", "(FLAGS)", "(CHANGEDSINCE 1)")
items = fetch_items(untagged.get("FETCH", []))
check("FETCH (CHANGEDSINCE 1) answers with MODSEQ", status == "OK" and items
      and all("MODSEQ" in entry for entry in items.values()), untagged)
fresh.logout()
check("UNSELECT", M.unselect()[0] == "OK")
status, tagged, untagged = command(M, "ENABLE", "CONDSTORE")
M.select("INBOX")
check("ENABLE CONDSTORE", status == "OK" and any(b"CONDSTORE" in line.upper() for line in untagged.get("ENABLED", [])), untagged)
items = fetch(M, "1:*", "(MODSEQ)")
modseqs = {n: int(entry["MODSEQ"][0]) for n, entry in items.items()}
check("FETCH MODSEQ for every message", sorted(modseqs) == list(range(1, 9)) and all(v > 0 for v in modseqs.values()), items)
check("the flag-changed messages have the highest MODSEQs", min(modseqs[1], modseqs[2]) > max(modseqs[n] for n in (4, 5, 6, 7, 8)), modseqs)
status, tagged, untagged = command(M, "FETCH", "1:*", "(FLAGS)", f"(CHANGEDSINCE {max(modseqs[n] for n in (4,5,6,7,8))})")
check("FETCH CHANGEDSINCE lists only the changed messages", set(fetch_items(untagged.get("FETCH", []))) == {1, 2, 3}, untagged)
status, tagged, untagged = command(M, "STORE", "4", f"(UNCHANGEDSINCE {modseqs[4]})", "+FLAGS", "(\\Flagged)")
items = fetch_items(untagged.get("FETCH", []))
check("STORE UNCHANGEDSINCE current: stored, with a higher MODSEQ", status == "OK" and b"MODIFIED" not in tagged
      and int(items[4]["MODSEQ"][0]) > modseqs[4] and "\\flagged" in flags(items[4]["FLAGS"]), (tagged, untagged))
status, tagged, untagged = command(M, "STORE", "4", f"(UNCHANGEDSINCE {modseqs[4]})", "-FLAGS", "(\\Flagged)")
check("STORE UNCHANGEDSINCE stale: OK [MODIFIED 4]", status == "OK" and untagged.get("MODIFIED") == [b"4"], (tagged, untagged))
check("... and the flag stays", "\\flagged" in flags(fetch(M, "4", "(FLAGS)")[4]["FLAGS"]))
status, tagged, untagged = command(M, "UID", "STORE", f"{uid_of[4]},{uid_of[5]}", f"(UNCHANGEDSINCE {modseqs[5]})", "+FLAGS", "(\\Seen)")
check("UID STORE UNCHANGEDSINCE: [MODIFIED uid] for the stale one, the other stored",
      status == "OK" and untagged.get("MODIFIED") == [str(uid_of[4]).encode()]
      and "\\seen" in flags(fetch(M, "5", "(FLAGS)")[5]["FLAGS"]), (tagged, untagged))
command(M, "STORE", "4:5", "-FLAGS.SILENT", "(\\Flagged \\Seen)")

# ---------------------------------------------------------------------------------------
# 9. COPY (COPYUID), MOVE (COPYUID then EXPUNGE), APPEND (APPENDUID) byte-exact, 1 MB APPEND.
archive_before = status_items(M, "Archive", "(MESSAGES UIDVALIDITY)")
status, tagged, untagged = command(M, "COPY", "1:2", "Archive")
copyuid = untagged.get("COPYUID", [b""])[0].split()
check("COPY answers [COPYUID validity sources targets]", status == "OK" and len(copyuid) == 3
      and int(copyuid[0]) == archive_before["UIDVALIDITY"] and uid_set(copyuid[1].decode()) == {uid_of[1], uid_of[2]}
      and len(uid_set(copyuid[2].decode())) == 2, (tagged, untagged))
check("COPY left the source alone", M.select("INBOX")[1] == [b"8"])
status, tagged, untagged = command(M, "UID", "MOVE", str(uid_of[4]), "Archive")
copyuid = untagged.get("COPYUID", [b""])[0].split()
check("MOVE sends COPYUID in an untagged OK", status == "OK" and len(copyuid) == 3
      and uid_set(copyuid[1].decode()) == {uid_of[4]}, (tagged, untagged))
check("MOVE then expunges the source (* 4 EXPUNGE)", untagged.get("EXPUNGE") == [b"4"], untagged)
moved_uid = int(copyuid[2])
check("STATUS Archive counts three messages", status_items(M, "Archive", "(MESSAGES)")["MESSAGES"] == 3)
uid_of = {n: uid for n, uid in ((n if n < 4 else n - 1, uid_of[n]) for n in uid_of if n != 4)}
kick_uids = [uid_of[n] for n in (4, 5, 6, 7)]

draft = message([("From", "demo@localhost"), ("To", "friend@example.org"), ("Subject", "Draft with flags"),
                 ("Date", "Fri, 05 Mar 2021 10:11:12 +0100"), ("Message-ID", "<draft-1@localhost>")],
                b"Not sent yet.\r\n\xc3\xa4 8-bit line\r\n")
append_date = imaplib.Time2Internaldate(time.mktime((2021, 3, 5, 10, 11, 12, 0, 0, -1)))
status, data = M.append("Drafts", "(\\Draft \\Seen)", append_date, draft)
appenduid = M.untagged_responses.pop("APPENDUID", [b""])[0].split()
check("APPEND answers [APPENDUID validity uid]", status == "OK" and len(appenduid) == 2, data)
command(M, "EXAMINE", "Drafts"); M.state = "SELECTED"
items = fetch(M, appenduid[1].decode(), "(BODY.PEEK[] FLAGS INTERNALDATE RFC822.SIZE)", uid=True)
entry = next(iter(items.values()))
check("APPENDed message comes back byte-exact", entry["BODY[]"] == draft, entry["BODY[]"])
check("APPEND flags kept", flags(entry["FLAGS"]) == {"\\draft", "\\seen"}, entry["FLAGS"])
internal_date = lambda text: time.mktime(imaplib.Internaldate2tuple(b'INTERNALDATE "' + text.strip(b'"') + b'"'))
check("APPEND date kept as INTERNALDATE", internal_date(entry["INTERNALDATE"]) == internal_date(append_date.encode()),
      (entry["INTERNALDATE"], append_date))
check("SEARCH BEFORE finds the old APPEND date", search(M, "BEFORE", "1-Jan-2022") == {1})
noise = base64.b64encode(random.Random(1).randbytes(1600))
big = message([("From", "demo@localhost"), ("To", "demo@localhost"), ("Subject", "One megabyte"),
               ("Message-ID", "<big-1@localhost>")],
              b"".join(b"%07d " % n + noise[n % 997:n % 997 + 70] + b"\r\n" for n in range(13000)))
check("the large message is about 1 MB", 1_000_000 < len(big) < 1_100_000, len(big))
M.create("Big")
status, data = M.append("Big", None, None, big)
check("APPEND of ~1 MB", status == "OK", data)
command(M, "EXAMINE", "Big"); M.state = "SELECTED"
entry = fetch(M, "1", "(RFC822.SIZE BODY.PEEK[])")[1]
check("the 1 MB message comes back byte-exact", int(entry["RFC822.SIZE"]) == len(big) and entry["BODY[]"] == big,
      entry["RFC822.SIZE"])
M.close()
check("DELETE Big", M.delete("Big")[0] == "OK")

# ---------------------------------------------------------------------------------------
# 10. EXPUNGE and UID EXPUNGE in a scratch copy of INBOX.
M.create("Scratch")
M.select("INBOX"); command(M, "COPY", "1:*", "Scratch")
status, data = M.select("Scratch")
check("Scratch holds a copy of INBOX's 7 messages", data == [b"7"], data)
scratch = {n: int(e["UID"]) for n, e in fetch(M, "1:*", "(UID)").items()}
order = [scratch[n] for n in sorted(scratch)]
M.store("2,4,5", "+FLAGS.SILENT", "(\\Deleted)")
status, tagged, untagged = command(M, "EXPUNGE")
remaining = list(order)
for number in untagged.get("EXPUNGE", []):
    del remaining[int(number) - 1]
check("EXPUNGE responses renumber consistently", status == "OK" and len(untagged.get("EXPUNGE", [])) == 3
      and remaining == [order[0], order[2], order[5], order[6]], untagged)
check("EXPUNGE left the other messages", [int(e["UID"]) for _, e in sorted(fetch(M, "1:*", "(UID)").items())] == remaining)
M.store("1:*", "+FLAGS.SILENT", "(\\Deleted)")
status, tagged, untagged = command(M, "UID", "EXPUNGE", f"{remaining[1]}:{remaining[2]}")
check("UID EXPUNGE removes only the given UIDs", status == "OK" and untagged.get("EXPUNGE") in ([b"2", b"2"], [b"3", b"2"]), untagged)
left = fetch(M, "1:*", "(UID FLAGS)")
check("the other \\Deleted messages stay", sorted(int(e["UID"]) for e in left.values()) == [remaining[0], remaining[3]]
      and all("\\deleted" in flags(e["FLAGS"]) for e in left.values()), left)
M.close()
check("DELETE Scratch", M.delete("Scratch")[0] == "OK")
M.select("INBOX")

# ---------------------------------------------------------------------------------------
# 11. IDLE: deliveries are pushed as * n EXISTS; the delay after SMTP's 250.
B = connect("starttls")
status, data = B.select("INBOX")
exists = int(data[0])
tag, early = idle_start(B)
delays = []; spans = []
mx = smtplib.SMTP(HOST, MX, timeout=20)
for number in range(5):
    seen = {}
    def reader():
        lines = []
        while True:
            try:
                line = B.readline()
            except (OSError, imaplib.IMAP4.abort):
                return
            lines.append(line)
            if re.match(rb"\* \d+ EXISTS", line):
                seen["at"] = time.monotonic(); seen["line"] = line; seen["lines"] = lines; return
    thread = threading.Thread(target=reader, daemon=True); thread.start()
    ping = message([("From", "pinger@example.org"), ("To", "demo@localhost"), ("Subject", f"Idle ping {number}"),
                    ("Message-ID", f"<idle-{number}@example.org>")], b"ping\r\n")
    calling = time.monotonic()
    mx.sendmail("sender@example.org", [USER], ping)
    sent = time.monotonic()
    thread.join(20)
    check(f"IDLE pushes * {exists + number + 1} EXISTS for delivery {number}",
          seen.get("line", b"").strip() == b"* %d EXISTS" % (exists + number + 1), seen)
    delays.append((seen["at"] - sent) * 1000); spans.append((seen["at"] - calling) * 1000)
mx.quit()
# Negative: the EXISTS was read before smtplib had read the 250 for the message.
print(f"ok IDLE delay from sendmail returning to EXISTS read, ms: "
      + " ".join(f"{d:.1f}" for d in delays) + f" (max {max(delays):.1f})", flush=True)
print(f"ok IDLE time from sendmail called (whole SMTP transaction) to EXISTS read, ms: "
      + " ".join(f"{d:.1f}" for d in spans) + f" (max {max(spans):.1f})", flush=True)
check("IDLE delay under 2 s", max(delays) < 2000, delays)
idle_done(B, tag)

# ---------------------------------------------------------------------------------------
# 12. Two sessions on INBOX: A's changes reach B on NOOP and, in IDLE, unasked.
A = M
A.select("INBOX"); B.untagged_responses.clear()
count = int(A.select("INBOX")[1][0])
check("both sessions see the same INBOX", count == exists + 5, (count, exists))
numbered = {n: int(e["UID"]) for n, e in fetch(A, "1:*", "(UID)").items()}
target = 4  # the kickoff root
A.store(str(target), "+FLAGS.SILENT", "(\\Flagged)")
ping0 = count - 4
A.store(str(ping0), "+FLAGS.SILENT", "(\\Deleted)")
status, tagged, untagged = command(A, "UID", "EXPUNGE", str(numbered[ping0]))
check("A expunges a message", untagged.get("EXPUNGE") == [str(ping0).encode()], untagged)
# A's commands have completed, so B's first NOOP would best carry both; a few more polls
# are allowed (the script prints how many it took) since RFC 9051 sets no deadline.
collected, polls = poll(B, lambda got: "FETCH" in got and "EXPUNGE" in got)
updates = fetch_items(collected.get("FETCH", []))
check(f"B's NOOP shows A's flag change as FETCH (FLAGS) (NOOPs needed: {polls})",
      target in updates and "\\flagged" in flags(updates[target].get("FLAGS")), collected)
check("B's NOOP shows A's expunge", collected.get("EXPUNGE") == [str(ping0).encode()], collected)
tag, early = idle_start(B)
A.store(str(target + 1), "+FLAGS.SILENT", "(\\Flagged)")
ping1 = count - 4  # after the expunge, ping 1 took ping 0's number
A.store(str(ping1), "+FLAGS.SILENT", "(\\Deleted)")
command(A, "EXPUNGE")
pattern_fetch = re.compile(rb"\* %d FETCH \(.*FLAGS \([^)]*\\Flagged" % (target + 1))
pattern_expunge = re.compile(rb"\* %d EXPUNGE" % ping1)
lines = read_until(B, lambda lines: any(pattern_fetch.match(l) for l in lines) and any(pattern_expunge.match(l) for l in lines), list(early))
check("B in IDLE is told of A's flag change and expunge", True, lines)
idle_done(B, tag)
B.logout()

# ---------------------------------------------------------------------------------------
# 13. CONDSTORE/QRESYNC resync after a disconnect.
C = connect("imaps")
status, tagged, untagged = command(C, "ENABLE", "QRESYNC")
check("ENABLE QRESYNC", status == "OK" and any(b"QRESYNC" in line.upper() for line in untagged.get("ENABLED", [])), untagged)
status, tagged, untagged = command(C, "SELECT", "INBOX"); C.state = "SELECTED"
validity = int(untagged["UIDVALIDITY"][0]); highest = int(untagged["HIGHESTMODSEQ"][0])
before = {int(e["UID"]) for e in fetch(C, "1:*", "(UID)").values()}
C.logout()
numbered = {n: int(e["UID"]) for n, e in fetch(A, "1:*", "(UID)").items()}
changed_uid = numbered[6]            # the third kickoff message
gone = [numbered[len(numbered) - 2], numbered[len(numbered) - 1]]   # pings 2 and 3; ping 4 keeps the highest UID
A.store("6", "+FLAGS.SILENT", "(\\Answered)")
A.uid("STORE", f"{gone[0]},{gone[1]}", "+FLAGS.SILENT", "(\\Deleted)")
command(A, "UID", "EXPUNGE", f"{gone[0]},{gone[1]}")
inbox_size = len(numbered) - 2
C = connect("imaps")
command(C, "ENABLE", "QRESYNC")
status, tagged, untagged = command(C, "SELECT", "INBOX", f"(QRESYNC ({validity} {highest}))"); C.state = "SELECTED"
check("SELECT (QRESYNC (validity modseq)) completes", status == "OK", tagged)
check("UIDVALIDITY unchanged, HIGHESTMODSEQ higher", int(untagged["UIDVALIDITY"][0]) == validity
      and int(untagged["HIGHESTMODSEQ"][0]) > highest, untagged)
vanished = untagged.get("VANISHED", [])
check("VANISHED (EARLIER) is sent", len(vanished) >= 1 and all(line.upper().startswith(b"(EARLIER) ") for line in vanished), untagged)
vanished_uids = set().union(*(uid_set(line.split()[1].decode()) for line in vanished))
check("VANISHED (EARLIER) lists the expunged UIDs", set(gone) <= vanished_uids
      and not (vanished_uids & (before - set(gone))), (vanished_uids, gone))
if vanished_uids != set(gone): print(f"ok note: VANISHED also lists {sorted(vanished_uids - set(gone))}", flush=True)
changes = {int(e["UID"]): e for e in fetch_items(untagged.get("FETCH", [])).values()}
check("QRESYNC FETCH lists exactly the changed message, with FLAGS and MODSEQ",
      set(changes) == {changed_uid} and "\\answered" in flags(changes[changed_uid]["FLAGS"])
      and int(changes[changed_uid]["MODSEQ"][0]) > highest, untagged.get("FETCH"))
status, tagged, untagged = command(C, "UID", "FETCH", "1:*", "(FLAGS)", f"(CHANGEDSINCE {highest} VANISHED)")
check("UID FETCH (CHANGEDSINCE VANISHED) reports the same",
      uid_set(untagged.get("VANISHED", [b"(EARLIER) 0"])[0].split()[1].decode()) >= set(gone)
      and {int(e["UID"]) for e in fetch_items(untagged.get("FETCH", [])).values()} == {changed_uid}, untagged)
A.uid("STORE", str(changed_uid), "-FLAGS.SILENT", "(\\Answered)")
untagged, polls = poll(C, lambda got: "FETCH" in got)
check(f"with QRESYNC, a change made elsewhere comes with UID and MODSEQ (NOOPs needed: {polls})",
      any(int(e["UID"]) == changed_uid and "MODSEQ" in e for e in fetch_items(untagged.get("FETCH", [])).values()), untagged)
C.logout()
A.logout()

# ---------------------------------------------------------------------------------------
# 14. imapclient (a second, independent client library).
try:
    from imapclient import IMAPClient
except ImportError:
    check("imapclient is installed (pip install imapclient)", False, "ImportError")
deliver(message([("From", "Courier <track@example.com>"), ("To", "demo@localhost"),
                 ("Subject", "Parcel tracking update"), ("Message-ID", "<parcel-1@example.com>")], b"Your parcel is on its way.\r\n"))
client = IMAPClient(HOST, port=IMAPS, ssl=True, ssl_context=tls, timeout=20)
client.login(USER, password)
selected = client.select_folder("INBOX")
check("imapclient select_folder", selected[b"EXISTS"] == inbox_size + 1 and b"UIDVALIDITY" in selected, selected)
found = client.search(["SUBJECT", "parcel"])
check("imapclient search SUBJECT", len(found) == 1, found)
fetched = client.fetch(found, ["ENVELOPE", "BODY.PEEK[]", "FLAGS"])
entry = fetched[found[0]]
check("imapclient fetch ENVELOPE, BODY[], FLAGS", entry[b"ENVELOPE"].subject == b"Parcel tracking update"
      and entry[b"BODY[]"].endswith(b"Your parcel is on its way.\r\n") and b"\\Seen" not in entry[b"FLAGS"], entry)
result = client.add_flags(found, [b"\\Flagged", b"$Tracked"])
check("imapclient add_flags", set(result[found[0]]) >= {b"\\Flagged", b"$Tracked"}, result)
client.move(found, "Archive")
check("imapclient move: gone from INBOX", client.search(["SUBJECT", "parcel"]) == [])
client.select_folder("Archive", readonly=True)
moved = client.search(["SUBJECT", "parcel"])
check("imapclient move: now in Archive, flags kept", len(moved) == 1
      and b"$Tracked" in client.get_flags(moved)[moved[0]], moved)
note = message([("From", "demo@localhost"), ("Subject", "Appended by imapclient")], b"hello from imapclient\r\n")
answer = client.append("Drafts", note, flags=[b"\\Draft"], msg_time=datetime.datetime(2023, 6, 1, 12, 0, 0))
check("imapclient append answers APPENDUID", b"APPENDUID" in answer, answer)
client.select_folder("INBOX")
client.idle()
deliver(message([("From", "pinger@example.org"), ("To", "demo@localhost"), ("Subject", "imapclient idle"),
                 ("Message-ID", "<idle-ic@example.org>")], b"ping\r\n"))
responses = []
deadline = time.monotonic() + 20
while time.monotonic() < deadline and not any(r[1:2] == (b"EXISTS",) for r in responses):
    responses += client.idle_check(timeout=5)
client.idle_done()
check("imapclient idle_check sees the delivery as EXISTS", (inbox_size + 1, b"EXISTS") in responses, responses)
client.logout()

# ---------------------------------------------------------------------------------------
# 15. mbsync (isync) syncing INBOX with a Maildir both ways.
maildir = os.path.join(work, "maildir"); rcfile = os.path.join(work, "mbsyncrc")
os.makedirs(maildir, exist_ok=True)
# The certificate file holds the server's own (self-signed) certificate: mbsync trusts it as
# a host certificate. SASL SCRAM-SHA-256 when Cyrus SASL's SCRAM module is installed (the
# mechanism mbsync picks by default here), else IMAP LOGIN: either way a known mechanism.
certificate = os.path.join(work, "data", "tls", "selfsigned-cert.pem")
mechanism = "SCRAM-SHA-256" if glob.glob("/usr/lib/*/sasl2/libscram.so*") else "LOGIN"
with open(rcfile, "w") as handle:
    handle.write(f"IMAPAccount martlet\nHost 127.0.0.1\nPort {IMAPS}\nUser {USER}\nPass \"{password}\"\n"
                 f"SSLType IMAPS\nCertificateFile {certificate}\nSystemCertificates no\nAuthMechs {mechanism}\n\n"
                 f"IMAPStore remote\nAccount martlet\n\n"
                 f"MaildirStore local\nPath {maildir}/\nInbox {maildir}/INBOX\n\n"
                 f"Channel inbox\nFar :remote:\nNear :local:\nPatterns INBOX\nCreate Both\nExpunge Both\nSyncState *\n")
os.chmod(rcfile, 0o600)
def mbsync(step):
    result = subprocess.run(["mbsync", "-V", "-c", rcfile, "-a"], env=dict(os.environ, HOME=work),
                            capture_output=True, text=True, timeout=60)
    output = result.stdout + result.stderr
    require(f"mbsync {step} ran", result.returncode == 0, output)
    return output
def local_messages():
    found = {}
    for folder in ("cur", "new"):
        directory = os.path.join(maildir, "INBOX", folder)
        for name in os.listdir(directory) if os.path.isdir(directory) else []:
            with open(os.path.join(directory, name), "rb") as handle:
                text = handle.read()
            identifier = re.search(rb"(?im)^Message-ID: *(<[^>]*>)", text)
            found[identifier.group(1).decode() if identifier else name] = os.path.join(directory, name)
    return found
server = connect("imaps")
server.select("INBOX")
ids = {}
for entry in fetch(server, "1:*", "(UID BODY.PEEK[HEADER.FIELDS (Message-ID)])").values():
    field = next(value for key, value in entry.items() if key.startswith("BODY["))
    ids[re.search(rb"<[^>]*>", field).group(0).decode()] = int(entry["UID"])
output = mbsync("first sync")
check(f"mbsync logged in with {mechanism}", f"SASL mechanism {mechanism}" in output if mechanism != "LOGIN"
      else "Logging in" in output and "SASL mechanism" not in output, output[:600])
local = local_messages()
check("the Maildir holds every INBOX message", set(local) == set(ids), (sorted(local), sorted(ids)))
path = local["<alpha-1@example.org>"]
folder, name = os.path.split(path)
stem, _, info = name.partition(":2,")
flagged_name = stem + ":2," + "".join(sorted(set(info) | {"F"}))
os.rename(path, os.path.join(os.path.dirname(folder), "cur", flagged_name))
uploaded = message([("From", "Local <local@example.org>"), ("To", "demo@localhost"), ("Subject", "Uploaded from Maildir"),
                    ("Date", "Mon, 04 Mar 2024 11:00:00 +0000"), ("Message-ID", "<maildir-1@example.org>")],
                   b"Written straight into new/.\r\n")
with open(os.path.join(maildir, "INBOX", "new", f"{int(time.time())}.M1P{os.getpid()}.interop"), "wb") as handle:
    handle.write(uploaded)
mbsync("second sync")
server.logout()
server = connect("imaps")
server.select("INBOX")
found = search(server, "SUBJECT", "uploaded", uid=True)
check("the Maildir's new message reached the server", len(found) == 1, found)
entry = next(iter(fetch(server, str(found.pop()), "(BODY.PEEK[])", uid=True).values()))
check("... with its content", entry["BODY[]"].endswith(b"\r\n\r\nWritten straight into new/.\r\n"), entry["BODY[]"])
entry = next(iter(fetch(server, str(ids["<alpha-1@example.org>"]), "(FLAGS)", uid=True).values()))
check("the local \\Flagged reached the server", "\\flagged" in flags(entry["FLAGS"]), entry)
server.uid("STORE", str(ids["<report-1@example.net>"]), "+FLAGS.SILENT", "(\\Deleted)")
server.expunge()
mbsync("third sync")
local = local_messages()
check("a message expunged on the server is gone from the Maildir", "<report-1@example.net>" not in local
      and "<maildir-1@example.org>" in local and "<alpha-1@example.org>" in local, sorted(local))
server.logout()

# ---------------------------------------------------------------------------------------
# 16. RFC details beyond the list, kept last so that everything above runs first.
E = connect("imaps")
E.select("Archive", readonly=True)
copy = search(E, "HEADER", "Message-ID", '"<report-1@example.net>"')
check("the COPY of the multipart message is in Archive", len(copy) == 1, copy)
items = fetch(E, str(copy.pop()), "(BINARY.PEEK[2]<250.10>)")
entry = next(iter(items.values()))
check("partial BINARY.PEEK[2]<250.10> answers BINARY[2]<250> with the decoded bytes 250..259 (RFC 3516, RFC 9051 7.5.2)",
      entry.get("BINARY[2]<250>") == attachment[250:260], entry)
E.logout()
E = connect("imaps")
status, tagged, untagged = command(E, "ENABLE", "IMAP4rev2")
check("ENABLE IMAP4rev2", status == "OK" and any(b"IMAP4REV2" in line.upper() for line in untagged.get("ENABLED", [])), untagged)
status, tagged, untagged = command(E, "SELECT", "INBOX"); E.state = "SELECTED"
check("IMAP4rev2 SELECT: no RECENT", status == "OK" and "RECENT" not in untagged, untagged)
status, tagged, untagged = command(E, "SEARCH", "ALL")
check("IMAP4rev2 SEARCH answers with ESEARCH", "ESEARCH" in untagged and "SEARCH" not in untagged, untagged)
status, tagged, untagged = command(E, "SELECT", "INBOX")
check("IMAP4rev2 SELECT sends the required LIST response (RFC 9051 6.3.2)",
      any(b'"INBOX"' in line or line.endswith(b" INBOX") for line in joined(untagged.get("LIST", []))), untagged)
E.logout()
print(f"ok finished in {time.monotonic() - started:.1f} s", flush=True)
print("done", flush=True)
