/// THREAD=REFERENCES (RFC 5256 §3): threads from the Message-ID and References fields,
/// after Jamie Zawinski's algorithm, then threads with the same base subject merged.
///
/// Containers (messages, and "dummies" for identifiers of messages not present) sit in
/// flat arrays linked by index, with child lists doubly linked, so that every step is
/// linear or n log n in the number of messages and references.
struct ReferencesThreader {
    private let messages: [ThreadMessage]
    private let limits: ThreadLimits
    /// Per container: the index in `messages`, or -1 for a dummy.
    private var message = [Int]()
    private var parent = [Int]()
    private var firstChild = [Int]()
    private var lastChild = [Int]()
    private var nextSibling = [Int]()
    private var previousSibling = [Int]()
    /// The container whose children are the root set.
    private var root = -1

    init(messages: [ThreadMessage], limits: ThreadLimits) {
        self.messages = messages
        self.limits = limits
        let capacity = messages.count * 2 + 1
        for array in [\Self.message, \.parent, \.firstChild, \.lastChild, \.nextSibling, \.previousSibling] {
            self[keyPath: array].reserveCapacity(capacity)
        }
    }

    /// Runs the algorithm and returns the threads in order.
    func threads() -> [ThreadNode] {
        var threader = self
        threader.linkByReferences()
        threader.gatherRootSet()
        threader.pruneDummies()
        threader.sortRootSet()
        threader.mergeBySubject()
        threader.sortEverySiblingSet()
        return threader.makeNodes()
    }

    // MARK: Steps

    /// Step 1: a container per message and per referenced identifier, linked parent to child
    /// along each References chain, the message under its last reference.
    private mutating func linkByReferences() {
        var containerByID = [String: Int]()
        containerByID.reserveCapacity(messages.count * 2)
        for (index, current) in messages.enumerated() {
            let container: Int
            if let id = current.messageID, let existing = containerByID[id], message[existing] == -1 {
                container = existing
                message[container] = index
            } else if let id = current.messageID, containerByID[id] == nil {
                container = makeContainer(message: index)
                containerByID[id] = container
            } else {
                // No Message-ID, or one that an earlier message has: a unique container.
                container = makeContainer(message: index)
            }
            // (A) Link the references to each other, keeping links already made.
            var previous = -1
            for reference in current.references.suffix(max(0, limits.maximumReferences)) {
                let referenced: Int
                if let existing = containerByID[reference] {
                    referenced = existing
                } else {
                    referenced = makeContainer(message: -1)
                    containerByID[reference] = referenced
                }
                if previous >= 0, parent[referenced] == -1, !wouldLoop(parent: previous, child: referenced) {
                    append(referenced, to: previous)
                }
                previous = referenced
            }
            // (B) The message goes under its last reference, or to the top when it has none.
            if previous < 0 {
                unlink(container)
            } else if parent[container] != previous, !wouldLoop(parent: previous, child: container) {
                unlink(container)
                append(container, to: previous)
            }
        }
    }

    /// Step 2: the containers without a parent become children of `root`.
    private mutating func gatherRootSet() {
        let count = message.count
        root = makeContainer(message: -1)
        for container in 0..<count where parent[container] == -1 {
            append(container, to: root)
        }
    }

    /// Step 3: dummies without children go; a dummy's children take its place, unless it is
    /// at the top with more than one child. Children are dealt with before their parents.
    private mutating func pruneDummies() {
        var stack: [(container: Int, childrenDone: Bool)] = [(root, false)]
        while let (container, childrenDone) = stack.popLast() {
            if !childrenDone {
                stack.append((container, true))
                for child in children(of: container) { stack.append((child, false)) }
                continue
            }
            guard container != root, message[container] == -1 else { continue }
            let above = parent[container]
            if firstChild[container] == -1 {
                unlink(container)
            } else if above != root || firstChild[container] == lastChild[container] {
                for child in children(of: container) {
                    unlink(child)
                    insert(child, before: container)
                }
                unlink(container)
            }
        }
    }

    /// Step 4: the top level ordered by sent date, a dummy by its first child once its
    /// children are ordered.
    private mutating func sortRootSet() {
        for top in children(of: root) where message[top] == -1 { sortChildren(of: top) }
        sortChildren(of: root)
    }

    /// Step 5: top-level threads with the same base subject are put together.
    private mutating func mergeBySubject() {
        let tops = children(of: root)
        var table = [String: Int]()
        for top in tops {
            let subject = self.subject(of: top)
            guard !subject.text.isEmpty else { continue }
            guard let held = table[subject.text] else {
                table[subject.text] = top
                continue
            }
            let topIsDummy = message[top] == -1
            let heldIsDummy = message[held] == -1
            if (topIsDummy && !heldIsDummy) || (!topIsDummy && !heldIsDummy && isReply(held) && !isReply(top)) {
                table[subject.text] = top
            }
        }
        for top in tops {
            let subject = self.subject(of: top).text
            guard !subject.isEmpty, let held = table[subject], held != top else { continue }
            if message[held] == -1 && message[top] == -1 {
                for child in children(of: top) {
                    unlink(child)
                    append(child, to: held)
                }
                unlink(top)
            } else if message[held] == -1 || (isReply(top) && !isReply(held)) {
                unlink(top)
                append(top, to: held)
            } else {
                let dummy = makeContainer(message: -1)
                insert(dummy, before: held)
                unlink(held)
                unlink(top)
                append(held, to: dummy)
                append(top, to: dummy)
                table[subject] = dummy
            }
        }
    }

    /// Step 6 (and step 4 for the top): every set of siblings ordered by sent date,
    /// grandchildren before children, so a dummy is ordered by its first child.
    private mutating func sortEverySiblingSet() {
        var stack: [(container: Int, childrenDone: Bool)] = [(root, false)]
        while let (container, childrenDone) = stack.popLast() {
            if childrenDone {
                sortChildren(of: container)
                continue
            }
            stack.append((container, true))
            for child in children(of: container) where firstChild[child] != -1 { stack.append((child, false)) }
        }
    }

    /// The response's nodes; beyond `maximumDepth`, descendants are listed flat under their
    /// ancestor at that depth, in date order.
    private func makeNodes() -> [ThreadNode] {
        var built = [ThreadNode?](repeating: nil, count: message.count)
        var stack: [(container: Int, depth: Int, childrenDone: Bool)] = [(root, 0, false)]
        let maximumDepth = max(1, limits.maximumDepth)
        while let (container, depth, childrenDone) = stack.popLast() {
            let number = message[container] >= 0 ? messages[message[container]].number : nil
            if depth >= maximumDepth {
                let flat = descendants(of: container).sorted { dateKey(of: $0) < dateKey(of: $1) }
                built[container] = ThreadNode(number, children: flat.compactMap { descendant in
                    message[descendant] >= 0 ? ThreadNode(messages[message[descendant]].number) : nil
                })
                continue
            }
            if !childrenDone {
                stack.append((container, depth, true))
                for child in children(of: container) { stack.append((child, depth + 1, false)) }
                continue
            }
            var nodes = [ThreadNode]()
            for child in children(of: container) {
                if let node = built[child] { nodes.append(node) }
                built[child] = nil
            }
            built[container] = ThreadNode(number, children: nodes)
        }
        return built[root]?.children ?? []
    }

    // MARK: Containers

    private mutating func makeContainer(message index: Int) -> Int {
        message.append(index)
        parent.append(-1)
        firstChild.append(-1)
        lastChild.append(-1)
        nextSibling.append(-1)
        previousSibling.append(-1)
        return message.count - 1
    }

    private func children(of container: Int) -> [Int] {
        var result = [Int]()
        var child = firstChild[container]
        while child != -1 {
            result.append(child)
            child = nextSibling[child]
        }
        return result
    }

    /// Every container below `container`, in no particular order.
    private func descendants(of container: Int) -> [Int] {
        var result = [Int]()
        var stack = children(of: container)
        while let next = stack.popLast() {
            result.append(next)
            stack.append(contentsOf: children(of: next))
        }
        return result
    }

    /// Takes a container out of its parent's children.
    private mutating func unlink(_ container: Int) {
        let above = parent[container]
        guard above != -1 else { return }
        let before = previousSibling[container]
        let after = nextSibling[container]
        if before != -1 { nextSibling[before] = after } else { firstChild[above] = after }
        if after != -1 { previousSibling[after] = before } else { lastChild[above] = before }
        parent[container] = -1
        nextSibling[container] = -1
        previousSibling[container] = -1
    }

    private mutating func append(_ child: Int, to container: Int) {
        parent[child] = container
        previousSibling[child] = lastChild[container]
        nextSibling[child] = -1
        if lastChild[container] != -1 { nextSibling[lastChild[container]] = child } else { firstChild[container] = child }
        lastChild[container] = child
    }

    /// Puts an unlinked container just before `sibling`, under the same parent.
    private mutating func insert(_ container: Int, before sibling: Int) {
        let above = parent[sibling]
        guard above != -1 else { return }
        let before = previousSibling[sibling]
        parent[container] = above
        previousSibling[container] = before
        nextSibling[container] = sibling
        previousSibling[sibling] = container
        if before != -1 { nextSibling[before] = container } else { firstChild[above] = container }
    }

    /// Whether making `child` a child of `parentCandidate` would make a loop: `child` is
    /// the candidate or one of its ancestors. A childless container is no one's ancestor.
    private func wouldLoop(parent candidate: Int, child: Int) -> Bool {
        if candidate == child { return true }
        if firstChild[child] == -1 { return false }
        var ancestor = parent[candidate]
        var steps = 0
        while ancestor != -1 {
            if ancestor == child { return true }
            steps += 1
            if steps > limits.maximumLoopCheckDepth { return true }
            ancestor = parent[ancestor]
        }
        return false
    }

    private mutating func sortChildren(of container: Int) {
        let ordered = children(of: container).map { ($0, dateKey(of: $0)) }.sorted { $0.1 < $1.1 }.map(\.0)
        guard ordered.count > 1 else { return }
        for child in ordered { unlink(child) }
        for child in ordered { append(child, to: container) }
    }

    /// The message a container is ordered and named by: its own, or its first child's.
    private func representative(of container: Int) -> ThreadMessage? {
        var current = container
        while current != -1 {
            if message[current] >= 0 { return messages[message[current]] }
            current = firstChild[current]
        }
        return nil
    }

    /// What a container is ordered by: the sent date and sequence number of its representative.
    private func dateKey(of container: Int) -> DateKey {
        var current = container
        while current != -1 {
            if message[current] >= 0 {
                let represented = messages[message[current]]
                return DateKey(sentDate: represented.sentDate, sequenceNumber: represented.sequenceNumber)
            }
            current = firstChild[current]
        }
        return DateKey(sentDate: .min, sequenceNumber: 0)
    }

    /// The order of sent dates, ties broken by sequence number.
    private struct DateKey: Comparable {
        var sentDate: Int64
        var sequenceNumber: UInt32

        static func < (lhs: DateKey, rhs: DateKey) -> Bool {
            (lhs.sentDate, lhs.sequenceNumber) < (rhs.sentDate, rhs.sequenceNumber)
        }
    }

    private func subject(of container: Int) -> BaseSubject {
        representative(of: container)?.subject ?? BaseSubject(subject: nil)
    }

    private func isReply(_ container: Int) -> Bool {
        message[container] >= 0 && messages[message[container]].subject.isReplyOrForward
    }
}
