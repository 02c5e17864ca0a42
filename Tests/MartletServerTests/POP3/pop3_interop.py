"""Drives a running `martlet dev` with Python's poplib (STLS, POP3S, UIDL, TOP, RETR, DELE,
RSET, QUIT, [IN-USE], a drop without QUIT) and with fetchmail (keep, then delete);
prints one line per check and exits non-zero on the first failure. Run by POP3InteropTests."""
import os, poplib, smtplib, socket, ssl, subprocess, sys, time

base = int(os.environ["PORT_BASE"]); password = os.environ["DEMO_PASSWORD"]; work = os.environ["WORK"]
MX, POP3, POP3S = base + 25, base + 110, base + 995
USER = "demo@localhost"
tls = ssl.create_default_context(); tls.check_hostname = False; tls.verify_mode = ssl.CERT_NONE

def check(name, condition, detail=""):
    print(("ok " if condition else "FAIL ") + name + ("" if condition else f": {detail}"), flush=True)
    if not condition: sys.exit(1)

def login(secure="stls"):
    # A session that just dropped may still hold the maildrop for a moment (the server
    # notices the close asynchronously): retry [IN-USE] briefly, as clients do.
    for attempt in range(50):
        if secure == "pop3s":
            client = poplib.POP3_SSL("127.0.0.1", POP3S, context=tls, timeout=20)
        else:
            client = poplib.POP3("127.0.0.1", POP3, timeout=20)
            client.stls(context=tls)
        client.user(USER)
        try:
            client.pass_(password)
            return client
        except poplib.error_proto as error:
            client.quit()
            if "[IN-USE]" not in str(error) or attempt == 49: raise
            time.sleep(0.1)

# 1. Mail arrives over SMTP: bodies with dot lines, an 8-bit line, one long message.
bodies = [f"message {i}\r\n.starts with a dot\r\n..two dots\r\nGr\u00fc\u00dfe\r\n" for i in range(4)]
bodies.append("".join(f"line {n:05d} " + "x" * 60 + "\r\n" for n in range(3000)))
mx = smtplib.SMTP("127.0.0.1", MX, timeout=20)
for number, body in enumerate(bodies):
    mx.sendmail("sender@example.org", [USER], (f"Subject: pop {number}\r\n\r\n" + body).encode("utf-8"))
mx.quit()

# 2. Capabilities before and after STLS.
client = poplib.POP3("127.0.0.1", POP3, timeout=20)
capabilities = client.capa()
for name in ["STLS", "UIDL", "TOP", "PIPELINING", "RESP-CODES", "AUTH-RESP-CODE", "SASL"]:
    check(f"CAPA lists {name}", name in capabilities, capabilities)
client.stls(context=tls)
check("no STLS after STLS", "STLS" not in client.capa())
check("SASL PLAIN and SCRAM-SHA-256 after TLS", {"PLAIN", "SCRAM-SHA-256"} <= set(client.capa().get("SASL", [])))
client.user(USER); client.pass_(password)

# 3. The maildrop: STAT, LIST, UIDL, TOP, RETR byte-exact, DELE, RSET.
count, octets = client.stat()
check("STAT counts the messages", count == len(bodies), (count, octets))
_, listing, _ = client.list()
sizes = {int(n): int(s) for n, s in (line.split() for line in listing)}
check("LIST sums to STAT", sum(sizes.values()) == octets)
_, uidl_lines, _ = client.uidl()
uids = dict(line.decode().split() for line in uidl_lines)
check("UIDL gives one id per message", len(set(uids.values())) == count)
for number in range(1, count + 1):
    _, lines, size = client.retr(number)
    text = b"\r\n".join(lines) + b"\r\n"
    check(f"RETR {number} size equals LIST", len(text) == sizes[number], (len(text), sizes[number]))
    body = text.split(b"\r\n\r\n", 1)[1].decode("utf-8")
    check(f"RETR {number} body byte-exact (dot-unstuffed)", body == bodies[number - 1], body[:80])
_, top, _ = client.top(1, 1)
check("TOP 1 1: header, blank line, one body line", top[-1] == b"message 0" and b"" in top, top)
_, top0, _ = client.top(2, 0)
check("TOP 2 0: header only", b"message 1" not in top0 and top0[-1] == b"", top0)
check("DELE 1", client.dele(1).startswith(b"+OK"))
try:
    client.retr(1); check("RETR of a deleted message refused", False)
except poplib.error_proto as error:
    check("RETR of a deleted message refused", str(error).startswith("b'-ERR"), error)
check("STAT after DELE", client.stat()[0] == count - 1)
client.rset()
check("RSET undeletes", client.stat()[0] == count)

# 4. A second session for the same account is refused [IN-USE] while the first holds it.
second = poplib.POP3_SSL("127.0.0.1", POP3S, context=tls, timeout=20)
second.user(USER)
try:
    second.pass_(password); check("second session refused", False)
except poplib.error_proto as error:
    check("second session refused [IN-USE]", "[IN-USE]" in str(error), error)
second.quit()

# 5. QUIT expunges exactly the marked messages.
client.dele(1); client.dele(2)
check("QUIT", client.quit().startswith(b"+OK"))
client = login("pop3s")
check("QUIT removed the two marked messages", client.stat()[0] == count - 2)
_, after_lines, _ = client.uidl()
after = [line.decode().split()[1] for line in after_lines]
check("UIDL stable across sessions", after == [uids[str(n)] for n in range(3, count + 1)], (after, uids))

# 6. Mail delivered during a session appears in the next one (the session works on a
#    snapshot); a session that drops without QUIT deletes nothing.
mx = smtplib.SMTP("127.0.0.1", MX, timeout=20)
mx.sendmail("sender@example.org", [USER], b"Subject: pop late\r\n\r\narrived during a session\r\n"); mx.quit()
check("the open session's snapshot is unchanged", client.stat()[0] == count - 2)
client.dele(1)
client.close()  # drops the connection without QUIT
client = login()
check("drop without QUIT deleted nothing; the new message is there", client.stat()[0] == count - 1)
_, latest, _ = client.uidl()
check("the new message has a new UIDL", latest[-1].decode().split()[1] not in uids.values(), latest)
client.quit()

# 7. fetchmail: keep (messages stay), then flush-and-delete (maildrop emptied).
mbox = os.path.join(work, "fetched.mbox")
rcfile = os.path.join(work, "fetchmailrc")
def fetchmail(keep):
    # STLS with TLS 1.2 or later; the test certificate is self-signed, so no certificate check.
    with open(rcfile, "w") as handle:
        handle.write(f'poll 127.0.0.1 protocol POP3 port {POP3} auth password\n'
                     f'  user "{USER}" there with password "{password}" is "nobody" here\n'
                     f'  options {"keep" if keep else "nokeep fetchall"} sslproto TLS1.2+ no sslcertck\n'
                     f'  mda "/bin/sh -c \'cat >> {mbox}\'"\n')
    os.chmod(rcfile, 0o600)
    environment = dict(os.environ, HOME=work, FETCHMAILHOME=work)
    return subprocess.run(["fetchmail", "-f", rcfile, "--nosyslog", "--nodetach"],
                          env=environment, capture_output=True, text=True, timeout=120)
result = fetchmail(keep=True)
check("fetchmail keep ran", result.returncode == 0, result.stdout + result.stderr)
fetched = open(mbox, encoding="utf-8", errors="replace").read()
expected = [f"Subject: pop {n}" for n in range(2, len(bodies))] + ["Subject: pop late"]
check("fetchmail collected every message", all(subject in fetched for subject in expected), fetched[:300])
client = login(); remaining = client.stat()[0]; client.quit()
check("keep left the messages on the server", remaining == count - 1, remaining)
result = fetchmail(keep=False)
check("fetchmail delete ran", result.returncode == 0, result.stdout + result.stderr)
client = login(); remaining = client.stat()[0]; client.quit()
check("delete emptied the maildrop", remaining == 0, remaining)
print("done", flush=True)
