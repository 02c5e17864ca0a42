import NIOCore
import Locking

/// Outbound connections kept open between batches, so that mail arriving in a steady stream
/// for one destination reuses a few sessions instead of opening one per claim round (the
/// greeting, EHLO and STARTTLS of each new connection cost both sides more than a transaction).
///
/// A connection is parked when its batch is done, for at most ``idleTime``, and reused until
/// it is ``maximumAge`` old; at most ``connectionsPerKey`` are parked per server.
final class OutboundConnectionCache: Sendable {
    let idleTime: TimeAmount
    let maximumAge: TimeAmount
    let connectionsPerKey: Int
    private let parked = Locked<[OutboundConnectionKey: [ParkedOutboundConnection]]>([:])

    init(idleTime: TimeAmount = .seconds(2), maximumAge: TimeAmount = .seconds(300), connectionsPerKey: Int) {
        self.idleTime = idleTime
        self.maximumAge = maximumAge
        self.connectionsPerKey = max(0, connectionsPerKey)
    }

    /// The most recently parked connection to `key`'s server, taken out of the cache.
    func take(_ key: OutboundConnectionKey) -> ParkedOutboundConnection? {
        parked.withLock { parked in parked[key]?.popLast() }
    }

    /// Keeps `connection` for reuse; false when the server already has as many parked.
    func park(_ connection: ParkedOutboundConnection, for key: OutboundConnectionKey) -> Bool {
        parked.withLock { parked in
            var connections = parked[key, default: []].filter { $0.channel.isActive }
            guard connections.count < connectionsPerKey else {
                parked[key] = connections
                return false
            }
            connections.append(connection)
            parked[key] = connections
            return true
        }
    }

    /// Ends every parked session (on shutdown).
    func closeAll() {
        let all = parked.withLock { parked in
            defer { parked = [:] }
            return parked.values.flatMap { $0 }
        }
        for connection in all { connection.close() }
    }
}
