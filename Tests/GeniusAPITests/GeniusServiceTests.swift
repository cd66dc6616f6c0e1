import Assistant
import CANBus
import CarGenius
import GeniusAPI
import GeniusTestSupport
import Logging
import Speech
import Testing
import VSS
import JSON
import Varlink
import VehicleSignals

@Suite struct InterfaceTextsTests {
    @Test(arguments: [
        ("io.cargenius.Vehicle", InterfaceTexts.vehicle), ("io.cargenius.Assistant", InterfaceTexts.assistant),
        ("io.cargenius.Bus", InterfaceTexts.bus),
    ])
    func embeddedTextIsTheRepositoryFile(name: String, text: String) throws {
        let file = try readText("\(repositoryRoot)/varlink/\(name).varlink")
        #expect(text == file)
        #expect(try InterfaceDescription(parsing: text).name == name)
    }
}

@Suite struct ValueTests {
    @Test(arguments: [
        (SignalStatus.available, "available"), (.stale, "stale"), (.notAvailable, "unavailable"), (.invalid, "unavailable"),
        (.notProvided, "unknown"),
    ])
    func statusBecomesValueStatus(status: SignalStatus, word: String) {
        #expect(ValueStatus(status).rawValue == word)
    }

    @Test(arguments: [
        (SignalStatus.available, "available"), (.stale, "stale"), (.notAvailable, "unavailable"), (.invalid, "unavailable"),
        (.notProvided, "unknown"),
    ])
    func storeReadingsAsTheAssistantSpeaksOfThem(status: SignalStatus, word: String) {
        let hasValue = status == .available || status == .stale
        let reading = SignalReading(
            path: "Vehicle.Speed", value: hasValue ? .number(42.5) : nil, unit: "km/h", age: 1.5, status: status, datatype: .float)
        #expect(reading.assistantValue["status"]?.string == word)
        #expect(reading.assistantValue["age"] == (hasValue ? .double(1.5) : nil))
        // A reading that claims to be available but has no value is unavailable to the assistant.
        let bare = SignalReading(path: "Vehicle.Speed", status: status).assistantValue
        #expect(bare["status"]?.string == (status == .notProvided ? "unknown" : "unavailable"))
    }

    @Test func storeReadingsOfTheDemoDrive() {
        let (store, _) = demoStore()
        let signals = StoreSignals(store: store)
        let charge = signals.reading("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed")
        #expect(charge.status == .available)
        #expect((charge.value?.number ?? -1) > 15 && (charge.value?.number ?? 100) < 30)  // the scenario starts at 23 %
        #expect(signals.reading("Vehicle.Body.Trunk.Rear.IsLightOn").status == .notProvided)
        let wire = store.read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed").vehicleValue
        #expect(wire["status"] == "available")
        #expect(wire["unit"] == "percent")
        #expect(wire["age"]?.number != nil)
    }

    @Test func historyComesFromTheStore() {
        let clock = TestClock()
        let store = SignalStore(
            mapping: demoMapping, configuration: SignalStore.Configuration(historyInterval: .seconds(1), clock: { clock.now }))
        store.ingest(demoDriveFrames)
        clock.set(demoDriveFrames.last!.timestamp)
        let path = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed"
        let samples = store.history(path)
        let history = StoreSignals(store: store).history(path)
        #expect(history.count == samples.count)
        #expect(history.count >= 20)  // 30 s of driving, one sample a second
        #expect(history.map(\.value) == samples.compactMap { $0.value.doubleValue })
        #expect(zip(history, history.dropFirst()).allSatisfy { $0.age > $1.age })  // oldest first
        #expect((history.last?.age ?? 99) < 2)
    }

    @Test func integersStayIntegersOnTheWire() {
        #expect(SignalValue.number(230).varlinkJSON(integer: true) == .int(230))
        #expect(SignalValue.number(230).varlinkJSON(integer: false) == .double(230))
        #expect(SignalValue.number(2.5).varlinkJSON(integer: false) == .double(2.5))
        #expect(SignalValue.number(230).varlinkJSON(integer: nil) == .int(230))
        #expect(SignalValue.number(0.25).varlinkJSON(integer: nil) == .double(0.25))
        #expect(SignalValue.number(.nan).varlinkJSON(integer: false) == .null)
    }
}

@Suite struct AskSessionsTests {
    final class Clock: Sendable {
        let start = ContinuousClock.now
        let offset = Mutex<Duration>(.zero)
        var now: ContinuousClock.Instant { start + offset.withLock { $0 } }
        func advance(_ duration: Duration) { offset.withLock { $0 += duration } }
    }

    @Test func idleSessionsExpire() {
        let clock = Clock()
        let sessions = AskSessions(capacity: 10, idleLimit: .seconds(60), clock: { clock.now })
        var session = AssistantSession()
        session.carGenius = Session()
        sessions.store(session, as: "a")
        #expect(sessions.count == 1)
        clock.advance(.seconds(59))
        _ = sessions.session("a")
        #expect(sessions.count == 1)
        clock.advance(.seconds(2))
        #expect(sessions.expire() == 1)
        #expect(sessions.count == 0)
    }

    @Test func theLeastRecentlyUsedGoesOverTheCap() {
        let clock = Clock()
        let sessions = AskSessions(capacity: 3, idleLimit: .seconds(600), clock: { clock.now })
        for name in ["a", "b", "c"] {
            sessions.store(AssistantSession(), as: name)
            clock.advance(.seconds(1))
        }
        sessions.store(AssistantSession(), as: "a")  // a is now the most recent
        clock.advance(.seconds(1))
        sessions.store(AssistantSession(), as: "d")
        #expect(sessions.count == 3)
        clock.advance(.seconds(1))
        sessions.store(AssistantSession(), as: "e")
        #expect(sessions.count == 3)  // b and c went, in that order
    }
}

import Synchronization

@Suite struct GeniusServiceTests {
    static func makeService(store: SignalStore, bus: [BusInterfaceStatus] = []) throws -> (GeniusService, VarlinkService) {
        let service = GeniusService(
            configuration: GeniusService.Configuration(locale: .enGB, minimumSubscribeInterval: 0.01),
            store: CurrentStore(store), alerts: AlertFeed(locale: .enGB), bus: FixedBus(interfaces: bus),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let varlink = try service.makeVarlinkService(
            info: ServiceInfo(vendor: "Car Genius", product: "geniusd", version: "test", url: "https://example.invalid/cargenius"))
        return (service, varlink)
    }

    @Test func getAnswersInOrderAndToleratesUnknownPaths() async throws {
        let (store, _) = demoStore()
        let (_, varlink) = try Self.makeService(store: store)
        try await withClient(varlink) { client in
            let reply = try await client.call(
                "io.cargenius.Vehicle.Get",
                ["paths": ["Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure", "Vehicle.No.Such.Path", "Vehicle.Speed"]])
            let values = reply["values"]?.array ?? []
            #expect(values.count == 3)
            #expect(
                values.map { $0["path"]?.string } == [
                    "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure", "Vehicle.No.Such.Path", "Vehicle.Speed",
                ])
            let tyre = store.read("Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure")
            #expect(values[0]["status"] == "available")
            #expect(values[0]["value"] == tyre.vehicleValue["value"])
            #expect(values[0]["unit"] == "kPa")
            #expect(values[1] == ["path": "Vehicle.No.Such.Path", "status": "unknown"])
            await #expect(throws: VarlinkError.invalidParameter("paths[0]")) {
                try await client.call("io.cargenius.Vehicle.Get", ["paths": [1]])
            }
        }
    }

    @Test func listGroupsByBranchAndRejectsUnknownBranches() async throws {
        let (store, _) = demoStore(upTo: 1)
        let (_, varlink) = try Self.makeService(store: store)
        try await withClient(varlink) { client in
            let all = try await client.call("io.cargenius.Vehicle.List")
            let total = all["branches"]?.array?.reduce(0) { (sum: Int, branch: JSONValue) in sum + (branch["signals"]?.array?.count ?? 0) }
            #expect(total == store.capabilities.count)
            let doors = try await client.call("io.cargenius.Vehicle.List", ["branch": "Vehicle.Cabin.Door"])
            let names = doors["branches"]?.array?.compactMap { $0["name"]?.string } ?? []
            #expect(!names.isEmpty)
            #expect(names.allSatisfy { $0.hasPrefix("Vehicle.Cabin.Door.") })
            await #expect(throws: VarlinkError.reply(name: "io.cargenius.Vehicle.UnknownBranch", parameters: ["branch": "Vehicle.Cabin.Nope"])) {
                try await client.call("io.cargenius.Vehicle.List", ["branch": "Vehicle.Cabin.Nope"])
            }
        }
    }

    @Test func askIsAnsweredFromTheStore() async throws {
        let (store, _) = demoStore()
        let (service, varlink) = try Self.makeService(store: store)
        try await withClient(varlink) { client in
            let reply = try await client.call("io.cargenius.Assistant.Ask", ["text": "how far can I go", "session": "s1"])
            #expect(reply["agent"] == "car-genius")
            #expect(reply["intent"] == "range")
            let values = reply["values"]?.array ?? []
            let range = values.first { $0["path"] == "Vehicle.Powertrain.Range" }
            #expect(range?["status"] == "available")
            // The number spoken is the store's range, in miles for en-GB.
            let metres = store.read("Vehicle.Powertrain.Range").value?.doubleValue ?? -1
            let miles = Int((metres / 1609.344).rounded())
            let text = reply["text"]?.string ?? ""
            #expect(text.contains("\(miles) miles"), "\(text)")
            #expect(service.sessions.count == 1)
            let german = try await client.call("io.cargenius.Assistant.Ask", ["text": "wie weit komme ich", "locale": "de-DE"])
            #expect(german["intent"] == "range")
            #expect(german["text"] != reply["text"])
            await #expect(throws: VarlinkError.invalidParameter("text")) {
                try await client.call("io.cargenius.Assistant.Ask", ["text": .string(String(repeating: "how far ", count: 1000))])
            }
            await #expect(throws: VarlinkError.invalidParameter("session")) {
                try await client.call("io.cargenius.Assistant.Ask", ["text": "how far", "session": .string(String(repeating: "s", count: 300))])
            }
            await #expect(throws: VarlinkError.reply(name: "io.cargenius.Assistant.EmptyText", parameters: [:])) {
                try await client.call("io.cargenius.Assistant.Ask", ["text": " \n "])
            }
            await #expect(throws: VarlinkError.reply(name: "io.cargenius.Assistant.UnsupportedLocale", parameters: ["locale": "fr-FR"])) {
                try await client.call("io.cargenius.Assistant.Ask", ["text": "how far", "locale": "fr-FR"])
            }
        }
    }

    @Test func subscribeSendsCurrentValuesThenChanges() async throws {
        let (store, clock) = demoStore(upTo: 10)
        let (_, varlink) = try Self.makeService(store: store)
        let later = demoDriveFrames.filter { $0.timestamp.nanoseconds > clock.now.nanoseconds }
        try await withClient(varlink) { client in
            var replies: [[JSONValue]] = []
            try await client.stream(
                "io.cargenius.Vehicle.Subscribe", ["paths": ["Vehicle.Speed", "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen"], "interval": 0.01]
            ) { reply in
                replies.append(reply["values"]?.array ?? [])
                if replies.count == 1 {
                    // The car drives on: speed changes, the driver's door does not.
                    store.ingest(later)
                    clock.set(later.last!.timestamp)
                }
                return replies.count < 2
            }
            #expect(replies[0].count == 2)
            #expect(replies[1].map { $0["path"]?.string } == ["Vehicle.Speed"])
            #expect(replies[1][0]["value"] == store.read("Vehicle.Speed").vehicleValue["value"])
        }
        try await withClient(varlink) { client in
            await #expect(throws: VarlinkError.reply(name: "io.cargenius.Vehicle.InvalidInterval", parameters: ["interval": -1.0])) {
                try await client.stream("io.cargenius.Vehicle.Subscribe", ["paths": ["Vehicle.Speed"], "interval": -1.0]) { _ in true }
            }
        }
    }

    @Test func alertsAreRaisedAndClearedAsTheDriveGoesOn() async throws {
        // Replays the drive 200 ms at a time, as the daemon's alert tick sees it.
        let clock = TestClock()
        let store = SignalStore(mapping: demoMapping, configuration: SignalStore.Configuration(clock: { clock.now }))
        let feed = AlertFeed(locale: .enUS)
        var events: [AlertEvent] = []
        let start = demoDriveFrames[0].timestamp.nanoseconds
        var index = 0
        var tick = start
        while index < demoDriveFrames.count {
            tick += 200_000_000
            var batch: [CANFrame] = []
            while index < demoDriveFrames.count, demoDriveFrames[index].timestamp.nanoseconds <= tick {
                batch.append(demoDriveFrames[index])
                index += 1
            }
            store.ingest(batch)
            clock.set(CANTimestamp(nanoseconds: tick))
            events += feed.observe(store)
        }
        // The rear passenger-side door is open as the car sets off and is closed at 6 s.
        let door = events.filter { $0.id == "door-opened-while-moving" }
        #expect(door.map(\.active) == [true, false])
        #expect(door.first?.path == "Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen")
        #expect(door.first?.severity == "critical")
        // The low rear-left tyre stays low: raised, never cleared, still active at the end.
        let tyre = events.filter { $0.id == "tire-pressure-drop" }
        #expect(tyre.map(\.active) == [true])
        #expect(feed.active.contains { $0.id == "tire-pressure-drop" && $0.path == "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure" })
        #expect(!feed.active.contains { $0.id == "door-opened-while-moving" })
    }

    @Test func alertStreamStartsWithTheActiveAlerts() async throws {
        let (store, _) = demoStore()
        let (service, varlink) = try Self.makeService(store: store)
        service.alerts.observe(store)
        let active = service.alerts.active
        #expect(!active.isEmpty)
        try await withClient(varlink) { client in
            var first: [JSONValue] = []
            try await client.stream("io.cargenius.Vehicle.Alerts") { reply in
                first = reply["alerts"]?.array ?? []
                return false
            }
            #expect(first.count == active.count)
            #expect(first.allSatisfy { $0["active"] == true })
            #expect(Set(first.compactMap { $0["id"]?.string }) == Set(active.map(\.id)))
        }
    }

    @Test func busStatusReportsEveryInterface() async throws {
        let (store, _) = demoStore(upTo: 1)
        let interfaces = [
            BusInterfaceStatus(
                name: "can0", kind: "socketcan", state: "error-warning", bitrate: 500_000, framesPerSecond: 812.5, frames: 9000, drops: 3,
                rxErrors: 97, txErrors: 0, busOffCount: 1),
            BusInterfaceStatus(name: "simulator", kind: "simulator", state: "up", framesPerSecond: 137, frames: 420),
        ]
        let (_, varlink) = try Self.makeService(store: store, bus: interfaces)
        try await withClient(varlink) { client in
            let reply = try await client.call("io.cargenius.Bus.Status")
            let listed = reply["interfaces"]?.array ?? []
            #expect(listed.count == 2)
            #expect(
                listed[0] == [
                    "name": "can0", "kind": "socketcan", "state": "error-warning", "bitrate": 500_000, "framesPerSecond": 812.5,
                    "frames": 9000, "drops": 3, "rxErrors": 97, "txErrors": 0, "busOffCount": 1,
                ])
            #expect(listed[1]["bitrate"] == nil)
            let info = try await client.call("org.varlink.service.GetInfo")
            #expect(info["interfaces"] == ["io.cargenius.Assistant", "io.cargenius.Bus", "io.cargenius.Vehicle", "org.varlink.service"])
            let description = try await client.call("org.varlink.service.GetInterfaceDescription", ["interface": "io.cargenius.Bus"])
            #expect(description["description"]?.string == InterfaceTexts.bus)
        }
    }
}
