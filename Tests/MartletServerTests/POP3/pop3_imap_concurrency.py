"""POP3 and IMAP on one maildrop while SMTP delivers: checks that nothing is lost or
duplicated and that each session sees a valid view. Run by POP3InteropTests against a
running `martlet dev`; prints one line per check and exits non-zero on the first failure.

1. Deterministic: a POP3 session's snapshot holds a message that IMAP then expunges; RETR
   of it answers -ERR, and the QUIT expunge removes only what POP3 marked.
2. Concurrent: SMTP delivers numbered messages while a POP3 client repeatedly collects
   and deletes the even ones and an IMAP session moves the odd ones to Archive. At the
   end every number is in exactly one place: deleted by POP3, in Archive, or still in
   INBOX (an odd one IMAP had not moved yet) — never in two, never missing."""
import imaplib, os, poplib, re, smtplib, ssl, sys, threading, time

base = int(os.environ["PORT_BASE"]); password = os.environ["DEMO_PASSWORD"]
MX, IMAP, POP3 = base + 25, base + 143, base + 110
USER = "demo@localhost"
tls = ssl.create_default_context(); tls.check_hostname = False; tls.verify_mode = ssl.CERT_NONE
failures = []

def check(name, condition, detail=""):
    print(("ok " if condition else "FAIL ") + name + ("" if condition else f": {detail}"), flush=True)
    if not condition:
        failures.append(name)
        if threading.current_thread() is threading.main_thread(): sys.exit(1)

def deliver(subjects):
    # One connection for all: port 25 greets only after a deliberate pause.
    with smtplib.SMTP("127.0.0.1", MX, timeout=20) as mx:
        for subject in subjects:
            mx.sendmail("sender@example.org", [USER], f"Subject: {subject}\r\n\r\nbody of {subject}\r\n".encode())
            time.sleep(0.01)

def pop3_login():
    for attempt in range(100):
        client = poplib.POP3("127.0.0.1", POP3, timeout=20)
        client.stls(context=tls)
        client.user(USER)
        try:
            client.pass_(password)
            return client
        except poplib.error_proto as error:
            client.quit()
            if "[IN-USE]" not in str(error) or attempt == 99: raise
            time.sleep(0.05)

def imap_login():
    client = imaplib.IMAP4("127.0.0.1", IMAP, timeout=20)
    client.starttls(ssl_context=tls)
    client.login(USER, password)
    return client

def subject_of(lines):
    for line in lines:
        text = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
        if text.lower().startswith("subject: "): return text[9:].strip()
    return None

def imap_subjects(client, mailbox):
    typ, data = client.select(mailbox)
    if int(data[0]) == 0: return []
    typ, data = client.fetch("1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    return [subject_of(part[1].split(b"\r\n")) for part in data if isinstance(part, tuple)]

# 1. The deterministic case.
deliver(["fixed keep", "fixed imap", "fixed pop"])
pop = pop3_login()
_, listing, _ = pop.list()
numbers = {}
for line in listing:
    number = int(line.split()[0])
    numbers[subject_of(pop.top(number, 0)[1])] = number
check("POP3 snapshot holds the three messages", set(numbers) == {"fixed keep", "fixed imap", "fixed pop"}, numbers)
imap = imap_login()
imap.select("INBOX")
typ, data = imap.search(None, "SUBJECT", "imap")
imap.store(data[0].decode().split()[0], "+FLAGS", "(\\Deleted)")
imap.expunge()
try:
    pop.retr(numbers["fixed imap"])
    check("RETR of a message IMAP expunged answers -ERR", False, "it answered +OK")
except poplib.error_proto as error:
    check("RETR of a message IMAP expunged answers -ERR", str(error).startswith("b'-ERR"), error)
check("RETR of the others still works", subject_of(pop.retr(numbers["fixed keep"])[1]) == "fixed keep")
pop.dele(numbers["fixed pop"])
pop.quit()
left = imap_subjects(imap, "INBOX")
check("QUIT expunged only what POP3 marked", left == ["fixed keep"], left)
imap.logout()

# 2. The concurrent case.
TOTAL = 40
delivered_all = threading.Event()
popped, moved, views = [], [], {"pop3": 0, "imap": 0}

def smtp_worker():
    deliver([f"conc {number}" for number in range(TOTAL)])
    delivered_all.set()

def pop3_worker():
    while True:
        finished = delivered_all.is_set()
        client = pop3_login()
        count, octets = client.stat()
        _, listing, _ = client.list()
        sizes = [int(line.split()[1]) for line in listing]
        _, uidl, _ = client.uidl()
        unique = [line.split()[1] for line in uidl]
        if len(sizes) != count or sum(sizes) != octets or len(set(unique)) != len(unique):
            check("POP3 view is consistent (STAT, LIST, UIDL)", False, (count, octets, sizes, unique))
        marked = []
        for line in listing:
            number = int(line.split()[0])
            try:
                subject = subject_of(client.retr(number)[1])
            except poplib.error_proto:
                continue  # IMAP moved it away meanwhile
            match = re.fullmatch(r"conc (\d+)", subject or "")
            if match and int(match.group(1)) % 2 == 0:
                client.dele(number)
                marked.append(subject)
        client.quit()
        popped.extend(marked)
        views["pop3"] += 1
        if finished: return
        time.sleep(0.05)

def imap_worker():
    client = imap_login()
    client.select("INBOX")
    while True:
        finished = delivered_all.is_set()
        client.noop()
        typ, data = client.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        seen_uids = []
        for part in data:
            if not isinstance(part, tuple): continue
            uid = int(re.search(rb"UID (\d+)", part[0]).group(1))
            seen_uids.append(uid)
            match = re.fullmatch(r"conc (\d+)", subject_of(part[1].split(b"\r\n")) or "")
            if match and int(match.group(1)) % 2 == 1:
                typ, answer = client.uid("MOVE", str(uid), "Archive")
                if typ == "OK": moved.append(match.group(0))
        if seen_uids != sorted(set(seen_uids)):
            check("IMAP view lists each UID once, ascending", False, seen_uids)
        views["imap"] += 1
        if finished:
            client.logout()
            return
        time.sleep(0.05)

threads = [threading.Thread(target=worker) for worker in (smtp_worker, pop3_worker, imap_worker)]
for thread in threads: thread.start()
for thread in threads: thread.join(timeout=180)
check("the workers finished", not any(thread.is_alive() for thread in threads))
check("no worker reported an inconsistent view", not failures, failures)
print(f"views: pop3 {views['pop3']}, imap {views['imap']}", flush=True)

imap = imap_login()
inbox = [s for s in imap_subjects(imap, "INBOX") if s.startswith("conc ")]
archive = [s for s in imap_subjects(imap, "Archive") if s.startswith("conc ")]
imap.logout()
places = popped + archive + inbox
expected = [f"conc {number}" for number in range(TOTAL)]
check("no message is in two places", len(places) == len(set(places)),
      sorted(s for s in places if places.count(s) > 1))
check("no message is lost", sorted(places) == sorted(expected), sorted(set(expected) - set(places)))
check("POP3 deleted only even messages", all(int(s.split()[1]) % 2 == 0 for s in popped))
check("IMAP moved only odd messages", sorted(moved) == sorted(archive) and all(int(s.split()[1]) % 2 == 1 for s in archive))
check("every even message was collected by POP3", sorted(popped) == sorted(s for s in expected if int(s.split()[1]) % 2 == 0),
      sorted(set(expected) - set(popped)))
print("done", flush=True)
