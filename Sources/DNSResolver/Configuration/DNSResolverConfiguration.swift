/// How the stub resolver talks to its servers, and the bounds it keeps. Every default is here.
public struct DNSResolverConfiguration: Sendable, Equatable {
    /// The recursive servers to ask, in order.
    public var servers: [DNSServerAddress]
    /// How long to wait for one server's answer to one query (UDP, or TCP after truncation).
    public var timeout: Duration
    /// How many rounds through the server list a lookup makes before giving up.
    public var attempts: Int
    /// The UDP payload size advertised with EDNS(0), or nil to send no OPT record. 1232 avoids
    /// IP fragmentation on common paths (the DNS Flag Day 2020 value).
    public var ednsPayloadSize: UInt16?
    /// The most CNAME records a lookup follows.
    public var maximumAliasChainLength: Int
    /// The most lookup outcomes the cache holds; 0 turns the cache off.
    public var maximumCacheEntries: Int
    /// Positive answers are cached at most this many seconds, whatever their TTL.
    public var maximumTimeToLive: UInt32
    /// Negative answers are cached at most this many seconds (RFC 2308 §5 suggests one to three hours).
    public var maximumNegativeTimeToLive: UInt32

    public init(servers: [DNSServerAddress], timeout: Duration = .seconds(2), attempts: Int = 2,
                ednsPayloadSize: UInt16? = 1232, maximumAliasChainLength: Int = 8, maximumCacheEntries: Int = 10_000,
                maximumTimeToLive: UInt32 = 86_400, maximumNegativeTimeToLive: UInt32 = 3_600) {
        self.servers = servers
        self.timeout = timeout
        self.attempts = attempts
        self.ednsPayloadSize = ednsPayloadSize
        self.maximumAliasChainLength = maximumAliasChainLength
        self.maximumCacheEntries = maximumCacheEntries
        self.maximumTimeToLive = maximumTimeToLive
        self.maximumNegativeTimeToLive = maximumNegativeTimeToLive
    }

    /// Parses "host:port" texts (as in the `[dns] nameservers` setting) into a configuration
    /// with the default timeouts and limits.
    public init(serverTexts: [String]) throws(DNSServerAddressError) {
        var servers: [DNSServerAddress] = []
        for text in serverTexts { servers.append(try DNSServerAddress(parsing: text)) }
        self.init(servers: servers)
    }

    /// The servers, timeout and attempts of a parsed resolv.conf, with the other defaults.
    /// With no usable nameserver line the local server 127.0.0.1:53 is used, as the C library does.
    public init(resolvConf: ResolvConf) {
        let servers = resolvConf.nameservers.isEmpty ? [DNSServerAddress(address: ResolvConf.defaultNameserver)]
                                                     : resolvConf.nameservers
        self.init(servers: servers)
        if let seconds = resolvConf.timeoutSeconds { timeout = .seconds(seconds) }
        if let attempts = resolvConf.attempts { self.attempts = attempts }
    }
}
