import DNSResolver
import NIOCore

/// The DNS resolver of a server process: the configured name servers, else those of
/// /etc/resolv.conf. Delivery and sender authentication share it, and so its cache.
enum DNSResolverSetup {
    static func resolver(configuration: ServerConfiguration, eventLoopGroup: any EventLoopGroup) throws -> StubResolver {
        if let nameservers = configuration.dnsNameservers {
            let servers = try nameservers.map { server throws(DNSServerAddressError) in
                try DNSServerAddress(parsing: server.description)
            }
            return StubResolver(configuration: DNSResolverConfiguration(servers: servers), eventLoopGroup: eventLoopGroup)
        }
        // Without a readable resolv.conf the C library's default applies: 127.0.0.1:53.
        if let system = try? StubResolver.system() { return system }
        return StubResolver(configuration: DNSResolverConfiguration(resolvConf: ResolvConf(nameservers: [])),
                            eventLoopGroup: eventLoopGroup)
    }
}
