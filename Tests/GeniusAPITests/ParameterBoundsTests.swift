import Assistant
import GeniusAPI
import Logging
import Speech
import Synchronization
import Testing
import TravelCompanion
import VSS
import JSON
import Varlink
import VehicleSignals

/// Every numeric parameter of every `io.cargenius` method, checked in one place (`ParameterBounds`) before
/// any handler runs: the values issue 16 crashed geniusd with, the edges of each range, and values just past them.
@Suite struct ParameterBoundsTests {
    /// Every interface geniusd serves, on the demo car's store and a Travel Companion with one place.
    static func service() throws -> VarlinkService {
        let (store, _) = demoStore()
        var place = Place(id: "a", name: "Alpha", category: .restaurant)
        place.latitude = 48.14
        place.longitude = 11.58
        let travel = TravelService(store: PlaceStore(places: [place]), clock: { LocalTime(weekday: 2, minute: 840, seconds: 1000) })
        let service = GeniusService(
            store: CurrentStore(store), alerts: AlertFeed(locale: .enGB), bus: FixedBus(interfaces: []),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try service.makeVarlinkService(
            info: ServiceInfo(vendor: "Car Genius", product: "geniusd", version: "test", url: "https://example.invalid"),
            extra: [try TravelAPI(travel: travel).interface()])
    }

    /// The first reply to a call; a stream is left after its first reply.
    static func firstReply(_ service: VarlinkService, _ method: String, _ parameters: [String: JSONValue]) async throws -> VarlinkReply {
        struct Enough: Error {}
        let replies = Mutex<[VarlinkReply]>([])
        do {
            try await service.handle(VarlinkCall(method: method, parameters: parameters, more: true)) { reply in
                replies.withLock { $0.append(reply) }
                if reply.continues { throw Enough() }
            }
        } catch is Enough {}
        return try #require(replies.withLock { $0.first })
    }

    @Test(arguments: [
        ("io.cargenius.Vehicle", InterfaceTexts.vehicle), ("io.cargenius.Assistant", InterfaceTexts.assistant),
        ("io.cargenius.Bus", InterfaceTexts.bus), ("io.cargenius.Travel", TravelAPI.description),
    ])
    func everyNumericInputHasABound(name: String, text: String) throws {
        let description = try InterfaceDescription(parsing: text)
        #expect(description.name == name)
        for method in description.methods.keys.sorted() {
            let declared = Set(description.numericInputFields(of: method))
            let bounded = Set(ParameterBounds.table[name]?[method]?.keys.map { $0 } ?? [])
            #expect(declared == bounded, "\(name).\(method): numeric inputs \(declared.sorted()), bounds \(bounded.sorted())")
        }
        for method in (ParameterBounds.table[name] ?? [:]).keys { #expect(description.methods[method] != nil, "\(method)") }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var method: String
        var parameters: [String: JSONValue]
        /// The error and its parameters; `nil`: accepted.
        var error: String?
        var errorParameters: [String: JSONValue] = [:]
        var testDescription: String { "\(method.split(separator: ".").last!) \(JSONValue.object(parameters)) → \(error ?? "ok")" }
    }

    static func subscribe(_ interval: JSONValue) -> [String: JSONValue] { ["paths": ["Vehicle.Speed"], "interval": interval] }
    static func traffic(_ area: [String: JSONValue]) -> [String: JSONValue] {
        var members: [String: JSONValue] = ["latitude": 48.14, "longitude": 11.58, "radius": 300]
        members.merge(area) { $1 }
        return ["area": .object(members), "level": "heavy"]
    }
    static let invalid = "org.varlink.service.InvalidParameter"

    static let cases: [Case] = [
        // Vehicle.Subscribe interval: the three values that killed geniusd with SIGILL, then the edges.
        Case(method: "io.cargenius.Vehicle.Subscribe", parameters: subscribe(1e19), error: invalid, errorParameters: ["parameter": "interval"]),
        Case(method: "io.cargenius.Vehicle.Subscribe", parameters: subscribe(9.3e18), error: invalid, errorParameters: ["parameter": "interval"]),
        Case(method: "io.cargenius.Vehicle.Subscribe", parameters: subscribe(1e308), error: invalid, errorParameters: ["parameter": "interval"]),
        Case(method: "io.cargenius.Vehicle.Subscribe", parameters: subscribe(9.2e18), error: invalid, errorParameters: ["parameter": "interval"]),
        Case(method: "io.cargenius.Vehicle.Subscribe", parameters: subscribe(86_400.5), error: invalid, errorParameters: ["parameter": "interval"]),
        Case(
            method: "io.cargenius.Vehicle.Subscribe", parameters: subscribe(.int(Int64.max)), error: invalid,
            errorParameters: ["parameter": "interval"]),
        Case(
            method: "io.cargenius.Vehicle.Subscribe", parameters: subscribe(-1.0), error: "io.cargenius.Vehicle.InvalidInterval",
            errorParameters: ["interval": -1.0]),
        Case(
            method: "io.cargenius.Vehicle.Subscribe", parameters: subscribe(-1e308), error: "io.cargenius.Vehicle.InvalidInterval",
            errorParameters: ["interval": -1e308]),
        Case(method: "io.cargenius.Vehicle.Subscribe", parameters: subscribe(86_400), error: nil),
        Case(method: "io.cargenius.Vehicle.Subscribe", parameters: subscribe(0), error: nil),
        Case(method: "io.cargenius.Vehicle.Subscribe", parameters: subscribe(0.5), error: nil),
        Case(method: "io.cargenius.Vehicle.Subscribe", parameters: subscribe(nil), error: nil),
        // Travel.UpdateTraffic minutes.
        Case(
            method: "io.cargenius.Travel.UpdateTraffic", parameters: ["place": "a", "level": "heavy", "minutes": -1], error: invalid,
            errorParameters: ["parameter": "minutes"]),
        Case(
            method: "io.cargenius.Travel.UpdateTraffic", parameters: ["place": "a", "level": "heavy", "minutes": 1440.5], error: invalid,
            errorParameters: ["parameter": "minutes"]),
        Case(
            method: "io.cargenius.Travel.UpdateTraffic", parameters: ["place": "a", "level": "heavy", "minutes": 1e308], error: invalid,
            errorParameters: ["parameter": "minutes"]),
        Case(method: "io.cargenius.Travel.UpdateTraffic", parameters: ["place": "a", "level": "heavy", "minutes": 1440], error: nil),
        Case(method: "io.cargenius.Travel.UpdateTraffic", parameters: ["place": "a", "level": "heavy", "minutes": 0], error: nil),
        // Travel.UpdateTraffic area.latitude, area.longitude, area.radius.
        Case(
            method: "io.cargenius.Travel.UpdateTraffic", parameters: traffic(["latitude": 1e308]), error: invalid,
            errorParameters: ["parameter": "area.latitude"]),
        Case(
            method: "io.cargenius.Travel.UpdateTraffic", parameters: traffic(["latitude": 90.001]), error: invalid,
            errorParameters: ["parameter": "area.latitude"]),
        Case(
            method: "io.cargenius.Travel.UpdateTraffic", parameters: traffic(["latitude": -90.001]), error: invalid,
            errorParameters: ["parameter": "area.latitude"]),
        Case(method: "io.cargenius.Travel.UpdateTraffic", parameters: traffic(["latitude": -90]), error: nil),
        Case(
            method: "io.cargenius.Travel.UpdateTraffic", parameters: traffic(["longitude": 180.5]), error: invalid,
            errorParameters: ["parameter": "area.longitude"]),
        Case(
            method: "io.cargenius.Travel.UpdateTraffic", parameters: traffic(["longitude": -1e300]), error: invalid,
            errorParameters: ["parameter": "area.longitude"]),
        Case(method: "io.cargenius.Travel.UpdateTraffic", parameters: traffic(["longitude": 180]), error: nil),
        Case(
            method: "io.cargenius.Travel.UpdateTraffic", parameters: traffic(["radius": 0]), error: invalid,
            errorParameters: ["parameter": "area.radius"]),
        Case(
            method: "io.cargenius.Travel.UpdateTraffic", parameters: traffic(["radius": 200_001]), error: invalid,
            errorParameters: ["parameter": "area.radius"]),
        Case(
            method: "io.cargenius.Travel.UpdateTraffic", parameters: traffic(["radius": 1e308]), error: invalid,
            errorParameters: ["parameter": "area.radius"]),
        Case(method: "io.cargenius.Travel.UpdateTraffic", parameters: traffic(["radius": 200_000]), error: nil),
        Case(method: "io.cargenius.Travel.UpdateTraffic", parameters: traffic(["radius": 1]), error: nil),
        // Unknown extra parameters, at the top and inside a structure.
        Case(method: "io.cargenius.Vehicle.Get", parameters: ["paths": [], "limit": 5], error: invalid, errorParameters: ["parameter": "limit"]),
        Case(
            method: "io.cargenius.Vehicle.Subscribe", parameters: ["paths": [], "intervall": 5], error: invalid,
            errorParameters: ["parameter": "intervall"]),
        Case(
            method: "io.cargenius.Travel.UpdateTraffic", parameters: traffic(["altitude": 500]), error: invalid,
            errorParameters: ["parameter": "area.altitude"]),
        Case(method: "org.varlink.service.GetInfo", parameters: ["verbose": true], error: invalid, errorParameters: ["parameter": "verbose"]),
        Case(
            method: "io.cargenius.Assistant.Ask", parameters: ["text": "how far can I go", "voice": "x"], error: invalid,
            errorParameters: ["parameter": "voice"]),
    ]

    @Test(arguments: cases)
    func checkedBeforeTheHandler(_ c: Case) async throws {
        let reply = try await Self.firstReply(try Self.service(), c.method, c.parameters)
        #expect(reply.error == c.error, "\(reply)")
        if c.error != nil { #expect(reply.parameters == c.errorParameters) }
    }

    @Test func getOfMorePathsThanTheVehicleHasIsAnError() async throws {
        let service = try Self.service()
        let count = demoMapping.slots.count
        let all = JSONValue.array(demoMapping.slots.map { .string($0.path) })
        let ok = try await Self.firstReply(service, "io.cargenius.Vehicle.Get", ["paths": all])
        #expect(ok.error == nil)
        #expect(ok.parameters["values"]?.array?.count == count)
        let tooMany = JSONValue.array(Array(repeating: "Vehicle.Speed", count: count + 1))
        for method in ["io.cargenius.Vehicle.Get", "io.cargenius.Vehicle.Subscribe"] {
            let refused = try await Self.firstReply(service, method, ["paths": tooMany])
            #expect(refused.error == "io.cargenius.Vehicle.TooManyPaths")
            #expect(refused.parameters == ["given": .int(Int64(count + 1)), "maximum": .int(Int64(count))])
        }
    }

    @Test(
        arguments: [
            (1e19, 86_400.0), (9.3e18, 86_400), (Double.infinity, 86_400), (-5, 0), (Double.nan, 0), (0.25, 0.25), (86_400, 86_400),
        ] as [(Double, Double)])
    func durationsCannotTrap(seconds: Double, expected: Double) {
        #expect(Duration.clampedSeconds(seconds) == .seconds(expected))
    }

    @Test func integerSignalsPastInt64StayDoubles() {
        #expect(SignalValue.number(1e19).varlinkJSON(integer: true) == .double(1e19))
        #expect(SignalValue.number(-9.3e18).varlinkJSON(integer: true) == .double(-9.3e18))
        #expect(SignalValue.number(2.5).varlinkJSON(integer: true) == .int(2))
        #expect(SignalValue.number(9.0e15).varlinkJSON(integer: nil) == .double(9.0e15))
        #expect(SignalValue.number(42).varlinkJSON(integer: nil) == .int(42))
    }
}
