#!/usr/bin/env python3
"""Helpers of Benchmarks/outbound-compare.sh: read Postfix's smtp-sink counters, wait for
a delivery run to reach the sink, probe DNS and EHLO. Loopback only; standard library only.

  outbound_sink_count.py count FILE
      Prints "SESSIONS MESSAGES" from the last counter record smtp-sink -c wrote to FILE.
  outbound_sink_count.py wait FILE --target N --sink-address A --sink-port P --deadline S
                         [--pid NAME=PID ...] [--tree NAME=PID ...] [--ready-file F] [--baseline M]
      Takes the counters now (or message count M) as the baseline, touches --ready-file, then polls FILE until
      N more messages have arrived or S seconds have passed. Meanwhile samples the
      established connections at A:P (from /proc/net/tcp), the CPU time of each --pid
      (one process) and --tree (a process, the children it reaped and its live children:
      Postfix's master), and the machine's CPU. Prints one JSON object.
  outbound_sink_count.py dns PORT NAME
      Exits 0 once the DNS server on 127.0.0.1:PORT answers an MX query for NAME (10 s).
  outbound_sink_count.py ehlo HOST PORT
      Prints the EHLO keywords of the SMTP server at HOST:PORT, one a line.
"""
import argparse
import json
import os
import re
import smtplib
import socket
import struct
import sys
import time

COUNTER = re.compile(rb"sess=(\d+) quit=(\d+) mesg=(\d+)\r")
TICKS = os.sysconf("SC_CLK_TCK")


def read_counters(path):
    """(sessions, messages) of the last complete record, (0, 0) before the first."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - 512))
            tail = f.read()
    except OSError:
        return 0, 0
    records = COUNTER.findall(tail)
    if not records:
        return 0, 0
    sessions, _, messages = records[-1]
    return int(sessions), int(messages)


def established(address, port):
    """Established TCP connections whose local end is address:port (the sink's side)."""
    ip = socket.inet_aton(address)
    local = "%08X:%04X" % (struct.unpack("<I", ip)[0], port)
    count = 0
    with open("/proc/net/tcp") as f:
        next(f)
        for line in f:
            fields = line.split(None, 4)
            if fields[1] == local and fields[3] == "01":
                count += 1
    return count


def stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    return text[text.rindex(")") + 2:].split()  # fields from 3 (state) on


def process_cpu(pid):
    """utime + stime of pid, in seconds (None if it is gone)."""
    try:
        fields = stat_fields(pid)
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def tree_cpu(pid):
    """CPU of pid, of the children it has reaped, and of its live children (one level)."""
    try:
        fields = stat_fields(pid)
    except OSError:
        return None
    total = sum(int(fields[i]) for i in (11, 12, 13, 14))
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            child = stat_fields(entry)
        except OSError:
            continue
        if child[1] == str(pid):
            total += sum(int(child[i]) for i in (11, 12, 13, 14))
    return total / TICKS


def machine_cpu():
    """(busy, total) jiffies of the whole machine."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def pairs(items):
    out = {}
    for item in items or []:
        name, _, pid = item.partition("=")
        out[name] = int(pid)
    return out


def wait(args):
    pids, trees = pairs(args.pid), pairs(args.tree)
    base_sessions, base_messages = read_counters(args.file)
    if args.baseline is not None:
        base_messages = args.baseline
    start = time.time()
    cpu0 = {n: process_cpu(p) for n, p in pids.items()}
    cpu0.update({n: tree_cpu(p) for n, p in trees.items()})
    machine0 = machine_cpu()
    if args.ready_file:
        open(args.ready_file, "w").close()
    samples, peak, last_sample = [], 0, 0.0
    messages = base_messages
    deadline = start + args.deadline
    timed_out = False
    while True:
        now = time.time()
        sessions, messages = read_counters(args.file)
        if messages - base_messages >= args.target:
            break
        if now >= deadline:
            timed_out = True
            break
        if now - last_sample >= 0.1:
            last_sample = now
            connections = established(args.sink_address, args.sink_port)
            peak = max(peak, connections)
            if messages > base_messages:  # only while deliveries are under way
                samples.append(connections)
        time.sleep(0.01)
    end = time.time()
    cpu1 = {n: process_cpu(p) for n, p in pids.items()}
    cpu1.update({n: tree_cpu(p) for n, p in trees.items()})
    machine1 = machine_cpu()
    elapsed = max(end - start, 1e-9)
    cpu = {}
    for name in cpu0:
        if cpu0[name] is not None and cpu1[name] is not None:
            cpu[name] = {"seconds": round(cpu1[name] - cpu0[name], 2),
                         "percent_of_one_core": round(100 * (cpu1[name] - cpu0[name]) / elapsed, 1)}
    busy = machine1[0] - machine0[0]
    total = max(machine1[1] - machine0[1], 1)
    sessions, messages = read_counters(args.file)
    print(json.dumps({
        "done_at": end, "started_at": start, "timed_out": timed_out,
        "messages": messages - base_messages, "sessions_ended": sessions - base_sessions,
        "connections_peak": peak,
        "connections_mean": round(sum(samples) / len(samples), 1) if samples else 0,
        "cpu": cpu, "machine_busy_percent": round(100 * busy / total, 1),
    }))
    return 1 if timed_out else 0


def dns(args):
    labels = b"".join(bytes([len(p)]) + p.encode() for p in args.name.split(".")) + b"\0"
    query = b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00" + labels + b"\x00\x0f\x00\x01"
    deadline = time.time() + 10
    while time.time() < deadline:
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.settimeout(0.2)
        try:
            probe.sendto(query, ("127.0.0.1", args.port))
            answer, _ = probe.recvfrom(512)
            # Same id, no error, at least one answer.
            if answer[:2] == b"\x12\x34" and answer[3] & 0x0F == 0 and answer[6:8] != b"\0\0":
                return 0
        except OSError:
            time.sleep(0.1)
        finally:
            probe.close()
    print(f"no MX answer for {args.name} from 127.0.0.1:{args.port}", file=sys.stderr)
    return 1


def ehlo(args):
    with smtplib.SMTP(args.host, args.port, timeout=10) as smtp:
        smtp.ehlo("probe.test")
        for keyword in smtp.esmtp_features:
            print(keyword.upper())
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("count")
    p.add_argument("file")
    p = sub.add_parser("wait")
    p.add_argument("file")
    p.add_argument("--target", type=int, required=True)
    p.add_argument("--sink-address", required=True)
    p.add_argument("--sink-port", type=int, required=True)
    p.add_argument("--deadline", type=float, required=True)
    p.add_argument("--pid", action="append")
    p.add_argument("--tree", action="append")
    p.add_argument("--ready-file")
    p.add_argument("--baseline", type=int, help="the message count to count from (default: the count now)")
    p = sub.add_parser("dns")
    p.add_argument("port", type=int)
    p.add_argument("name")
    p = sub.add_parser("ehlo")
    p.add_argument("host")
    p.add_argument("port", type=int)
    args = parser.parse_args()
    if args.command == "count":
        print(*read_counters(args.file))
        return 0
    return {"wait": wait, "dns": dns, "ehlo": ehlo}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
