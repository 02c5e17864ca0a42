import Locking

/// The phases of a flood run, in order.
enum FloodPhase: String, Codable, Sendable, CaseIterable {
    /// Only the legitimate client runs.
    case baseline
    /// Held connections and the message flood run beside the legitimate client.
    case flood
    /// Everything is being stopped; no new legitimate operation starts.
    case stopped
}

/// The current phase, shared by every part of a flood run.
final class FloodPhaseClock: Sendable {
    private let phase = Locked(FloodPhase.baseline)

    var current: FloodPhase { phase.withLock { $0 } }

    /// Moves to `next` (phases only move forward).
    func advance(to next: FloodPhase) {
        phase.withLock { current in
            let order = FloodPhase.allCases
            if let from = order.firstIndex(of: current), let to = order.firstIndex(of: next), to > from { current = next }
        }
    }
}
