import Foundation
@testable import SASL

/// The UTF-8 bytes of `text`.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// `bytes` as text (for readable expectations).
func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// Decodes test-vector base64.
func base64(_ text: String) -> [UInt8] { Array(Data(base64Encoded: text) ?? Data()) }

/// A cheap credential for tests that do not need the RFC iteration count.
func cheapCredential(_ password: String) throws -> SCRAMCredential {
    try SCRAMCredential(password: password, salt: Array("test salt bytes!".utf8), iterations: 16)
}

extension SASLServerStep {
    /// The challenge bytes, if this step is a challenge.
    var challengeBytes: [UInt8]? {
        if case .challenge(let data) = self { return data }
        return nil
    }

    /// The failure reason, if this step is a failure.
    var failureReason: SASLFailureReason? {
        if case .failure(let failure) = self { return failure.reason }
        return nil
    }

    /// The outcome, if this step is a success.
    var authentication: SASLAuthentication? {
        if case .success(let authentication) = self { return authentication }
        return nil
    }
}
