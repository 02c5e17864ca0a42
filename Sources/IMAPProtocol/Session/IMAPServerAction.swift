/// What the session asks the glue to do. Perform the actions in order.
public enum IMAPServerAction: Sendable {
    /// Write these octets and flush them.
    case send([UInt8])
    /// The `OK` to STARTTLS was sent (in the `send` before this): start the TLS handshake now
    /// and drop any plaintext still unread (RFC 9051 §6.2.1). When it completes, call
    /// ``IMAPServerSession/tlsEstablished()``; if it fails, close.
    case startTLS
    /// The `OK` to COMPRESS was sent: from now on, deflate output and inflate input
    /// (RFC 4978). `pendingInput` are octets that arrived after the command — already
    /// compressed: inflate them and pass the result to ``IMAPServerSession/receive(_:)``.
    case startCompression(pendingInput: [UInt8])
    /// Look up the SCRAM credential of this (SASLprep-prepared) user, then call
    /// ``IMAPServerSession/credentialLookedUp(_:)`` — with `nil` for an unknown user.
    case lookupCredential(username: String)
    /// The client is now logged in as `username`: bind the connection to that account — make
    /// an ``IMAPCommandExecutor`` for it and subscribe to the account's change feed
    /// (`ChangeFeedSource.changes(of:)`), passing every event to
    /// ``IMAPServerSession/storeChanged(_:)``. Needs no answer.
    case authenticated(username: String)
    /// Run this request against the store (``IMAPCommandExecutor/execute(_:)``), then call
    /// ``IMAPServerSession/executed(_:)`` with the response.
    case execute(IMAPStoreRequest)
    /// Close the connection (after writing what came before).
    case close
}

/// The answer a session waits for before it reads further input.
public enum IMAPServerAwaiting: Hashable, Sendable {
    /// ``IMAPServerSession/credentialLookedUp(_:)``.
    case credential
    /// ``IMAPServerSession/executed(_:)``.
    case storeResponse
    /// ``IMAPServerSession/tlsEstablished()``.
    case tlsHandshake
}

/// The state of the connection (RFC 9051 §3).
public enum IMAPConnectionState: Hashable, Sendable {
    case notAuthenticated
    case authenticated
    case selected
    case logout
}
