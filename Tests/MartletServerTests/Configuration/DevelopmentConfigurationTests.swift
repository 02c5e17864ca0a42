import Foundation
import Testing
@testable import MartletServer

@Suite("martlet dev configuration")
struct DevelopmentConfigurationTests {
    @Test("loopback listeners at the port base plus the standard ports")
    func defaultPorts() throws {
        let configuration = try ServerConfiguration.development()
        let ports = Dictionary(uniqueKeysWithValues: configuration.listeners.all.map { ($0.service, $0.addresses.map(\.port)) })
        #expect(ports == [
            .smtp: [2025], .submission: [2587], .submissions: [2465], .imap: [2143], .imaps: [2993],
            .pop3: [2110], .pop3s: [2995],
        ])
        #expect(configuration.listeners.all.allSatisfy { $0.addresses.allSatisfy(\.isLoopback) })
        #expect(configuration.hostname == "localhost")
        #expect(configuration.tls == .selfSigned)
        #expect(configuration.store == .sqlite)
        #expect(configuration.plaintextAuthentication == .loopback)
        let expectedData = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("martlet-data").standardizedFileURL.path
        #expect(configuration.dataDirectory == expectedData)
    }

    @Test("options are honoured")
    func options() throws {
        let configuration = try ServerConfiguration.development(
            dataDirectory: "/tmp/martlet-dev", portBase: 10_000, hostname: "dev.example.test")
        #expect(configuration.listeners.imap.map(\.description) == ["127.0.0.1:10143"])
        #expect(configuration.listeners.pop3s.map(\.description) == ["127.0.0.1:10995"])
        #expect(configuration.dataDirectory == "/tmp/martlet-dev")
        #expect(configuration.hostname == "dev.example.test")
    }

    @Test("an impossible port base or host name is refused")
    func invalid() {
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.development(portBase: 65_000) }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.development(portBase: -1) }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.development(hostname: "not a host") }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.development(dataDirectory: "") }
        let error = ConfigurationError(
            file: nil, line: nil, problem: .invalidValue(key: "--port-base", reason: "65000 puts the highest port (995) above 65535"))
        #expect(throws: error) { try ServerConfiguration.development(portBase: 65_000) }
        #expect(error.description == "invalid \"--port-base\": 65000 puts the highest port (995) above 65535")
    }
}
