import Foundation
import TestSupport

/// dkimpy (Python's DKIM and ARC library) driven through a small script, the independent
/// implementation the interop tests check Martlet against. Its key lookups go through
/// dnspython to a ``DKIMTestDNSServer``.
struct DKIMInteropPeer {
    static let python = URL(fileURLWithPath: "/usr/bin/env")

    /// Whether python3 has dkimpy, dnspython and PyNaCl (dkimpy's Ed25519) and dnsmasq is there.
    static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: DKIMTestDNSServer.executable) else { return false }
        guard let process = try? SpawnedProcess(python, ["python3", "-c", "import dkim, dkim.dknewkey, dns.resolver, nacl.signing"]),
              process.waitUntilExit(timeout: 120) else { return false }
        return process.ended == .exited(0)
    }()

    let directory: TemporaryDirectory
    private var script: String { directory.appending("dkim_peer.py") }

    init() throws {
        directory = try TemporaryDirectory(prefix: "martlet-dkim-interop")
        try Self.source.write(toFile: directory.appending("dkim_peer.py"), atomically: true, encoding: .utf8)
    }

    /// Runs a command of the script and returns its output lines; throws when it fails.
    func run(_ arguments: [String]) async throws -> [String] {
        let result = try await ChildProcess.run(Self.python, ["python3", script] + arguments, timeout: 120)
        guard result.status == 0 else {
            throw DKIMInteropError("dkim_peer.py \(arguments.first ?? "") failed: \(result.standardError)")
        }
        return result.outputLines
    }

    /// Writes `bytes` to a file in the temporary directory and returns its path.
    func write(_ bytes: [UInt8], named name: String) throws -> String {
        let path = directory.appending(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: directory.appending(name))))
    }

    /// The script: `keygen`, `sign`, `verify` and `arc-verify` on files.
    static let source = #"""
import sys
import dkim
import dns.resolver
from dkim import dknewkey


def dns_function(port):
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = ['127.0.0.1']
    resolver.port = port
    resolver.timeout = 5
    resolver.lifetime = 10

    def lookup(name, timeout=5):
        text = name.decode() if isinstance(name, bytes) else name
        try:
            answer = resolver.resolve(text, 'TXT')
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            return None
        for record in answer:
            return b''.join(record.strings)
        return None
    return lookup


def main():
    command = sys.argv[1]
    if command == 'keygen':
        kind, key_file, record_file = sys.argv[2:5]
        if kind == 'rsa':
            dknewkey.GenRSAKeys(key_file, verbose=False)
            dknewkey.ExtractRSADnsPublicKey(key_file, record_file, verbose=False)
        else:
            key = dknewkey.GenEd25519Keys(key_file, verbose=False)
            dknewkey.ExtractEd25519PublicKey(record_file, key, verbose=False)
    elif command == 'sign':
        message_file, kind, key_file, selector, domain, output_file = sys.argv[2:8]
        message = open(message_file, 'rb').read()
        key = open(key_file, 'rb').read()
        algorithm = b'ed25519-sha256' if kind == 'ed25519' else b'rsa-sha256'
        signature = dkim.sign(message, selector.encode(), domain.encode(), key,
                              signature_algorithm=algorithm,
                              include_headers=[b'from', b'to', b'subject', b'date', b'message-id'])
        open(output_file, 'wb').write(signature + message)
    elif command == 'verify':
        message_file, port = sys.argv[2], int(sys.argv[3])
        message = open(message_file, 'rb').read()
        verifier = dkim.DKIM(message)
        count = len([h for h in verifier.headers if h[0].lower() == b'dkim-signature'])
        for index in range(count):
            try:
                verified = verifier.verify(idx=index, dnsfunc=dns_function(port))
            except dkim.DKIMException:
                verified = False
            print('pass' if verified else 'fail')
    elif command == 'arc-verify':
        message_file, port = sys.argv[2], int(sys.argv[3])
        message = open(message_file, 'rb').read()
        result, _, reason = dkim.arc_verify(message, dnsfunc=dns_function(port))
        print(result.decode())
        print(reason)
    else:
        sys.exit('unknown command ' + command)


main()
"""#
}

struct DKIMInteropError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
