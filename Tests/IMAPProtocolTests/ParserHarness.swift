import TestSupport
import MailCore
import Testing
@testable import IMAPProtocol

/// Drives a `CommandParser` the way a connection would: feeds bytes and drains events.
struct ParserHarness {
    var parser: CommandParser

    init(_ configuration: CommandParserConfiguration = CommandParserConfiguration()) {
        parser = CommandParser(configuration: configuration)
    }

    /// Feeds `bytes` and returns every event available afterwards.
    mutating func feed(_ bytes: [UInt8]) -> [CommandParserEvent] {
        parser.append(bytes)
        return drain()
    }

    mutating func feed(_ text: String) -> [CommandParserEvent] {
        feed(Array(text.utf8))
    }

    /// Pulls events until none is available.
    mutating func drain() -> [CommandParserEvent] {
        var events = [CommandParserEvent]()
        while let event = parser.nextEvent() { events.append(event) }
        return events
    }

    /// Feeds `bytes` split into pieces of `sizes` (cycled), draining after each piece, and
    /// returns every event with APPEND data pieces joined.
    mutating func feed(_ bytes: [UInt8], inPiecesOf sizes: [Int]) -> [CommandParserEvent] {
        var events = [CommandParserEvent]()
        var offset = 0
        var turn = 0
        while offset < bytes.count {
            let size = max(1, sizes[turn % sizes.count])
            let end = min(bytes.count, offset + size)
            events += feed(Array(bytes[offset..<end]))
            offset = end
            turn += 1
        }
        return Self.joiningAppendData(events)
    }

    /// The same events with consecutive `appendMessageBytes` merged, so that events from
    /// different splits of the input compare equal.
    static func joiningAppendData(_ events: [CommandParserEvent]) -> [CommandParserEvent] {
        var result = [CommandParserEvent]()
        for event in events {
            if case .appendMessageBytes(let more) = event, case .appendMessageBytes(let earlier)? = result.last {
                result[result.count - 1] = .appendMessageBytes(earlier + more)
            } else {
                result.append(event)
            }
        }
        return result
    }
}

/// The command one complete line (CRLF added) parses to; nil when it does not parse to exactly one command.
func parsed(_ line: String, configuration: CommandParserConfiguration = CommandParserConfiguration()) -> TaggedCommand? {
    var harness = ParserHarness(configuration)
    let events = harness.feed(line + "\r\n").filter { $0 != .continuationRequest }
    guard events.count == 1, case .command(let command) = events[0] else { return nil }
    return command
}

/// The command alone.
func command(_ line: String) -> IMAPCommand? {
    parsed(line)?.command
}

/// The refusal one complete line (CRLF added) gets; nil when it is not refused.
func rejection(_ line: String) -> CommandRejection? {
    var harness = ParserHarness()
    let events = harness.feed(line + "\r\n")
    guard events.count == 1, case .rejected(let rejection) = events[0] else { return nil }
    return rejection
}

/// A calendar date for expectations (throws when the day does not exist).
func calendarDay(_ year: Int, _ month: Int, _ day: Int) throws -> SearchDate {
    try #require(SearchDate(year: year, month: month, day: day))
}

/// A sequence set of single numbers and ranges, for expectations.
func set(_ ranges: ClosedRange<UInt32>...) -> SequenceSet {
    SequenceSet(ranges)
}

/// Text as the writer produced it.
func written(_ options: ResponseWriterOptions = ResponseWriterOptions(), _ body: (inout ResponseWriter) -> Void) -> String {
    var writer = ResponseWriter(options: options)
    body(&writer)
    return String(decoding: writer.takeBytes(), as: UTF8.self)
}

