#!/bin/bash
# Outbound delivery throughput, Martlet vs Postfix, into Postfix's smtp-sink.
#
#   Benchmarks/outbound-compare.sh [--messages N] [--recipients N] [--size BYTES]
#        [--clients N] [--per-session N] [--runs N] [--time-limit SECONDS]
#        [--mode pipeline|drain|both] [--martlet-only | --postfix-only]
#        [--no-peer-setup] [--keep]
#
# The same load goes to each server: N messages (default 5000) of BYTES (4096), each to
# --recipients (50) addresses r1@sink.test ... r50@sink.test, injected over SMTP as fast as
# martlet-bench can by --clients (8) connections, --per-session (50) messages per
# connection. Martlet gets them on its submission port (AUTH PLAIN as sender1@martlet.test),
# Postfix (the peer of ../shared/peers, 127.0.0.2:25) from 127.0.0.1 as a mynetworks client.
# Both deliver sink.test to one smtp-sink on 127.0.0.5 (discarding, counting with -c):
# Martlet finds it by MX through a dnsmasq on 127.0.0.1, Postfix through a transport map
# entry "sink.test outbench:[127.0.0.5]:PORT" (outbench: an smtp client service added to
# master.cf for this run only). Two modes (--mode, default both):
#   pipeline  the server delivers while the mail comes in (the issue's measurement):
#             total msg/s  = messages / (first injection ... the sink has them all)
#             inject msg/s = messages / (first injection ... martlet-bench done, all accepted)
#   drain     the mail is queued first with delivery held back (Martlet: [outbound] port
#             pointing at a closed port, then stopped; Postfix: defer_transports = outbench),
#             then released (Martlet: port = the sink, `martlet queue flush`, `martlet
#             serve`; Postfix: defer_transports emptied, `postfix reload`, `postqueue -f`):
#             total msg/s  = messages / (release, server restart included ... all at the sink)
# Each run prints, per server, also the sink's connections (peak and mean while
# delivering), its sessions, the CPU of server and sink, the machine's busy share, and the
# ratio Martlet/Postfix; with --runs > 1, the median of each.
#
# Martlet: a fresh data folder per run, `martlet serve`, log level warning, default
# [outbound] settings (connections_per_destination 10 unless OUTBOUND_CONNECTIONS=n).
# Postfix keeps its defaults (20 connections per destination, 50 recipients per transaction).
# Injection is in the clear on both sides (Martlet allows plaintext AUTH on loopback);
# MARTLET_SECURITY=starttls injects into Martlet over STARTTLS instead. The sink offers no
# STARTTLS, so both servers deliver in the clear.
#
# Binaries: MARTLET=path and MARTLET_BENCH=path, else /tmp/outbench/bin/{martlet,martlet-bench}
# if present, else a release build of the tree.
#
# Loopback only: every listener is on 127.0.0.x; Postfix's only new route is sink.test to
# 127.0.0.5. Each run is bounded (--time-limit, default 600 s); the sink, dnsmasq and
# Martlet are stopped, Postfix's main.cf and master.cf restored (and reloaded) and any
# sink.test mail left in its queue deleted, on success or failure. Run as root.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PEERS_DIR=${PEERS_DIR:-$(cd "$ROOT/../shared/peers" 2>/dev/null && pwd || echo /work/shared/peers)}
HELPER="$HERE/outbound_sink_count.py"
PEER_HOST=127.0.0.2
SINK_ADDR=127.0.0.5
SINK_DOMAIN=sink.test
MARTLET_DOMAIN=martlet.test
SENDER=sender1@$MARTLET_DOMAIN
PASSWORD=pass
MESSAGES=5000
RECIPIENTS=50
SIZE=4096
CLIENTS=8
PER_SESSION=50
RUNS=1
TIME_LIMIT=600
SIDES="martlet postfix"
MODES="pipeline drain"
PEER_SETUP=1
KEEP=""
MARTLET_SECURITY=${MARTLET_SECURITY:-plain}

die() { echo "outbound-compare.sh: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }
number() { case "$2" in ''|*[!0-9]*) die "$1 needs a number" ;; esac; [ "$2" -ge 1 ] || die "$1 must be at least 1"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --messages) shift; number --messages "${1:-}"; MESSAGES=$1 ;;
        --recipients) shift; number --recipients "${1:-}"; RECIPIENTS=$1 ;;
        --size) shift; number --size "${1:-}"; SIZE=$1 ;;
        --clients) shift; number --clients "${1:-}"; CLIENTS=$1 ;;
        --per-session) shift; number --per-session "${1:-}"; PER_SESSION=$1 ;;
        --runs) shift; number --runs "${1:-}"; RUNS=$1 ;;
        --time-limit) shift; number --time-limit "${1:-}"; TIME_LIMIT=$1 ;;
        --mode) shift; MODES=${1:-}; [ "$MODES" = both ] && MODES="pipeline drain"
                case "$MODES" in pipeline|drain|"pipeline drain") ;; *) die "--mode is pipeline, drain or both" ;; esac ;;
        --martlet-only) SIDES="martlet" ;;
        --postfix-only) SIDES="postfix" ;;
        --no-peer-setup) PEER_SETUP="" ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,46p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
    shift
done
[ "$RECIPIENTS" -le 100 ] || die "--recipients must be 1...100 (Martlet's default max_recipients_per_message)"
[ "$TIME_LIMIT" -le 3000 ] || die "--time-limit must be at most 3000 seconds"
[ "$(id -u)" = 0 ] || die "must run as root (Postfix configuration, smtp-sink)"
for tool in python3 /usr/sbin/smtp-sink /usr/sbin/dnsmasq; do command -v "$tool" >/dev/null || die "$tool is needed"; done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/martlet-outbound.XXXXXX")
SINK_PID=""; DNS_PID=""; MARTLET_PID=""; BENCH_PID=""; POSTFIX_CHANGED=""; LO_ALIAS=""

stop_pid() {  # stop_pid PID: SIGTERM, up to 5 s, then SIGKILL
    local pid=$1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}

# Deletes every message in Postfix's queue with a recipient at sink.test.
postfix_drop_sink_mail() {
    postqueue -j 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    entry = json.loads(line)
    if any(r["address"].lower().endswith("@'"$SINK_DOMAIN"'") for r in entry.get("recipients", [])):
        print(entry["queue_id"])' | postsuper -d - >/dev/null 2>&1 || true
}

postfix_restore() {
    [ -n "$POSTFIX_CHANGED" ] || return 0
    note "restoring Postfix's main.cf and master.cf"
    postfix_drop_sink_mail
    cp -p "$WORK/postfix-main.cf" /etc/postfix/main.cf
    cp -p "$WORK/postfix-master.cf" /etc/postfix/master.cf
    rm -f /etc/postfix/outbench_transport /etc/postfix/outbench_transport.db
    postfix reload </dev/null >/dev/null 2>&1 || true
    POSTFIX_CHANGED=""
}

cleanup() {
    local status=$?
    stop_pid "$BENCH_PID"
    stop_pid "$MARTLET_PID"
    postfix_restore
    stop_pid "$SINK_PID"
    stop_pid "$DNS_PID"
    if [ -n "$LO_ALIAS" ]; then ip addr del "$SINK_ADDR/32" dev lo 2>/dev/null || true; fi
    if [ -n "$KEEP" ] || [ "$status" != 0 ]; then echo "work folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {  # free_port ADDRESS [udp]
    python3 - "$@" <<'PY'
import random, socket, sys
kind = socket.SOCK_DGRAM if sys.argv[2:] == ["udp"] else socket.SOCK_STREAM
for _ in range(200):
    port = random.randint(20000, 60000)
    s = socket.socket(socket.AF_INET, kind)
    try:
        s.bind((sys.argv[1], port)); print(port); break
    except OSError:
        pass
    finally:
        s.close()
PY
}

wait_for_port() {  # wait_for_port HOST PORT SECONDS
    local host=$1 port=$2 seconds=$3
    for _ in $(seq 1 $((seconds * 5))); do
        if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
        sleep 0.2
    done
    return 1
}

# --- 1. binaries and peers ----------------------------------------------------------------
if [ -z "${MARTLET:-}" ] && [ -z "${MARTLET_BENCH:-}" ] && [ -x /tmp/outbench/bin/martlet ] && [ -x /tmp/outbench/bin/martlet-bench ]; then
    MARTLET=/tmp/outbench/bin/martlet; MARTLET_BENCH=/tmp/outbench/bin/martlet-bench
fi
if [ -z "${MARTLET:-}" ] || [ -z "${MARTLET_BENCH:-}" ]; then
    note "building martlet and martlet-bench (release)"
    (cd "$ROOT" && swift build -c release --product martlet-bench >&2 && swift build -c release --product martlet >&2)
    BIN=$(cd "$ROOT" && swift build -c release --show-bin-path)
    MARTLET=${MARTLET:-$BIN/martlet}; MARTLET_BENCH=${MARTLET_BENCH:-$BIN/martlet-bench}
fi
[ -x "$MARTLET" ] && [ -x "$MARTLET_BENCH" ] || die "no martlet or martlet-bench executable ($MARTLET, $MARTLET_BENCH)"
"$MARTLET_BENCH" smtp --help | grep -q -- --recipients-per-message \
    || die "$MARTLET_BENCH has no --recipients-per-message (rebuild martlet-bench)"

if [[ " $SIDES " == *" postfix "* ]] && [ -n "$PEER_SETUP" ]; then
    note "starting the peers ($PEERS_DIR/setup.sh)"
    "$PEERS_DIR/setup.sh" >&2
fi

# --- 2. the sink --------------------------------------------------------------------------
# 127.0.0.1/8 on lo covers 127.0.0.5; add the address only if a bind to it fails.
if ! python3 -c "import socket; socket.socket().bind(('$SINK_ADDR', 0))" 2>/dev/null; then
    ip addr add "$SINK_ADDR/32" dev lo scope host; LO_ALIAS=1
fi
SINK_PORT=$(free_port "$SINK_ADDR")
SINK_LOG="$WORK/sink.counters"
note "starting smtp-sink on $SINK_ADDR:$SINK_PORT"
/usr/sbin/smtp-sink -c -u nobody -h "mx.$SINK_DOMAIN" -m 1024 "$SINK_ADDR:$SINK_PORT" 1024 >"$SINK_LOG" 2>"$WORK/sink.err" &
SINK_PID=$!
wait_for_port "$SINK_ADDR" "$SINK_PORT" 10 || die "smtp-sink did not listen (see $WORK/sink.err)"
SINK_EHLO=$(python3 "$HELPER" ehlo "$SINK_ADDR" "$SINK_PORT" | tr '\n' ' ')
for keyword in PIPELINING 8BITMIME; do [[ " $SINK_EHLO" == *" $keyword "* ]] || die "the sink does not offer $keyword"; done
if [[ " $SINK_EHLO" == *" STARTTLS "* ]]; then SINK_TLS="offered"; else SINK_TLS="not offered: deliveries in the clear"; fi

# --- 3. DNS for Martlet ---------------------------------------------------------------------
DNS_PORT=$(free_port 127.0.0.1 udp)
/usr/bin/timeout --signal=KILL $(( (TIME_LIMIT + 200) * RUNS * 4 + 300 )) /usr/sbin/dnsmasq \
    --port="$DNS_PORT" --listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts \
    --no-daemon --conf-file=/dev/null --pid-file= --log-facility=- \
    --auth-server=ns.test,127.0.0.1 --auth-zone="$SINK_DOMAIN" \
    --auth-soa=1,hostmaster.$SINK_DOMAIN,1200,120,604800 --auth-ttl=60 \
    --mx-host="$SINK_DOMAIN,mx.$SINK_DOMAIN,10" --host-record="mx.$SINK_DOMAIN,$SINK_ADDR" \
    >/dev/null 2>"$WORK/dnsmasq.err" &
DNS_PID=$!
python3 "$HELPER" dns "$DNS_PORT" "$SINK_DOMAIN" || die "dnsmasq does not answer (see $WORK/dnsmasq.err)"

# --- 4. Postfix: sink.test goes to the sink --------------------------------------------------
postfix_check_safe() {
    # setup.sh's checks, and: the only transport route is sink.test to the sink on loopback.
    [ "$(postconf -h inet_interfaces)" = "$PEER_HOST" ] || die "postfix inet_interfaces is not $PEER_HOST"
    [ "$(postconf -h default_transport)" != "smtp" ] || die "postfix default_transport must not be smtp"
    [ -z "$(postconf -h relayhost)" ] || die "postfix relayhost must be empty"
    postconf -M | awk -v a="$PEER_HOST" '$2 == "inet" && $1 !~ "^"a":" {bad=1} END {exit bad}' \
        || die "a postfix inet service is not pinned to $PEER_HOST"
    [ "$(postconf -h relay_transport)" != "smtp" ] || die "postfix relay_transport must not be smtp"
    [ "$(cat /etc/postfix/outbench_transport)" = "$SINK_DOMAIN outbench:[$SINK_ADDR]:$SINK_PORT" ] \
        || die "unexpected transport map"
}
if [[ " $SIDES " == *" postfix "* ]]; then
    [ "$(postconf -h inet_interfaces)" = "$PEER_HOST" ] || die "Postfix is not the peers' (run $PEERS_DIR/setup.sh)"
    postconf -M | grep -q '^127\.0\.0\.2:smtp' || die "Postfix is not the peers' (no 127.0.0.2:smtp in master.cf)"
    [ -z "$(postconf -h transport_maps)" ] || die "Postfix already has transport_maps: left over from an earlier run? (run setup.sh)"
    python3 - "$(postconf -h mynetworks)" <<'PY' || die "127.0.0.1 is not in Postfix's mynetworks (it could not relay the injected mail)"
import ipaddress, sys
sys.exit(0 if any(ipaddress.ip_address("127.0.0.1") in ipaddress.ip_network(n.strip(), strict=False)
                  for n in sys.argv[1].replace(",", " ").split() if "/" in n or n[0].isdigit()) else 1)
PY
    cp -p /etc/postfix/main.cf "$WORK/postfix-main.cf"
    cp -p /etc/postfix/master.cf "$WORK/postfix-master.cf"
    POSTFIX_CHANGED=1
    echo "$SINK_DOMAIN outbench:[$SINK_ADDR]:$SINK_PORT" > /etc/postfix/outbench_transport
    postmap hash:/etc/postfix/outbench_transport
    # relay_domains makes sink.test a destination Postfix accepts from anyone (its
    # smtpd_recipient_restrictions end with reject_unauth_destination); the transport map
    # sends it to the sink instead of relay_transport (an error transport here).
    postconf -e "transport_maps = hash:/etc/postfix/outbench_transport" "relay_domains = $SINK_DOMAIN"
    postconf -M "outbench/unix=outbench unix - - n - - smtp"
    postfix_check_safe
    postfix check
    postfix reload </dev/null >/dev/null 2>&1
    sleep 1
    [ "$(postmap -q "$SINK_DOMAIN" hash:/etc/postfix/outbench_transport)" = "outbench:[$SINK_ADDR]:$SINK_PORT" ] || die "transport map lookup failed"
fi
POSTFIX_MASTER_PID=$(cat /var/spool/postfix/pid/master.pid 2>/dev/null | tr -d ' ' || true)

# --- 5. runs ------------------------------------------------------------------------------
BENCH_ARGS=(--users "sender%d@$MARTLET_DOMAIN" --user-count 1 --password "$PASSWORD" --from "$SENDER"
            --to "r%d@$SINK_DOMAIN" --to-count "$RECIPIENTS" --recipients-per-message "$RECIPIENTS"
            --clients "$CLIENTS" --messages "$MESSAGES" --size "$SIZE" --messages-per-session "$PER_SESSION"
            --timeout 120 --json)

# write_martlet_config DIR OUTBOUND_PORT RETRY_SECONDS: sets CONFIG
write_martlet_config() {
    local dir=$1 outbound_port=$2 retry=$3
    CONFIG="$dir/martlet.toml"
    cat > "$CONFIG" <<EOF
hostname = "mail.$MARTLET_DOMAIN"
data = "$dir/data"

[listen]
submission = ["127.0.0.1:$SUBMISSION_PORT"]

[dns]
nameservers = ["127.0.0.1:$DNS_PORT"]

[outbound]
port = $outbound_port
${retry:+retry_seconds = [$retry]}
${OUTBOUND_CONNECTIONS:+connections_per_destination = $OUTBOUND_CONNECTIONS}

[limits]
smtp_greeting_delay_milliseconds = 0
# Every injecting client comes from 127.0.0.1.
max_connections = 20000
max_connections_per_address = 20000

[log]
level = "${MARTLET_LOG_LEVEL:-warning}"
EOF
    if [ "$MARTLET_SECURITY" = plain ]; then
        printf '\n[auth]\nplaintext_without_tls = "loopback"\n' >> "$CONFIG"
    fi
}

serve_martlet() {  # serve_martlet DIR: starts `martlet serve` on $CONFIG; sets MARTLET_PID
    "$MARTLET" serve --config "$CONFIG" >>"$1/martlet.log" 2>&1 &
    MARTLET_PID=$!
}

# start_martlet NAME OUTBOUND_PORT RETRY_SECONDS: a fresh Martlet; sets MARTLET_PID,
# SUBMISSION_PORT, CONFIG, MARTLET_DIR
start_martlet() {
    local dir="$WORK/martlet-$1"
    mkdir -p "$dir"
    MARTLET_DIR=$dir
    SUBMISSION_PORT=$(free_port 127.0.0.1)
    write_martlet_config "$dir" "$2" "$3"
    "$MARTLET" domain add "$MARTLET_DOMAIN" --config "$CONFIG" >/dev/null
    echo "$PASSWORD" | "$MARTLET" user add "$SENDER" --password-stdin --config "$CONFIG" >/dev/null
    serve_martlet "$dir"
    wait_for_port 127.0.0.1 "$SUBMISSION_PORT" 30 || die "martlet did not listen (see $dir/martlet.log)"
}

queued() {  # queued SIDE: messages for sink.test in the server's queue
    if [ "$1" = martlet ]; then
        "$MARTLET" queue list --config "$CONFIG" 2>/dev/null | grep -c "@$SINK_DOMAIN" || true
    else
        postqueue -j 2>/dev/null | grep -c "@$SINK_DOMAIN" || true
    fi
}

# inject SIDE TAG HOST PORT FLAGS...: martlet-bench's load, waited for; sets T0 and T1
inject() {
    local side=$1 tag=$2 host=$3 port=$4
    shift 4
    T0=$(date +%s.%N)
    /usr/bin/timeout --signal=KILL "$TIME_LIMIT" "$MARTLET_BENCH" smtp --host "$host" --port "$port" \
        "$@" "${BENCH_ARGS[@]}" >"$WORK/bench-$tag.json" 2>"$WORK/bench-$tag.err" &
    BENCH_PID=$!
    wait "$BENCH_PID" || echo "martlet-bench exited with $? (see $WORK/bench-$tag.err)" >&2
    T1=$(date +%s.%N)
    BENCH_PID=""
}

# measure MODE SIDE RUN: one run against one server; writes $WORK/result-MODE-SIDE-RUN.json
measure() {
    local mode=$1 side=$2 run=$3 tag="$1-$2-$3" host port bench_flags=() watch=() t0 t1 inject_t0 inject_t1
    if [ "$side" = martlet ]; then
        if [ "$mode" = drain ]; then
            # Held back: the outbound port is closed, and the retry an hour away.
            start_martlet "$tag" "$(free_port "$SINK_ADDR")" 3600
        else
            start_martlet "$tag" "$SINK_PORT" ""
        fi
        host=127.0.0.1; port=$SUBMISSION_PORT; bench_flags=(--auth)
        [ "$MARTLET_SECURITY" = starttls ] && bench_flags+=(--starttls)
        watch=(--pid "server=$MARTLET_PID")
    else
        host=$PEER_HOST; port=25
        [ -z "$(postqueue -j 2>/dev/null | grep -F "@$SINK_DOMAIN" || true)" ] \
            || die "Postfix's queue still holds sink.test mail before the run"
        [ -n "$POSTFIX_MASTER_PID" ] && watch=(--tree "server=$POSTFIX_MASTER_PID")
        if [ "$mode" = drain ]; then
            postconf -e "defer_transports = outbench"
            postfix reload </dev/null >/dev/null 2>&1
            sleep 1
        fi
    fi
    watch+=(--pid "sink=$SINK_PID")
    note "$mode, $side, run $run: $MESSAGES × $SIZE B to $RECIPIENTS recipients, $CLIENTS clients, $PER_SESSION per session"
    local waiter=""
    start_waiter() {  # start_waiter [BASELINE]: the sink's message count to count from
        rm -f "$WORK/ready"
        python3 "$HELPER" wait "$SINK_LOG" --target "$MESSAGES" --sink-address "$SINK_ADDR" --sink-port "$SINK_PORT" \
            --deadline "$TIME_LIMIT" --ready-file "$WORK/ready" ${1:+--baseline "$1"} "${watch[@]}" >"$WORK/wait-$tag.json" &
        waiter=$!
        for _ in $(seq 1 100); do [ -e "$WORK/ready" ] && break; sleep 0.05; done
    }
    [ "$mode" = pipeline ] && start_waiter
    inject "$side" "$tag" "$host" "$port" "${bench_flags[@]}"
    inject_t0=$T0; inject_t1=$T1
    if [ "$mode" = pipeline ]; then
        t0=$T0
    else
        # Everything queued and held; then released, timed from the release.
        local held=""
        if [ "$side" = martlet ]; then
            stop_pid "$MARTLET_PID"; MARTLET_PID=""
            write_martlet_config "$MARTLET_DIR" "$SINK_PORT" ""
            "$MARTLET" queue flush --config "$CONFIG" >/dev/null
            held=$(queued martlet)
        else
            for _ in $(seq 1 600); do  # until every message waits in the deferred queue
                [ -z "$(postqueue -j 2>/dev/null | grep -F "@$SINK_DOMAIN" | grep -v '"queue_name": *"deferred"' || true)" ] && break
                sleep 0.2
            done
            held=$(queued postfix)
        fi
        [ "${held:-0}" = "$MESSAGES" ] || echo "$tag: $held messages held in the queue, not $MESSAGES" >&2
        if [ "$side" = martlet ]; then
            local baseline
            baseline=$(python3 "$HELPER" count "$SINK_LOG" | cut -d' ' -f2)
            t0=$(date +%s.%N)
            serve_martlet "$MARTLET_DIR"
            watch[0]="--pid"; watch[1]="server=$MARTLET_PID"
            start_waiter "$baseline"
        else
            start_waiter
            t0=$(date +%s.%N)
            postconf -e "defer_transports ="
            postfix reload </dev/null >/dev/null 2>&1
            postqueue -f
        fi
    fi
    wait "$waiter" || echo "$tag: the sink did not get all $MESSAGES messages within $TIME_LIMIT s" >&2
    t1=$inject_t1
    # Settle: wait for the server's queue to empty (at most 30 s), then note what is left.
    local left=""
    for _ in $(seq 1 150); do
        left=$(queued "$side")
        [ "${left:-0}" = 0 ] && break
        sleep 0.2
    done
    sleep 0.5
    local after
    after=$(python3 "$HELPER" count "$SINK_LOG")
    if [ "$side" = martlet ]; then
        stop_pid "$MARTLET_PID"; MARTLET_PID=""
    else
        postfix_drop_sink_mail
    fi
    python3 - "$side" "$run" "$t0" "$inject_t0" "$inject_t1" "$MESSAGES" "$WORK/wait-$tag.json" "$WORK/bench-$tag.json" \
        "${left:-0}" "$after" >"$WORK/result-$tag.json" <<'PY'
import json, sys
side, run, t0, i0, i1, n, wait_path, bench_path, left, after = sys.argv[1:]
t0, i0, i1, n = float(t0), float(i0), float(i1), int(n)
try:
    wait = json.load(open(wait_path))
except ValueError:
    wait = {}
try:
    bench = json.load(open(bench_path))
except ValueError:
    bench = {}
errors = (bench.get("errors") or {}).get("total")
done = wait.get("done_at")
result = {
    "side": side, "run": run,
    "messages_at_sink": wait.get("messages"), "timed_out": wait.get("timed_out", True),
    "total_seconds": round(done - t0, 3) if done else None,
    "inject_seconds": round(i1 - i0, 3),
    "total_msg_per_s": round(n / (done - t0), 1) if done and not wait.get("timed_out") else None,
    "inject_msg_per_s": round(n / (i1 - i0), 1) if not errors else None,
    "bench_ops_per_s": bench.get("operations_per_second"), "inject_errors": errors,
    "sink_connections_peak": wait.get("connections_peak"), "sink_connections_mean": wait.get("connections_mean"),
    "sink_sessions": wait.get("sessions_ended"),
    "server_cpu_s": (wait.get("cpu", {}).get("server") or {}).get("seconds"),
    "sink_cpu_percent": (wait.get("cpu", {}).get("sink") or {}).get("percent_of_one_core"),
    "machine_busy_percent": wait.get("machine_busy_percent"),
    "left_in_queue": int(left), "sink_counters_after": after,
}
print(json.dumps(result))
PY
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("   ", ", ".join(f"{k}={v}" for k,v in r.items() if k not in ("side","run")))' \
        "$WORK/result-$tag.json" >&2
}

for run in $(seq 1 "$RUNS"); do
    for mode in $MODES; do
        for side in $SIDES; do measure "$mode" "$side" "$run"; done
    done
done

# --- 6. report ------------------------------------------------------------------------------
echo
echo "outbound delivery into smtp-sink, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "load: $MESSAGES × $SIZE B, $RECIPIENTS recipients each (one transaction per message), $CLIENTS injecting clients × $PER_SESSION msgs/session; martlet injection: $MARTLET_SECURITY; sink STARTTLS: $SINK_TLS"
for mode in $MODES; do
echo
case $mode in
    pipeline) echo "pipeline: delivering while the mail comes in; total = first injection → last message at the sink" ;;
    drain) echo "drain: queued first with delivery held, then released; total = release (server restart included) → last message at the sink" ;;
esac
python3 - "$WORK" "$RUNS" "$SIDES" "$mode" <<'PY'
import json, os, statistics, sys
work, runs, sides, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4]
def load(side, run):
    try:
        return json.load(open(os.path.join(work, f"result-{mode}-{side}-{run}.json")))
    except (OSError, ValueError):
        return {}
fmt = lambda v: "n/a" if v is None else (f"{v:.1f}" if isinstance(v, float) else str(v))
cols = ["total_msg_per_s", "inject_msg_per_s", "total_seconds", "sink_connections_peak", "sink_connections_mean",
        "sink_sessions", "server_cpu_s", "sink_cpu_percent", "machine_busy_percent", "messages_at_sink"]
rows = [["run", "server"] + cols]
for run in range(1, runs + 1):
    for side in sides:
        r = load(side, run)
        rows.append([str(run), side] + [fmt(r.get(c)) for c in cols])
widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
for r in rows:
    print("  ".join(c.rjust(widths[i]) for i, c in enumerate(r)))
print()
def ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "n/a"
totals = {s: [load(s, r).get("total_msg_per_s") for r in range(1, runs + 1)] for s in sides}
injects = {s: [load(s, r).get("inject_msg_per_s") for r in range(1, runs + 1)] for s in sides}
if len(sides) == 2:
    for run in range(1, runs + 1):
        m, p = totals["martlet"][run - 1], totals["postfix"][run - 1]
        print(f"{mode} run {run}: martlet {fmt(m)} msg/s, postfix {fmt(p)} msg/s, martlet/postfix {ratio(m, p)}")
med = {}
for s in sides:
    ok = [v for v in totals[s] if v is not None]
    ok_inject = [v for v in injects[s] if v is not None]
    med[s] = statistics.median(ok) if len(ok) == runs else None
    print(f"{mode} median {s}: {fmt(med[s])} msg/s total, "
          f"{fmt(statistics.median(ok_inject) if ok_inject else None)} msg/s injection")
if len(sides) == 2:
    print(f"{mode} median ratio martlet/postfix: {ratio(med['martlet'], med['postfix'])} (target ≥ 2)")
PY
done
