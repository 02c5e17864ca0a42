/// Virus scanning through ClamAV's daemon (the `[antivirus]` table): every message, on every
/// listener, is streamed to clamd at the end of DATA; an infected one is refused.
public struct AntivirusSettings: Sendable, Equatable {
    /// The keys the `[antivirus]` table accepts.
    static let configurationKeys: Set<String> = ["enabled", "address", "fail_open", "timeout_seconds", "max_scan_size"]

    /// Where Debian's `clamav-daemon` listens out of the box (`LocalSocket` in its clamd.conf).
    public static let debianSocket = ClamdAddress.unixSocket(path: "/run/clamav/clamd.ctl")
    /// clamd's own default `StreamMaxLength`: 25 MiB.
    public static let clamdStreamMaxLength = 26_214_400

    /// Whether messages are scanned (off by default).
    public var isEnabled: Bool
    /// Where clamd listens.
    public var address: ClamdAddress
    /// Whether a message is accepted (with a warning in the log) when clamd cannot be
    /// reached or fails, rather than deferred with 451 4.7.0.
    public var failsOpen: Bool
    /// The longest a scan may take, connecting included.
    public var timeout: Duration
    /// Messages larger than this many octets are not sent to clamd (it would refuse them
    /// beyond its `StreamMaxLength`) and are accepted with a line in the log.
    public var maximumScanSize: Int

    public init(isEnabled: Bool = false, address: ClamdAddress = debianSocket, failsOpen: Bool = false,
                timeout: Duration = .seconds(30), maximumScanSize: Int = clamdStreamMaxLength) {
        self.isEnabled = isEnabled
        self.address = address
        self.failsOpen = failsOpen
        self.timeout = timeout
        self.maximumScanSize = maximumScanSize
    }
}
