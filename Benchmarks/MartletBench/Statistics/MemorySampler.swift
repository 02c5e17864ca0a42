import Locking

/// Samples a server's resident memory (VmRSS) every second during a flood run, keeping
/// the peak of each phase and the last value of the flood phase. A process that could be
/// read once and then no longer is reported as gone: the server exited (or crashed).
final class MemorySampler: Sendable {
    private struct State {
        var peaks: [FloodPhase: Int] = [:]
        var lastDuringFlood: Int?
        var samples = 0
        var readOnce = false
        var disappeared = false
    }

    let pid: Int32
    private let state = Locked(State())

    init(pid: Int32) {
        self.pid = pid
    }

    /// Takes one sample, attributed to `phase`; returns it in KiB, or nil if unreadable.
    @discardableResult
    func sample(phase: FloodPhase) -> Int? {
        let resident = try? ProcessMemory.sample(pid: pid, includeDescendants: false).residentKilobytes
        state.withLock { state in
            guard let resident else {
                if state.readOnce { state.disappeared = true }
                return
            }
            state.readOnce = true
            state.samples += 1
            state.peaks[phase] = max(state.peaks[phase] ?? 0, resident)
            if phase == .flood { state.lastDuringFlood = resident }
        }
        return resident
    }

    /// Samples every second, attributed to the phase of the moment, until cancelled or
    /// the run stops.
    func run(phases: FloodPhaseClock) async {
        while !Task.isCancelled, phases.current != .stopped {
            sample(phase: phases.current)
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// The figures for the report; `after` is the sample taken once everything closed.
    func figures(after: Int?) -> FloodReport.MemoryFigures {
        state.withLock { state in
            FloodReport.MemoryFigures(
                pid: pid, samples: state.samples, baselinePeakKilobytes: state.peaks[.baseline],
                floodPeakKilobytes: state.peaks[.flood], floodEndKilobytes: state.lastDuringFlood,
                afterKilobytes: after, serverGone: state.disappeared || (state.readOnce && after == nil))
        }
    }
}
