import IMAPProtocol
import Logging
import MailStore
import NIOCore
import NIOSSL
import NIOTLS

/// The network side of one IMAP connection: feeds received bytes to the sans-I/O
/// `IMAPServerSession` and performs its actions — writing responses, looking up
/// credentials, running store requests off the event loop, starting TLS and compression
/// (``InflateInputHandler`` and ``DeflateOutputHandler`` in front of it), and passing the
/// account's change feed to the session once it is logged in.
///
/// Reads are held while the session waits for an answer and while the socket cannot take
/// more output, so neither a pipelining client nor a slow reader makes the server buffer
/// without bound.
final class IMAPConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var session: IMAPServerSession
    private let services: IMAPServices
    private var logger: Logger
    /// The account of the login name whose credential was looked up last.
    private var lookedUpLogin: (username: String, account: AccountID)?
    private var executor: IMAPCommandExecutor?
    private var changeFeedTask: Task<Void, Never>?
    /// The account of the logged-in user.
    private var ownAccount: AccountID?
    /// While another account's mailbox is selected: that account and the task passing its
    /// change feed to the session.
    private var followedOwner: (account: AccountID, task: Task<Void, Never>)?
    private var readGate = ReadGate()
    private let idleTimer = IdleTimer()
    /// With implicit TLS (port 993) the greeting waits for the handshake.
    private var awaitsImplicitTLS: Bool
    private let connection: AcceptedConnection
    private var tarpit: Tarpit
    private var failures: SessionFailureReporter

    init(services: IMAPServices, connection: AcceptedConnection, implicitTLS: Bool) {
        self.services = services
        self.session = IMAPServerSession(configuration: services.configuration, isTLSActive: implicitTLS)
        var logger = services.logger
        logger[metadataKey: "client"] = "\(connection.remoteIP)"
        logger[metadataKey: "service"] = "\(connection.service.rawValue)"
        self.logger = logger
        self.awaitsImplicitTLS = implicitTLS
        self.connection = connection
        self.tarpit = Tarpit(limits: services.configuration.limits)
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
        changeFeedTask?.cancel()
        changeFeedTask = nil
        followedOwner?.task.cancel()
        followedOwner = nil
        perform(session.connectionClosed(), context: context)
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        readGate.release(context: context, sessionWaits: sessionWaits(context), sessionClosed: session.isClosed)
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            if awaitsImplicitTLS {
                awaitsImplicitTLS = false
                perform(session.start(), context: context)
            } else {
                perform(session.tlsEstablished(), context: context)
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

    // MARK: - Reads held while the session waits or the client does not read

    func read(context: ChannelHandlerContext) {
        readGate.read(context: context, sessionWaits: sessionWaits(context))
    }

    /// Whether input must wait: the session waits for an answer (during the TLS handshake
    /// the TLS handler before this one must read on), or output is backed up.
    private func sessionWaits(_ context: ChannelHandlerContext) -> Bool {
        if let awaiting = session.awaiting, awaiting != .tlsHandshake { return true }
        if tarpit.isHolding { return true }
        return !context.channel.isWritable
    }

    // MARK: - Actions

    private func perform(_ actions: [IMAPServerAction], context: ChannelHandlerContext) {
        var wrote = false
        for action in actions {
            switch action {
            case .send(let bytes):
                context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
                wrote = true
            case .startTLS:
                context.flush()
                wrote = false
                do {
                    try context.pipeline.syncOperations.addServerTLSHandlers(context: services.tlsContext)
                } catch {
                    context.close(promise: nil)
                }
            case .startCompression(let pendingInput):
                context.flush()
                wrote = false
                startCompression(pendingInput: pendingInput, context: context)
            case .lookupCredential(let username):
                lookUpCredential(of: username, context: context)
            case .authenticated(let username):
                authenticated(as: username, context: context)
            case .execute(let request):
                execute(request, context: context)
            case .close:
                if wrote { flushOutput(context: context) }
                wrote = false
                Tarpit.close(self, context: context, tarpit: \.tarpit)
            }
        }
        if wrote { flushOutput(context: context) }
        failures.report(authenticationFailures: session.failedAuthenticationCount,
                        abused: session.isClosed && session.badCommandCount >= services.configuration.limits.maxBadCommands)
        readGate.release(context: context, sessionWaits: sessionWaits(context), sessionClosed: session.isClosed)
        followSelectedMailboxOwner(context: context)
    }

    /// While a mailbox of another account is selected (shared with this one, RFC 4314), its
    /// changes are published to its owner's feed: that feed is passed to the session too.
    /// The subscription starts after the SELECT's snapshot was read, so the session is told
    /// to read the mailbox again (`resyncNeeded`), and no change in between is lost.
    private func followSelectedMailboxOwner(context: ChannelHandlerContext) {
        let owner = session.selected.map(\.mailbox.account).flatMap { $0 == ownAccount ? nil : $0 }
        guard owner != followedOwner?.account else { return }
        followedOwner?.task.cancel()
        followedOwner = nil
        guard let owner, !session.isClosed else { return }
        let task = forwardChanges(services.store.changes(of: owner), to: self, context: context, placement: .eventLoop) { handler, context, change in
            handler.perform(handler.session.storeChanged(change), context: context)
        }
        followedOwner = (owner, task)
        perform(session.storeChanged(.resyncNeeded), context: context)
    }

    /// Flushes the output, held back by the tarpit after errors.
    private func flushOutput(context: ChannelHandlerContext) {
        Tarpit.flush(self, context: context, errors: session.badCommandCount + session.failedAuthenticationCount,
                     tarpit: \.tarpit) { handler, context in
            handler.readGate.release(context: context, sessionWaits: handler.sessionWaits(context),
                                     sessionClosed: handler.session.isClosed)
        }
    }

    /// Compresses everything after the OK to COMPRESS, which is already written (and now
    /// flushed) as it is (RFC 4978 §3); the octets that followed the command are inflated
    /// and read first.
    private func startCompression(pendingInput: [UInt8], context: ChannelHandlerContext) {
        do {
            try context.pipeline.syncOperations.addCompressionHandlers(
                before: self, pendingInput: pendingInput, pieceSize: services.configuration.outputChunkSize, logger: logger)
        } catch {
            logger.error("closing the connection: compression did not start", metadata: ["error": "\(error)"])
            context.close(promise: nil)
        }
    }

    private func lookUpCredential(of username: String, context: ChannelHandlerContext) {
        if let refusal = connection.abuseGuard.admitAuthenticationAttempt(from: connection.remoteIP) {
            // RFC 9051 §7.1.5: BYE with UNAVAILABLE (RFC 5530 §3) and the reason.
            logger.notice("authentication attempts refused", metadata: ["reason": "\(refusal)"])
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(
                string: "* BYE [UNAVAILABLE] \(refusal), try again later\r\n")), promise: nil)
            context.close(promise: nil)
            return
        }
        let services = self.services
        answerOffLoop(self, context: context, placement: .eventLoop, { await services.login(of: username) }) { handler, context, login in
            handler.lookedUpLogin = login.map { (username, $0.account) }
            handler.perform(handler.session.credentialLookedUp(login?.credential), context: context)
        }
    }

    /// Binds the connection to the account: an executor for its requests, and its change
    /// feed passed to the session event by event (subscribed before any SELECT snapshot, so
    /// no change falls between the two).
    private func authenticated(as username: String, context: ChannelHandlerContext) {
        guard let login = lookedUpLogin, login.username == username else {
            logger.error("imap login without a looked-up account", metadata: ["user": "\(username)"])
            context.close(promise: nil)
            return
        }
        logger.info("imap login", metadata: ["user": "\(username)"])
        executor = services.executor(for: login.account)
        ownAccount = login.account
        changeFeedTask = forwardChanges(services.store.changes(of: login.account), to: self, context: context, placement: .eventLoop) {
            handler, context, change in
            handler.perform(handler.session.storeChanged(change), context: context)
        }
    }

    private func execute(_ request: IMAPStoreRequest, context: ChannelHandlerContext) {
        guard let executor else {
            logger.error("imap store request before login")
            context.close(promise: nil)
            return
        }
        let services = self.services
        let placement: TaskPlacement = request.evaluatesWholeMailbox ? .cooperativePool : .eventLoop
        answerOffLoop(self, context: context, placement: placement, { await services.execute(request, by: executor) }) { handler, context, response in
            handler.perform(handler.session.executed(response), context: context)
        }
    }

    private func resetIdleTimer(context: ChannelHandlerContext) {
        idleTimer.reset(self, context: context, after: .seconds(Int64(session.idleTimeoutSeconds))) { handler, context in
            handler.perform(handler.session.timedOut(), context: context)
        }
    }
}
