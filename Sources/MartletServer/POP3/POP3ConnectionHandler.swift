import Logging
import MailStore
import NIOCore
import NIOSSL
import NIOTLS
import POP3Protocol

/// The network side of one POP3 connection: feeds received bytes to the sans-I/O
/// `POP3ServerSession` and performs its actions — writing responses, looking up
/// credentials, locking and snapshotting the maildrop, sending messages byte-stuffed, and
/// committing the deletions at QUIT. Reads are held while the session waits for an answer.
final class POP3ConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var session: POP3ServerSession
    private let services: POP3Services
    private let connection: AcceptedConnection
    private var logger: Logger
    /// The maildrop this session holds: its lock key, and its INBOX once the snapshot is taken.
    private var maildrop: (lockKey: String, inbox: MailboxID?)?
    /// Contents read ahead of RETR and TOP, and the task that tells it of other sessions'
    /// expunges.
    private var prefetch: MaildropPrefetch?
    private var expungeWatch: Task<Void, Never>?
    private var readGate = ReadGate()
    private let idleTimer = IdleTimer()
    /// With implicit TLS (port 995) the greeting waits for the handshake.
    private var awaitsImplicitTLS: Bool
    /// The cipher suite the TLS handshake chose (empty until known).
    private var negotiatedCipher = ""
    private var tarpit: Tarpit
    private var failures: SessionFailureReporter

    init(services: POP3Services, connection: AcceptedConnection, implicitTLS: Bool) {
        self.services = services
        self.connection = connection
        self.session = POP3ServerSession(configuration: services.configuration,
                                         greetingTimestamp: services.greetingTimestamp())
        var logger = services.logger
        logger[metadataKey: "client"] = "\(connection.remoteIP)"
        logger[metadataKey: "service"] = "\(connection.service.rawValue)"
        self.logger = logger
        self.awaitsImplicitTLS = implicitTLS
        self.tarpit = Tarpit(limits: services.limits)
        self.failures = SessionFailureReporter(connection: connection)
    }

    func channelActive(context: ChannelHandlerContext) {
        resetIdleTimer(context: context)
        if !awaitsImplicitTLS { perform(session.start(), context: context) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        resetIdleTimer(context: context)
        perform(session.receive(buffer.readableBytesView), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleTimer.cancel()
        perform(session.connectionClosed(), context: context)
        releaseMaildrop()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let cipher = event as? NegotiatedCipherEvent {
            negotiatedCipher = cipher.name
        } else if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            let tls = POP3TLSInfo(version: context.negotiatedTLSVersionName, cipher: negotiatedCipher)
            if awaitsImplicitTLS {
                awaitsImplicitTLS = false
                session = POP3ServerSession(configuration: services.configuration,
                                            greetingTimestamp: services.greetingTimestamp(), tls: tls)
                perform(session.start(), context: context)
            } else {
                perform(session.tlsEstablished(version: tls.version, cipher: tls.cipher), context: context)
            }
        } else if event is ServerShutdownEvent {
            perform(session.shutDown(), context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("connection error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    // MARK: - Reads held while the session waits

    func read(context: ChannelHandlerContext) {
        readGate.read(context: context, sessionWaits: sessionWaits)
    }

    /// Whether the session waits for an answer. During the TLS handshake the TLS handler
    /// (before this one) must read on.
    private var sessionWaits: Bool {
        if tarpit.isHolding { return true }
        if let awaiting = session.awaiting { return awaiting != .tlsHandshake } else { return false }
    }

    // MARK: - Actions

    private func perform(_ actions: [POP3ServerAction], context: ChannelHandlerContext) {
        for action in actions {
            switch action {
            case .send(let response):
                write(response.encoded, context: context)
            case .flush:
                Tarpit.flush(self, context: context, errors: session.badCommandCount + session.failedAuthenticationCount,
                             tarpit: \.tarpit) { handler, context in
                    handler.readGate.release(context: context, sessionWaits: handler.sessionWaits,
                                             sessionClosed: handler.session.isClosed)
                }
            case .lookupCredential(let username):
                guard admitAuthenticationAttempt(context: context) else { return }
                let services = self.services
                answer(context: context, { await services.credential(of: username) }) { handler, credential in
                    handler.session.credentialLookedUp(credential)
                }
            case .lookupAPOPSecret(let username):
                guard admitAuthenticationAttempt(context: context) else { return }
                // A secret of its own (`martlet user apop`): the password is kept only as a
                // SCRAM verifier, which APOP cannot use.
                let services = self.services
                answer(context: context, { await services.apopSecret(of: username) }) { handler, secret in
                    handler.session.apopSecretLookedUp(secret)
                }
            case .openMaildrop(let username):
                openMaildrop(of: username, context: context)
            case .sendMessage(let transfer):
                sendMessage(transfer, context: context)
            case .commitDeletions(let uids):
                commitDeletions(uids, context: context)
            case .releaseMaildrop:
                releaseMaildrop()
            case .startTLS:
                do {
                    try context.pipeline.syncOperations.addServerTLSHandlers(context: services.tlsContext)
                } catch {
                    context.close(promise: nil)
                }
            case .close:
                Tarpit.close(self, context: context, tarpit: \.tarpit)
            }
        }
        failures.report(authenticationFailures: session.failedAuthenticationCount,
                        abused: session.isClosed && session.badCommandCount >= services.limits.maxBadCommands)
        readGate.release(context: context, sessionWaits: sessionWaits, sessionClosed: session.isClosed)
    }

    /// A password attempt within `[rate_limits]`; over it, `-ERR [SYS/TEMP]` (RFC 3206 §4)
    /// naming the limit, and the connection closes.
    private func admitAuthenticationAttempt(context: ChannelHandlerContext) -> Bool {
        guard let refusal = connection.abuseGuard.admitAuthenticationAttempt(from: connection.remoteIP) else { return true }
        logger.notice("authentication attempts refused", metadata: ["reason": "\(refusal)"])
        write(Array("-ERR [SYS/TEMP] \(refusal), try again later\r\n".utf8), context: context)
        context.flush()
        context.close(promise: nil)
        return false
    }

    private func write(_ bytes: [UInt8], context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }

    /// Locks the maildrop on the event loop (so a second session is refused at once), then
    /// takes the snapshot off it.
    private func openMaildrop(of username: String, context: ChannelHandlerContext) {
        let key = POP3Services.lockKey(of: username)
        guard services.locks.acquire(key) else {
            logger.info("pop3 maildrop in use", metadata: ["user": "\(username)"])
            return perform(session.maildropOpened(.inUse), context: context)
        }
        maildrop = (key, nil)
        let services = self.services
        answerOffLoop(self, context: context, placement: .eventLoop, { await services.openMaildrop(of: username) }) { handler, context, result in
            let (outcome, opened) = result
            if case .opened = outcome, let opened, handler.maildrop?.lockKey == key {
                handler.maildrop?.inbox = opened.inbox
                handler.startPrefetch(opened, context: context)
            } else {
                // Not opened: the session stays in AUTHORIZATION and may try again.
                handler.releaseMaildrop()
            }
            handler.perform(handler.session.maildropOpened(outcome), context: context)
        }
    }

    /// Watches the account's change feed while the maildrop is open, so that the read-ahead
    /// forgets messages other sessions expunge.
    private func startPrefetch(_ opened: OpenedMaildrop, context: ChannelHandlerContext) {
        prefetch = MaildropPrefetch(messages: opened.messages)
        let inbox = opened.inbox
        expungeWatch = forwardChanges(services.store.changes(of: opened.account), to: self, context: context, placement: .eventLoop) {
            handler, _, change in
            guard case .messagesExpunged(let mailbox, let uids, _) = change, mailbox == inbox else { return }
            handler.prefetch?.expunged(uids.map(\.rawValue))
        }
    }

    private func sendMessage(_ transfer: POP3MessageTransfer, context: ChannelHandlerContext) {
        guard let inbox = maildrop?.inbox, prefetch != nil else {
            return perform(session.messageTransferred(.readFailed), context: context)
        }
        if let bytes = prefetch?.take(transfer.uid) {
            return send(bytes, for: transfer, context: context)
        }
        let store = services.store
        let uids = (prefetch?.batch(from: transfer.uid) ?? [transfer.uid]).map { UID($0) }
        answerOffLoop(self, context: context, placement: .eventLoop, { () async -> Result<[MessageContent], MailStoreError> in
            do throws(MailStoreError) {
                return .success(try await store.contents(of: uids, in: inbox))
            } catch {
                return .failure(error)
            }
        }) { handler, context, read in
            switch read {
            case .success(let contents):
                var wanted: [UInt8]?
                for content in contents {
                    if content.summary.uid.rawValue == transfer.uid {
                        wanted = content.bytes
                    } else {
                        handler.prefetch?.hold(content.summary.uid.rawValue, content.bytes)
                    }
                }
                guard let bytes = wanted else {
                    return handler.perform(handler.session.messageTransferred(.messageMissing), context: context)
                }
                handler.send(bytes, for: transfer, context: context)
            case .failure(let error):
                handler.logger.warning("pop3 message could not be read", metadata: ["uid": "\(transfer.uid)", "error": "\(error)"])
                handler.perform(handler.session.messageTransferred(.readFailed), context: context)
            }
        }
    }

    /// Writes a message byte-stuffed after its `+OK` line (RFC 1939 §3).
    private func send(_ bytes: [UInt8], for transfer: POP3MessageTransfer, context: ChannelHandlerContext) {
        var encoder = POP3MultilineEncoder(bodyLineLimit: transfer.bodyLineLimit)
        var output = transfer.response.encoded
        output.reserveCapacity(output.count + bytes.count + bytes.count / 64 + 8)
        encoder.encode(bytes, into: &output)
        output.append(contentsOf: encoder.finish())
        write(output, context: context)
        perform(session.messageTransferred(.sent), context: context)
    }

    /// Expunges exactly the marked messages in one commit (RFC 1939 §6); messages that an
    /// IMAP session expunged meanwhile are simply not there any more. The commit owns the
    /// maildrop lock until it is durable, even if the client drops before the `+OK`: no
    /// new session may snapshot messages that are being deleted.
    private func commitDeletions(_ uids: [UInt32], context: ChannelHandlerContext) {
        guard let held = maildrop, let inbox = held.inbox else {
            return perform(session.deletionsCommitted(.failed), context: context)
        }
        maildrop = nil
        stopPrefetch()
        let store = services.store
        let locks = services.locks
        let logger = self.logger
        answerOffLoop(self, context: context, placement: .eventLoop, { () async -> POP3CommitOutcome in
            defer { locks.release(held.lockKey) }
            do {
                let result = try await store.expunge(UIDSet(uids.map { UID($0) }), in: inbox, onlyDeleted: false)
                logger.info("pop3 deleted", metadata: ["messages": "\(result.expunged.count)"])
                return .committed
            } catch {
                logger.warning("pop3 deletions failed", metadata: ["error": "\(error)"])
                return .failed
            }
        }) { handler, context, outcome in
            handler.perform(handler.session.deletionsCommitted(outcome), context: context)
        }
    }

    private func stopPrefetch() {
        prefetch = nil
        expungeWatch?.cancel()
        expungeWatch = nil
    }

    private func releaseMaildrop() {
        stopPrefetch()
        guard let held = maildrop else { return }
        maildrop = nil
        services.locks.release(held.lockKey)
    }

    /// Runs `question` off the event loop and performs the actions `apply` makes of its answer.
    private func answer<Answer: Sendable>(
        context: ChannelHandlerContext,
        _ question: @escaping @Sendable () async -> Answer,
        apply: @escaping (POP3ConnectionHandler, Answer) -> [POP3ServerAction]
    ) {
        answerOffLoop(self, context: context, question) { handler, context, value in
            handler.perform(apply(handler, value), context: context)
        }
    }

    /// The greeting timeout (if shorter than the idle timeout) until the client has logged
    /// in, the idle timeout after.
    private func resetIdleTimer(context: ChannelHandlerContext) {
        let period: TimeAmount = session.authenticatedUser == nil
            ? min(.seconds(Int64(services.limits.greetingTimeoutSeconds)), services.idleTimeout) : services.idleTimeout
        idleTimer.reset(self, context: context, after: period) { handler, context in
            handler.perform(handler.session.timedOut(), context: context)
        }
    }
}
