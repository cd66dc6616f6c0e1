import GeniusAPI
import GeniusTestSupport
import Synchronization
import Testing
import JSON
import Varlink

/// The D-Bus surface (`GeniusDBus`) against the Varlink one, method by method, and the checked-in
/// introspection XML (`dbus/io.cargenius.Genius1.xml`) against what geniusd serves.
@Suite struct GeniusDBusTests {
    /// The (interface, member) pairs of the `<method>` or `<signal>` elements of an introspection XML.
    static func members(_ element: String, in xml: String) -> Set<String> {
        var found: Set<String> = []
        var interface = ""
        for line in xml.split(separator: "\n") {
            let trimmed = line.trimmingPrefix(while: { $0 == " " })
            if trimmed.hasPrefix("<interface name=\"") { interface = String(trimmed.dropFirst(17).prefix(while: { $0 != "\"" })) }
            let opening = "<\(element) name=\""
            if trimmed.hasPrefix(opening) {
                found.insert(interface + "." + trimmed.dropFirst(opening.count).prefix(while: { $0 != "\"" }))
            }
        }
        return found
    }

    @Test func servedIntrospectionIsTheCheckedInFile() throws {
        let service = try ParameterBoundsTests.service()
        let file = try readText(repositoryRoot + "/dbus/io.cargenius.Genius1.xml")
        #expect(GeniusDBus.introspection(of: service) == file)
    }

    /// Every Varlink method of every io.cargenius interface is a D-Bus method of the same interface and name,
    /// and D-Bus has no other io.cargenius method: the two surfaces cannot drift.
    @Test func everyVarlinkMethodIsADBusMethodAndNothingElse() throws {
        let service = try ParameterBoundsTests.service()
        let xml = try readText(repositoryRoot + "/dbus/io.cargenius.Genius1.xml")
        var varlink: Set<String> = []
        for name in service.interfaceNames where name != "org.varlink.service" {
            for method in (service.interface(named: name)?.methods ?? [:]).keys { varlink.insert(name + "." + method) }
        }
        #expect(varlink.count == 11)
        let dbus = Self.members("method", in: xml).filter { $0.hasPrefix("io.cargenius.") }
        #expect(dbus == varlink)
        #expect(Set(GeniusDBus.methods(of: service).map(\.varlinkMethod)) == varlink)
        #expect(
            GeniusDBus.interfaceNames(of: service) == ["io.cargenius.Assistant", "io.cargenius.Bus", "io.cargenius.Travel", "io.cargenius.Vehicle"])
        #expect(GeniusDBus.method("org.varlink.service", "GetInfo", of: service) == nil)
        #expect(GeniusDBus.method("io.cargenius.Vehicle", "Nope", of: service) == nil)
    }

    /// One call of each kind: a plain reply, or a stream (Subscribe, Alerts).
    static let calls: [(String, [String: JSONValue])] = [
        ("io.cargenius.Vehicle.Get", ["paths": ["Vehicle.Speed"]]),
        ("io.cargenius.Vehicle.List", [:]),
        ("io.cargenius.Vehicle.Subscribe", ["paths": ["Vehicle.Speed"]]),
        ("io.cargenius.Vehicle.Alerts", [:]),
        ("io.cargenius.Assistant.Ask", ["text": "how fast am I going"]),
        ("io.cargenius.Bus.Status", [:]),
        ("io.cargenius.Travel.Status", [:]),
    ]

    /// A method streams on Varlink (its first reply continues) exactly when D-Bus gives it a signal.
    @Test(arguments: calls)
    func streamingMethodsHaveASignal(method: String, parameters: [String: JSONValue]) async throws {
        let service = try ParameterBoundsTests.service()
        let reply = try await ParameterBoundsTests.firstReply(service, method, parameters)
        #expect(reply.error == nil)
        let parts = method.split(separator: ".")
        let described = GeniusDBus.method(parts.dropLast().joined(separator: "."), String(parts.last!), of: service)
        #expect(described?.varlinkMethod == method)
        #expect((described?.signal != nil) == reply.continues)
        let xml = try readText(repositoryRoot + "/dbus/io.cargenius.Genius1.xml")
        if let signal = described?.signal {
            #expect(Self.members("signal", in: xml).contains(parts.dropLast().joined(separator: ".") + "." + signal))
        }
    }

    @Test func signalsAreTheContractNames() {
        #expect(GeniusDBus.busName == "io.cargenius.Genius1")
        #expect(GeniusDBus.objectPath == "/io/cargenius/Genius1")
        #expect(GeniusDBus.streamSignals["io.cargenius.Vehicle.Subscribe"] == "SignalsChanged")
        #expect(GeniusDBus.streamSignals["io.cargenius.Vehicle.Alerts"] == "Alerts")
    }
}
