import NIOCore
import NIOPosix
import Locking

/// A stub resolver: it asks recursive servers (from the configuration or resolv.conf) over
/// UDP with EDNS(0), retries over TCP when an answer is truncated, tries each server in turn,
/// follows CNAMEs, and caches answers and negative answers for their TTLs.
public final class StubResolver: DNSResolving {
    public let configuration: DNSResolverConfiguration
    private let transport: DNSNetworkTransport
    private let clock: DNSClock
    private let cache: Locked<DNSCache>

    /// Creates a resolver. `clock` times the cache (tests pass one they move by hand).
    public init(configuration: DNSResolverConfiguration,
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                clock: DNSClock = .system) {
        self.configuration = configuration
        self.clock = clock
        self.cache = Locked(DNSCache(maximumEntries: configuration.maximumCacheEntries))
        let payload = Int(configuration.ednsPayloadSize ?? 512)
        self.transport = DNSNetworkTransport(group: eventLoopGroup, datagramBufferSize: max(payload, 4096))
    }

    /// A resolver using the servers and options of /etc/resolv.conf (or the file at `path`).
    public static func system(path: String = ResolvConf.standardPath) throws(ResolvConfReadError) -> StubResolver {
        StubResolver(configuration: DNSResolverConfiguration(resolvConf: try ResolvConf(contentsOfFile: path)))
    }

    /// Forgets every cached answer.
    public func removeAllCachedAnswers() {
        cache.withLock { $0.removeAll() }
    }

    public func resolve(_ name: DNSName, type: DNSRecordType) async throws(DNSResolverError) -> DNSLookupResult<DNSRecordSet> {
        if let cached = cache.withLock({ $0.lookup(name, type: type, now: clock.now()) }) { return cached }

        var current = name
        var aliases: [DNSResourceRecord] = []
        var seen: Set<DNSName> = [name]
        while true {
            let response = try await ask(DNSQuestion(name: current, type: type))
            let interpretation = DNSResponseInterpretation.interpret(response, name: current, type: type)
            switch interpretation {
            case .records(let records, let canonicalName, let chain):
                aliases += try checked(chain, from: name, seen: &seen)
                let set = DNSRecordSet(name: name, canonicalName: canonicalName, records: records, aliases: aliases,
                                       authenticatedData: response.header.authenticatedData)
                let timeToLive = (records + aliases).map(\.timeToLive).min() ?? 0
                remember(.found(set), name: name, type: type, timeToLive: min(timeToLive, configuration.maximumTimeToLive))
                return .found(set)
            case .alias(let target, let chain):
                aliases += try checked(chain, from: name, seen: &seen)
                current = target
            case .noData(let negativeTimeToLive, let chain):
                aliases += try checked(chain, from: name, seen: &seen)
                remember(.noData, name: name, type: type, timeToLive: negativeCacheTime(negativeTimeToLive, aliases))
                return .noData
            case .nameDoesNotExist(let negativeTimeToLive, let chain):
                aliases += try checked(chain, from: name, seen: &seen)
                // RFC 2308 §5: a name error holds for every type of the name, but when it came
                // through a CNAME it is about the target, so it is kept for this type only.
                remember(.nameDoesNotExist, name: name, type: type, forEveryType: aliases.isEmpty,
                         timeToLive: negativeCacheTime(negativeTimeToLive, aliases))
                return .nameDoesNotExist
            case .errorResponse(let code):
                throw .errorResponse(code, name: current, type: type)
            }
        }
    }

    /// Adds the aliases of one answer to the chain, refusing loops and over-long chains.
    private func checked(_ chain: [DNSResourceRecord], from name: DNSName,
                         seen: inout Set<DNSName>) throws(DNSResolverError) -> [DNSResourceRecord] {
        for alias in chain {
            guard case .canonicalName(let target) = alias.data else { continue }
            guard seen.insert(target).inserted else { throw .aliasLoop(target) }
            guard seen.count - 1 <= configuration.maximumAliasChainLength else { throw .aliasChainTooLong(name) }
        }
        return chain
    }

    /// How long a negative answer is kept: its SOA-derived TTL, no longer than the aliases
    /// that led to it and the configured ceiling; not at all without an SOA.
    private func negativeCacheTime(_ negativeTimeToLive: UInt32?, _ aliases: [DNSResourceRecord]) -> UInt32 {
        guard let negativeTimeToLive else { return 0 }
        let aliasTimeToLive = aliases.map(\.timeToLive).min() ?? .max
        return min(negativeTimeToLive, aliasTimeToLive, configuration.maximumNegativeTimeToLive)
    }

    private func remember(_ result: DNSLookupResult<DNSRecordSet>, name: DNSName, type: DNSRecordType,
                          forEveryType: Bool = false, timeToLive: UInt32) {
        let now = clock.now()
        cache.withLock {
            $0.store(result, name: name, type: type, forEveryType: forEveryType, timeToLive: timeToLive, now: now)
        }
    }

    /// Asks the servers in order, for the configured number of rounds, until one gives a
    /// NOERROR or NXDOMAIN answer. Other answers and failures move on to the next server.
    private func ask(_ question: DNSQuestion) async throws(DNSResolverError) -> DNSMessage {
        guard !configuration.servers.isEmpty else { throw .noServersConfigured }
        var failure: DNSResolverError?
        for _ in 0..<max(1, configuration.attempts) {
            var anyTimedOut = false
            for server in configuration.servers {
                do {
                    let response = try await ask(question, server: server)
                    let code = response.responseCode
                    if code == .noError || code == .nameError { return response }
                    failure = .errorResponse(code, name: question.name, type: question.type)
                } catch {
                    switch error {
                    case .timedOut: anyTimedOut = true
                    case .malformed(let reason): failure = .malformedResponse("\(server): \(reason)")
                    case .network(let reason): failure = failure ?? .networkFailure("\(server): \(reason)")
                    }
                }
            }
            // Another round only helps servers that did not answer at all.
            if !anyTimedOut { break }
        }
        throw failure ?? .timedOut(name: question.name, type: question.type)
    }

    /// One server: UDP first, TCP when the answer is truncated (RFC 7766 §5), and once more
    /// without EDNS if the server rejects the OPT record (RFC 6891 §7).
    private func ask(_ question: DNSQuestion, server: DNSServerAddress) async throws(DNSTransportError) -> DNSMessage {
        let socketAddress: SocketAddress
        do {
            socketAddress = try SocketAddress(packedIPAddress: ByteBuffer(bytes: server.address.bytes), port: Int(server.port))
        } catch {
            throw .network("\(server) is not a usable socket address")
        }
        var payloadSize = configuration.ednsPayloadSize
        while true {
            let query = DNSMessage.query(id: UInt16.random(in: .min ... .max), name: question.name,
                                         type: question.type, udpPayloadSize: payloadSize)
            let bytes: [UInt8]
            do { bytes = try DNSMessageEncoder.encode(query) } catch { throw .malformed(error.description) }
            let validate: @Sendable (DNSMessage) -> String? = { DNSResponseValidation.problem(with: $0, for: query) }

            var response = try await transport.exchangeOverUDP(bytes, id: query.header.id, server: socketAddress,
                                                               timeout: configuration.timeout, validate: validate)
            if response.header.isTruncated {
                response = try await transport.exchangeOverTCP(bytes, server: socketAddress,
                                                               timeout: configuration.timeout, validate: validate)
                if response.header.isTruncated { throw .malformed("the answer over TCP is truncated too") }
            }
            let rejectsEDNS = response.responseCode == .formatError || response.responseCode == .notImplemented
            if payloadSize != nil, response.edns == nil, rejectsEDNS {
                payloadSize = nil
                continue
            }
            return response
        }
    }
}
