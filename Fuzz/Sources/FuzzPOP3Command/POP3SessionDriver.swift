import FuzzSupport
import POP3Protocol

/// Plays the network glue around a `POP3ServerSession`: feeds it the payload piece by piece,
/// answers every question it asks at once, and encodes every response. The maildrop holds
/// three messages; the first one's content is the payload itself.
struct POP3SessionDriver {
    private let input: FuzzInput
    private var session: POP3ServerSession
    private let messages: [[UInt8]]

    init(input: FuzzInput) {
        self.input = input
        let limits = input.flag(5)
            ? POP3Limits(maximumBadCommands: 3, maximumAuthenticationFailures: 1, maximumCommandsBeforeLogin: 4,
                         maximumBufferedInput: 512)
            : POP3Limits(maximumBadCommands: 1000, maximumAuthenticationFailures: 1000, maximumCommandsBeforeLogin: 1000)
        let configuration = POP3ServerConfiguration(
            hostname: "pop.fuzz.example", mechanisms: FuzzSASL.mechanisms, offersSTLS: !input.flag(0),
            allowsPlaintextAuthentication: input.flag(1), offersAPOP: input.flag(2),
            expirePolicy: input.flag(5) ? .days(30) : .never, loginDelaySeconds: input.flag(5) ? 60 : nil,
            limits: limits)
        session = POP3ServerSession(
            configuration: configuration, greetingTimestamp: "<1896.697170952@pop.fuzz.example>",
            tls: input.flag(0) ? POP3TLSInfo(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256") : nil)
        messages = [
            input.payload,
            Array("Subject: two\r\n\r\n.dot line\r\nbody\r\n".utf8),
            Array("Subject: three\r\n\r\n".utf8),
        ]
    }

    /// Runs the whole conversation.
    mutating func run() {
        perform(session.start())
        let chunks = input.chunks
        let closeAt = input.flag(7) ? chunks.count / 2 : chunks.count
        for chunk in chunks.prefix(closeAt) {
            perform(session.receive(chunk))
        }
        perform(session.timedOut())
        perform(session.connectionClosed())
    }

    /// Performs `actions` in order, and what the answers to its questions return.
    private mutating func perform(_ actions: [POP3ServerAction]) {
        var queue = actions[...]
        while let action = queue.popFirst() {
            switch action {
            case .send(let response):
                _ = response.encoded
            case .flush, .releaseMaildrop, .close:
                break
            case .lookupCredential(let username):
                queue.append(contentsOf: session.credentialLookedUp(FuzzSASL.credential(for: username)))
            case .lookupAPOPSecret(let username):
                queue.append(contentsOf: session.apopSecretLookedUp(
                    username == FuzzSASL.username ? FuzzSASL.password : nil))
            case .openMaildrop:
                let maildrop = POP3Maildrop(messages: messages.enumerated().map { index, content in
                    POP3MaildropMessage(uid: UInt32(index + 1), size: content.count, uniqueID: "fuzz-\(index + 1)")
                })
                queue.append(contentsOf: session.maildropOpened(input.flag(3) ? .inUse : .opened(maildrop)))
            case .sendMessage(let transfer):
                queue.append(contentsOf: session.messageTransferred(send(transfer)))
            case .commitDeletions:
                queue.append(contentsOf: session.deletionsCommitted(input.flag(6) ? .failed : .committed))
            case .startTLS:
                queue.append(contentsOf: session.tlsEstablished(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256"))
            }
        }
    }

    /// Sends one message the way the glue does, checking what would go on the wire.
    private func send(_ transfer: POP3MessageTransfer) -> POP3MessageTransferOutcome {
        guard !input.flag(4) else { return .readFailed }
        let index = Int(transfer.uid) - 1
        guard messages.indices.contains(index) else { return .messageMissing }
        _ = transfer.response.encoded
        var encoder = POP3MultilineEncoder(bodyLineLimit: transfer.bodyLineLimit)
        var output = encoder.encode(messages[index])
        output += encoder.finish()
        checkMultiline(output)
        return .sent
    }
}
