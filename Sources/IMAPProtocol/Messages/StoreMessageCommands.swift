import Foundation
import MailCore
import MailStore

/// FETCH, SEARCH, SORT and THREAD (and their UID forms) answered from the store: the
/// ``IMAPMessageCommandHandler`` the server installs.
///
/// It reads no more than each command's plan requires (``MessageDataRequirement``): a FETCH
/// of FLAGS reads the mailbox's summaries only, ENVELOPE and BODYSTRUCTURE the cached
/// structure, body sections the octets. Responses use the numbers the client knows
/// (``MessageCommandContext/messageUIDs``); a message expunged by another session meanwhile
/// is left out of the answer (RFC 9051 §7.5.1 lets the server omit it).
public struct StoreMessageCommands: IMAPMessageCommandHandler {
    /// The capabilities these commands add to the session's list.
    public static let capabilities = [
        "ESEARCH", "SEARCHRES", "WITHIN", "SORT", "THREAD=ORDEREDSUBJECT", "THREAD=REFERENCES",
        "BINARY", "SAVEDATE", "PREVIEW", "OBJECTID",
    ]

    /// The largest FETCH answer built for one command; a FETCH that would exceed it is
    /// answered `NO [LIMIT]` so that the client asks for fewer messages at a time.
    public var maximumOutputBytes: Int
    /// The moment `OLDER`/`YOUNGER` count back from (a clock the tests may replace).
    public var now: @Sendable () -> Date

    /// Handlers with the given output bound.
    public init(maximumOutputBytes: Int = 256 * 1024 * 1024, now: @escaping @Sendable () -> Date = { Date() }) {
        self.maximumOutputBytes = maximumOutputBytes
        self.now = now
    }

    public func run(_ context: MessageCommandContext, store: any MailStore) async -> MessageCommandResult {
        do {
            switch context.command {
            case .fetch(let command): return try await fetch(command, context, store)
            case .search(let command): return try await search(command, context, store)
            case .sort(let command): return try await sort(command, context, store)
            case .thread(let command): return try await thread(command, context, store)
            default: return .unavailable(context.command)
            }
        } catch let error as FetchError {
            return MessageCommandResult(output: [], status: .no, code: error.responseCode, text: error.text)
        } catch let error as MessageCommandRefusal {
            return MessageCommandResult(output: [], status: error.status, code: error.code, text: error.text)
        } catch {
            return MessageCommandResult(output: [], status: .no, code: .serverBug,
                                        text: "\(context.command.name) failed: \(error)")
        }
    }
}

/// A message command answered with NO or BAD before any output.
struct MessageCommandRefusal: Error {
    var status: ResponseStatus
    var code: ResponseCode?
    var text: String
}

/// The messages of the selected mailbox that the client knows, as the store has them now:
/// each with the sequence number the client knows it by.
struct KnownMessages {
    /// Summaries, ascending by UID.
    var summaries: [MessageSummary]
    /// The client's sequence number of each summary.
    var sequenceNumbers: [UInt32]

    /// The known messages of the context's mailbox; with `changedSince`, only those whose
    /// MODSEQ is greater.
    static func load(_ context: MessageCommandContext, store: any MailStore,
                     changedSince: ModSequence? = nil) async throws -> KnownMessages {
        let snapshot = try await store.snapshot(of: context.mailbox, changedSince: changedSince)
        guard snapshot.uidValidity == context.uidValidity else {
            throw MessageCommandRefusal(status: .no, code: nil, text: "The mailbox was replaced; select it again")
        }
        let known = context.messageUIDs
        var summaries = [MessageSummary]()
        var numbers = [UInt32]()
        summaries.reserveCapacity(min(known.count, snapshot.messages.count))
        numbers.reserveCapacity(summaries.capacity)
        // Both lists ascend by UID: one merge pass.
        var knownIndex = 0
        for summary in snapshot.messages {
            while knownIndex < known.count && known[knownIndex] < summary.uid { knownIndex += 1 }
            guard knownIndex < known.count else { break }
            if known[knownIndex] == summary.uid {
                summaries.append(summary)
                numbers.append(UInt32(clamping: knownIndex + 1))
            }
        }
        return KnownMessages(summaries: summaries, sequenceNumbers: numbers)
    }

    /// The positions in ``summaries`` of the messages a command's set names: sequence
    /// numbers, or UIDs with `*` standing for the highest UID the client knows (RFC 9051
    /// §6.4.9); `$` is the saved search result (RFC 5182).
    func positions(of set: SequenceSet, usesUIDs: Bool, context: MessageCommandContext) throws -> [Int] {
        let ranges: [ClosedRange<UInt32>]
        var matchUIDs = usesUIDs
        if case .lastResult = set {
            ranges = UIDRanges.ranges(of: (context.savedSearchResult ?? []).sorted())
            matchUIDs = true
        } else if usesUIDs {
            ranges = set.resolved(last: context.messageUIDs.last?.rawValue ?? 0) ?? []
        } else {
            let count = context.messageUIDs.count
            // `1:*` in an empty mailbox names nothing rather than an invalid number.
            if count == 0 && set.mentionsLast { return [] }
            ranges = set.resolved(last: UInt32(clamping: count)) ?? []
            guard ranges.allSatisfy({ $0.lowerBound >= 1 && Int($0.upperBound) <= count }) else {
                throw MessageCommandRefusal(status: .bad, code: nil, text: "Invalid message sequence number")
            }
        }
        guard ranges.count <= UIDRanges.maximumRanges else {
            throw MessageCommandRefusal(status: .no, code: .limit, text: "Too many ranges in one command")
        }
        var positions = [Int]()
        for index in summaries.indices {
            let value = matchUIDs ? summaries[index].uid.rawValue : sequenceNumbers[index]
            if UIDRanges.contains(ranges, value) { positions.append(index) }
        }
        return positions
    }
}
