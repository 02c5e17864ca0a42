import Delivery
import Logging
import MailStore
import NIOCore
import NIOSSL
import NIOTLS
import SMTPProtocol

/// The network side of one SMTP connection: feeds received bytes to the sans-I/O
/// `SMTPServerSession` and performs the actions it returns — writing replies, asking the
/// store and the delivery policy, upgrading to TLS, committing messages. It holds reads while
/// the session waits for an answer, so a client cannot make it buffer without bound.
final class SMTPConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var session: SMTPServerSession
    private let services: SMTPServices
    private let connection: AcceptedConnection
    private var logger: Logger
    /// The accounts each accepted recipient reaches (the envelope names the recipients).
    private var routes: [SMTPForwardPath: [LocalRecipient]] = [:]
    private var reception: MessageReception?
    /// A read the pipeline asked for while the session was waiting.
    private var readHeld = false
    private var idleTimer: Scheduled<Void>?

    init(services: SMTPServices, connection: AcceptedConnection, implicitTLS: Bool) {
        self.services = services
        self.connection = connection
        self.session = SMTPServerSession(configuration: services.configuration, remoteAddress: connection.remoteIP)
        var logger = services.logger
        logger[metadataKey: "client"] = "\(connection.remoteIP)"
        logger[metadataKey: "service"] = "\(connection.service.rawValue)"
        self.logger = logger
        self.awaitsImplicitTLS = implicitTLS
    }

    /// With implicit TLS the greeting waits for the handshake.
    private var awaitsImplicitTLS: Bool

    func channelActive(context: ChannelHandlerContext) {
        resetIdleTimer(context: context)
        if !awaitsImplicitTLS { scheduleGreeting(context: context) }
        context.fireChannelActive()
    }

    private func scheduleGreeting(context: ChannelHandlerContext) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        if services.greetingDelay > .zero {
            context.eventLoop.scheduleTask(in: services.greetingDelay) {
                let (handler, context) = bound.value
                handler.perform(handler.session.start(), context: context)
            }
        } else {
            perform(session.start(), context: context)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        resetIdleTimer(context: context)
        perform(session.receive(buffer.readableBytesView), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        _ = session.connectionClosed()
        reception = nil
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            let version = (try? context.pipeline.syncOperations.nioSSL_tlsVersion()).flatMap { $0 }.map(Self.name) ?? "TLS"
            if awaitsImplicitTLS {
                awaitsImplicitTLS = false
                session = SMTPServerSession(configuration: services.configuration, remoteAddress: connection.remoteIP,
                                            tls: SMTPTLSInfo(version: version, cipher: ""))
                scheduleGreeting(context: context)
            } else {
                perform(session.tlsEstablished(version: version, cipher: ""), context: context)
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
        // During the TLS handshake the TLS handler (before this one) must read on.
        if let awaiting = session.awaiting, awaiting != .tlsHandshake {
            readHeld = true
        } else {
            context.read()
        }
    }

    private func releaseHeldRead(context: ChannelHandlerContext) {
        guard readHeld, session.awaiting == nil || session.awaiting == .tlsHandshake, !session.isClosed else { return }
        readHeld = false
        context.read()
    }

    // MARK: - Actions

    private func perform(_ actions: [SMTPServerAction], context: ChannelHandlerContext) {
        for action in actions {
            switch action {
            case .send(let reply):
                context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: reply.encoded)), promise: nil)
            case .flush:
                context.flush()
            case .checkSender(let check):
                routes.removeAll()
                let ownership = services.ownership
                let listener = services.configuration.policy.listenerKind
                answer(context: context, { await ownership.check(check, on: listener) }) { handler, decision in
                    handler.session.senderChecked(decision)
                }
            case .checkRecipient(let check):
                let routing = services.routing
                answer(context: context, { await routing.route(check) }) { handler, routed in
                    if case .accepted = routed.decision { handler.routes[check.recipient] = routed.accounts }
                    return handler.session.recipientChecked(routed.decision)
                }
            case .lookupCredential(let username):
                let services = self.services
                answer(context: context, { await services.credential(of: username) }) { handler, credential in
                    handler.session.credentialLookedUp(credential)
                }
            case .startTLS:
                do {
                    try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: services.tlsContext), position: .first)
                } catch {
                    context.close(promise: nil)
                }
            case .beginMessage(let envelope):
                let accounts = envelope.recipients.flatMap { routes[$0.path] ?? [] }
                reception = MessageReception(envelope: envelope, accounts: accounts, id: MessageIdentifier.make(),
                                             hostname: services.configuration.hostname)
                routes.removeAll()
            case .messageContent(let bytes):
                reception?.append(bytes)
            case .abortMessage:
                reception = nil
            case .endMessage:
                guard let message = reception else {
                    perform(session.messageCommitted(.rejected(.localError)), context: context)
                    continue
                }
                reception = nil
                let delivery = services.delivery
                let logger = self.logger
                answer(context: context, {
                    let outcome = await delivery.commit(message)
                    if case .accepted(let id) = outcome {
                        logger.info("delivered", metadata: ["id": "\(id)", "octets": "\(message.receivedOctets)",
                                                            "recipients": "\(message.envelope.recipients.count)"])
                    }
                    return outcome
                }) { handler, outcome in
                    handler.session.messageCommitted(outcome)
                }
            case .close:
                context.close(promise: nil)
            }
        }
        releaseHeldRead(context: context)
    }

    /// Runs `question` off the event loop and gives its answer to `apply` back on it; the
    /// actions `apply` returns are performed in turn.
    private func answer<Answer: Sendable>(
        context: ChannelHandlerContext,
        _ question: @escaping @Sendable () async -> Answer,
        apply: @escaping (SMTPConnectionHandler, Answer) -> [SMTPServerAction]
    ) {
        let bound = NIOLoopBound((self, context, apply), eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        Task {
            let value = await question()
            eventLoop.execute {
                let (handler, context, apply) = bound.value
                guard context.channel.isActive else { return }
                handler.perform(apply(handler, value), context: context)
            }
        }
    }

    private func resetIdleTimer(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        idleTimer = context.eventLoop.scheduleTask(in: services.idleTimeout) {
            let (handler, context) = bound.value
            handler.perform(handler.session.timedOut(), context: context)
        }
    }

    private static func name(_ version: TLSVersion) -> String {
        switch version {
        case .tlsv1: "TLSv1"
        case .tlsv11: "TLSv1.1"
        case .tlsv12: "TLSv1.2"
        case .tlsv13: "TLSv1.3"
        }
    }
}
