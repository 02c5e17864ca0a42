"""Drives a running `martlet dev` over IMAP COMPRESS=DEFLATE (RFC 4978) with a socket and
Python's zlib on raw DEFLATE (wbits=-15), since imaplib has no COMPRESS: log in, COMPRESS
DEFLATE (the tagged OK plain, everything after it compressed), then CAPABILITY, SELECT,
APPEND with a synchronizing literal and with LITERAL+, FETCH of the bodies, IDLE told of an
SMTP delivery, a corrupt stream, LOGOUT. Once on port 143 without TLS (with a command
pipelined behind COMPRESS in the same segment) and once on 993 over TLS. Prints one line per
check and exits non-zero on the first failure. Run by IMAPCompressionInteropTests."""
import os, random, re, smtplib, socket, ssl, sys, time, zlib

base = int(os.environ["PORT_BASE"]); password = os.environ["DEMO_PASSWORD"]
MX, IMAP, IMAPS = base + 25, base + 143, base + 993
USER = "demo@localhost"
HOST = "127.0.0.1"
tls = ssl.create_default_context(); tls.check_hostname = False; tls.verify_mode = ssl.CERT_NONE

def check(name, condition, detail=""):
    print(("ok " if condition else "FAIL ") + name + ("" if condition else f": {detail!r}"), flush=True)
    if not condition: sys.exit(1)

class Connection:
    """One IMAP connection by hand: lines and literals, plain or (after start_compression)
    deflated both ways with a sync flush after each send."""
    def __init__(self, sock):
        self.sock = sock; self.sock.settimeout(20)
        self.buffer = b""; self.compressor = None; self.decompressor = None
        self.raw_received = 0; self.raw_sent = 0; self.counter = 0; self.exists = None

    def start_compression(self, compressor=None):
        """From now on both ways are compressed (with `compressor` if some input was already
        deflated with it); octets already received after the OK to COMPRESS are inflated."""
        self.compressor = compressor or zlib.compressobj(wbits=-15)
        self.decompressor = zlib.decompressobj(wbits=-15)
        self.buffer = self.decompressor.decompress(self.buffer)

    def deflate(self, data):
        return self.compressor.compress(data) + self.compressor.flush(zlib.Z_SYNC_FLUSH)

    def send(self, data):
        wire = self.deflate(data) if self.compressor else data
        self.raw_sent += len(wire)
        self.sock.sendall(wire)

    def fill(self):
        try:
            chunk = self.sock.recv(65536)
        except TimeoutError as error:
            check("a response arrives within 20 s", False, error)
        if not chunk: raise EOFError
        self.raw_received += len(chunk)
        self.buffer += self.decompressor.decompress(chunk) if self.decompressor else chunk

    def readline(self):
        while b"\r\n" not in self.buffer: self.fill()
        line, _, self.buffer = self.buffer.partition(b"\r\n")
        return line + b"\r\n"

    def read_exactly(self, count):
        while len(self.buffer) < count: self.fill()
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def response(self):
        """One whole response line, with its literals inlined: (text, [literals])."""
        text = b""; literals = []
        while True:
            line = self.readline(); text += line
            match = re.search(rb"\{(\d+)\}\r\n$", line)
            exists = re.fullmatch(rb"\* (\d+) EXISTS\r\n", line)
            if exists: self.exists = int(exists.group(1))
            if not match: return text, literals
            literal = self.read_exactly(int(match.group(1)))
            literals.append(literal); text += literal

    def tag(self):
        self.counter += 1
        return f"c{self.counter}".encode()

    def until_tagged(self, tag):
        """The untagged responses (with their literals) up to the tagged one, and that."""
        untagged = []
        while True:
            text, literals = self.response()
            if text.startswith(tag + b" "): return untagged, text
            untagged.append((text, literals))

    def command(self, text):
        tag = self.tag()
        self.send(tag + b" " + text + b"\r\n")
        return self.until_tagged(tag)

    def wait_for_exists(self, count):
        """NOOP until the session reports `count` messages (a change reaches the session
        through the store's change feed, so an APPEND's message may show a little later)."""
        for _ in range(50):
            if self.exists == count: return True
            self.command(b"NOOP")
            time.sleep(0.1)
        return False

def compressible_message(number, size):
    words = ["mail", "store", "deflate", "inbox", "message", "flag", "compress", "IMAP", "r\u00e9sum\u00e9"]
    rng = random.Random(number)
    lines = []; length = 0
    while length < size:
        line = " ".join(rng.choice(words) for _ in range(12)).encode() + b"\r\n"
        lines.append(line); length += len(line)
    headers = (f"From: sender@example.org\r\nTo: {USER}\r\nSubject: compressed {number}\r\n"
               "Date: Fri, 05 Mar 2021 10:11:12 +0100\r\n"
               f"Message-ID: <compress-{number}@example.org>\r\nMIME-Version: 1.0\r\n"
               "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").encode()
    return headers + b"".join(lines)

def run(label, sock, pipeline_after_compress):
    connection = Connection(sock)
    greeting = connection.readline()
    check(f"{label}: greeting", greeting.startswith(b"* OK"), greeting)
    untagged, tagged = connection.command(f'LOGIN "{USER}" "{password}"'.encode())
    answer = b"".join(text for text, _ in untagged) + tagged
    check(f"{label}: LOGIN offers COMPRESS=DEFLATE", tagged.split(b" ")[1] == b"OK" and b"COMPRESS=DEFLATE" in answer, answer)

    # COMPRESS: the tagged OK comes plain; everything after it is compressed both ways.
    tag = connection.tag()
    compressor = zlib.compressobj(wbits=-15)
    if pipeline_after_compress:
        # A command right behind COMPRESS in the same segment: already compressed, it waits
        # in the server's input until inflation starts.
        pipelined = compressor.compress(b"p1 NOOP\r\n") + compressor.flush(zlib.Z_SYNC_FLUSH)
        connection.sock.sendall(tag + b" COMPRESS DEFLATE\r\n" + pipelined)
    else:
        connection.send(tag + b" COMPRESS DEFLATE\r\n")
    ok = connection.readline()
    check(f"{label}: COMPRESS answered OK in plain text", ok.startswith(tag + b" OK"), ok)
    connection.start_compression(compressor)
    if pipeline_after_compress:
        untagged, tagged = connection.until_tagged(b"p1")
        check(f"{label}: the command pipelined behind COMPRESS is answered compressed", tagged.startswith(b"p1 OK"), tagged)

    untagged, tagged = connection.command(b"CAPABILITY")
    capabilities = b" ".join(text for text, _ in untagged)
    check(f"{label}: CAPABILITY over the compressed stream, without COMPRESS=DEFLATE now",
          tagged.split(b" ")[1] == b"OK" and b"IMAP4rev2" in capabilities and b"COMPRESS=" not in capabilities, untagged)
    _, tagged = connection.command(b"COMPRESS DEFLATE")
    check(f"{label}: a second COMPRESS gets NO [COMPRESSIONACTIVE]", b"NO [COMPRESSIONACTIVE]" in tagged, tagged)

    untagged, tagged = connection.command(b"SELECT INBOX")
    exists = [int(text.split()[1]) for text, _ in untagged if text.endswith(b" EXISTS\r\n")]
    check(f"{label}: SELECT INBOX", tagged.split(b" ")[1] == b"OK" and len(exists) == 1, (untagged, tagged))
    count = exists[0]

    # APPEND with a synchronizing literal (waits for the continuation) and with LITERAL+.
    first = compressible_message(f"{label}-1", 300_000)
    tag = connection.tag()
    connection.send(tag + b" APPEND INBOX (\\Seen) {%d}\r\n" % len(first))
    continuation = connection.readline()
    check(f"{label}: APPEND gets a continuation for its literal", continuation.startswith(b"+"), continuation)
    sent_before = connection.raw_sent
    connection.send(first + b"\r\n")
    _, tagged = connection.until_tagged(tag)
    check(f"{label}: APPEND of 300 KB with a synchronizing literal", b"OK [APPENDUID" in tagged, tagged)
    check(f"{label}: the literal went out compressed", connection.raw_sent - sent_before < len(first) // 2,
          connection.raw_sent - sent_before)
    second = compressible_message(f"{label}-2", 5_000)
    _, tagged = connection.command(b"APPEND INBOX {%d+}\r\n" % len(second) + second)
    check(f"{label}: APPEND with LITERAL+", b"OK [APPENDUID" in tagged, tagged)

    check(f"{label}: the session sees the two new messages", connection.wait_for_exists(count + 2))
    received_before = connection.raw_received
    untagged, tagged = connection.command(b"FETCH %d:%d (FLAGS BODY.PEEK[])" % (count + 1, count + 2))
    bodies = [literals[0] for text, literals in untagged if b" FETCH " in text and literals]
    check(f"{label}: FETCH returns both bodies byte for byte", tagged.split(b" ")[1] == b"OK" and bodies == [first, second],
          (tagged, [len(body) for body in bodies]))
    fetched = connection.raw_received - received_before
    check(f"{label}: FETCH came compressed ({fetched} octets on the wire for {len(first) + len(second)})",
          fetched < (len(first) + len(second)) // 2, fetched)

    # IDLE: a delivery over SMTP is pushed through the compressed stream at once.
    tag = connection.tag()
    connection.send(tag + b" IDLE\r\n")
    continuation = connection.readline()
    check(f"{label}: IDLE continuation", continuation.startswith(b"+"), continuation)
    with smtplib.SMTP(HOST, MX, timeout=20) as mx:
        mx.sendmail("sender@example.org", [USER], compressible_message(f"{label}-idle", 2_000))
    while True:
        text, _ = connection.response()
        if text == b"* %d EXISTS\r\n" % (count + 3): break
    check(f"{label}: IDLE pushes * {count + 3} EXISTS for an SMTP delivery", True)
    connection.send(b"DONE\r\n")
    _, tagged = connection.until_tagged(tag)
    check(f"{label}: IDLE ends with OK after DONE", tagged.split(b" ")[1] == b"OK", tagged)

    untagged, tagged = connection.command(b"LOGOUT")
    check(f"{label}: LOGOUT says BYE and OK", any(text.startswith(b"* BYE") for text, _ in untagged)
          and tagged.split(b" ")[1] == b"OK", (untagged, tagged))
    try:
        connection.fill(); closed = False
    except (EOFError, ConnectionResetError):
        closed = True
    check(f"{label}: the server closes after LOGOUT", closed)
    sock.close()

def plain():
    return socket.create_connection((HOST, IMAP), timeout=20)

def implicit_tls():
    return tls.wrap_socket(socket.create_connection((HOST, IMAPS), timeout=20), server_hostname="localhost")

run("143", plain(), pipeline_after_compress=True)
run("993", implicit_tls(), pipeline_after_compress=False)

# A corrupt compressed stream: the server closes the connection (and keeps serving others).
connection = Connection(implicit_tls())
connection.readline()
_, tagged = connection.command(f'LOGIN "{USER}" "{password}"'.encode())
_, tagged = connection.command(b"COMPRESS DEFLATE")
check("corrupt: COMPRESS OK", tagged.split(b" ")[1] == b"OK", tagged)
connection.start_compression()
connection.sock.sendall(b"\xff\xff\xff\xff garbage\r\n")
try:
    while True: connection.fill()
except (EOFError, ConnectionResetError, ssl.SSLError):
    pass
check("corrupt: the server closed the connection", True)
connection = Connection(plain())
check("corrupt: the server still answers", connection.readline().startswith(b"* OK"))
print("done")
