"""Sender authentication end to end: two Martlet instances, isp1.test on 127.0.0.2 and
isp2.test on 127.0.0.3, and a dnsmasq serving their MX, SPF, DKIM and DMARC records.

1. alice@isp1.test submits to bob@isp2.test; isp1 signs with the key `martlet dkim generate`
   made; isp2 finds spf=pass, dkim=pass, dmarc=pass and says so in Authentication-Results.
2. A spoofer on 127.0.0.9 sends From: ceo@isp1.test (p=reject): refused with 550 5.7.1.
3. A spoofer sends From: x@isp3.test (p=quarantine): delivered to bob's Junk.
4. A message arriving with a forged Authentication-Results claiming isp2's authserv-id
   keeps only isp2's own field.
5. `martlet check spf|dkim|dmarc` give the same answers against the same DNS.
Prints "done" when every check passed; exits non-zero otherwise.

Environment: MARTLET (the executable), WORK (a temporary folder for data and configs).
"""
import os
import re
import smtplib
import socket
import subprocess
import sys

sys.path[:0] = [os.path.dirname(os.path.abspath(__file__)),
                os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support")]
from martlet_harness import (MARTLET, PASSWORD, WORK, Instance, fail, free_port, kill_all,  # noqa: E402
                             start_dnsmasq, submit, wait_for)

SPOOFER = "127.0.0.9"


def dkim_record(output):
    """The selector and TXT strings `martlet dkim generate` printed."""
    match = re.search(r"^(\S+)\._domainkey\.isp1\.test\. IN TXT (.*)$", output, re.M)
    if not match:
        fail(f"no DKIM record in: {output}")
    return match.group(1), re.findall(r'"([^"]*)"', match.group(2))


def spoof(instance, mail_from, header_from, subject, extra_header=""):
    """Sends from 127.0.0.9 over plain SMTP (port 25 style); returns the reply to the data."""
    message = (f"{extra_header}From: {header_from}\r\nTo: bob@isp2.test\r\nSubject: {subject}\r\n"
               f"Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <{subject.replace(' ', '-')}@spoof>\r\n\r\n"
               "Please wire the money.\r\n")
    with smtplib.SMTP(instance.address, instance.smtp, timeout=30, source_address=(SPOOFER, 0),
                      local_hostname="spoofer.attacker.test") as smtp:
        try:
            smtp.sendmail(mail_from, ["bob@isp2.test"], message.encode())
        except smtplib.SMTPDataError as error:
            return error.smtp_code, error.smtp_error.decode()
    return 250, ""


def header_fields(message, name):
    return re.findall(rb"^" + name + rb":.*?(?=^\S)", message, re.M | re.S | re.I)


def check(arguments, dns_port):
    result = subprocess.run([MARTLET, "check", *arguments, "--dns", f"127.0.0.1:{dns_port}"],
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        fail(f"martlet check {' '.join(arguments)}: {result.stderr}")
    return result.stdout


def main():
    dns_port = free_port(["127.0.0.1"], socket.SOCK_DGRAM)
    ports = [free_port(["127.0.0.2", "127.0.0.3"]) for _ in range(4)]
    suffixes = os.path.join(WORK, "public_suffix_list.dat")
    with open(suffixes, "w") as file:
        file.write("// the test's own list\ntest\n")
    checked = f'[mail_auth]\ntrusted_networks = []\npublic_suffix_list = "{suffixes}"\n'
    isp1 = Instance("isp1.test", "127.0.0.2", dns_port, ports, checked)
    isp2 = Instance("isp2.test", "127.0.0.3", dns_port, ports, checked)
    for instance, user in [(isp1, "alice@isp1.test"), (isp2, "bob@isp2.test")]:
        instance.admin("domain", "add", instance.name)
        instance.admin("user", "add", user, "--password-stdin", stdin=PASSWORD + "\n")
    selector, strings = dkim_record(isp1.admin("dkim", "generate", "isp1.test"))
    records = isp1.admin("dns-records", "isp1.test")
    if f"{selector}._domainkey.isp1.test." not in records or "v=spf1" not in records or "_dmarc.isp1.test." not in records:
        fail(f"dns-records lacks a record: {records}")
    # Outbound connections from isp1 leave from 127.0.0.1 (no source address is bound).
    start_dnsmasq(dns_port, [
        "--auth-server=ns.test,127.0.0.1", "--auth-soa=1,hostmaster.isp1.test,1200,120,604800", "--auth-ttl=1",
        "--auth-zone=isp1.test", "--auth-zone=isp2.test", "--auth-zone=isp3.test", "--auth-zone=attacker.test",
        "--mx-host=isp1.test,mail.isp1.test,10", "--host-record=mail.isp1.test,127.0.0.2",
        "--mx-host=isp2.test,mail.isp2.test,10", "--host-record=mail.isp2.test,127.0.0.3",
        # No shell: dnsmasq takes the text as it is, each comma starting a new string.
        "--txt-record=isp1.test,v=spf1 ip4:127.0.0.1 ip4:127.0.0.2 -all",
        "--txt-record=mail.isp1.test,v=spf1 a -all",
        "--txt-record=_dmarc.isp1.test,v=DMARC1; p=reject; adkim=s",
        f"--txt-record={selector}._domainkey.isp1.test," + ",".join(strings),
        "--txt-record=_dmarc.isp3.test,v=DMARC1; p=quarantine",
        "--txt-record=attacker.test,v=spf1 ip4:127.0.0.9 -all",
    ])
    isp1.start()
    isp2.start()

    # 1. Signed, sent, verified.
    submit(isp1, "alice@isp1.test", "bob@isp2.test", "signed hello", "Hello Bob, this is really Alice.\r\n")
    arrived = wait_for(isp2, "bob@isp2.test", lambda m: b"Subject: signed hello" in m, "the signed message")
    results = header_fields(arrived, b"Authentication-Results")
    if len(results) != 1 or not results[0].startswith(b"Authentication-Results: mail.isp2.test;"):
        fail(f"expected one Authentication-Results of mail.isp2.test: {arrived[:1500]!r}")
    unfolded = re.sub(rb"\r\n[ \t]+", b" ", results[0])
    for expected in [b"spf=pass smtp.mailfrom=alice@isp1.test", b"dkim=pass", b"header.d=isp1.test",
                     b"header.s=" + selector.encode(), b"dmarc=pass", b"header.from=isp1.test"]:
        if expected not in unfolded:
            fail(f"{expected!r} missing from {unfolded!r}")
    if not header_fields(arrived, b"Received-SPF") or not header_fields(arrived, b"DKIM-Signature"):
        fail(f"Received-SPF or DKIM-Signature missing: {arrived[:1500]!r}")
    print("isp1 signed; isp2 recorded spf=pass dkim=pass dmarc=pass", flush=True)

    # 2. Spoofed From: at a p=reject domain.
    code, text = spoof(isp2, "boss@attacker.test", "ceo@isp1.test", "spoofed reject")
    if code != 550 or "5.7.1" not in text or "DMARC" not in text:
        fail(f"the spoofed message was not refused with 550 5.7.1: {code} {text}")
    print(f"spoofed From: at a p=reject domain refused: {code} {text}", flush=True)

    # 3. Spoofed From: at a p=quarantine domain: into Junk, not INBOX.
    code, text = spoof(isp2, "boss@attacker.test", "x@isp3.test", "spoofed quarantine")
    if code != 250:
        fail(f"the p=quarantine message was refused: {code} {text}")
    junk = wait_for(isp2, "bob@isp2.test", lambda m: b"Subject: spoofed quarantine" in m, "the quarantined message",
                    mailbox="Junk")
    if b"dmarc=fail" not in re.sub(rb"\r\n[ \t]+", b" ", junk):
        fail(f"the quarantined message lacks dmarc=fail: {junk[:1200]!r}")
    print("spoofed From: at a p=quarantine domain filed in Junk", flush=True)

    # 4. A forged Authentication-Results claiming our authserv-id is removed; the sender's
    #    own domain passes SPF (127.0.0.9 is in attacker.test's record) and has no DMARC.
    forged = "Authentication-Results: mail.isp2.test;\r\n\tdkim=pass header.d=isp1.test; dmarc=pass\r\n"
    code, text = spoof(isp2, "news@attacker.test", "news@attacker.test", "forged results", extra_header=forged)
    if code != 250:
        fail(f"the message with forged results was refused: {code} {text}")
    arrived = wait_for(isp2, "bob@isp2.test", lambda m: b"Subject: forged results" in m, "the forged-results message")
    results = header_fields(arrived, b"Authentication-Results")
    unfolded = re.sub(rb"\r\n[ \t]+", b" ", b"".join(results))
    if len(results) != 1 or b"dmarc=none" not in unfolded or b"spf=pass" not in unfolded:
        fail(f"the forged field was kept or ours is wrong: {results!r}")
    print("a forged Authentication-Results claiming mail.isp2.test was removed", flush=True)

    # 5. The operator's diagnostics agree.
    spf = check(["spf", "--ip", "127.0.0.2", "--helo", "mail.isp1.test", "--from", "alice@isp1.test"], dns_port)
    if spf.splitlines()[0] != "pass":
        fail(f"check spf: {spf}")
    spf = check(["spf", "--ip", SPOOFER, "--helo", "x", "--from", "ceo@isp1.test"], dns_port)
    if spf.splitlines()[0] != "fail":
        fail(f"check spf for the spoofer: {spf}")
    signed = os.path.join(WORK, "signed.eml")
    first = wait_for(isp2, "bob@isp2.test", lambda m: b"Subject: signed hello" in m, "the signed message")
    with open(signed, "wb") as file:
        file.write(first)
    dkim = check(["dkim", signed], dns_port)
    if dkim.splitlines()[0] != "pass":
        fail(f"check dkim: {dkim}")
    dmarc = check(["dmarc", signed, "--ip", SPOOFER, "--helo", "x", "--from", "ceo@isp1.test",
                   "--public-suffix-list", suffixes], dns_port)
    if dmarc.splitlines()[0] != "pass":
        fail(f"check dmarc (DKIM aligned, SPF not): {dmarc}")
    tampered = os.path.join(WORK, "tampered.eml")
    with open(tampered, "wb") as file:
        file.write(first.replace(b"really Alice", b"really Mallory"))
    if check(["dkim", tampered], dns_port).splitlines()[0] != "fail":
        fail("check dkim passed a tampered body")
    if check(["dmarc", tampered, "--ip", SPOOFER, "--helo", "x", "--from", "ceo@isp1.test",
              "--public-suffix-list", suffixes], dns_port).splitlines()[0] != "fail":
        fail("check dmarc passed a tampered message from a foreign address")
    print("martlet check spf, dkim and dmarc agree", flush=True)

    isp1.stop()
    isp2.stop()
    print("done", flush=True)


if __name__ == "__main__":
    try:
        main()
    finally:
        kill_all()
