import AbuseDefense
import Delivery
import Logging
import MailCore
import MailStore
import SMTPProtocol
import Testing
@testable import MartletServer

/// The verdicts the virus filter turns clamd's answers into, with a stand-in scanner.
@Suite("Virus scan filter")
struct VirusScanFilterTests {
    /// Answers every scan with `answer` and counts the scans.
    final class StandInScanner: VirusScanner {
        let answer: Result<ClamdScanResult, VirusScanError>
        let scans = SharedCounter()
        init(_ answer: Result<ClamdScanResult, VirusScanError>) { self.answer = answer }
        func scan(_ message: IncomingMessage.Source) async throws(VirusScanError) -> ClamdScanResult {
            _ = scans.add(1)
            return try answer.get()
        }
    }

    func verdict(_ answer: Result<ClamdScanResult, VirusScanError>, failsOpen: Bool = false,
                 maximumScanSize: Int = 1000, message: [UInt8] = Array("Subject: hi\r\n\r\nhello\r\n".utf8),
                 listener: SMTPListenerKind = .mx) async throws -> (ContentFilterVerdict, Int) {
        let scanner = StandInScanner(answer)
        let filter = VirusScanFilter(scanner: scanner, failsOpen: failsOpen, maximumScanSize: maximumScanSize,
                                     logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let envelope = try SMTPEnvelope.forFilterTest(listener: listener)
        let verdict = await filter.examine(FilteredMessage(envelope: envelope, accounts: [], content: .bytes(message),
                                                           blockListings: []))
        return (verdict, scanner.scans.add(0))
    }

    @Test(arguments: [SMTPListenerKind.mx, .submission])
    func cleanMessageIsAcceptedUnchanged(listener: SMTPListenerKind) async throws {
        let (verdict, scans) = try await verdict(.success(.clean), listener: listener)
        #expect(verdict == .acceptUnchanged)
        #expect(scans == 1)
    }

    @Test(arguments: [SMTPListenerKind.mx, .submission])
    func infectedMessageIsRefusedNamingTheSignature(listener: SMTPListenerKind) async throws {
        let (verdict, _) = try await verdict(.success(.infected(signature: "Eicar-Test-Signature")), failsOpen: true,
                                         listener: listener)
        guard case .reject(let reply) = verdict else { Issue.record("\(verdict)"); return }
        #expect(reply.code == 554)
        #expect(reply.enhancedCode?.description == "5.7.1")
        #expect(reply.description == "554 5.7.1 Message refused: virus found (Eicar-Test-Signature)\r\n")
    }

    @Test(arguments: [
        Result<ClamdScanResult, VirusScanError>.failure(.unreachable("127.0.0.1:3310: connection refused")),
        .failure(.timedOut),
        .failure(.protocolViolation(.noReply)),
        .success(.scanFailed(reason: "INSTREAM size limit exceeded.")),
    ])
    func noVerdictDefers(answer: Result<ClamdScanResult, VirusScanError>) async throws {
        let (verdict, _) = try await verdict(answer)
        guard case .reject(let reply) = verdict else { Issue.record("\(verdict)"); return }
        #expect(reply.description == "451 4.7.0 Message deferred: virus scanner unavailable, try again later\r\n")
    }

    @Test func noVerdictIsAcceptedWhenFailingOpen() async throws {
        let (verdict, _) = try await verdict(.failure(.unreachable("refused")), failsOpen: true)
        #expect(verdict == .acceptUnchanged)
    }

    @Test func messageOverTheScanSizeIsAcceptedUnscanned() async throws {
        let (verdict, scans) = try await verdict(.success(.infected(signature: "X")), maximumScanSize: 10)
        #expect(verdict == .acceptUnchanged)
        #expect(scans == 0)
    }
}

private extension SMTPEnvelope {
    /// A message from 192.0.2.7 to bob@example.test on `listener`.
    static func forFilterTest(listener: SMTPListenerKind) throws -> SMTPEnvelope {
        SMTPEnvelope(
            sender: .null, mailParameters: SMTPMailParameters(),
            recipients: [], authenticatedIdentity: nil, helloName: try #require(SMTPHelloName("client.example.org")),
            usedExtendedHello: true, tls: nil, remoteAddress: "192.0.2.7", listenerKind: listener,
            receivedAt: MessageDate(secondsSinceEpoch: 1_800_000_000), transferMethod: .data)
    }
}
