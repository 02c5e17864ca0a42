import MailCore
import MailStore

/// FETCH and UID FETCH (RFC 9051 §6.4.5), with CHANGEDSINCE and VANISHED (RFC 7162
/// §3.1.4, §3.2.6).
extension StoreMessageCommands {
    func fetch(_ command: FetchCommand, _ context: MessageCommandContext,
               _ store: any MailStore) async throws -> MessageCommandResult {
        let plan = FetchPlan(command, condStoreEnabled: context.condStoreEnabled)
        let changedSince = command.changedSince.map { ModSequence($0) }
        let known = try await KnownMessages.load(naming: command.sequenceSet, usesUIDs: command.usesUIDs, context,
                                                 store: store, changedSince: changedSince)
        let positions = Array(known.summaries.indices)
        var writer = ResponseWriter(options: context.writerOptions)

        if command.vanished, let changedSince {
            // RFC 7162 §3.2.6: the UIDs of the set expunged since CHANGEDSINCE come first.
            let expunged = try await store.expunged(from: context.mailbox, since: changedSince)
            let ranges = command.sequenceSet.resolved(last: context.messageUIDs.last?.rawValue ?? 0) ?? []
            let vanished = expunged.uids.filter { UIDRanges.contains(ranges, $0.rawValue) }.sorted()
            if !vanished.isEmpty {
                writer.write(.vanished(earlier: true, uids: SequenceSet(UIDRanges.ranges(of: vanished))))
            }
        }

        let seenUpdates = try await setSeen(by: plan, on: positions.map { known.summaries[$0] }, context, store)
        let summaries = positions.map { position in
            let summary = known.summaries[position]
            guard let update = seenUpdates[summary.uid] else { return summary }
            return MessageSummary(uid: summary.uid, modSequence: update.modSequence, flags: update.flags,
                                  internalDate: summary.internalDate, saveDate: summary.saveDate, size: summary.size)
        }
        let maximumOutputBytes = self.maximumOutputBytes
        try await MessageLoading.forEach(summaries, requirement: plan.requirement, withObjectIDs: plan.needsObjectIDs,
                                         mailbox: context.mailbox, store: store) { offset, loaded in
            // A message expunged by another session since the snapshot is left out.
            guard let message = loaded else { return }
            let outputs = try plan.render(message, options: FetchRenderOptions(seenWasSet: seenUpdates[message.summary.uid] != nil))
            writer.beginFetch(sequenceNumber: known.sequenceNumbers[positions[offset]])
            for output in outputs { writer.writeFetchOutput(output, message: message.bytes ?? []) }
            writer.endFetch()
            guard writer.bytes.count <= maximumOutputBytes else {
                throw MessageCommandRefusal(status: .no, code: .limit,
                                            text: "FETCH answer too large; fetch fewer messages at a time")
            }
        }
        let name = command.usesUIDs ? "UID FETCH" : "FETCH"
        return MessageCommandResult(output: writer.takeBytes(), text: "\(name) completed",
                                    flagUpdates: Array(seenUpdates.values),
                                    enablesCondStore: command.changedSince != nil || command.attributes.contains(.modSeq))
    }

    /// Sets `\Seen` on the messages a body FETCH reads, in a mailbox opened read-write
    /// (RFC 9051 §6.4.5); the updates by UID.
    private func setSeen(by plan: FetchPlan, on summaries: [MessageSummary], _ context: MessageCommandContext,
                         _ store: any MailStore) async throws -> [UID: FlagUpdate] {
        guard plan.setsSeen, !context.isReadOnly else { return [:] }
        let unseen = summaries.filter { !$0.flags.isSeen }.map(\.uid)
        guard !unseen.isEmpty else { return [:] }
        let result = try await store.storeFlags(.add(MessageFlags(system: .seen)), on: UIDSet(unseen),
                                                in: context.mailbox, unchangedSince: nil)
        var updates = [UID: FlagUpdate]()
        for update in result.updates where update.changed { updates[update.uid] = update }
        return updates
    }
}
