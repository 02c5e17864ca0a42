internal import GRDB

extension MailStoreError {
    /// The store error for anything thrown inside a database access: store errors pass
    /// through, anything else (SQLite, I/O) becomes `storageFailure` with its description.
    init(wrapping error: any Error) {
        if let storeError = error as? MailStoreError {
            self = storeError
        } else if let databaseError = error as? DatabaseError {
            self = .storageFailure("database: \(databaseError.message ?? databaseError.description)")
        } else {
            self = .storageFailure(String(describing: error))
        }
    }
}
