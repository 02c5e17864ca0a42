import Foundation

/// The resident memory of a server's process (and, if asked, of its descendants, for
/// servers with a process per session), read from Linux's /proc.
struct ProcessMemory: Codable, Equatable, Sendable {
    /// How many processes were summed.
    let processes: Int
    /// Sum of their VmRSS, in KiB.
    let residentKilobytes: Int

    /// Samples `pid` (and its descendants with `includeDescendants`). Processes that exit
    /// while being read are skipped.
    static func sample(pid: Int32, includeDescendants: Bool) throws(BenchError) -> ProcessMemory {
        guard let status = readFile("/proc/\(pid)/status"), let own = residentKilobytes(status: status) else {
            throw .processUnreadable(pid)
        }
        var total = own
        var count = 1
        if includeDescendants {
            for child in descendants(of: pid, parents: parentTable()) {
                guard let text = readFile("/proc/\(child)/status"), let resident = residentKilobytes(status: text) else { continue }
                total += resident
                count += 1
            }
        }
        return ProcessMemory(processes: count, residentKilobytes: total)
    }

    /// The VmRSS value (KiB) in the text of /proc/PID/status; nil if absent (kernel threads).
    static func residentKilobytes(status: String) -> Int? {
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2 else { return nil }
            return Int(fields[1].trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// The parent pid in the text of /proc/PID/stat. The command name (field 2) is in
    /// parentheses and may itself hold spaces and ")", so fields are counted after the last ")".
    static func parentPID(stat: String) -> Int32? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count >= 2 else { return nil }
        return Int32(fields[1])
    }

    /// Every process below `root` in a table of pid → parent pid.
    static func descendants(of root: Int32, parents: [Int32: Int32]) -> [Int32] {
        var children: [Int32: [Int32]] = [:]
        for (pid, parent) in parents { children[parent, default: []].append(pid) }
        var result: [Int32] = []
        var queue = children[root] ?? []
        var seen: Set<Int32> = [root]
        while let next = queue.popLast() {
            guard seen.insert(next).inserted else { continue }
            result.append(next)
            queue.append(contentsOf: children[next] ?? [])
        }
        return result.sorted()
    }

    private static func parentTable() -> [Int32: Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [:] }
        var table: [Int32: Int32] = [:]
        for entry in entries {
            guard let pid = Int32(entry), let stat = readFile("/proc/\(entry)/stat"), let parent = parentPID(stat: stat) else { continue }
            table[pid] = parent
        }
        return table
    }

    private static func readFile(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
