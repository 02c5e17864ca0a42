/// The extended response codes Martlet sends in brackets after `-ERR` (RFC 2449 §8,
/// RFC 3206), which tell a client whether to retry, ask the user, or give up.
public enum POP3ResponseCode: String, Sendable, Hashable, CaseIterable {
    /// `[IN-USE]`: another session holds the maildrop (RFC 2449 §8.1.1).
    case inUse = "IN-USE"
    /// `[LOGIN-DELAY]`: the user logged in too recently (RFC 2449 §8.1.2).
    case loginDelay = "LOGIN-DELAY"
    /// `[AUTH]`: the credentials were refused, or cannot be used now (RFC 3206 §5).
    case authentication = "AUTH"
    /// `[SYS/TEMP]`: a temporary failure on the server's side; try again later (RFC 3206 §4).
    case temporarySystemFailure = "SYS/TEMP"
    /// `[SYS/PERM]`: a failure on the server's side that retrying will not fix (RFC 3206 §4).
    case permanentSystemFailure = "SYS/PERM"
}
