import Assistant
import CarGenius
import Speech
import Testing
import TravelCompanion
import VSS

@Suite struct RouterTests {
    static func demoAssistant(profiles: ProfileStore? = nil) throws -> Assistant {
        var places: [Place] = []
        func add(_ id: String, _ category: PlaceCategory, _ cuisines: [String], _ rating: Double, _ lat: Double, _ lon: Double) {
            var p = Place(id: id, name: id, category: category)
            p.cuisines = cuisines
            p.rating = rating
            p.ratingCount = 200
            p.latitude = lat
            p.longitude = lon
            places.append(p)
        }
        add("Lao Sichuan", .restaurant, ["sichuan", "chinese"], 4.6, 48.1449, 11.5652)
        add("Pizzeria Napoli", .restaurant, ["pizza", "italian"], 4.4, 48.1298, 11.5689)
        add("Parkhaus Mitte", .parking, [], 4.0, 48.1366, 11.5733)
        add("Tankstelle Nord", .fuel, [], 3.9, 48.1630, 11.5860)
        let clock = LocalTime(weekday: 4, minute: 18 * 60)
        return Assistant(travel: TravelService(store: PlaceStore(places: places), profiles: profiles, clock: { clock }))
    }

    static let signals = SnapshotSignals(entries: [
        "Vehicle.CurrentLocation.Latitude": (.number(48.1372), 0), "Vehicle.CurrentLocation.Longitude": (.number(11.5761), 0),
        "Vehicle.Powertrain.Range": (.number(150_000), 0),
        "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": (.number(55), 0), "Vehicle.Speed": (.number(0), 0),
    ])

    @Test(arguments: [
        ("find a sichuan place nearby that isn't too expensive", GeniusLocale.enUS, AgentName.travelCompanion),
        ("wo kann ich in der nähe parken", .deDE, .travelCompanion),
        ("找个评分高、不堵车的餐厅", .zhCN, .travelCompanion),
        ("the nearest gas station", .enUS, .travelCompanion),
        ("how much charge do I have", .enUS, .carGenius),
        ("what's the tire pressure", .enUS, .carGenius),
        ("wie weit komme ich noch", .deDE, .carGenius),
        ("is the parking brake on", .enUS, .carGenius),
    ])
    func routesEachUtteranceToItsAgent(utterance: String, locale: GeniusLocale, agent: AgentName) throws {
        let assistant = try Self.demoAssistant()
        var session = AssistantSession()
        let reply = assistant.ask(utterance, locale: locale, session: &session, signals: Self.signals)
        #expect(reply.agent == agent, "\(utterance): \(reply.text)")
        if agent == .travelCompanion { #expect(!reply.places.isEmpty, "\(utterance)") }
    }

    @Test func withoutAPositionTheAnswerSaysSo() throws {
        let assistant = try Self.demoAssistant()
        var session = AssistantSession()
        let reply = assistant.ask("find a pizza place", locale: .enUS, session: &session, signals: SnapshotSignals())
        #expect(reply.text.hasPrefix("The car's position is not available"), "\(reply.text)")
        #expect(reply.places.first?.distance == nil)
    }

    @Test func withoutPlacesEverythingGoesToCarGenius() {
        let assistant = Assistant()
        var session = AssistantSession()
        let reply = assistant.ask("find a pizza place", locale: .enUS, session: &session, signals: Self.signals)
        #expect(reply.agent == .carGenius)
        #expect(reply.places.isEmpty)
    }

    @Test func reachQuestionIsAnsweredByBothAgents() throws {
        let assistant = try Self.demoAssistant()
        var session = AssistantSession()
        let first = assistant.ask("find a pizza place", locale: .enUS, session: &session, signals: Self.signals)
        #expect(first.places.first?.name == "Pizzeria Napoli")
        let reply = assistant.ask("can I reach it with my battery?", locale: .enUS, session: &session, signals: Self.signals)
        #expect(reply.agent == .travelCompanion)
        #expect(reply.intent == "travel.reach")
        #expect(reply.text.hasPrefix("Yes"), "\(reply.text)")
        #expect(reply.values.contains { $0.path == "Vehicle.Powertrain.Range" })
        // Car Genius's own range sentence follows Travel Companion's verdict.
        #expect(reply.text.contains("range left") || reply.text.contains("good for"), "\(reply.text)")
    }

    @Test func jsonLineListsPlacesWithReasons() throws {
        let assistant = try Self.demoAssistant()
        var session = AssistantSession()
        let reply = assistant.ask("find a sichuan restaurant", locale: .enUS, session: &session, signals: Self.signals)
        let line = reply.jsonLine
        #expect(line.contains("\"places\":[{"))
        #expect(line.contains("\"name\":\"Lao Sichuan\""))
        // First what the driver asked for that the place meets, then its facts.
        #expect(line.contains("\"reasons\":[\"fits: Sichuan\",\"4.6 stars from 200 ratings\""), "\(line)")
    }
}
