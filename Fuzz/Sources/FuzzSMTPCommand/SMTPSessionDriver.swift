import FuzzSupport
import MailCore
import SMTPProtocol

/// Plays the network glue around an `SMTPServerSession`: feeds it the payload piece by
/// piece, answers every question it asks at once, and encodes every reply.
struct SMTPSessionDriver {
    private let input: FuzzInput
    private var session: SMTPServerSession

    init(input: FuzzInput) {
        self.input = input
        var limits = Limits.defaults
        if input.flag(5) {
            limits.maxSMTPCommandLineLength = 512
            limits.maxSMTPTextLineLength = 1000
            limits.maxMessageSize = 1024
            limits.maxRecipientsPerMessage = 2
            limits.maxBadCommands = 3
            limits.maxAuthenticationAttempts = 1
            limits.maxCommandsBeforeLogin = 4
        } else {
            // Generous, so that long inputs reach deep states instead of being cut off.
            limits.maxBadCommands = 1000
            limits.maxCommandsBeforeLogin = 1000
            limits.maxAuthenticationAttempts = 1000
        }
        let policy: SMTPServerPolicy
        var tls: SMTPTLSInfo?
        switch input.options & 0x3 {
        case 0: policy = .mx(authentication: .offered)
        case 1: policy = .submission()
        case 2:
            policy = .submissions()
            tls = SMTPTLSInfo(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256")
        default: policy = .submission(allowsAuthenticationWithoutTLS: true)
        }
        let configuration = SMTPServerConfiguration(
            hostname: "mx.fuzz.example", policy: policy, limits: limits, mechanisms: FuzzSASL.mechanisms,
            maximumBufferedInput: 65_536, now: { MessageDate(secondsSinceEpoch: 1_700_000_000) })
        session = SMTPServerSession(configuration: configuration, remoteAddress: "192.0.2.1", tls: tls)
    }

    /// Runs the whole conversation.
    mutating func run() {
        var chunks = input.chunks[...]
        if input.flag(6), let early = chunks.popFirst() {
            perform(session.receive(early))
        }
        perform(session.start())
        let closeAt = input.flag(7) ? chunks.count / 2 : chunks.count
        for (index, chunk) in chunks.enumerated() where index < closeAt {
            perform(session.receive(chunk))
        }
        perform(session.timedOut())
        perform(session.connectionClosed())
    }

    /// Performs `actions` in order, and what the answers to its questions return.
    private mutating func perform(_ actions: [SMTPServerAction]) {
        var queue = actions[...]
        while let action = queue.popFirst() {
            switch action {
            case .send(let reply):
                _ = reply.encoded
            case .flush, .beginMessage, .messageContent, .abortMessage, .close:
                break
            case .checkSender:
                queue.append(contentsOf: session.senderChecked(
                    input.flag(2) ? .rejected(SMTPReply(550, SMTPEnhancedStatusCode(5, 7, 1), "refused by the fuzzer")) : .accepted))
            case .checkRecipient:
                queue.append(contentsOf: session.recipientChecked(
                    input.flag(3) ? .rejected(SMTPReply(550, SMTPEnhancedStatusCode(5, 1, 1), "no such user")) : .accepted))
            case .lookupCredential(let username):
                queue.append(contentsOf: session.credentialLookedUp(FuzzSASL.credential(for: username)))
            case .startTLS:
                queue.append(contentsOf: session.tlsEstablished(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256"))
            case .endMessage:
                queue.append(contentsOf: session.messageCommitted(
                    input.flag(4) ? .rejected(SMTPReply(451, SMTPEnhancedStatusCode(4, 3, 0), "try again")) : .accepted(queueID: "FUZZ1")))
            }
        }
    }
}
