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

    /// The known messages of the context's mailbox (SEARCH evaluates every one of them).
    static func load(_ context: MessageCommandContext, store: any MailStore) async throws -> KnownMessages {
        let snapshot = try await store.snapshot(of: context.mailbox, changedSince: nil)
        return try KnownMessages(snapshot, context, named: context.messageUIDs, indexes: nil)
    }

    /// The known messages a command's set names (see ``namedIndexes(by:usesUIDs:context:)``),
    /// read from the store by their UIDs only: a FETCH of a few messages of a large mailbox
    /// does not read the whole mailbox. With `changedSince`, only those whose MODSEQ is greater.
    static func load(naming set: SequenceSet, usesUIDs: Bool, _ context: MessageCommandContext, store: any MailStore,
                     changedSince: ModSequence? = nil) async throws -> KnownMessages {
        let indexes = try namedIndexes(by: set, usesUIDs: usesUIDs, context: context)
        let named = indexes.map { context.messageUIDs[$0] }
        let snapshot = try await store.snapshot(of: context.mailbox, uids: UIDSet(named), changedSince: changedSince)
        return try KnownMessages(snapshot, context, named: named, indexes: indexes)
    }

    /// The summaries of `snapshot` whose UIDs are in `named` (ascending), numbered by their
    /// place in the context's UIDs: `indexes[i]` for `named[i]`, or `i` itself when `named`
    /// is all of them. A message expunged since the client was told is missing from the
    /// snapshot and left out.
    private init(_ snapshot: MailboxSnapshot, _ context: MessageCommandContext, named: [UID], indexes: [Int]?) throws {
        guard snapshot.uidValidity == context.uidValidity else {
            throw MessageCommandRefusal(status: .no, code: nil, text: "The mailbox was replaced; select it again")
        }
        summaries = []
        sequenceNumbers = []
        summaries.reserveCapacity(min(named.count, snapshot.messages.count))
        sequenceNumbers.reserveCapacity(summaries.capacity)
        // Both ascend by UID: one merge pass.
        var offset = 0
        for summary in snapshot.messages {
            while offset < named.count && named[offset] < summary.uid { offset += 1 }
            guard offset < named.count else { break }
            if named[offset] == summary.uid {
                summaries.append(summary)
                sequenceNumbers.append(UInt32(clamping: (indexes?[offset] ?? offset) + 1))
            }
        }
    }

    /// The indexes in ``MessageCommandContext/messageUIDs`` of the messages a command's set
    /// names, ascending: sequence numbers, or UIDs with `*` standing for the highest UID the
    /// client knows (RFC 9051 §6.4.9); `$` is the saved search result (RFC 5182).
    static func namedIndexes(by set: SequenceSet, usesUIDs: Bool, context: MessageCommandContext) throws -> [Int] {
        let known = context.messageUIDs
        let ranges: [ClosedRange<UInt32>]
        var matchUIDs = usesUIDs
        if case .lastResult = set {
            ranges = UIDRanges.ranges(of: (context.savedSearchResult ?? []).sorted())
            matchUIDs = true
        } else if usesUIDs {
            ranges = set.resolved(last: known.last?.rawValue ?? 0) ?? []
        } else {
            // `1:*` in an empty mailbox names nothing rather than an invalid number.
            if known.isEmpty && set.mentionsLast { return [] }
            ranges = set.resolved(last: UInt32(clamping: known.count)) ?? []
            guard ranges.allSatisfy({ $0.lowerBound >= 1 && Int($0.upperBound) <= known.count }) else {
                throw MessageCommandRefusal(status: .bad, code: nil, text: "Invalid message sequence number")
            }
        }
        guard ranges.count <= UIDRanges.maximumRanges else {
            throw MessageCommandRefusal(status: .no, code: .limit, text: "Too many ranges in one command")
        }
        var indexes = [Int]()
        for range in ranges {
            if matchUIDs {
                // The known UIDs ascend: the first at or above the range's start, then on.
                var index = known.sortedFirstIndex(notBelow: UID(range.lowerBound))
                while index < known.count && known[index].rawValue <= range.upperBound {
                    indexes.append(index)
                    index += 1
                }
            } else {
                indexes.append(contentsOf: Int(range.lowerBound) - 1 ..< Int(range.upperBound))
            }
        }
        // Ranges may overlap or come in any order (`5,1:3,2`).
        return ranges.count > 1 ? Array(Set(indexes)).sorted() : indexes
    }
}
