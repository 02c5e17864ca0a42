/// Passes a session's new failures to the ``AbuseGuard``: each failed authentication, and
/// once a close for protocol abuse (too many bad commands, talking before the greeting).
struct SessionFailureReporter {
    private let address: String
    private let abuseGuard: AbuseGuard
    private var reportedAuthenticationFailures = 0
    private var reportedAbuse = false

    init(connection: AcceptedConnection) {
        address = connection.remoteIP
        abuseGuard = connection.abuseGuard
    }

    /// Reports what is new since the last call: `authenticationFailures` is the session's
    /// count so far; `abused` whether it ended the session for abuse.
    mutating func report(authenticationFailures: Int, abused: Bool) {
        if authenticationFailures > reportedAuthenticationFailures {
            abuseGuard.record(.authentication, count: authenticationFailures - reportedAuthenticationFailures, of: address)
            reportedAuthenticationFailures = authenticationFailures
        }
        if abused, !reportedAbuse {
            reportedAbuse = true
            abuseGuard.record(.protocolAbuse, of: address)
        }
    }
}
