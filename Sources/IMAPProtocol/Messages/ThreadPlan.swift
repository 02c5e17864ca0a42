/// A THREAD command's algorithm (RFC 5256 §3) and what it reads.
public struct ThreadPlan: Hashable, Sendable {
    /// ORDEREDSUBJECT or REFERENCES.
    public let algorithm: ThreadAlgorithm
    /// How many references of one message REFERENCES follows (the nearest ones), and how far
    /// up a thread it looks for a loop; both bound the work hostile headers can cause.
    public var limits: ThreadLimits

    /// A plan for the algorithm.
    public init(algorithm: ThreadAlgorithm, limits: ThreadLimits = ThreadLimits()) {
        self.algorithm = algorithm
        self.limits = limits
    }

    /// ORDEREDSUBJECT reads the structure (Subject and Date); REFERENCES also the References
    /// field, which only the header's octets hold.
    public var requirement: MessageDataRequirement {
        algorithm == .references ? .header : .structure
    }

    /// Whether ``ThreadMessage/referencesField(in:structure:)`` is needed.
    public var needsReferencesField: Bool { algorithm == .references }

    /// The threads of the messages, in the order the response lists them.
    public func threads(_ messages: [ThreadMessage]) -> [ThreadNode] {
        switch algorithm {
        case .orderedSubject: OrderedSubjectThreader.threads(messages)
        case .references: ReferencesThreader(messages: messages, limits: limits).threads()
        }
    }
}

/// Bounds on the work of THREAD=REFERENCES.
public struct ThreadLimits: Hashable, Sendable {
    /// References followed per message (the last ones, nearest the message).
    public var maximumReferences: Int
    /// Ancestors examined when checking that a link makes no loop; a deeper check counts
    /// as a loop (the link is not made).
    public var maximumLoopCheckDepth: Int
    /// Nesting depth of the response; messages deeper are listed as children of their
    /// ancestor at that depth (the response is written and freed recursively).
    public var maximumDepth: Int

    /// Limits with the given values.
    public init(maximumReferences: Int = 256, maximumLoopCheckDepth: Int = 4096, maximumDepth: Int = 512) {
        self.maximumReferences = maximumReferences
        self.maximumLoopCheckDepth = maximumLoopCheckDepth
        self.maximumDepth = maximumDepth
    }
}
