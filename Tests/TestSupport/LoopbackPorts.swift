import Glibc
import Locking

/// Port numbers for test servers: single ports (a DNS server's, TCP and UDP) and bases that
/// servers listen at fixed offsets from (`martlet dev --port-base`).
///
/// Bases come from below Linux's default ephemeral range (32768-60999): a fixed number in
/// that range can be taken meanwhile as the local port of any client socket the suite opens
/// (and was, making a server fail with "Address already in use"). Each candidate is probed
/// by binding every port on 127.0.0.1, and no port is handed out twice in one test process,
/// so tests running in parallel never pick overlapping ranges.
public enum LoopbackPorts {
    /// The offsets `martlet dev` adds to its base (25, 587, 465, 143, 993, 110, 995).
    public static let developmentOffsets = [25, 587, 465, 143, 993, 110, 995]

    /// The lowest and highest port handed out.
    static let range = 10_000 ... 32_000

    private static let handedOut = Locked<Set<Int>>([])

    /// A base such that `base + offset` is free for every offset (each below 1,000).
    public static func freeBase(offsets: [Int] = developmentOffsets) -> Int {
        let span = (offsets.max() ?? 0) + 1
        var base = range.lowerBound
        reserve { generator in
            base = Int.random(in: range.lowerBound ... range.upperBound - span, using: &generator)
            return offsets.map { base + $0 }
        }
        return base
    }

    /// One free port.
    public static func freePort() -> Int {
        var port = range.lowerBound
        reserve { generator in
            port = Int.random(in: range, using: &generator)
            return [port]
        }
        return port
    }

    /// Draws candidate port sets until one is free everywhere and not handed out before (the
    /// last one drawn is the answer).
    private static func reserve(_ draw: (inout SystemRandomNumberGenerator) -> [Int]) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 1_000 {
            let ports = draw(&generator)
            let fresh = handedOut.withLock { taken in
                guard taken.isDisjoint(with: ports) else { return false }
                taken.formUnion(ports)
                return true
            }
            guard fresh else { continue }
            if ports.allSatisfy(isFree) { return }
        }
        preconditionFailure("no free loopback ports found in \(range)")
    }

    /// Whether `port` on 127.0.0.1 can be bound right now for TCP and for UDP (a DNS server
    /// takes both).
    static func isFree(_ port: Int) -> Bool {
        canBind(port, kind: SOCK_STREAM) && canBind(port, kind: SOCK_DGRAM)
    }

    private static func canBind(_ port: Int, kind: __socket_type) -> Bool {
        let descriptor = socket(AF_INET, Int32(kind.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }
}
