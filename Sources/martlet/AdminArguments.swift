import MailCore

/// Checks of admin-command arguments, with errors that say what was given and why it is wrong.
enum AdminArguments {
    static func address(_ text: String) throws -> EmailAddress {
        do {
            return try EmailAddress(parsing: text)
        } catch {
            throw AdminError("'\(text)' is not a valid address: \(error)")
        }
    }
}

/// A failure of an admin command, printed as one line.
struct AdminError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
