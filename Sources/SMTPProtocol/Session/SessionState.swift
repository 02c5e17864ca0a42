import SASL

/// The mail transaction between MAIL and the end of the content (RFC 5321 §3.3).
struct MailTransaction: Sendable {
    /// The HELO/EHLO argument in force when MAIL was accepted.
    var helloName: SMTPHelloName
    var sender: SMTPReversePath
    var parameters: SMTPMailParameters
    var recipients: [SMTPEnvelopeRecipient] = []
    /// Whether a BDAT chunk was accepted: the content has begun, DATA and RCPT are out of sequence.
    var usesChunking = false
    /// Octets accepted in BDAT chunks so far.
    var chunkedOctets = 0
}

/// A MAIL or RCPT waiting for the glue's decision.
enum PendingCheck: Sendable {
    case sender(SMTPReversePath, SMTPMailParameters, SMTPHelloName)
    case recipient(SMTPForwardPath, SMTPRecipientParameters)
}

/// Content being read after DATA or BDAT.
enum ContentReception: Sendable {
    /// DATA content until the end marker.
    case data
    /// A BDAT chunk. With a refusal, its octets are discarded and the refusal is the reply.
    case chunk(octets: Int, isLast: Bool, refusal: ChunkRefusal?)
}

/// Why a BDAT cannot be accepted.
struct ChunkRefusal: Sendable, Equatable {
    var reply: SMTPReply
    /// Whether it counts towards Limits.maxBadCommands (sequence errors do).
    var countsAsBadCommand = true
    /// Whether the message can no longer complete, so the transaction ends (and chunks already
    /// pipelined behind this one get 503).
    var endsTransaction = false
}

/// An AUTH exchange in progress (RFC 4954 §4).
struct AuthenticationExchange: Sendable {
    enum Stage: Sendable {
        /// A 334 challenge was sent; the next line is the client's response.
        case awaitingResponse
        /// The glue is looking the user's credential up.
        case awaitingCredential
        /// SMTP cannot carry data with the success outcome, so SCRAM's server-final message
        /// went as a 334 challenge; the client answers with an empty line (RFC 4954 §4).
        case awaitingFinalAcknowledgement(SASLAuthentication)
    }

    var mechanism: any SASLServerMechanism
    var stage: Stage
}
