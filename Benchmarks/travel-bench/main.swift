// travel-bench: in-process cost of the router (Assistant.ask) against Car Genius alone, with the demo car's places.
//
// Usage: travel-bench [--cases eval/car-genius/cases.jsonl] [--places can-dbc/demo-ev/places.json] [--passes N]
// Car-status turns: every turn of the Car Genius evaluation set, asked of CarGeniusEngine.ask alone and of
// Assistant.ask with Travel Companion's places loaded, interleaved in the same run (the machine is noisy).
// Travel turns: the requests below (en, de, zh, the issue's examples and follow-ups) asked of Assistant.ask.
// Prints `name value # note` lines in microseconds per ask (p50, p99) and the ratios. Run it as a release build.
// `--dump` instead prints every reply (agent, intent, text, places with reasons) of the car-status turns of every
// --cases file and of the travel turns, one line each: diff two builds' dumps to show behaviour did not change.
import Assistant
import CarGenius
import FoundationEssentials
import Speech
import TravelCompanion
import VSS

var casesPaths: [String] = []
var dump = false
var placesPath = "can-dbc/demo-ev/places.json"
var passes = 10
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--cases": if let path = arguments.next() { casesPaths.append(path) }
    case "--dump": dump = true
    case "--places": placesPath = arguments.next() ?? placesPath
    case "--passes": passes = arguments.next().flatMap { Int($0) } ?? passes
    default: fatalError("travel-bench: unknown argument \(argument)")
    }
}

if casesPaths.isEmpty { casesPaths = ["eval/car-genius/cases.jsonl"] }
var cases: [EvaluationCase] = []
let store: PlaceStore
do {
    for path in casesPaths { cases += try EvaluationCase.load(jsonLines: try Data(contentsOf: URL(filePath: path)), source: path) }
    store = PlaceStore(places: try PlaceImport.load(path: placesPath))
} catch {
    fatalError("travel-bench: \(error); run from the repository root or pass --cases and --places")
}

/// The demo car at Marienplatz with half a battery, for the travel requests.
let demoCar = SnapshotSignals(entries: [
    "Vehicle.CurrentLocation.Latitude": (.number(48.1372), 0),
    "Vehicle.CurrentLocation.Longitude": (.number(11.5761), 0),
    "Vehicle.Powertrain.Range": (.number(180_000), 0),
    "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": (.number(55), 0),
])

/// Conversations of travel requests, each turn asked in order within one session.
let travelConversations: [(GeniusLocale, [String])] = [
    (.enUS, ["plan dinner for two tonight", "something cheaper", "the second one", "can I reach it with my battery?"]),
    (.enUS, ["find a sichuan place nearby that isn't too expensive", "näher"]),
    (.enUS, ["the nearest gas station"]),
    (.enUS, ["a coffee place with no traffic", "let's go"]),
    (.enUS, ["find a coffee place nearby"]),
    (.enUS, ["where can I charge", "the first one"]),
    (.enUS, ["I don't eat spicy food", "what do you remember about me", "forget it"]),
    (.enGB, ["find me a car park near here", "something else"]),
    (.enGB, ["a pizza place within 5 km with at least 4 stars"]),
    (.deDE, ["wo kann ich in der nähe parken", "näher"]),
    (.deDE, ["ich mag keine Pizza", "finde ein gutes Restaurant in der Nähe"]),
    (.deDE, ["die nächste Ladestation", "schaffe ich das mit meinem Akku"]),
    (.zhCN, ["找个评分高、不堵车的餐厅", "换一家"]),
    (.zhCN, ["附近有没有便宜的火锅", "第二个"]),
    (.zhCN, ["我不吃辣", "找个川菜馆"]),
    (.zhCN, ["最近的充电站"]),
]

let engine = CarGeniusEngine()
let assistant = Assistant(travel: TravelService(store: store, clock: { LocalTime(weekday: 4, minute: 18 * 60 + 30) }))
let clock = ContinuousClock()
func microseconds(_ d: Duration) -> Double {
    let (s, atto) = d.components
    return Double(s) * 1e6 + Double(atto) / 1e12
}

if dump {
    func line(_ r: AssistantReply) -> String {
        let places = r.places.map { "\($0.name)[\($0.reasons.joined(separator: ";"))]" }.joined(separator: ", ")
        return "\(r.agent.rawValue) \(r.intent) | \(r.text) | \(places)"
    }
    for c in cases {
        var session = AssistantSession()
        for turn in c.turns {
            print("\(c.id) \(turn.say) => \(line(assistant.ask(turn.say, locale: c.locale, session: &session, signals: c.state)))")
        }
    }
    for (locale, turns) in travelConversations {
        var session = AssistantSession()
        for turn in turns { print("\(locale.rawValue) \(turn) => \(line(assistant.ask(turn, locale: locale, session: &session, signals: demoCar)))") }
    }
}

/// Times the turns and prints the figures.
@MainActor func measure() {
    var sink = 0
    var carAlone: [Double] = []
    var carRouted: [Double] = []
    var travel: [Double] = []
    var misrouted = 0
    // One warm-up pass, not measured.
    for pass in 0...passes {
        for c in cases {
            var session = Session()
            var routed = AssistantSession()
            for turn in c.turns {
                let t0 = clock.now
                let a = engine.ask(turn.say, locale: c.locale, session: &session, signals: c.state)
                let t1 = clock.now
                let b = assistant.ask(turn.say, locale: c.locale, session: &routed, signals: c.state)
                let t2 = clock.now
                sink &+= a.text.utf8.count &+ b.text.utf8.count
                if pass > 0 {
                    carAlone.append(microseconds(t1 - t0))
                    carRouted.append(microseconds(t2 - t1))
                    if b.agent != .carGenius { misrouted += 1 }
                }
            }
        }
        for (locale, turns) in travelConversations {
            var session = AssistantSession()
            for turn in turns {
                let t0 = clock.now
                let reply = assistant.ask(turn, locale: locale, session: &session, signals: demoCar)
                let t1 = clock.now
                sink &+= reply.places.count
                if pass > 0 { travel.append(microseconds(t1 - t0)) }
            }
        }
    }

    func percentile(_ samples: [Double], _ p: Double) -> Double {
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
    }
    func format(_ v: Double) -> String { String(Double(Int(v * 10)) / 10) }
    func ratio(_ a: Double, _ b: Double) -> String { String(Double(Int(a / b * 100)) / 100) }

    print("car_alone_p50_us \(format(percentile(carAlone, 0.5))) # CarGeniusEngine.ask, \(carAlone.count) asks")
    print("car_alone_p99_us \(format(percentile(carAlone, 0.99)))")
    print("car_routed_p50_us \(format(percentile(carRouted, 0.5))) # Assistant.ask with \(store.count) places, same turns")
    print("car_routed_p99_us \(format(percentile(carRouted, 0.99))) # goal <= 100")
    print("car_routed_vs_alone_p50 \(ratio(percentile(carRouted, 0.5), percentile(carAlone, 0.5)))")
    print("car_routed_misrouted \(misrouted / passes) # car-status turns answered by Travel Companion, per pass")
    print("travel_p50_us \(format(percentile(travel, 0.5))) # Assistant.ask, \(travel.count) travel turns")
    print("travel_p99_us \(format(percentile(travel, 0.99))) # goal <= 300")
    print("travel_vs_car_alone_p50 \(ratio(percentile(travel, 0.5), percentile(carAlone, 0.5)))")
    if sink == 42 { print("") }  // keeps the work observable
}

/// The places store's grid against a scan of every place: 30 queries of 2 km over 20,000 random places
/// around Munich (a city's worth), best of 5 rounds each.
func measurePlaceQueries() {
    var seed: UInt64 = 7
    func next() -> Double {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(seed >> 11) / Double(1 << 53)
    }
    let city: [Place] = (0..<20_000).map { i in
        var p = Place(id: "p\(i)", name: "p\(i)", category: .restaurant)
        p.latitude = 48.0 + next() * 0.3
        p.longitude = 11.35 + next() * 0.45
        return p
    }
    let cityStore = PlaceStore(places: city)
    let centers = (0..<30).map { Coordinate(latitude: 48.1 + Double($0) * 0.001, longitude: 11.5 + Double($0) * 0.001) }
    let clock = ContinuousClock()
    var gridBest = Duration.seconds(3600)
    var scanBest = Duration.seconds(3600)
    var found = 0
    var scanned = 0
    for _ in 0..<5 {
        gridBest = min(gridBest, clock.measure { for c in centers { found &+= cityStore.places(near: c, within: 2000).count } })
        scanBest = min(
            scanBest,
            clock.measure {
                for c in centers {
                    scanned &+= city.filter { c.distance(to: Coordinate(latitude: $0.latitude!, longitude: $0.longitude!)) <= 2000 }.count
                }
            })
    }
    func microseconds(_ d: Duration) -> Double { Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12 }
    let grid = microseconds(gridBest) / Double(centers.count)
    let scan = microseconds(scanBest) / Double(centers.count)
    print("place_query_grid_us \(String(Double(Int(grid * 10)) / 10)) # 2 km around a point, 20000 places, best of 5")
    print("place_query_scan_us \(String(Double(Int(scan * 10)) / 10)) # the same by a scan of every place")
    print("place_query_scan_vs_grid \(String(Double(Int(scan / grid * 10)) / 10))\(found == scanned ? "" : " # MISMATCH")")
}

if !dump {
    measure()
    measurePlaceQueries()
}
