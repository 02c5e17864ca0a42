/// The human-readable form of a report: a heading, one row per operation, errors, counts.
enum ReportTable {
    static func render(_ report: BenchReport) -> String {
        var lines: [String] = []
        let target = report.target
        lines.append(
            "martlet-bench \(report.command) \(report.workload): \(target.host):\(target.port) (\(target.security)), "
                + "\(report.clients) clients, \(format(report.elapsedSeconds, decimals: 2)) s, stopped by \(report.stoppedBy)")
        lines.append(
            "\(report.headlineOperation): \(report.operations) operations, \(format(report.operationsPerSecond, decimals: 1))/s"
                + (report.latencyMs.map { ", p50 \(format($0.p50)) ms, p99 \(format($0.p99)) ms" } ?? ""))
        lines.append("")
        let header = ["operation", "count", "ops/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms"]
        var rows = [header]
        for (name, figures) in report.byOperation.sorted(by: { $0.key < $1.key }) {
            let latency = figures.latencyMs
            rows.append([
                name, "\(figures.count)", format(figures.perSecond, decimals: 1), format(latency.p50), format(latency.p90),
                format(latency.p99), format(latency.max), format(latency.mean),
            ])
        }
        lines.append(contentsOf: align(rows))
        lines.append("")
        if report.errors.total == 0 {
            lines.append("errors: none")
        } else {
            lines.append("errors: \(report.errors.total)")
            for (kind, count) in report.errors.byKind.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(kind): \(count)  (first: \(report.errors.examples[kind] ?? "?"))")
            }
        }
        if !report.counts.isEmpty {
            lines.append("counts: " + report.counts.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if let memory = report.memory {
            let scope = memory.includesDescendants ? "pid \(memory.pid) and descendants" : "pid \(memory.pid)"
            lines.append(
                "server memory (\(scope), VmRSS): before \(memory.before.residentKilobytes) KiB in \(memory.before.processes) processes, "
                    + "opened \(memory.opened.residentKilobytes) KiB in \(memory.opened.processes), "
                    + "held \(memory.held.residentKilobytes) KiB in \(memory.held.processes)"
                    + (memory.perSessionKilobytes.map { "; \(format($0, decimals: 1)) KiB per session" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    /// Rows with columns padded to a common width (first column left-aligned).
    static func align(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
    }

    /// A number with a fixed count of decimals, without Foundation's locale formatting.
    static func format(_ value: Double, decimals: Int = 3) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale)
        let fraction = String(scaled % Int64(scale)).leftPadded(to: decimals)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return decimals == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}
