import NIOCore

/// Everything a flood run needs, resolved from the validated options: the endpoints (each
/// bound to its own loopback source address), the counts and the time bounds.
struct FloodPlan: Sendable {
    let host: String
    /// The flood's sessions: the SMTP port, from the flood source.
    let flood: ClientConnection.Endpoint
    /// The held connections, from the hold source; the greeting may be awaited for the
    /// whole flood phase.
    let hold: ClientConnection.Endpoint
    let holdService: HeldConnections.Service
    /// The legitimate client's submission sessions, from the legitimate source.
    let submission: ClientConnection.Endpoint
    let submissionStartTLS: Bool
    /// The legitimate client's IMAP sessions, from the legitimate source.
    let imap: ClientConnection.Endpoint
    let imapStartTLS: Bool
    let user: String
    let password: String
    let heloName: String
    let holdConnections: Int
    let holdParallelism: Int
    let floodMessages: Int
    let floodConcurrency: Int
    let floodMessage: FixedSizeMessage
    let floodRecipient: String
    /// The message the legitimate client submits each time (to itself).
    let legitimateMessage: FixedSizeMessage
    let legitimateInterval: Duration
    let baseline: Duration
    /// The flood phase lasts at least this long (held connections stay open), ...
    let minimumFlood: Duration
    /// ... and at most this long.
    let maximumFlood: Duration
    /// The limit on one connection or one reply.
    let timeout: Duration
    let serverPID: Int32?

    init(command: FloodCommand) throws(BenchError) {
        let target = command.target
        host = target.loopbackHost
        let timeout = TimeAmount.nanoseconds(Int64(target.timeout * 1e9))
        self.timeout = .nanoseconds(timeout.nanoseconds)
        let tls = try TLSClientContext.make()
        let maximumFloodNanoseconds = Int64(command.maxSeconds * 1e9)
        flood = ClientConnection.Endpoint(
            host: host, port: target.resolvedSMTPPort, tls: nil, implicitTLS: false, timeout: timeout,
            sourceAddress: try Self.source(command.floodSource))
        holdService = command.holdService
        let holdPort = command.holdService == .smtp ? target.resolvedSMTPPort : target.resolvedIMAPPort
        let holdTLS = command.holdService == .imap && target.imapSecurity == .tls
        hold = ClientConnection.Endpoint(
            host: host, port: holdPort, tls: holdTLS ? tls : nil, implicitTLS: holdTLS,
            timeout: .nanoseconds(maximumFloodNanoseconds) + timeout, sourceAddress: try Self.source(command.holdSource),
            connectTimeout: timeout)
        let legitimateSource = try Self.source(command.legitSource)
        submission = ClientConnection.Endpoint(
            host: host, port: target.resolvedSubmissionPort, tls: target.submissionSecurity == .plain ? nil : tls,
            implicitTLS: target.submissionSecurity == .tls, timeout: timeout, sourceAddress: legitimateSource)
        submissionStartTLS = target.submissionSecurity == .starttls
        imap = ClientConnection.Endpoint(
            host: host, port: target.resolvedIMAPPort, tls: target.imapSecurity == .plain ? nil : tls,
            implicitTLS: target.imapSecurity == .tls, timeout: timeout, sourceAddress: legitimateSource)
        imapStartTLS = target.imapSecurity == .starttls
        user = target.user
        password = target.password
        heloName = command.heloName
        holdConnections = command.holdConnections
        holdParallelism = command.holdParallelism
        floodMessages = command.floodMessages
        floodConcurrency = command.floodConcurrency
        let runID = RunIdentifier.make()
        floodMessage = FixedSizeMessage(size: command.floodSize, sender: command.floodSender, runID: runID)
        floodRecipient = command.floodRecipient ?? target.user
        legitimateMessage = FixedSizeMessage(size: 1_024, sender: target.user, runID: runID)
        legitimateInterval = .nanoseconds(Int64(command.legitInterval * 1e9))
        baseline = .nanoseconds(Int64(command.baselineSeconds * 1e9))
        minimumFlood = .nanoseconds(Int64(min(command.minSeconds, command.maxSeconds) * 1e9))
        maximumFlood = .nanoseconds(maximumFloodNanoseconds)
        serverPID = command.serverPID
    }

    private static func source(_ address: String) throws(BenchError) -> SocketAddress {
        guard let loopback = LoopbackAddress(address) else { throw .connectFailed("\(address) is not a loopback address") }
        do {
            return try SocketAddress(ipAddress: loopback.description, port: 0)
        } catch {
            throw .connectFailed("cannot use \(address) as a source address: \(error)")
        }
    }

    /// File descriptors the run may hold at once: every held connection, every flood
    /// session, the legitimate client's two sessions, and room for the event loops.
    var fileDescriptorsNeeded: Int { holdConnections + floodConcurrency + 2 + 256 }
}
