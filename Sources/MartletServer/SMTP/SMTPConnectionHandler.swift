import AbuseDefense
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
    /// Where each accepted recipient's copy goes (the envelope names the recipients).
    private var routes: [SMTPForwardPath: RecipientRoute] = [:]
    private var reception: MessageReception?
    /// Where a large message's content goes once it outgrows memory.
    private var spoolWriter: MessageSpoolWriter?
    /// A read the pipeline asked for while the session was waiting.
    private var readGate = ReadGate()
    private let idleTimer = IdleTimer()
    private var tarpit: Tarpit
    private var failures: SessionFailureReporter
    /// Whether the client has sent anything since the greeting (before, the shorter
    /// greeting timeout applies).
    private var clientHasSpoken = false
    /// The DNS block lists that list this client (port 25), known before the greeting.
    private var blockListings: [BlockListing] = []

    init(services: SMTPServices, connection: AcceptedConnection, implicitTLS: Bool) {
        self.services = services
        self.connection = connection
        self.session = SMTPServerSession(configuration: services.configuration, remoteAddress: connection.remoteIP)
        var logger = services.logger
        logger[metadataKey: "client"] = "\(connection.remoteIP)"
        logger[metadataKey: "service"] = "\(connection.service.rawValue)"
        self.logger = logger
        self.awaitsImplicitTLS = implicitTLS
        self.tarpit = Tarpit(limits: services.configuration.limits)
        self.failures = SessionFailureReporter(connection: connection)
    }

    /// With implicit TLS the greeting waits for the handshake.
    private var awaitsImplicitTLS: Bool
    /// The cipher suite the TLS handshake chose (empty until known).
    private var negotiatedCipher = ""

    func channelActive(context: ChannelHandlerContext) {
        resetIdleTimer(context: context)
        if !awaitsImplicitTLS { scheduleGreeting(context: context) }
        context.fireChannelActive()
    }

    private func scheduleGreeting(context: ChannelHandlerContext) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        if let blockLists = services.blockLists, blockLists.client(of: connection) != nil {
            blockLists.greetingWait(for: connection, delay: services.greetingDelay, on: context.eventLoop).whenSuccess { listings in
                let (handler, context) = bound.value
                handler.blockListings = listings
                handler.perform(handler.session.start(), context: context)
            }
        } else if services.greetingDelay > .zero {
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
        clientHasSpoken = true
        resetIdleTimer(context: context)
        perform(session.receive(buffer.readableBytesView), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleTimer.cancel()
        _ = session.connectionClosed()
        reception = nil
        spoolWriter?.abort()
        spoolWriter = nil
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let cipher = event as? NegotiatedCipherEvent {
            negotiatedCipher = cipher.name
        } else if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            let version = context.negotiatedTLSVersionName
            if awaitsImplicitTLS {
                awaitsImplicitTLS = false
                session = SMTPServerSession(configuration: services.configuration, remoteAddress: connection.remoteIP,
                                            tls: SMTPTLSInfo(version: version, cipher: negotiatedCipher))
                scheduleGreeting(context: context)
            } else {
                perform(session.tlsEstablished(version: version, cipher: negotiatedCipher), context: context)
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

    /// Whether the session waits for an answer (or the spool file for its writes). During the
    /// TLS handshake the TLS handler (before this one) must read on.
    private var sessionWaits: Bool {
        if spoolWriter?.isBehind == true || tarpit.isHolding { return true }
        if let awaiting = session.awaiting { return awaiting != .tlsHandshake } else { return false }
    }

    // MARK: - Actions

    private func perform(_ actions: [SMTPServerAction], context: ChannelHandlerContext) {
        var pending = actions[...]
        while let action = pending.popFirst() {
            switch action {
            case .send(let reply):
                context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: reply.encoded)), promise: nil)
            case .flush:
                Tarpit.flush(self, context: context, errors: session.badCommandCount + session.failedAuthenticationCount,
                             tarpit: \.tarpit) { handler, context in
                    handler.readGate.release(context: context, sessionWaits: handler.sessionWaits,
                                             sessionClosed: handler.session.isClosed)
                }
            case .checkSender(let check):
                routes.removeAll()
                if let refusal = services.blockLists?.refusal(blockListings, client: connection.remoteIP) {
                    pending += session.senderChecked(.rejected(refusal))
                    continue
                }
                if let refusal = connection.abuseGuard.admitMessage(from: connection.remoteIP, user: check.authenticatedIdentity) {
                    pending += session.senderChecked(.rejected(.rateLimited(refusal)))
                    continue
                }
                let ownership = services.ownership
                let listener = services.configuration.policy.listenerKind
                if let decision = ownership.decisionWithoutLookup(check, on: listener) {
                    pending += session.senderChecked(decision)
                    continue
                }
                answer(context: context, { await ownership.check(check, on: listener) }) { handler, decision in
                    handler.session.senderChecked(decision)
                }
            case .checkRecipient(let check):
                if let refusal = connection.abuseGuard.admitRecipient(from: connection.remoteIP,
                                                                      user: check.authenticatedIdentity) {
                    pending += session.recipientChecked(.rejected(.rateLimited(refusal)))
                    continue
                }
                let routing = services.routing
                // Greylisting needs the store for every RCPT it screens: no cached routes then.
                if let routed = routing.routeWithoutLookup(check, usingCache: services.greylisting == nil) {
                    // Another server's domain, or a cached local route: answered here, without
                    // leaving the event loop.
                    if let route = routed.route { routes[check.recipient] = route }
                    pending += session.recipientChecked(routed.decision)
                    continue
                }
                let greylisting = services.greylisting
                let connection = self.connection
                answer(context: context, {
                    let routed = await routing.route(check)
                    return await greylisting?.screen(routed, check: check, connection: connection) ?? routed
                }) { handler, routed in
                    if case .accepted = routed.decision, let route = routed.route { handler.routes[check.recipient] = route }
                    return handler.session.recipientChecked(routed.decision)
                }
            case .lookupCredential(let username):
                if let refusal = connection.abuseGuard.admitAuthenticationAttempt(from: connection.remoteIP) {
                    logger.notice("authentication attempts refused", metadata: ["reason": "\(refusal)"])
                    context.write(wrapOutboundOut(context.channel.allocator.buffer(
                        bytes: SMTPReply.rateLimitedConnection(refusal, hostname: services.configuration.hostname).encoded)),
                                  promise: nil)
                    context.flush()
                    context.close(promise: nil)
                    return
                }
                let services = self.services
                answer(context: context, { await services.credential(of: username) }) { handler, credential in
                    handler.session.credentialLookedUp(credential)
                }
            case .startTLS:
                do {
                    try context.pipeline.syncOperations.addServerTLSHandlers(context: services.tlsContext)
                } catch {
                    context.close(promise: nil)
                }
            case .beginMessage(let envelope):
                reception = MessageReception(envelope: envelope, routes: routes, id: MessageIdentifier.make(),
                                             hostname: services.configuration.hostname)
                reception?.blockListings = blockListings.map(\.zone)
                routes.removeAll()
            case .messageContent(let bytes):
                receive(bytes, context: context)
            case .abortMessage:
                reception = nil
                spoolWriter?.abort()
                spoolWriter = nil
            case .endMessage:
                guard let received = reception else {
                    perform(session.messageCommitted(.rejected(.localError)), context: context)
                    continue
                }
                reception = nil
                let writer = spoolWriter
                spoolWriter = nil
                let delivery = services.delivery
                let logger = self.logger
                answer(context: context, {
                    var message = received
                    if let writer {
                        switch await writer.finish() {
                        case .success(let file): message.completeInSpool(file)
                        case .failure(let error):
                            logger.error("the spool file failed", metadata: ["error": "\(error)"])
                            return .rejected(.localError)
                        }
                    }
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
                Tarpit.close(self, context: context, tarpit: \.tarpit)
            }
        }
        failures.report(authenticationFailures: session.failedAuthenticationCount,
                        abused: session.isClosed && (session.talkedBeforeGreeting
                                                     || session.badCommandCount >= services.configuration.limits.maxBadCommands))
        readGate.release(context: context, sessionWaits: sessionWaits, sessionClosed: session.isClosed)
    }

    /// Keeps message content in memory while it is small, and streams it to a spool file once
    /// it outgrows ``MessageSpoolWriter/memoryThreshold`` (the stored prefix first).
    private func receive(_ bytes: [UInt8], context: ChannelHandlerContext) {
        if let spoolWriter {
            spoolWriter.write(bytes)
            reception?.countSpooled(bytes.count)
            return
        }
        guard var current = reception else { return }
        current.append(bytes)
        reception = current
        guard current.contentInMemory.count > MessageSpoolWriter.memoryThreshold else { return }
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        spoolWriter = MessageSpoolWriter(
            store: services.store, initial: services.delivery.prefix(for: current) + current.contentInMemory,
            drained: {
                eventLoop.execute {
                    let (handler, context) = bound.value
                    handler.readGate.release(context: context, sessionWaits: handler.sessionWaits,
                                             sessionClosed: handler.session.isClosed)
                }
            })
    }

    /// Runs `question` off the event loop and performs the actions `apply` makes of its answer.
    private func answer<Answer: Sendable>(
        context: ChannelHandlerContext,
        _ question: @escaping @Sendable () async -> Answer,
        apply: @escaping (SMTPConnectionHandler, Answer) -> [SMTPServerAction]
    ) {
        answerOffLoop(self, context: context, question) { handler, context, value in
            handler.perform(apply(handler, value), context: context)
        }
    }

    /// The greeting timeout until the client's first word, the data timeout while message
    /// data arrives, the idle timeout otherwise.
    private func resetIdleTimer(context: ChannelHandlerContext) {
        let limits = services.configuration.limits
        let period: TimeAmount = if !clientHasSpoken {
            min(.seconds(Int64(limits.greetingTimeoutSeconds)), services.idleTimeout)
        } else if reception != nil {
            .seconds(Int64(limits.smtpDataTimeoutSeconds))
        } else {
            services.idleTimeout
        }
        idleTimer.reset(self, context: context, after: period) { handler, context in
            handler.perform(handler.session.timedOut(), context: context)
        }
    }
}
