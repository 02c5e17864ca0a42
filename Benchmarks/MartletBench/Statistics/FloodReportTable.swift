/// The plain-text form of a flood report: the legitimate client's latency per phase,
/// the held connections' fates, the flood's outcomes, the server's memory.
enum FloodReportTable {
    static func render(_ report: FloodReport) -> String {
        let format = ReportTable.format
        let target = report.target
        var lines = [
            "martlet-bench flood: \(target.host) smtp \(target.smtpPort), submission \(target.submissionPort), imap \(target.imapPort); "
                + "baseline \(format(report.baselineSeconds, 1)) s, flood \(format(report.floodSeconds, 1)) s (stopped by \(report.floodStoppedBy))",
            "",
            "legitimate client (latency of each whole operation, ms):",
        ]
        var rows = [["operation", "phase", "count", "failures", "p50", "p90", "p99", "max"]]
        for figures in report.legitimate {
            for (phase, values) in [("baseline", figures.baseline), ("flood", figures.flood)] {
                let latency = values.latencyMs
                rows.append([
                    figures.operation, phase, "\(values.count)", "\(values.failures)",
                    latency.map { format($0.p50, 1) } ?? "-", latency.map { format($0.p90, 1) } ?? "-",
                    latency.map { format($0.p99, 1) } ?? "-", latency.map { format($0.max, 1) } ?? "-",
                ])
            }
            rows.append([
                figures.operation, "flood/baseline", "", "",
                figures.p50Ratio.map { format($0, 2) + "x" } ?? "-", "", figures.p99Ratio.map { format($0, 2) + "x" } ?? "-", "",
            ])
        }
        lines.append(contentsOf: ReportTable.align(rows).map { "  " + $0 })
        for figures in report.legitimate {
            for (phase, values) in [("baseline", figures.baseline), ("flood", figures.flood)] {
                if let failure = values.firstFailure { lines.append("  first \(figures.operation) failure (\(phase)): \(failure)") }
            }
        }
        lines.append("")
        let hold = report.hold
        lines.append("held connections (\(hold.requested) asked for, to \(target.holdService)):")
        for fate in HoldFate.allCases {
            let count = hold.fates[fate.rawValue] ?? 0
            guard count > 0 || fate == .heldToEnd else { continue }
            lines.append("  \(fate.rawValue): \(count)" + (hold.examples[fate.rawValue].map { "  (first: \($0))" } ?? ""))
        }
        lines.append("")
        let flood = report.flood
        lines.append(
            "flood: \(flood.attempted) of \(flood.requested) messages attempted in \(format(flood.seconds, 1)) s: "
                + "\(flood.accepted) accepted, \(flood.refused4xx) refused 4xx, \(flood.refused5xx) refused 5xx, "
                + "\(flood.connectionErrors) connection errors")
        lines.append(
            "  \(format(flood.acceptedPerSecond, 1)) accepted/s, \(format(flood.attemptedPerSecond, 1)) attempted/s; "
                + "sessions opened \(flood.sessionsOpened), refused at opening \(flood.sessionsRefusedAtOpening), "
                + "closed by the server \(flood.serverCloses)")
        for (kind, count) in flood.errorsByKind.sorted(by: { $0.key < $1.key }) {
            lines.append("  error \(kind): \(count)")
        }
        for (kind, example) in flood.examples.sorted(by: { $0.key < $1.key }) {
            lines.append("  first \(kind): \(example)")
        }
        if let memory = report.memory {
            lines.append("")
            let kib: (Int?) -> String = { $0.map { "\($0) KiB" } ?? "-" }
            lines.append(
                "server memory (pid \(memory.pid), VmRSS, \(memory.samples) samples): baseline peak \(kib(memory.baselinePeakKilobytes)), "
                    + "flood peak \(kib(memory.floodPeakKilobytes)), flood end \(kib(memory.floodEndKilobytes)), "
                    + "after \(kib(memory.afterKilobytes))" + (memory.serverGone ? "; THE SERVER PROCESS WENT AWAY" : ""))
        }
        return lines.joined(separator: "\n")
    }
}
