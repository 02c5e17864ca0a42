import Testing
@testable import MartletServer

/// The cipher suite read from the first bytes a TLS server sends.
@Suite("TLS ServerHello scanner")
struct TLSServerHelloScannerTests {
    /// A ServerHello record: legacy version 1.2, a random, a session id of `sessionID` bytes,
    /// the suite, then compression and more (never read).
    private static func serverHello(suite: UInt16, sessionID: Int = 32) -> [UInt8] {
        var body: [UInt8] = [0x03, 0x03] + Array(repeating: 0xAB, count: 32)
        body += [UInt8(sessionID)] + Array(repeating: 0x11, count: sessionID)
        body += [UInt8(suite >> 8), UInt8(suite & 0xFF), 0x00, 0x00, 0x06, 0x00, 0x2B, 0x00, 0x02, 0x03, 0x04]
        let handshake: [UInt8] = [0x02, 0x00, UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body
        return [0x16, 0x03, 0x03, UInt8(handshake.count >> 8), UInt8(handshake.count & 0xFF)] + handshake
    }

    @Test(arguments: [0, 32])
    func findsTheSuiteWholeOrOneByteAtATime(sessionID: Int) {
        let record = Self.serverHello(suite: 0x1302, sessionID: sessionID)
        var whole = TLSServerHelloScanner()
        #expect(whole.scan(record) == .found(0x1302))
        var pieces = TLSServerHelloScanner()
        var outcomes: [TLSServerHelloScanner.Outcome] = []
        for byte in record { outcomes.append(pieces.scan([byte])) }
        let firstFound = outcomes.firstIndex(of: .found(0x1302))
        #expect(firstFound == 5 + 4 + 2 + 32 + 1 + sessionID + 1)
        #expect(outcomes.prefix(firstFound ?? 0).allSatisfy { $0 == .needMore })
        #expect(pieces.scan([0x00]) == .found(0x1302))
    }

    @Test func givesUpOnWhatIsNotAServerHello() {
        var alert = TLSServerHelloScanner()
        #expect(alert.scan([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]) == .notFound)
        var clientHello = TLSServerHelloScanner()
        #expect(clientHello.scan([0x16, 0x03, 0x01, 0x00, 0x40, 0x01]) == .notFound)
        var plaintext = TLSServerHelloScanner()
        #expect(plaintext.scan(Array("220 mail.example ESMTP\r\n".utf8)) == .notFound)
        var badVersion = TLSServerHelloScanner()
        #expect(badVersion.scan([0x16, 0x07]) == .notFound)
        var longSessionID = Self.serverHello(suite: 0x1301)
        longSessionID[5 + 4 + 2 + 32] = 33
        var scanner = TLSServerHelloScanner()
        #expect(scanner.scan(longSessionID) == .notFound)
        var empty = TLSServerHelloScanner()
        #expect(empty.scan([]) == .needMore)
    }

    @Test func suitesHaveTheirRegistryNames() {
        #expect(TLSCipherSuiteName.name(of: 0x1301) == "TLS_AES_128_GCM_SHA256")
        #expect(TLSCipherSuiteName.name(of: 0xC030) == "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")
        #expect(TLSCipherSuiteName.name(of: 0x1304) == "0x1304")
        #expect(TLSCipherSuiteName.name(of: 0x0A) == "0x000A")
    }
}
