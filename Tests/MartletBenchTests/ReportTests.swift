import Foundation
import Testing
@testable import martlet_bench

@Suite("Reports")
struct ReportTests {
    static func sampleReport() -> BenchReport {
        let recorder = RunRecorder()
        for milliseconds in 1...100 { recorder.record("send", .milliseconds(milliseconds)) }
        recorder.record("connect", .microseconds(250))
        recorder.count("sessions", 3)
        recorder.failed(BenchError.refused(kind: "smtp-5xx", reply: "550 no such user"))
        recorder.failed(BenchError.timedOut)
        recorder.failed(BenchError.timedOut)
        return BenchReport(
            command: "smtp", workload: "send", target: .init(host: "127.0.0.2", port: 25, security: "plain"), clients: 4,
            elapsed: .seconds(2), headline: "send", snapshot: recorder.snapshot(), stoppedBy: "count")
    }

    @Test func figuresComeFromTheHistogram() throws {
        let report = Self.sampleReport()
        #expect(report.operations == 100)
        #expect(report.operationsPerSecond == 50)
        let latency = try #require(report.latencyMs)
        #expect(latency.p50 <= latency.p90 && latency.p90 <= latency.p99 && latency.p99 <= latency.max)
        #expect(abs(latency.p50 - 50) < 0.1)
        #expect(abs(latency.max - 100) < 0.1)
        #expect(report.errors.total == 3)
        #expect(report.errors.byKind == ["smtp-5xx": 1, "timeout": 2])
        #expect(report.byOperation["connect"]?.count == 1)
    }

    @Test func jsonIsOneObjectWithTheDocumentedKeys() throws {
        let text = try Self.sampleReport().json()
        #expect(!text.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for key in ["command", "workload", "target", "clients", "elapsed_seconds", "headline_operation", "operations",
                    "operations_per_second", "latency_ms", "errors", "by_operation", "counts", "stopped_by"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let latency = try #require(object["latency_ms"] as? [String: Double])
        #expect(Set(latency.keys) == ["p50", "p90", "p99", "max", "mean"])
        let errors = try #require(object["errors"] as? [String: Any])
        #expect((errors["by_kind"] as? [String: Int])?["timeout"] == 2)
        let send = try #require((object["by_operation"] as? [String: Any])?["send"] as? [String: Any])
        #expect(send["count"] as? Int == 100)
        #expect(send["per_second"] != nil && send["latency_ms"] != nil)
        #expect((object["counts"] as? [String: Int])?["sessions"] == 3)
        let decoded = try JSONDecoder.snakeCase.decode(BenchReport.self, from: Data(text.utf8))
        #expect(decoded == Self.sampleReport())
    }

    @Test func tableNamesEveryOperationAndError() {
        let table = ReportTable.render(Self.sampleReport())
        for word in ["send", "connect", "smtp-5xx", "timeout", "sessions 3", "stopped by count"] {
            #expect(table.contains(word), "table lacks \(word)")
        }
    }

    @Test func numberFormatting() {
        #expect(ReportTable.format(1.23456) == "1.235")
        #expect(ReportTable.format(-0.5, decimals: 1) == "-0.5")
        #expect(ReportTable.format(12, decimals: 0) == "12")
        #expect(ReportTable.format(.infinity) == "-")
    }

    @Test func processMemoryParsing() {
        let status = "Name:\tdovecot\nVmPeak:\t  9000 kB\nVmRSS:\t    4321 kB\nThreads:\t1\n"
        #expect(ProcessMemory.residentKilobytes(status: status) == 4321)
        #expect(ProcessMemory.residentKilobytes(status: "Name:\tkthreadd\n") == nil)
        #expect(ProcessMemory.parentPID(stat: "1234 (imap) login) S 77 1234 1234 0 -1") == 77)
        let tree: [Int32: Int32] = [2: 1, 3: 2, 4: 2, 5: 9, 6: 5]
        #expect(ProcessMemory.descendants(of: 1, parents: tree) == [2, 3, 4])
        #expect(ProcessMemory.descendants(of: 5, parents: tree) == [6])
    }

    @Test func ownProcessMemoryIsReadable() throws {
        let sample = try ProcessMemory.sample(pid: getpid(), includeDescendants: true)
        #expect(sample.residentKilobytes > 0)
        #expect(sample.processes >= 1)
        #expect(throws: BenchError.self) { try ProcessMemory.sample(pid: Int32.max, includeDescendants: false) }
    }
}

extension JSONDecoder {
    static var snakeCase: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
