/// Three-valued logic (Kleene): a key that needs data not loaded yet is `unknown`, and
/// AND, OR and NOT decide what they can without it.
enum SearchTruth: Hashable, Sendable {
    case yes, no, unknown

    init(_ value: Bool) { self = value ? .yes : .no }

    var negated: SearchTruth {
        switch self {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }
}
