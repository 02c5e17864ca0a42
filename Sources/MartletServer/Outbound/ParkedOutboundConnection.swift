import NIOCore
import SMTPProtocol

/// An open outbound SMTP connection whose session is idle after its last transaction, kept
/// for the next messages to the same server.
struct ParkedOutboundConnection: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<OutboundSMTPHandler>

    /// Sends `messages` over this connection and reports what became of them; nil when the
    /// connection is no longer usable (closed, or its idle time ran out), with nothing sent.
    func run(_ messages: [(SMTPOutboundMessage, [UInt8])]) async -> OutboundConnectionReport? {
        let promise = OutboundReportPromise(on: channel.eventLoop)
        let handler = self.handler
        let started = try? await channel.eventLoop.submit {
            handler.value.startBatch(messages, reportPromise: promise)
        }.get()
        guard started == true else {
            promise.complete(OutboundConnectionReport())
            return nil
        }
        return await promise.get()
    }

    /// Ends the session (QUIT) unless it has been taken for another batch meanwhile.
    func close() {
        let handler = self.handler
        channel.eventLoop.execute { handler.value.quitIfParked() }
    }
}
