import NIOCore
import NIOSSL
import NIOTLS
import SMTPProtocol

/// The thin NIO side of one outbound SMTP connection: it feeds the server's bytes to an
/// ``SMTPClientSession``, performs the session's actions (writes, STARTTLS, content, close),
/// arms the session's phase timer, and reports every message's outcome when its batch is done.
///
/// With a connection cache, a finished batch leaves the session idle and the connection parked
/// (``OutboundConnectionCache``) for the next batch to the same server; otherwise, or when the
/// cache is full, the idle time runs out or the connection is old, the session QUITs.
final class OutboundSMTPHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Turns a message the server cannot take as 8-bit into a 7-bit one (RFC 6152 §3), or nil
    /// when it cannot be converted.
    typealias SevenBitConversion = @Sendable (SMTPOutboundMessage, [UInt8]) -> (SMTPOutboundMessage, [UInt8])?

    private var session: SMTPClientSession
    /// Content by message identifier.
    private var contents: [String: [UInt8]]
    /// Identifiers of enqueued messages not yet finished, in the order the session sends them.
    private var unfinished: [String] = []
    private var messagesToEnqueue: [SMTPOutboundMessage]
    private var contentGiven = false
    private var report = OutboundConnectionReport()
    /// The promise of the running batch's report; nil while parked.
    private var reportPromise: OutboundReportPromise?
    private let reuse: (cache: OutboundConnectionCache, key: OutboundConnectionKey)?
    private var context: ChannelHandlerContext?
    private var openedAt = NIODeadline.now()
    private var isParked = false
    private var idleTimer: Scheduled<Void>?
    private let tlsContext: NIOSSLContext
    private let serverHostname: String?
    private let convertToSevenBit: SevenBitConversion
    private var timer: Scheduled<Void>?
    private var timedPhase: SMTPClientPhase?
    private var finished = false

    init(session: SMTPClientSession, messages: [(SMTPOutboundMessage, [UInt8])], tlsContext: NIOSSLContext,
         serverHostname: String?, convertToSevenBit: @escaping SevenBitConversion,
         reportPromise: OutboundReportPromise, reuse: (cache: OutboundConnectionCache, key: OutboundConnectionKey)?) {
        self.session = session
        self.messagesToEnqueue = messages.map(\.0)
        self.contents = Dictionary(messages.map { ($0.0.identifier, $0.1) }, uniquingKeysWith: { first, _ in first })
        self.tlsContext = tlsContext
        self.serverHostname = serverHostname
        self.convertToSevenBit = convertToSevenBit
        self.reportPromise = reportPromise
        self.reuse = reuse
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func channelActive(context: ChannelHandlerContext) {
        openedAt = .now()
        perform(enqueueWaitingMessages(), context: context)
    }

    /// Gives the session every message waiting to be enqueued.
    private func enqueueWaitingMessages() -> [SMTPClientAction] {
        var actions: [SMTPClientAction] = []
        for message in messagesToEnqueue {
            do {
                actions += try session.enqueue(message)
                unfinished.append(message.identifier)
            } catch {
                report.unsentMessages.append(message)
            }
        }
        messagesToEnqueue = []
        return actions
    }

    // MARK: - Reuse

    /// Runs another batch on this parked connection; false, with nothing done, when it is no
    /// longer parked or usable.
    func startBatch(_ messages: [(SMTPOutboundMessage, [UInt8])], reportPromise: OutboundReportPromise) -> Bool {
        guard isParked, !finished, session.acceptsMessages, let context, context.channel.isActive else { return false }
        isParked = false
        idleTimer?.cancel()
        idleTimer = nil
        self.reportPromise = reportPromise
        report = OutboundConnectionReport(usedTLS: session.isTLSActive)
        contents = Dictionary(messages.map { ($0.0.identifier, $0.1) }, uniquingKeysWith: { first, _ in first })
        messagesToEnqueue = messages.map(\.0)
        perform(enqueueWaitingMessages(), context: context)
        return true
    }

    /// Ends a parked session; a connection in use is left alone.
    func quitIfParked() {
        guard isParked, let context else { return }
        isParked = false
        idleTimer?.cancel()
        idleTimer = nil
        perform(session.quit(), context: context)
    }

    /// At the end of a batch: reports it, then parks the connection if the cache takes it.
    /// Returns false when the session should QUIT instead.
    private func parkAfterBatch(context: ChannelHandlerContext) -> Bool {
        guard let reuse, unfinished.isEmpty, report.failure == nil, session.acceptsMessages,
              NIODeadline.now() - openedAt < reuse.cache.maximumAge else { return false }
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let parked = ParkedOutboundConnection(channel: context.channel, handler: loopBound)
        isParked = true
        guard reuse.cache.park(parked, for: reuse.key) else {
            isParked = false
            return false
        }
        idleTimer = context.eventLoop.scheduleTask(in: reuse.cache.idleTime) {
            loopBound.value.quitIfParked()
        }
        completeBatch()
        return true
    }

    /// Reports the running batch, if any.
    private func completeBatch() {
        guard let promise = reportPromise else { return }
        reportPromise = nil
        let finishedReport = report
        report = OutboundConnectionReport(usedTLS: report.usedTLS)
        contents = [:]
        promise.complete(finishedReport)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if reportPromise != nil { report.serverReplied = true }
        perform(session.receive(buffer.readableBytesView), context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            report.usedTLS = true
            perform(session.tlsEstablished(), context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if session.phase == .tlsHandshake {
            perform(session.tlsFailed(reason: String(describing: error)), context: context)
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        perform(session.connectionClosed(), context: context)
        finish()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish()
    }

    // MARK: - Actions

    private func perform(_ actions: [SMTPClientAction], context: ChannelHandlerContext) {
        var pending = actions[...]
        var wrote = false
        while let action = pending.popFirst() {
            switch action {
            case .send(let bytes):
                context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
                wrote = true
            case .startTLS:
                if wrote { context.flush(); wrote = false }
                do {
                    let handler = try NIOSSLClientHandler(context: tlsContext, serverHostname: serverHostname)
                    try context.pipeline.syncOperations.addHandler(handler, position: .first)
                } catch {
                    pending += session.tlsFailed(reason: String(describing: error))
                }
            case .readContent:
                if contentGiven {
                    contentGiven = false
                    pending += session.endContent()
                } else {
                    contentGiven = true
                    let content = unfinished.first.flatMap { contents[$0] } ?? []
                    pending += session.provideContent(content)
                }
            case .transactionFinished(let result):
                unfinished.removeAll { $0 == result.message.identifier }
                if case .needsSevenBitConversion = result.outcome, let content = contents[result.message.identifier],
                   let (converted, convertedContent) = convertToSevenBit(result.message, content),
                   !converted.containsEightBitData {
                    contents[converted.identifier] = convertedContent
                    messagesToEnqueue.append(converted)
                } else {
                    report.results.append(result)
                }
            case .readyForNextMessage:
                if !messagesToEnqueue.isEmpty {
                    let next = messagesToEnqueue.removeFirst()
                    do {
                        pending += try session.enqueue(next)
                        unfinished.append(next.identifier)
                    } catch {
                        report.unsentMessages.append(next)
                    }
                } else if !parkAfterBatch(context: context) {
                    pending += session.quit()
                }
            case .connectionFailed(let failure, let unsent):
                report.failure = failure
                report.unsentMessages += unsent
                report.unsentMessages += messagesToEnqueue
                messagesToEnqueue = []
            case .close:
                if wrote { context.flush(); wrote = false }
                context.close(promise: nil)
            }
        }
        if wrote { context.flush() }
        armTimer(context: context)
    }

    /// One timer for the session's current phase (RFC 5321 §4.5.3.2), re-armed when it changes.
    private func armTimer(context: ChannelHandlerContext) {
        let phase = session.phase
        guard phase != timedPhase || timer == nil else { return }
        timer?.cancel()
        timer = nil
        timedPhase = phase
        guard let seconds = session.timeoutSeconds else { return }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: .seconds(Int64(seconds))) {
            let (handler, context) = loopBound.value
            handler.timer = nil
            handler.perform(handler.session.timedOut(), context: context)
        }
    }

    private func finish() {
        guard !finished else { return }
        finished = true
        isParked = false
        timer?.cancel()
        timer = nil
        idleTimer?.cancel()
        idleTimer = nil
        context = nil
        completeBatch()
    }
}
