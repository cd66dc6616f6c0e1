import Assistant
import CarGenius
import FoundationEssentials
import GeniusAPI
import GeniusTestSupport
import Speech
import Synchronization
import Testing
import TravelCompanion
import VSS
import JSON
import Varlink

/// `io.cargenius.Travel` through the Varlink service core: traffic pushed over the API changes the next answer.
@Suite struct TravelAPITests {
    final class Clock: Sendable {
        let seconds = Mutex(1000.0)
        func now() -> LocalTime { LocalTime(weekday: 2, minute: 14 * 60, seconds: seconds.withLock { $0 }) }
    }

    static func service(_ clock: Clock) throws -> (TravelService, VarlinkService) {
        var a = Place(id: "a", name: "Alpha", category: .restaurant)
        a.latitude = 48.1400
        a.longitude = 11.5800
        a.rating = 4.5
        a.ratingCount = 300
        var b = Place(id: "b", name: "Beta", category: .restaurant)
        b.latitude = 48.1500
        b.longitude = 11.5900
        b.rating = 4.4
        b.ratingCount = 300
        let travel = TravelService(store: PlaceStore(places: [a, b]), clock: { clock.now() })
        let varlink = try VarlinkService(
            info: ServiceInfo(vendor: "Car Genius", product: "test", version: "0", url: "https://example.invalid"),
            interfaces: [try TravelAPI(travel: travel).interface()], onUnexpectedError: { _, _ in })
        return (travel, varlink)
    }

    static func call(_ service: VarlinkService, _ method: String, _ parameters: [String: JSONValue] = [:]) async throws -> VarlinkReply {
        let replies = Mutex<[VarlinkReply]>([])
        try await service.handle(VarlinkCall(method: "io.cargenius.Travel.\(method)", parameters: parameters)) { reply in
            replies.withLock { $0.append(reply) }
        }
        return try #require(replies.withLock { $0.first })
    }

    static let signals = SnapshotSignals(entries: [
        "Vehicle.CurrentLocation.Latitude": (.number(48.1372), 0), "Vehicle.CurrentLocation.Longitude": (.number(11.5761), 0),
    ])

    @Test func liveTrafficChangesTheAnswerAndAgesOut() async throws {
        let clock = Clock()
        let (travel, varlink) = try Self.service(clock)
        let assistant = Assistant(travel: travel)
        var session = AssistantSession()
        let before = assistant.ask("find a restaurant", locale: .enUS, session: &session, signals: Self.signals)
        #expect(before.places.first?.name == "Alpha")

        // Heavy, not blocked: a road block would rule Alpha out altogether while Beta fits.
        let ok = try await Self.call(varlink, "UpdateTraffic", ["place": "a", "level": "heavy", "minutes": 40])
        #expect(ok.error == nil)
        #expect(try await Self.call(varlink, "Status").parameters["liveTraffic"] == .int(1))
        let during = assistant.ask("find a restaurant", locale: .enUS, session: &session, signals: Self.signals)
        #expect(during.places.first?.name == "Beta")
        #expect(during.places.last?.reasons.contains("40 minutes, with current traffic") == true, "\(during.places)")

        clock.seconds.withLock { $0 += 601 }
        let after = assistant.ask("find a restaurant", locale: .enUS, session: &session, signals: Self.signals)
        #expect(after.places.first?.name == "Alpha")
    }

    @Test func embeddedTextIsTheRepositoryFile() throws {
        let file = try String(decoding: Data(contentsOf: URL(filePath: repositoryRoot + "/varlink/io.cargenius.Travel.varlink")), as: UTF8.self)
        #expect(file == TravelAPI.description)
        #expect(try InterfaceDescription(parsing: file).name == "io.cargenius.Travel")
    }

    @Test func badUpdatesAreTypedErrors() async throws {
        let (_, varlink) = try Self.service(Clock())
        #expect(try await Self.call(varlink, "UpdateTraffic", ["place": "zz", "level": "heavy"]).error == "io.cargenius.Travel.UnknownPlace")
        #expect(try await Self.call(varlink, "UpdateTraffic", ["place": "a", "level": "awful"]).error == "io.cargenius.Travel.UnknownLevel")
        #expect(try await Self.call(varlink, "UpdateTraffic", ["level": "heavy"]).error == "io.cargenius.Travel.InvalidTraffic")
        let area: JSONValue = ["latitude": 48.14, "longitude": 11.58, "radius": 300]
        #expect(try await Self.call(varlink, "UpdateTraffic", ["area": area, "level": "heavy"]).error == nil)
    }

    @Test func profileFeedbackAndForget() async throws {
        let (travel, varlink) = try Self.service(Clock())
        let assistant = Assistant(travel: travel)
        var session = AssistantSession()
        _ = assistant.ask("I don't eat spicy food", locale: .enUS, session: &session, signals: Self.signals)
        #expect(try await Self.call(varlink, "Feedback", ["place": "b", "accepted": true]).error == nil)
        let profile = try await Self.call(varlink, "Profile").parameters
        #expect(profile["accepted"] == .int(1))
        #expect(profile["statements"]?.array?.first?["key"] == "tag:spicy")
        #expect(try await Self.call(varlink, "Forget").error == nil)
        #expect(try await Self.call(varlink, "Profile").parameters["statements"] == .array([]))
    }
}
