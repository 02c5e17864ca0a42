import Foundation
import Logging
import Locking
import Testing
@testable import MartletServer

/// Collects the lines a handler writes.
final class LineCollector: Sendable {
    private let storage = Locked<[String]>([])

    var lines: [String] { storage.withLock { $0 } }

    var output: MartletLogHandler.Output {
        { line in self.storage.withLock { $0.append(line) } }
    }
}

@Suite("Log handler")
struct MartletLogHandlerTests {
    static let fixedTime = Date(timeIntervalSince1970: 1_795_390_801.123)

    func makeLogger(
        label: String = "martlet.store", level: Logger.Level = .info, collector: LineCollector,
        provider: Logger.MetadataProvider? = nil
    ) -> Logger {
        Logger(label: label) { label in
            MartletLogHandler(
                label: label, level: level, metadataProvider: provider, output: collector.output,
                clock: { Self.fixedTime })
        }
    }

    @Test("a record is one line: time, level, label, message, sorted metadata")
    func format() {
        let collector = LineCollector()
        let logger = makeLogger(collector: collector)
        logger.info("delivered", metadata: ["uid": "42", "mailbox": "INBOX"])
        #expect(collector.lines == ["2026-11-22T23:40:01.123Z info martlet.store: delivered mailbox=INBOX uid=42\n"])
    }

    @Test("values with spaces, quotes or equals signs are quoted; empty values too")
    func quoting() {
        let collector = LineCollector()
        let logger = makeLogger(collector: collector)
        logger.warning("odd values", metadata: [
            "a": "two words", "b": "say \"hi\"", "c": "x=y", "d": "", "e": "plain",
        ])
        #expect(collector.lines.first
            == "2026-11-22T23:40:01.123Z warning martlet.store: odd values "
            + "a=\"two words\" b=\"say \\\"hi\\\"\" c=\"x=y\" d=\"\" e=plain\n")
    }

    @Test("newlines from a peer cannot forge a second log line")
    func escaping() {
        let collector = LineCollector()
        let logger = makeLogger(collector: collector)
        logger.error("bad command\r\n2026-01-01T00:00:00.000Z info fake: injected", metadata: ["line": "A\nB"])
        let lines = collector.lines
        #expect(lines.count == 1)
        let line = lines.first ?? ""
        #expect(line.hasSuffix("\n"))
        #expect(!line.dropLast().contains { $0.isNewline })
        #expect(lines.first?.contains("bad command\\r\\n2026") == true)
        #expect(lines.first?.contains("line=\"A\\nB\"") == true)
    }

    @Test("records below the level are dropped")
    func levels() {
        let collector = LineCollector()
        var logger = makeLogger(level: .notice, collector: collector)
        logger.info("hidden")
        logger.notice("shown")
        logger.logLevel = .debug
        logger.debug("now shown")
        #expect(collector.lines.count == 2)
        #expect(collector.lines.first?.contains(" notice martlet.store: shown") == true)
        #expect(collector.lines.last?.contains(" debug martlet.store: now shown") == true)
    }

    @Test("handler, provider and call metadata merge; the call wins")
    func metadataMerge() {
        let collector = LineCollector()
        let provider = Logger.MetadataProvider { ["session": "s1", "peer": "provider"] }
        var logger = makeLogger(collector: collector, provider: provider)
        logger[metadataKey: "peer"] = "handler"
        logger[metadataKey: "service"] = "imap"
        logger.info("login", metadata: ["peer": "call", "list": ["a", "b"], "map": ["k": "v"]])
        #expect(collector.lines.first?.hasSuffix(
            "login list=[a,b] map=\"{k=v}\" peer=call service=imap session=s1\n") == true)
    }

    @Test("time stamps are UTC with milliseconds")
    func timestamps() {
        #expect(LogLineFormatter.timestamp(0) == "1970-01-01T00:00:00.000Z")
        #expect(LogLineFormatter.timestamp(1_795_390_801.5) == "2026-11-22T23:40:01.500Z")
        #expect(LogLineFormatter.timestamp(951_782_400.999) == "2000-02-29T00:00:00.999Z")
    }
}
