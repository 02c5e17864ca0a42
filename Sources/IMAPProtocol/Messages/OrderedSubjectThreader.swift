/// THREAD=ORDEREDSUBJECT (RFC 5256 §3): messages grouped by base subject; in each group,
/// ordered by sent date, the first message is the parent of all the others; the groups are
/// ordered by the sent date of their first message.
enum OrderedSubjectThreader {
    static func threads(_ messages: [ThreadMessage]) -> [ThreadNode] {
        var groupBySubject = [String: Int]()
        var groups = [[Int]]()
        for (index, message) in messages.enumerated() {
            if let group = groupBySubject[message.subject.text] {
                groups[group].append(index)
            } else {
                groupBySubject[message.subject.text] = groups.count
                groups.append([index])
            }
        }
        for group in groups.indices {
            groups[group].sort { messages[$0].precedes(messages[$1]) }
        }
        groups.sort { messages[$0[0]].precedes(messages[$1[0]]) }
        return groups.map { group in
            ThreadNode(messages[group[0]].number, children: group.dropFirst().map { ThreadNode(messages[$0].number) })
        }
    }
}
