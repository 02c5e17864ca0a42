import DNSResolver

/// Checks a client address against the configured block lists: one A lookup per zone, all at
/// once, and the whole check bounded by ``timeout``. A list that fails or does not answer in
/// time counts as not listing the client (fail open): a block list is an opinion, and its
/// outage must not stop mail. For a listed address the list's TXT record (its explanation,
/// RFC 5782 §2.1) is looked up too, within the same time.
public struct BlockListChecker: Sendable {
    /// The lists, in the order replies name them.
    public let zones: [BlockListZone]
    public let resolver: any DNSResolving
    /// The most the whole check may take.
    public let timeout: Duration
    /// Whether a listing's TXT record is looked up for its explanation.
    public let looksUpReasons: Bool

    /// A checker of `zones` through `resolver`.
    public init(zones: [BlockListZone], resolver: any DNSResolving, timeout: Duration, looksUpReasons: Bool = true) {
        self.zones = zones
        self.resolver = resolver
        self.timeout = timeout
        self.looksUpReasons = looksUpReasons
    }

    /// The lists that list `address`, and those that gave no answer. Returns after
    /// ``timeout`` at the latest, with what had been answered by then; lookups still under
    /// way are cancelled.
    public func check(_ address: IPAddress) async -> BlockListReport {
        guard !zones.isEmpty else { return BlockListReport() }
        let collector = BlockListAnswerCollector(zones: zones.map(\.displayName), timeout: timeout)
        let zones = self.zones
        let resolver = self.resolver
        let looksUpReasons = self.looksUpReasons
        let timeout = self.timeout
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                collector.deliver(to: continuation)
                let lookups = Task {
                    await withTaskGroup(of: Void.self) { group in
                        for (index, zone) in zones.enumerated() {
                            group.addTask {
                                await Self.lookUp(address, in: zone, resolver: resolver, looksUpReason: looksUpReasons) {
                                    collector.record($0, at: index)
                                }
                            }
                        }
                    }
                    collector.finish()
                }
                let timer = Task {
                    try? await Task.sleep(for: timeout)
                    collector.finish()
                }
                collector.own([lookups, timer])
            }
        } onCancel: {
            collector.finish()
        }
    }

    /// Looks one zone up and reports the outcome, then (for a listing) the outcome with the
    /// list's explanation.
    private static func lookUp(
        _ address: IPAddress, in zone: BlockListZone, resolver: any DNSResolving, looksUpReason: Bool,
        report: (BlockListZoneOutcome) -> Void
    ) async {
        let name: DNSName
        do {
            name = try BlockListQuery.name(for: address, in: zone.name)
        } catch {
            report(.failed("no query name: \(error)"))
            return
        }
        let answer: BlockListAnswer
        do {
            answer = BlockListAnswer.interpret(try await resolver.ipv4Addresses(of: name).value ?? [], zone: zone)
        } catch {
            report(.failed(error.description))
            return
        }
        switch answer {
        case .notListed:
            report(.notListed)
        case .queryRefused(let code):
            report(.failed("the list refused the query (\(code))"))
        case .listed(let codes, let meanings):
            let listing = BlockListing(zone: zone.displayName, codes: codes, meanings: meanings)
            report(.listed(listing))
            guard looksUpReason, let texts = try? await resolver.textRecords(of: name).value,
                  let text = texts.first?.joinedText, !text.isEmpty else { return }
            report(.listed(BlockListing(zone: listing.zone, codes: codes, meanings: meanings, reason: text)))
        }
    }
}

/// What one zone's lookup found.
enum BlockListZoneOutcome: Sendable {
    case listed(BlockListing)
    case notListed
    case failed(String)
}
