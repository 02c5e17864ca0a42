#!/bin/bash
# Side-by-side measurement: the same martlet-bench workloads against Martlet and
# against the reference peers (Postfix + Dovecot from ../shared/peers, on
# 127.0.0.2), in one go, printed as the ratio Martlet/peer for each figure.
#
#   Benchmarks/compare.sh [--quick] [--users N] [--peers-only | --martlet-only]
#                         [--only "smtp imap pop3"] [--pop3-fill N]
#                         [--smtp-per-session N] [--imap-workloads "mixed cycle cycle-logged-in idle"]
#                         [--idle-clients N] [--no-peer-setup] [--no-reset] [--keep]
#
# --only limits the protocols measured on both sides. --pop3-fill N gives each of the
# --users accounts N more messages of exactly 4 KB over SMTP just before the POP3
# workload, which starts once that delivery work is done on the side measured
# (Postfix's queue empty; Martlet's process idle, its search indexer through the new
# mail) and then retrieves and deletes all of them (issue 6's measurement:
# --only pop3 --users 20 --pop3-fill 500). --smtp-per-session N sends N messages in each
# SMTP session before a new connection (default 1).
#
# SMTP end to end: Martlet answers 250 only once a message is durable in the mailbox,
# so its send rate is its end-to-end rate. Postfix answers 250 once the message is in
# its queue and hands it to Dovecot (LMTP) afterwards; its end-to-end rate is the
# messages it accepted divided by the time from the first connection until its queue
# is empty again (every message delivered into Dovecot). Both are printed.
#
# What it does:
#   1. builds `martlet` and `martlet-bench` in release mode (or uses the binaries
#      named by MARTLET=path and MARTLET_BENCH=path);
#   2. starts the peers (`peers/setup.sh`, as root or through sudo) unless
#      --no-peer-setup, and empties user1..userN's peer mailboxes unless --no-reset;
#   3. starts Martlet the way `swift run -c release martlet serve --config FILE`
#      does (the built binary is run directly, so its pid is the server's), with a
#      generated config: a fresh data folder, SMTP/IMAP/POP3 on free 127.0.0.1
#      ports, the domain peer.test and users user1..userN@peer.test with the
#      peers' password "pass" (`martlet user add ... --password-stdin`);
#   4. runs on each side: smtp (pipelined sending), fill (IMAP APPEND of generated
#      mail), imap mixed, imap idle (with the server's memory), pop3
#      retrieve-and-delete; each result is one JSON object kept in the work folder;
#   5. prints every figure for both sides and the ratio Martlet/peer. For rates a
#      ratio above 1 means Martlet is faster; for latency and memory, below 1
#      means Martlet is better.
#
# Martlet refuses plaintext LOGIN/USER on ports that offer STARTTLS (DESIGN.md
# rule 4), so its IMAP and POP3 sessions use --starttls; the peers' Dovecot has TLS
# off. The TLS handshake is then counted against Martlet only, which makes its login
# figures conservative. MARTLET_SECURITY=plain measures Martlet without TLS too
# (its config then allows plaintext login on loopback).
#
# Loopback only: Martlet binds 127.0.0.1, the peers 127.0.0.2, and martlet-bench
# targets only the host it is given. Every run is bounded (martlet-bench caps).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PEERS_DIR=${PEERS_DIR:-$(cd "$ROOT/../shared/peers" 2>/dev/null && pwd || echo /work/shared/peers)}
PEER_HOST=127.0.0.2
PASSWORD=pass
DOMAIN=peer.test
USERS=100
QUICK=""
SIDES="martlet peer"
PEER_SETUP=1
RESET=1
KEEP=""
ONLY="smtp imap pop3"
POP3_FILL=""
SMTP_PER_SESSION=1
IMAP_WORKLOADS="mixed cycle cycle-logged-in idle"
IDLE_CLIENTS=""
MARTLET_SECURITY=${MARTLET_SECURITY:-starttls}

die() { echo "compare.sh: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }

while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --users) shift; USERS=${1:?--users needs a number} ;;
        --peers-only) SIDES="peer" ;;
        --martlet-only) SIDES="martlet" ;;
        --no-peer-setup) PEER_SETUP="" ;;
        --no-reset) RESET="" ;;
        --keep) KEEP=1 ;;
        --only) shift; ONLY=${1:?--only needs a list of protocols} ;;
        --pop3-fill) shift; POP3_FILL=${1:?--pop3-fill needs a number} ;;
        --smtp-per-session) shift; SMTP_PER_SESSION=${1:?--smtp-per-session needs a number} ;;
        --imap-workloads) shift; IMAP_WORKLOADS=${1:?--imap-workloads needs a list} ;;
        --idle-clients) shift; IDLE_CLIENTS=${1:?--idle-clients needs a number} ;;
        -h|--help) sed -n '2,47p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
    shift
done
case "$USERS" in ''|*[!0-9]*) die "--users must be a number" ;; esac
case "$SMTP_PER_SESSION" in ''|*[!0-9]*) die "--smtp-per-session must be a number" ;; esac
[ "$USERS" -ge 1 ] && [ "$USERS" -le 100 ] || die "--users must be 1...100 (the peers have user1..user100)"
command -v python3 >/dev/null || die "python3 is needed (free ports, JSON)"

# Workload sizes (--quick: a short smoke run of the whole comparison).
if [ -n "$QUICK" ]; then
    SMTP_ARGS=(--clients 10 --messages 500 --size 4096)
    FILL_PER_USER=5
    MIXED_ARGS=(--clients 10 --duration 5)
    CYCLE_ARGS=(--clients 10 --duration 5)
    IDLE_ARGS=(--clients 100 --duration 3)
    POP3_ARGS=(--clients 10 --messages 300)
else
    SMTP_ARGS=(--clients 20 --messages 5000 --size 4096)
    FILL_PER_USER=20
    MIXED_ARGS=(--clients 50 --duration 20)
    CYCLE_ARGS=(--clients 50 --duration 20)
    IDLE_ARGS=(--clients 1000 --duration 10)
    POP3_ARGS=(--clients 20 --messages 2000)
fi
SMTP_ARGS+=(--messages-per-session "$SMTP_PER_SESSION")
if [ -n "$IDLE_CLIENTS" ]; then
    case "$IDLE_CLIENTS" in *[!0-9]*) die "--idle-clients must be a number" ;; esac
    IDLE_ARGS=(--clients "$IDLE_CLIENTS" --duration 10)
fi
ACCOUNTS=(--users "user%d@$DOMAIN" --user-count "$USERS" --password "$PASSWORD")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/martlet-compare.XXXXXX")
RESULTS="$WORK/results"
mkdir -p "$RESULTS"
MARTLET_PID=""
cleanup() {
    if [ -n "$MARTLET_PID" ] && kill -0 "$MARTLET_PID" 2>/dev/null; then
        kill -TERM "$MARTLET_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$MARTLET_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$MARTLET_PID" 2>/dev/null && kill -KILL "$MARTLET_PID" 2>/dev/null || true
    fi
    if [ -n "$KEEP" ]; then echo "results kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until HOST:PORT accepts connections (at most SECONDS).
wait_for_port() {
    local host=$1 port=$2 seconds=$3
    for _ in $(seq 1 $((seconds * 5))); do
        if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
        sleep 0.2
    done
    return 1
}

# --- 1. build ---------------------------------------------------------------------------
# MARTLET=path and MARTLET_BENCH=path use already built binaries instead.
if [ -n "${MARTLET:-}" ] && [ -n "${MARTLET_BENCH:-}" ]; then
    BENCH=$MARTLET_BENCH
else
    note "building martlet and martlet-bench (release)"
    (cd "$ROOT" && swift build -c release --product martlet-bench >&2 && swift build -c release --product martlet >&2)
    BIN=$(cd "$ROOT" && swift build -c release --show-bin-path)
    MARTLET="$BIN/martlet"
    BENCH="$BIN/martlet-bench"
fi
[ -x "$BENCH" ] || die "no martlet-bench at $BENCH"

# --- 2. peers ---------------------------------------------------------------------------
if [[ " $SIDES " == *" peer "* ]]; then
    if [ -n "$PEER_SETUP" ]; then
        note "starting the peers ($PEERS_DIR/setup.sh)"
        as_root "$PEERS_DIR/setup.sh" >&2
    fi
    if [ -n "$RESET" ]; then
        note "emptying the peers' mailboxes of user1..user$USERS"
        for i in $(seq 1 "$USERS"); do as_root rm -rf "/var/lib/martlet-peers/mail/user$i"; done
    fi
fi

# --- 3. Martlet -------------------------------------------------------------------------
MARTLET_OK=""
if [[ " $SIDES " == *" martlet "* ]]; then
    SMTP_PORT=$(free_port); IMAP_PORT=$(free_port); POP3_PORT=$(free_port)
    CONFIG="$WORK/martlet.toml"
    cat > "$CONFIG" <<EOF
hostname = "bench.martlet.test"
data = "$WORK/data"

[listen]
smtp = ["127.0.0.1:$SMTP_PORT"]
imap = ["127.0.0.1:$IMAP_PORT"]
pop3 = ["127.0.0.1:$POP3_PORT"]

[limits]
# The peer (Postfix) greets at once; Martlet's anti-spam pause before its SMTP
# greeting (1 s by default) would dominate a message-per-connection workload.
smtp_greeting_delay_milliseconds = ${MARTLET_GREETING_DELAY_MS:-0}
# Every benchmark client comes from 127.0.0.1: the per-address limit (20 by default,
# against floods) would refuse most of them, and the idle workload holds thousands.
max_connections = 20000
max_connections_per_address = 20000
EOF
    # MARTLET_SECURITY=plain measures Martlet without TLS, as the peers' Dovecot runs.
    if [ "$MARTLET_SECURITY" = plain ]; then
        printf '\n[auth]\nplaintext_without_tls = "loopback"\n' >> "$CONFIG"
    fi
    note "creating $DOMAIN and user1..user$USERS@$DOMAIN in $WORK/data"
    "$MARTLET" domain add "$DOMAIN" --config "$CONFIG" >/dev/null
    for i in $(seq 1 "$USERS"); do
        echo "$PASSWORD" | "$MARTLET" user add "user$i@$DOMAIN" --password-stdin --config "$CONFIG" >/dev/null
    done
    note "starting martlet serve --config $CONFIG"
    "$MARTLET" serve --config "$CONFIG" >"$WORK/martlet.log" 2>&1 &
    MARTLET_PID=$!
    # Each protocol is measured if its listener comes up; a missing one gives n/a.
    MARTLET_SERVICES=""
    wait_for_port 127.0.0.1 "$SMTP_PORT" 30 && MARTLET_SERVICES="smtp"
    for service in imap pop3; do
        port=$([ $service = imap ] && echo "$IMAP_PORT" || echo "$POP3_PORT")
        wait_for_port 127.0.0.1 "$port" 5 && MARTLET_SERVICES="$MARTLET_SERVICES $service"
    done
    for service in smtp imap pop3; do
        if [[ " $MARTLET_SERVICES " != *" $service "* ]]; then
            echo "compare.sh: martlet does not listen for $service (log: $WORK/martlet.log); its $service figures are n/a" >&2
            KEEP=1
        fi
    done
    [ -n "$MARTLET_SERVICES" ] && MARTLET_OK=1
fi

# --- 4. workloads -------------------------------------------------------------------------
# run_side NAME HOST SMTP IMAP POP3 SECURITY PID SERVICES
# Waits (at most $2 seconds) until process $1 used less than 5% of a core over one second.
wait_until_idle() {
    local pid=$1 limit=$2 before after
    local ticks; ticks=$(getconf CLK_TCK)
    for _ in $(seq 1 "$limit"); do
        before=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || return 0
        sleep 1
        after=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || return 0
        [ $(( (after - before) * 100 )) -lt $(( ticks * 5 )) ] && return 0
    done
}

run_side() {
    local side=$1 host=$2 smtp=$3 imap=$4 pop3=$5 security=$6 pid=$7 services=""
    for service in $8; do [[ " $ONLY " == *" $service "* ]] && services="$services $service"; done
    services="$services "
    local flags=()
    [ "$security" = starttls ] && flags=(--starttls)
    local common=(--host "$host" "${ACCOUNTS[@]}" --json)
    if [[ "$services" == *" smtp "* ]]; then
        note "$side: smtp ${SMTP_ARGS[*]}"
        local started finished
        started=$(date +%s.%N)
        "$BENCH" smtp "${common[@]}" --port "$smtp" "${SMTP_ARGS[@]}" >"$RESULTS/$side-smtp.json" || true
        if [ "$side" = peer ]; then
            # Postfix hands mail to Dovecot asynchronously: end to end ends when its
            # queue is empty (polled every 0.2 s, so the poll itself costs Postfix little
            # CPU; at most 5 minutes).
            for _ in $(seq 1 1500); do
                [ -z "$(as_root postqueue -j 2>/dev/null)" ] && break
                sleep 0.2
            done
        fi
        finished=$(date +%s.%N)
        python3 - "$RESULTS/$side-smtp.json" "$started" "$finished" "$side" >"$RESULTS/$side-smtp-e2e.json" <<'PY' || true
import json, sys
path, started, finished, side = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
report = json.load(open(path))
if side == "peer":
    report = {"operations_per_second": report["operations"] / max(finished - started, 1e-6)}
print(json.dumps(report))
PY
    fi
    if [[ "$services" == *" imap "* ]]; then
        note "$side: fill --via imap --messages-per-user $FILL_PER_USER"
        "$BENCH" fill "${common[@]}" --port "$imap" "${flags[@]}" --via imap --messages-per-user "$FILL_PER_USER" \
            --seed 1 --max-size 65536 >"$RESULTS/$side-fill.json" || true
        if [[ " $IMAP_WORKLOADS " == *" mixed "* ]]; then
            note "$side: imap mixed ${MIXED_ARGS[*]}"
            "$BENCH" imap "${common[@]}" --port "$imap" "${flags[@]}" --workload mixed "${MIXED_ARGS[@]}" \
                >"$RESULTS/$side-imap-mixed.json" || true
        fi
        if [[ " $IMAP_WORKLOADS " == *" cycle "* ]]; then
            note "$side: imap cycle ${CYCLE_ARGS[*]}"
            "$BENCH" imap "${common[@]}" --port "$imap" "${flags[@]}" --workload cycle "${CYCLE_ARGS[@]}" \
                >"$RESULTS/$side-imap-cycle.json" || true
        fi
        if [[ " $IMAP_WORKLOADS " == *" cycle-logged-in "* ]]; then
            note "$side: imap cycle --stay-logged-in ${CYCLE_ARGS[*]}"
            "$BENCH" imap "${common[@]}" --port "$imap" "${flags[@]}" --workload cycle --stay-logged-in "${CYCLE_ARGS[@]}" \
                >"$RESULTS/$side-imap-cycle-logged-in.json" || true
        fi
        if [[ " $IMAP_WORKLOADS " == *" idle "* ]]; then
            note "$side: imap idle ${IDLE_ARGS[*]} (memory of pid $pid and its descendants)"
            "$BENCH" imap "${common[@]}" --port "$imap" "${flags[@]}" --workload idle "${IDLE_ARGS[@]}" \
                --pid "$pid" --include-children >"$RESULTS/$side-imap-idle.json" || true
        fi
    fi
    if [[ "$services" == *" pop3 "* ]]; then
        local pop3_args=("${POP3_ARGS[@]}")
        if [ -n "$POP3_FILL" ]; then
            note "$side: fill --via smtp --messages-per-user $POP3_FILL (4 KB each)"
            "$BENCH" fill "${common[@]}" --port "$smtp" --via smtp --messages-per-user "$POP3_FILL" \
                --min-size 4096 --max-size 4096 --clients 8 --seed 2 >"$RESULTS/$side-pop3-fill.json" || true
            # The fill's delivery work ends before the measurement on both sides: Postfix's
            # queue empty (every message delivered into Dovecot, its indexes written), and
            # Martlet idle again (its search indexer, which runs after the delivery's
            # commit, done with the new messages).
            if [ "$side" = peer ]; then
                for _ in $(seq 1 1500); do
                    [ -z "$(as_root postqueue -j 2>/dev/null)" ] && break
                    sleep 0.2
                done
            else
                wait_until_idle "$pid" 300
            fi
            pop3_args=(--clients "$USERS" --messages $((USERS * POP3_FILL)))
        fi
        note "$side: pop3 ${pop3_args[*]}"
        "$BENCH" pop3 "${common[@]}" --port "$pop3" "${flags[@]}" "${pop3_args[@]}" >"$RESULTS/$side-pop3.json" || true
    fi
}

if [ -n "$MARTLET_OK" ]; then
    run_side martlet 127.0.0.1 "$SMTP_PORT" "$IMAP_PORT" "$POP3_PORT" "$MARTLET_SECURITY" "$MARTLET_PID" "$MARTLET_SERVICES"
fi
if [[ " $SIDES " == *" peer "* ]]; then
    DOVECOT_PID=$(as_root cat /run/dovecot/master.pid 2>/dev/null || true)
    [ -n "$DOVECOT_PID" ] || die "the peers' Dovecot is not running (no /run/dovecot/master.pid)"
    run_side peer "$PEER_HOST" 25 143 110 plain "$DOVECOT_PID" "smtp imap pop3"
fi

# --- 5. ratios ----------------------------------------------------------------------------
echo
echo "martlet-bench comparison, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$RESULTS" <<'PY'
import json, os, sys

results = sys.argv[1]

def load(side, name):
    try:
        with open(os.path.join(results, f"{side}-{name}.json")) as f:
            return json.loads(f.read() or "null")
    except (OSError, ValueError):
        return None

def figures(report):
    if not report:
        return {}
    out = {"ops/s": report.get("operations_per_second"), "errors": report.get("errors", {}).get("total")}
    latency = report.get("latency_ms") or {}
    for key in ("p50", "p99", "max"):
        out[f"{key} ms"] = latency.get(key)
    memory = report.get("memory")
    if memory:
        out["KiB/session"] = memory.get("per_session_kilobytes")
    return out

lower_is_better = {"p50 ms", "p99 ms", "max ms", "KiB/session", "errors"}
rows = [("workload", "figure", "martlet", "peer", "martlet/peer")]
for name, label in (("smtp", "smtp send (250)"), ("smtp-e2e", "smtp end to end"), ("fill", "fill (imap append)"), ("imap-mixed", "imap mixed"),
                    ("imap-cycle", "imap cycle"), ("imap-cycle-logged-in", "imap cycle (logged in)"),
                    ("imap-idle", "imap idle (open)"), ("pop3", "pop3 retr+dele")):
    m, p = figures(load("martlet", name)), figures(load("peer", name))
    keys = [k for k in ("ops/s", "p50 ms", "p99 ms", "max ms", "KiB/session", "errors") if k in m or k in p]
    for key in keys:
        a, b = m.get(key), p.get(key)
        fmt = lambda v: "n/a" if v is None else (f"{v:.1f}" if isinstance(v, float) else str(v))
        ratio = f"{a / b:.2f}" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else "n/a"
        if key in lower_is_better and ratio != "n/a":
            ratio += " (lower is better)"
        rows.append((label, key, fmt(a), fmt(b), ratio))
widths = [max(len(r[i]) for r in rows) for i in range(5)]
for r in rows:
    print("  ".join(c.ljust(widths[i]) if i < 2 else c.rjust(widths[i]) for i, c in enumerate(r)))
PY
