import SASL
import TestSupport
@testable import POP3Protocol

/// Drives a ``POP3ServerSession`` the way the NIO glue will: feeds it bytes, performs its
/// actions (writing responses and message content to ``wire``), and answers its questions
/// from the fixtures a test sets.
struct POP3Harness {
    static let password = "secret"
    static let timestamp = "<1896.697170952@pop.example.org>"
    /// Computed once: key derivation is slow on purpose.
    static let credential: SCRAMCredential? = try? SCRAMCredential(
        password: password, salt: Array(repeating: 3, count: 16), iterations: 64)

    var session: POP3ServerSession
    /// Every response the session sent, in order.
    var responses: [POP3Response] = []
    private var newResponses: [POP3Response] = []
    /// Every byte written to the client: responses, message content and terminators.
    var wire: [UInt8] = []
    var actionLog: [POP3ServerAction] = []
    var flushCount = 0
    var closed = false
    var startTLSRequested = false
    var releaseCount = 0
    var credentialRequests: [String] = []
    var maildropRequests: [String] = []
    var commits: [[UInt32]] = []
    var transfers: [POP3MessageTransfer] = []

    /// Fixtures; a `nil` answer leaves the question open for the test to answer by hand.
    var credentials: [String: SCRAMCredential] = [:]
    var apopSecrets: [String: String] = [:]
    var answersCredentialLookups = true
    var maildropOutcome: POP3MaildropOutcome? = .opened(POP3Harness.sampleMaildrop)
    /// Message content by UID; a UID without content answers `messageMissing`.
    var contents: [UInt32: [UInt8]] = POP3Harness.sampleContents
    var answersTransfers = true
    var commitOutcome: POP3CommitOutcome? = .committed
    /// Content is streamed through the encoder in chunks of this size.
    var chunkSize = 5

    static let sampleContents: [UInt32: [UInt8]] = [
        10: Array("Subject: one\r\n\r\nHello\r\n.hidden\r\n".utf8),
        11: Array("Subject: two\r\nFrom: a@example.org\r\n\r\nline 1\r\nline 2\r\nline 3\r\n".utf8),
        12: Array("Subject: three\r\n\r\nbody\r\n".utf8),
    ]

    static var sampleMaildrop: POP3Maildrop {
        POP3Maildrop(messages: [10, 11, 12].map { uid in
            POP3MaildropMessage(uid: uid, size: sampleContents[uid]?.count ?? 0, uniqueID: "uid-\(uid)")
        })
    }

    static func configuration(
        plaintext: Bool = false, configure: (inout POP3ServerConfiguration) -> Void = { _ in }
    ) -> POP3ServerConfiguration {
        let context = SASLServerContext(
            limits: .standard, unknownUserSaltKey: Array(repeating: 7, count: 32),
            makeNonce: {
                var generator = SeededGenerator(seed: 42)
                return SCRAMNonce.random(using: &generator)
            })
        var configuration = POP3ServerConfiguration(
            hostname: "pop.example.org", mechanisms: .standard(context: context),
            allowsPlaintextAuthentication: plaintext)
        configure(&configuration)
        return configuration
    }

    init(
        plaintext: Bool = false, tls: POP3TLSInfo? = nil, timestamp: String? = POP3Harness.timestamp,
        configure: (inout POP3ServerConfiguration) -> Void = { _ in }
    ) {
        session = POP3ServerSession(
            configuration: Self.configuration(plaintext: plaintext, configure: configure),
            greetingTimestamp: timestamp, tls: tls)
        if let credential = Self.credential { credentials["alice"] = credential }
        apopSecrets["alice"] = "tanstaaf"
    }

    static let implicitTLS = POP3TLSInfo(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256")

    // MARK: Driving

    @discardableResult
    mutating func start() -> [POP3Response] {
        perform(session.start())
        return takeResponses()
    }

    /// Sends raw text and returns the responses it produced.
    @discardableResult
    mutating func send(_ text: String) -> [POP3Response] {
        sendBytes(Array(text.utf8))
    }

    @discardableResult
    mutating func sendBytes(_ bytes: [UInt8]) -> [POP3Response] {
        perform(session.receive(bytes))
        return takeResponses()
    }

    /// Sends one command line and returns the responses it produced.
    @discardableResult
    mutating func command(_ line: String) -> [POP3Response] {
        send(line + "\r\n")
    }

    /// Sends one command and returns its only response (`nil` if there was not exactly one).
    mutating func reply(_ line: String) -> POP3Response? {
        let produced = command(line)
        return produced.count == 1 ? produced[0] : nil
    }

    /// Greets and logs alice in with USER/PASS (over implicit TLS or with plaintext allowed).
    @discardableResult
    mutating func logIn() -> [POP3Response] {
        start()
        command("USER alice")
        return command("PASS \(Self.password)")
    }

    mutating func takeResponses() -> [POP3Response] {
        defer { newResponses = [] }
        return newResponses
    }

    /// The text written to the client since the harness began.
    var wireText: String { String(decoding: wire, as: UTF8.self) }

    mutating func perform(_ actions: [POP3ServerAction]) {
        var queue = actions[...]
        while let action = queue.popFirst() {
            actionLog.append(action)
            let more = perform(action)
            queue.append(contentsOf: more)
        }
    }

    private mutating func perform(_ action: POP3ServerAction) -> [POP3ServerAction] {
        switch action {
        case .send(let response):
            responses.append(response)
            newResponses.append(response)
            wire += response.encoded
        case .flush:
            flushCount += 1
        case .lookupCredential(let username):
            credentialRequests.append(username)
            if answersCredentialLookups { return session.credentialLookedUp(credentials[username]) }
        case .lookupAPOPSecret(let username):
            return session.apopSecretLookedUp(apopSecrets[username])
        case .openMaildrop(let username):
            maildropRequests.append(username)
            if let maildropOutcome { return session.maildropOpened(maildropOutcome) }
        case .sendMessage(let transfer):
            transfers.append(transfer)
            guard answersTransfers else { return [] }
            guard let content = contents[transfer.uid] else { return session.messageTransferred(.messageMissing) }
            responses.append(transfer.response)
            newResponses.append(transfer.response)
            wire += transfer.response.encoded
            var encoder = POP3MultilineEncoder(bodyLineLimit: transfer.bodyLineLimit)
            var index = 0
            while index < content.count, !encoder.isComplete {
                let end = min(index + chunkSize, content.count)
                wire += encoder.encode(content[index..<end])
                index = end
            }
            wire += encoder.finish()
            return session.messageTransferred(.sent)
        case .commitDeletions(let uids):
            commits.append(uids)
            if let commitOutcome { return session.deletionsCommitted(commitOutcome) }
        case .releaseMaildrop:
            releaseCount += 1
        case .startTLS:
            startTLSRequested = true
        case .close:
            closed = true
        }
        return []
    }
}

extension POP3Response {
    /// The status line as text, without CRLF (tests compare with it).
    var line: String {
        let encoded = self.encoded
        let end = encoded.firstIndex(of: 13) ?? encoded.endIndex
        return String(decoding: encoded[..<end], as: UTF8.self)
    }
}
