@testable import Serve
import Testing

@Suite struct HostAllowListTests {
    @Test func loopbackNamesAndIPLiteralsOnly() {
        let hosts = HostAllowList(listeningOn: "127.0.0.1")
        for allowed in [
            "127.0.0.1:8000", "localhost:8000", "LOCALHOST", "localhost.", "[::1]:8000", "app.localhost:1",
            "192.168.1.4:8000", "127.0.0.1",
        ] {
            #expect(hosts.allows(allowed), "\(allowed)")
        }
        for refused in ["evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io:8000", "", nil] as [String?] {
            #expect(!hosts.allows(refused), "\(String(describing: refused))")
        }
        #expect(HostAllowList(listeningOn: "preview.lan").allows("preview.lan:8000"))
    }

    @Test func redirectsNeverLeaveTheHost() {
        #expect(SiteResponder.collapsingSlashes("//notes/data") == "/notes/data")
        #expect(SiteResponder.collapsingSlashes("///evil.example//x") == "/evil.example/x")
    }
}
