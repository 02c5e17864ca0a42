import SASL

/// What the session asks the glue to do. Perform the actions in order.
public enum POP3ServerAction: Sendable, Equatable {
    /// Write this response (``POP3Response/encoded``). Do not flush until ``flush``: responses
    /// to pipelined commands go out together (RFC 2449 §6.6).
    case send(POP3Response)
    /// Flush what was written.
    case flush
    /// Look up the SCRAM credential of this (SASLprep-prepared) user, then call
    /// ``POP3ServerSession/credentialLookedUp(_:)`` — with `nil` for an unknown user.
    case lookupCredential(username: String)
    /// Look up the user's reversible APOP secret, then call
    /// ``POP3ServerSession/apopSecretLookedUp(_:)`` — with `nil` if there is none.
    case lookupAPOPSecret(username: String)
    /// The user is authenticated: open (lock) the user's INBOX as a POP3 maildrop and take a
    /// snapshot of it, then call ``POP3ServerSession/maildropOpened(_:)``.
    case openMaildrop(username: String)
    /// Send one message (RETR) or its top (TOP): look it up by UID; if it is there, write
    /// ``POP3MessageTransfer/response``, then the content through a ``POP3MultilineEncoder``
    /// made with ``POP3MessageTransfer/bodyLineLimit``, then the encoder's ``POP3MultilineEncoder/finish()``;
    /// write nothing if it is not. Then call ``POP3ServerSession/messageTransferred(_:)``.
    /// If reading fails after the `+OK` was written, close the connection.
    case sendMessage(POP3MessageTransfer)
    /// QUIT in TRANSACTION (RFC 1939 §6): expunge exactly these messages in one durable commit
    /// (none if it fails), then call ``POP3ServerSession/deletionsCommitted(_:)``. The `+OK`
    /// is sent only then (DESIGN.md rule 2).
    case commitDeletions(uids: [UInt32])
    /// The session is done with the maildrop: release its lock, deleting nothing more. Comes
    /// once for every ``openMaildrop(username:)`` that was not refused, including when the
    /// connection drops; if an open or a commit is still running, release after it.
    case releaseMaildrop
    /// The `+OK` to STLS was flushed: start the TLS handshake now and drop any plaintext still
    /// unread. When it completes, call ``POP3ServerSession/tlsEstablished(version:cipher:)``;
    /// if it fails, close.
    case startTLS
    /// Close the connection (after writing and flushing what came before).
    case close
}

/// What ``POP3ServerAction/sendMessage(_:)`` asks to send.
public struct POP3MessageTransfer: Sendable, Equatable {
    /// The message number in the session.
    public var messageNumber: Int
    /// The message's UID in the user's INBOX.
    public var uid: UInt32
    /// Its size in octets, as in the snapshot.
    public var size: Int
    /// For TOP: how many body lines to send after the header; `nil` for RETR (all of it).
    public var bodyLineLimit: Int?
    /// The `+OK` line to write before the content.
    public var response: POP3Response

    /// Creates a transfer request.
    public init(messageNumber: Int, uid: UInt32, size: Int, bodyLineLimit: Int?, response: POP3Response) {
        self.messageNumber = messageNumber
        self.uid = uid
        self.size = size
        self.bodyLineLimit = bodyLineLimit
        self.response = response
    }
}

/// The glue's answer to ``POP3ServerAction/openMaildrop(username:)``.
public enum POP3MaildropOutcome: Sendable, Equatable {
    /// The maildrop is locked for this session; this is its snapshot.
    case opened(POP3Maildrop)
    /// Another POP3 session holds it: `-ERR [IN-USE]` (RFC 2449 §8.1.1).
    case inUse
    /// The user logged in more recently than the login delay allows: `-ERR [LOGIN-DELAY]`
    /// (RFC 2449 §8.1.2).
    case loginDelay
    /// The store failed in a way that may pass: `-ERR [SYS/TEMP]` (RFC 3206 §4).
    case temporaryFailure
    /// The maildrop cannot be opened and retrying will not help (e.g. account disabled):
    /// `-ERR [SYS/PERM]` (RFC 3206 §4).
    case permanentFailure
}

/// The glue's answer to ``POP3ServerAction/sendMessage(_:)``.
public enum POP3MessageTransferOutcome: Sendable, Equatable {
    /// The response, content and terminator were written.
    case sent
    /// The message is gone (expunged by an IMAP session, say); nothing was written.
    case messageMissing
    /// The message could not be read now; nothing was written.
    case readFailed
}

/// The glue's answer to ``POP3ServerAction/commitDeletions(uids:)``.
public enum POP3CommitOutcome: Sendable, Equatable {
    /// The marked messages are expunged, durably.
    case committed
    /// Nothing was expunged.
    case failed
}

/// The answer a session waits for before it reads further input.
public enum POP3ServerAwaiting: Sendable, Hashable {
    /// ``POP3ServerSession/credentialLookedUp(_:)``.
    case credential
    /// ``POP3ServerSession/apopSecretLookedUp(_:)``.
    case apopSecret
    /// ``POP3ServerSession/maildropOpened(_:)``.
    case maildrop
    /// ``POP3ServerSession/messageTransferred(_:)``.
    case messageTransfer
    /// ``POP3ServerSession/deletionsCommitted(_:)``.
    case deletionCommit
    /// ``POP3ServerSession/tlsEstablished(version:cipher:)``.
    case tlsHandshake
}
