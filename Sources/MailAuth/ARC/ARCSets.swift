/// A message's ARC header fields grouped into sets by instance (RFC 8617 §4.1), with the
/// structure checked: instances 1 to N without gaps, N at most 50, and exactly one
/// ARC-Authentication-Results, ARC-Message-Signature and ARC-Seal in each.
struct ARCSets: Sendable {
    /// The three fields of one instance.
    struct Set: Sendable {
        var authenticationResults: RawHeaderField
        var messageSignature: RawHeaderField
        var seal: RawHeaderField
    }

    /// Instance 1 first.
    let sets: [Set]

    static let authenticationResultsName = "arc-authentication-results"
    static let messageSignatureName = "arc-message-signature"
    static let sealName = "arc-seal"

    /// The sets of `message`; an empty list when it has no ARC field.
    init(_ message: RawMessage) throws(ARCStructureError) {
        var found = [Int: (results: [RawHeaderField], signatures: [RawHeaderField], seals: [RawHeaderField])]()
        var fieldCount = 0
        for field in message.fields {
            let name = field.lowercasedName
            guard name == Self.authenticationResultsName || name == Self.messageSignatureName || name == Self.sealName else {
                continue
            }
            fieldCount += 1
            // Three fields per instance at most 50 instances: more cannot be a valid chain.
            guard fieldCount <= 3 * ARCLimits.maximumInstances else { throw .tooManyInstances }
            let instance = try Self.instance(of: field, in: message)
            switch name {
            case Self.authenticationResultsName: found[instance, default: ([], [], [])].results.append(field)
            case Self.messageSignatureName: found[instance, default: ([], [], [])].signatures.append(field)
            default: found[instance, default: ([], [], [])].seals.append(field)
            }
        }
        var sets = [Set]()
        for instance in 1...max(1, found.count) where !found.isEmpty {
            guard let fields = found[instance] else { throw .missingInstance(instance) }
            guard fields.results.count == 1, fields.signatures.count == 1, fields.seals.count == 1,
                  let results = fields.results.first, let signature = fields.signatures.first, let seal = fields.seals.first else {
                throw .incompleteSet(instance)
            }
            sets.append(Set(authenticationResults: results, messageSignature: signature, seal: seal))
        }
        self.sets = sets
    }

    /// The `i=` of an ARC field. ARC-Authentication-Results starts with "i=N;" before its
    /// Authentication-Results payload (§4.1.1); the other two are tag lists.
    private static func instance(of field: RawHeaderField, in message: RawMessage) throws(ARCStructureError) -> Int {
        let value = message.bytes[field.valueStart..<field.range.upperBound]
        let tagText: ArraySlice<UInt8>
        if field.lowercasedName == authenticationResultsName {
            tagText = value[value.startIndex..<(value.firstIndex(of: 0x3B) ?? value.endIndex)]
        } else {
            tagText = value
        }
        do {
            let tags = try DKIMTagList(parsing: tagText)
            return try DKIMSignature.instance(tags)
        } catch {
            throw .unreadableInstance(field.lowercasedName)
        }
    }
}

/// Why a message's ARC fields do not form a chain.
enum ARCStructureError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooManyInstances
    case missingInstance(Int)
    case incompleteSet(Int)
    case unreadableInstance(String)

    var description: String {
        switch self {
        case .tooManyInstances: "more than \(ARCLimits.maximumInstances) ARC sets"
        case .missingInstance(let instance): "ARC set \(instance) is missing"
        case .incompleteSet(let instance): "ARC set \(instance) does not have exactly one of each field"
        case .unreadableInstance(let name): "an \(name) field has no valid i= instance"
        }
    }
}
