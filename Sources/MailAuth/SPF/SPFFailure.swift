/// Why an evaluation stopped early: the two error results of RFC 7208 §2.6.6 and §2.6.7,
/// with a reason for people.
enum SPFFailure: Error, Sendable {
    /// A DNS failure or time limit: "temperror".
    case temporary(String)
    /// A broken record or an exceeded processing limit: "permerror".
    case permanent(String)

    var result: SPFResult {
        switch self {
        case .temporary: .temperror
        case .permanent: .permerror
        }
    }

    var reason: String {
        switch self {
        case .temporary(let reason), .permanent(let reason): reason
        }
    }
}
