"""DNS block lists end to end: one Martlet (local.test, SMTP on 127.0.0.1 and ::1) asking a
dnsmasq that serves two lists, zen.example (any answer lists) and bl.example (only
127.0.0.10, "dynamic range", counts).

1. 127.0.0.2 (2.0.0.127.zen.example → 127.0.0.2, with a TXT reason) is greeted, then
   refused at MAIL FROM with 550 5.7.1 naming zen.example and the client.
2. 127.0.0.3 (not listed) delivers.
3. ::1 (its nibble name under zen.example → 127.0.0.2) is refused the same way.
4. 127.0.0.4 (zen.example answers 127.255.255.254, "query refused") delivers: error codes
   are not listings.
5. 127.0.0.5 (bl.example → 127.0.0.10) is refused with "dynamic range"; 127.0.0.6
   (bl.example → 127.0.0.11, a code not configured) delivers.
6. Lifted: dnsmasq restarted without 127.0.0.2's entry, 127.0.0.2 delivers (127.0.0.5 is
   still refused, so the lists are still asked).
7. DNS down: with no DNS server at all 127.0.0.5 delivers (fail open).
8. reject = false: 127.0.0.5, still listed, delivers.
Prints "done" when every check passed; exits non-zero otherwise.

Environment: MARTLET (the executable), WORK (a temporary folder for data and configs).
"""
import os
import signal
import smtplib
import socket
import sys

sys.path[:0] = [os.path.dirname(os.path.abspath(__file__)),
                os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support")]
from martlet_harness import (PASSWORD, Instance, fail, free_port, kill_all, start_dnsmasq,  # noqa: E402
                             wait_for)

IPV6_LOOPBACK_NAME = "1." + "0." * 31 + "zen.example"


def records(listing_127_0_0_2=True):
    entries = [
        "--auth-server=ns.example,127.0.0.1", "--auth-soa=1,hostmaster.zen.example,1200,120,604800", "--auth-ttl=0",
        "--auth-zone=zen.example", "--auth-zone=bl.example",
        f"--host-record={IPV6_LOOPBACK_NAME},127.0.0.2",
        "--host-record=4.0.0.127.zen.example,127.255.255.254",
        "--host-record=5.0.0.127.bl.example,127.0.0.10",
        "--host-record=6.0.0.127.bl.example,127.0.0.11",
    ]
    if listing_127_0_0_2:
        entries += ["--host-record=2.0.0.127.zen.example,127.0.0.2",
                    "--txt-record=2.0.0.127.zen.example,Listed for testing: see https://zen.example/lookup"]
    return entries


#: The dnsmasq processes started, stopped at the end whatever happens.
dns_servers = []


def start_list_server(port, listing_127_0_0_2=True):
    process = start_dnsmasq(port, records(listing_127_0_0_2))
    dns_servers.append(process)
    return process


def stop_dnsmasq(process):
    """Stops the dnsmasq of `start_dnsmasq` (a child of `timeout`, which would leave it running
    if killed alone, and may not see a SIGTERM the test runner blocks): SIGKILL to both."""
    try:
        with open(f"/proc/{process.pid}/task/{process.pid}/children") as file:
            children = [int(pid) for pid in file.read().split()]
    except OSError:
        children = []
    for child in children:
        try:
            os.kill(child, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.kill()
    process.wait()


class DualStackInstance(Instance):
    """An instance whose SMTP listener is on ::1 as well."""

    def write_config(self, extra_outbound=""):
        super().write_config(extra_outbound)
        with open(self.config) as file:
            text = file.read()
        text = text.replace(f'smtp = ["{self.address}:{self.smtp}"]',
                            f'smtp = ["{self.address}:{self.smtp}", "[::1]:{self.smtp}"]')
        with open(self.config, "w") as file:
            file.write(text)


def send(instance, source, subject):
    """Sends one message from `source` (an address to bind) to bob; returns (code, text) of
    the first refusal, or (250, "") when it was accepted."""
    family_host = "::1" if ":" in source else instance.address
    message = (f"From: sender@remote.example\r\nTo: bob@local.test\r\nSubject: {subject}\r\n"
               f"Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <{subject.replace(' ', '-')}@remote>\r\n\r\n"
               "Hello Bob.\r\n")
    with smtplib.SMTP(family_host, instance.smtp, timeout=30, source_address=(source, 0),
                      local_hostname="mx.remote.example") as smtp:
        try:
            smtp.sendmail("sender@remote.example", ["bob@local.test"], message.encode())
        except smtplib.SMTPSenderRefused as error:
            return error.smtp_code, error.smtp_error.decode()
        except smtplib.SMTPResponseException as error:
            fail(f"{source}: refused after MAIL FROM: {error.smtp_code} {error.smtp_error!r}")
    return 250, ""


def expect_refused(instance, source, zone, meaning, reason=""):
    code, text = send(instance, source, f"from {source} refused")
    if code != 550 or "5.7.1" not in text or f"[{source}]" not in text or f"listed by {zone} ({meaning})" not in text:
        fail(f"{source} was not refused with 550 5.7.1 naming {zone} ({meaning}): {code} {text}")
    if reason not in text:
        fail(f"{source}: the list's reason {reason!r} is not in {text!r}")
    print(f"{source} refused: {code} {text}", flush=True)


def expect_delivered(instance, source, subject):
    code, text = send(instance, source, subject)
    if code != 250:
        fail(f"{source} was refused: {code} {text}")
    wait_for(instance, "bob@local.test", lambda m: f"Subject: {subject}".encode() in m, subject)
    print(f"{source} delivered ({subject})", flush=True)


def main():
    dns_port = free_port(["127.0.0.1"], socket.SOCK_DGRAM)
    ports = [free_port(["127.0.0.1"]) for _ in range(4)]
    lists = """[mail_auth]
trusted_networks = []
verify = false

[dnsbl]
zones = ["zen.example", "bl.example"]
timeout_milliseconds = 700
return_codes = ["bl.example=127.0.0.10:dynamic range"]
"""
    instance = DualStackInstance("local.test", "127.0.0.1", dns_port, ports, lists)
    instance.admin("domain", "add", "local.test")
    instance.admin("user", "add", "bob@local.test", "--password-stdin", stdin=PASSWORD + "\n")
    dnsmasq = start_list_server(dns_port)
    instance.start()

    expect_refused(instance, "127.0.0.2", "zen.example", "127.0.0.2", "Listed for testing: see https://zen.example/lookup")
    expect_delivered(instance, "127.0.0.3", "unlisted client")
    expect_refused(instance, "::1", "zen.example", "127.0.0.2")
    expect_delivered(instance, "127.0.0.4", "refusal code is no listing")
    expect_refused(instance, "127.0.0.5", "bl.example", "dynamic range")
    expect_delivered(instance, "127.0.0.6", "unconfigured code is no listing")

    # 6. The listing lifted.
    stop_dnsmasq(dnsmasq)
    dnsmasq = start_list_server(dns_port, listing_127_0_0_2=False)
    expect_delivered(instance, "127.0.0.2", "listing lifted")
    expect_refused(instance, "127.0.0.5", "bl.example", "dynamic range")

    # 7. No DNS server: the lookups fail, the client is let through.
    stop_dnsmasq(dnsmasq)
    expect_delivered(instance, "127.0.0.5", "lists unreachable")

    # 8. reject = false: listings are only recorded.
    instance.stop()
    dnsmasq = start_list_server(dns_port)
    instance.extra_config = lists.replace('zones = [', 'reject = false\nzones = [')
    instance.write_config()
    instance.start()
    expect_delivered(instance, "127.0.0.5", "listed but not rejected")
    print("done", flush=True)


if __name__ == "__main__":
    try:
        main()
    finally:
        for server in dns_servers:
            stop_dnsmasq(server)
        kill_all()
