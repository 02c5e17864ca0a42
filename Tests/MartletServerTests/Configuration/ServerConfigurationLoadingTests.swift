import Foundation
import Logging
import MailCore
import TestSupport
import Testing
@testable import MartletServer

@Suite("Configuration file")
struct ServerConfigurationLoadingTests {
    static let base = URL(fileURLWithPath: "/etc/martlet", isDirectory: true)

    func parse(_ text: String) throws(ConfigurationError) -> ServerConfiguration {
        try ServerConfiguration.parse(toml: text, file: "martlet.toml", baseDirectory: Self.base)
    }

    /// The error `text` produces, as its one-line description.
    func failure(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("the example of DESIGN.md loads with every value")
    func designExample() throws {
        let configuration = try parse("""
            hostname = "mail.example.org"      # EHLO name, Received headers, greeting
            data = "/var/lib/martlet"          # store and blobs (sqlite backend)

            [listen]                           # each: a list of "address:port"; absent = off
            smtp        = ["0.0.0.0:25"]
            submission  = ["0.0.0.0:587"]
            submissions = ["0.0.0.0:465"]
            imap        = ["0.0.0.0:143", "[::1]:143"]
            imaps       = ["0.0.0.0:993"]
            pop3        = ["0.0.0.0:110"]
            pop3s       = ["0.0.0.0:995"]

            [tls]                              # absent: self-signed certificate in the data folder
            certificate = "/etc/martlet/fullchain.pem"
            key         = "privkey.pem"

            [dns]
            nameservers = ["127.0.0.1:53", "[2001:db8::53]", "192.0.2.53"]

            [outbound]
            port = 2525

            [store]
            backend = "postgres"
            url = "postgres://martlet@db.example.org/martlet"

            [limits]
            max_message_size = 10485760
            max_connections_per_address = 5

            [log]
            level = "debug"

            [auth]
            plaintext_without_tls = "loopback"
            apop = true
            """)
        #expect(configuration.offersAPOP)
        #expect(configuration.hostname == "mail.example.org")
        #expect(configuration.dataDirectory == "/var/lib/martlet")
        #expect(configuration.listeners.smtp == [try NetworkAddress(host: "0.0.0.0", port: 25)])
        #expect(configuration.listeners.imap == [
            try NetworkAddress(host: "0.0.0.0", port: 143), try NetworkAddress(host: "::1", port: 143),
        ])
        #expect(configuration.listeners.pop3s.map(\.description) == ["0.0.0.0:995"])
        #expect(configuration.tls == .files(certificate: "/etc/martlet/fullchain.pem", key: "/etc/martlet/privkey.pem"))
        #expect(configuration.dnsNameservers?.map(\.description) == ["127.0.0.1:53", "[2001:db8::53]:53", "192.0.2.53:53"])
        #expect(configuration.outbound.port == 2525)
        #expect(configuration.store == .postgres(url: "postgres://martlet@db.example.org/martlet"))
        var expectedLimits = Limits()
        expectedLimits.maxMessageSize = 10_485_760
        expectedLimits.maxConnectionsPerAddress = 5
        #expect(configuration.limits == expectedLimits)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.plaintextAuthentication == .loopback)
    }

    @Test("a minimal file takes the defaults; a relative data path is resolved against the file's folder")
    func defaults() throws {
        let configuration = try parse("hostname = \"mx.example.net\"\ndata = \"state/../data\"\n")
        #expect(configuration == ServerConfiguration(hostname: "mx.example.net", dataDirectory: "/etc/martlet/data"))
        #expect(configuration.listeners.all.allSatisfy { $0.addresses.isEmpty })
        #expect(configuration.tls == .selfSigned)
        #expect(configuration.dnsNameservers == nil)
        #expect(configuration.outbound.port == 25)
        #expect(configuration.store == .sqlite)
        #expect(configuration.limits == Limits.defaults)
        #expect(configuration.limits.maxMessageSize == 52_428_800)
        #expect(configuration.logLevel == .info)
        #expect(configuration.plaintextAuthentication == .refuse)
        #expect(configuration.offersIMAPCompression)
    }

    @Test("[imap] compress = false turns IMAP COMPRESS off")
    func imapCompressionOff() throws {
        #expect(try !parse("hostname = \"a.example\"\ndata = \"/d\"\n[imap]\ncompress = false\n").offersIMAPCompression)
        #expect(try parse("hostname = \"a.example\"\ndata = \"/d\"\n[imap]\ncompress = true\n").offersIMAPCompression)
    }

    @Test("unknown keys are named with their line", arguments: [
        ("hostname = \"a.example\"\ndata = \"/d\"\nhostnme = \"x\"\n", "martlet.toml:3: unknown key \"hostnme\""),
        ("hostname = \"a.example\"\ndata = \"/d\"\n\n[listen]\nsmtp = [\"0.0.0.0:25\"]\n\n# comment\nsmtpp = []\n",
         "martlet.toml:8: unknown key \"listen.smtpp\""),
        ("hostname = \"a.example\"\ndata = \"/d\"\nlisten.imap = []\nlisten.imapp = []\n",
         "martlet.toml:4: unknown key \"listen.imapp\""),
        ("hostname = \"a.example\"\ndata = \"/d\"\n[listen]\nimap = [\n  \"0.0.0.0:143\",\n  # x = 1\n]\n\"pop\" = []\n",
         "martlet.toml:8: unknown key \"listen.pop\""),
        ("hostname = \"a.example\"\ndata = \'\'\'\nextra = 1\n\'\'\'\nextra = 2\n", "martlet.toml:5: unknown key \"extra\""),
        ("hostname = \"a.example\"\ndata = \"/d\"\n\ntls = { certificate = \"c\", key = \"k\", chain = \"x\" }\n",
         "martlet.toml:4: unknown key \"tls.chain\""),
        ("hostname = \"a.example\"\ndata = \"/d\"\n[limits]\nmax_message_size = 100000\nmax_mesage_size = 1\n",
         "martlet.toml:5: unknown key \"limits.max_mesage_size\""),
        ("hostname = \"a.example\"\ndata = \"/d\"\n[[servers]]\nname = \"x\"\n", "martlet.toml:3: unknown key \"servers\""),
        ("[store]\nbackend = \"sqlite\"\ncolour = \"blue\"\n", "martlet.toml:3: unknown key \"store.colour\""),
    ])
    func unknownKeys(text: String, expected: String) {
        #expect(failure(text) == expected)
    }

    @Test("syntax errors give line and column")
    func syntaxErrors() throws {
        let message = try #require(failure("hostname = \"a.example\"\ndata = \"/d\"\n[listen\nsmtp = []\n"))
        #expect(message.hasPrefix("martlet.toml:3:8: TOML syntax error: "))
                let unterminated = try #require(failure("hostname = \"a.example\ndata = \"/d\"\n"))
        #expect(unterminated.hasPrefix("martlet.toml:1:"))
        #expect(unterminated.contains("TOML syntax error"))
        #expect(failure("hostname = \"a.example\"\ndata = \"/d\u{0}\"\n") == "martlet.toml:2:11: TOML syntax error: NUL character")
    }

    @Test("wrong types are named", arguments: [
        ("hostname = 42\ndata = \"/d\"\n", "martlet.toml:1: \"hostname\" must be a string, not an integer"),
        ("hostname = \"a.example\"\ndata = \"/d\"\nlisten = \"0.0.0.0:25\"\n", "martlet.toml:3: \"listen\" must be a table, not a string"),
        ("hostname = \"a.example\"\ndata = \"/d\"\n[listen]\nsmtp = \"0.0.0.0:25\"\n",
         "martlet.toml:4: \"listen.smtp\" must be a list of strings, not a string"),
        ("hostname = \"a.example\"\ndata = \"/d\"\n[listen]\nsmtp = [25]\n",
         "martlet.toml:4: \"listen.smtp\" must be a list of strings, not a list containing an integer"),
        ("hostname = \"a.example\"\ndata = \"/d\"\n[limits]\nmax_message_size = \"50M\"\n",
         "martlet.toml:4: \"limits.max_message_size\" must be an integer, not a string"),
        ("hostname = \"a.example\"\ndata = \"/d\"\n[outbound]\nport = 25.0\n",
         "martlet.toml:4: \"outbound.port\" must be an integer, not a floating-point number"),
        ("hostname = \"a.example\"\ndata = true\n", "martlet.toml:2: \"data\" must be a string, not a bool"),
    ])
    func wrongTypes(text: String, expected: String) {
        #expect(failure(text) == expected)
    }

    @Test("invalid values are explained", arguments: [
        ("[listen]\nsmtp = [\"0.0.0.0\"]\n", "martlet.toml:4: invalid \"listen.smtp\": \"0.0.0.0\" has no port (address:port)"),
        ("[listen]\nsmtp = [\"0.0.0.0:99999\"]\n", "martlet.toml:4: invalid \"listen.smtp\": port 99999 is outside 0...65535"),
        ("[listen]\nimap = [\"::1:143\"]\n",
         "martlet.toml:4: invalid \"listen.imap\": \"::1:143\": write IPv6 addresses in brackets, e.g. [::1]:143"),
        ("[listen]\nsmtp = [\"mail.example.org:25\"]\n",
         "martlet.toml:4: invalid \"listen.smtp\": \"mail.example.org\" is not an IP address"),
        ("[listen]\nsmtp = [\"0.0.0.0:25\"]\nsubmission = [\"0.0.0.0:25\"]\n",
         "martlet.toml:5: invalid \"listen.submission\": 0.0.0.0:25 is also listed for smtp"),
        ("[store]\nbackend = \"postgres\"\n", "martlet.toml:4: missing required key \"store.url\""),
        ("[store]\nbackend = \"mysql\"\n", "martlet.toml:4: invalid \"store.backend\": \"mysql\" is neither \"sqlite\" nor \"postgres\""),
        ("[store]\nurl = \"postgres://x\"\n",
         "martlet.toml:4: invalid \"store.url\": a URL is only used with backend = \"postgres\""),
        ("[store]\nbackend = \"postgres\"\nurl = \"mysql://x\"\n",
         "martlet.toml:5: invalid \"store.url\": must start with postgres:// or postgresql://"),
        ("[limits]\nmax_smtp_command_line_length = 100\n",
         "martlet.toml:4: invalid \"limits.max_smtp_command_line_length\": 100 is below the minimum of 512"),
        ("[log]\nlevel = \"loud\"\n",
         "martlet.toml:4: invalid \"log.level\": \"loud\" is not one of trace, debug, info, notice, warning, error, critical"),
        ("[tls]\ncertificate = \"/c.pem\"\n", "martlet.toml:3: missing required key \"tls.key\""),
        ("[outbound]\nport = 0\n", "martlet.toml:4: invalid \"outbound.port\": 0 is outside 1...65535"),
        ("[dns]\nnameservers = []\n",
         "martlet.toml:4: invalid \"dns.nameservers\": the list is empty; omit it to use /etc/resolv.conf"),
        ("[auth]\nplaintext_without_tls = \"yes\"\n",
         "martlet.toml:4: invalid \"auth.plaintext_without_tls\": \"yes\" is not one of refuse, loopback, allow"),
        ("[auth]\napop = \"yes\"\n", "martlet.toml:4: \"auth.apop\" must be true or false, not a string"),
        ("[imap]\ncompress = 1\n", "martlet.toml:4: \"imap.compress\" must be true or false, not an integer"),
        ("[imap]\ncompres = true\n", "martlet.toml:4: unknown key \"imap.compres\""),
    ])
    func invalidValues(table: String, expected: String) {
        #expect(failure("hostname = \"a.example\"\ndata = \"/d\"\n" + table) == expected)
    }

    @Test("required keys and host names are checked")
    func requiredKeys() {
        #expect(failure("data = \"/d\"\n") == "martlet.toml: missing required key \"hostname\"")
        #expect(failure("hostname = \"a.example\"\n") == "martlet.toml: missing required key \"data\"")
        #expect(failure("hostname = \"bad_name.example\"\ndata = \"/d\"\n")
            == "martlet.toml:1: invalid \"hostname\": \"bad_name.example\" may contain only letters, digits, hyphens and dots")
        #expect(failure("hostname = \"192.0.2.1\"\ndata = \"/d\"\n")
            == "martlet.toml:1: invalid \"hostname\": \"192.0.2.1\" looks like an IP address; give a host name")
    }

    @Test("load reads a file and resolves paths against its folder")
    func loadFromFile() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let directory = temporary.path
        let file = directory + "/martlet.toml"
        try "hostname = \"mail.example.org\"\ndata = \"data\"\n[tls]\ncertificate = \"c.pem\"\nkey = \"/k.pem\"\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let configuration = try ServerConfiguration.load(file: file)
        let resolvedDirectory = URL(fileURLWithPath: directory).standardizedFileURL.path
        #expect(configuration.dataDirectory == resolvedDirectory + "/data")
        #expect(configuration.tls == .files(certificate: resolvedDirectory + "/c.pem", key: "/k.pem"))

        #expect(throws: ConfigurationError(file: directory + "/absent.toml", line: nil, problem: .unreadableFile(reason: "no such file"))) {
            try ServerConfiguration.load(file: directory + "/absent.toml")
        }
        let binary = directory + "/binary.toml"
        try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: binary))
        #expect(throws: ConfigurationError(file: binary, line: nil, problem: .unreadableFile(reason: "not UTF-8 text"))) {
            try ServerConfiguration.load(file: binary)
        }
    }
}
