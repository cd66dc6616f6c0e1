@testable import CarGenius
import FoundationEssentials
import JSON
import Speech
import Testing
import VSS

@Suite struct LocaleFormattingTests {
    @Test(arguments: [
        (GeniusLocale.enUS, 72760.4, 0, "72,760"), (.deDE, 72760.4, 0, "72.760"), (.zhCN, 72760.4, 0, "72760"),
        (.deDE, 2.34, 1, "2,3"), (.enGB, 2.35, 1, "2.4"), (.deDE, -3.0, 0, "-3"), (.enUS, 999.6, 0, "1,000"),
    ])
    func numbers(_ locale: GeniusLocale, _ value: Double, _ decimals: Int, _ text: String) {
        #expect(NumberStyle(locale).format(value, decimals: decimals) == text)
    }

    @Test(arguments: [
        (GeniusLocale.enUS, QuantityKind.distance, 412_000.0, "m", "256 miles"),
        (.deDE, .distance, 412_000, "m", "412 km"), (.zhCN, .distance, 412_000, "m", "412公里"),
        (.enUS, .temperature, 18, "celsius", "64°F"), (.enGB, .temperature, 18, "celsius", "18°C"),
        (.deDE, .temperature, 18, "celsius", "18 °C"), (.enUS, .pressure, 236, "kPa", "34 psi"),
        (.deDE, .pressure, 236, "kPa", "2,4 bar"), (.zhCN, .pressure, 236, "kPa", "2.4 bar"),
        (.deDE, .percent, 78, "percent", "78 %"), (.enUS, .speed, 96, "km/h", "60 mph"), (.deDE, .voltage, 12.6, "V", "12,6 V"),
        (.enUS, .duration, 4800, "s", "1 hour 20 minutes"), (.deDE, .duration, 3_888_000, "s", "45 Tagen"),
    ])
    func quantities(_ locale: GeniusLocale, _ kind: QuantityKind, _ value: Double, _ unit: String, _ text: String) {
        #expect(Phrasing(locale).quantity(value, kind: kind, vssUnit: unit) == text)
    }
}

@Suite struct GroundedAnswerTests {
    static let questions: [(GeniusLocale, String)] = [
        (.enUS, "how much battery"), (.enUS, "what's my range"), (.enUS, "tire pressure"), (.enUS, "outside temperature"),
        (.enUS, "odometer"), (.enUS, "when is service due"), (.enUS, "fault codes"), (.enUS, "12 volt battery"),
        (.enGB, "tyre temperatures"), (.enGB, "can i make it two hundred miles"), (.deDE, "reifendruck"),
        (.deDE, "kilometerstand"), (.deDE, "wann ist die inspektion"), (.deDE, "wie warm ist es im auto"),
        (.zhCN, "胎压多少"), (.zhCN, "总里程"), (.zhCN, "电量多少"), (.zhCN, "什么时候保养"),
    ]

    @Test(arguments: questions)
    func everyNumberComesFromAListedValue(_ locale: GeniusLocale, _ utterance: String) {
        let answer = ask([utterance], locale)[0]
        #expect(!answer.values.isEmpty, "\(utterance) -> \(answer.text)")
        #expect(
            GroundingCheck.ungroundedNumbers(in: answer.text, values: answer.values, locale: locale).isEmpty,
            "\(answer.text)")
    }

    @Test func aNumberNotInTheValuesIsFlagged() {
        let answer = ask(["what's my range"], .enUS)[0]
        let forged = answer.text.replacingSuffix(".", with: "") + " and 999 more."
        #expect(GroundingCheck.ungroundedNumbers(in: forged, values: answer.values, locale: .enUS) == ["999"])
        #expect(GroundingCheck.ungroundedNumbers(in: "Code P0301 is stored.", values: answer.values, locale: .enUS) == ["P0301"])
    }

    @Test(arguments: [
        (GeniusLocale.enUS, "battery level", "3 hours ago"), (.deDE, "wie voll ist der akku", "vor 3 Stunden"),
        (.zhCN, "电量多少", "3小时前"),
    ])
    func aStaleValueIsSpokenWithItsAge(_ locale: GeniusLocale, _ utterance: String, _ expected: String) {
        var car = parkedCar()
        car.set("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", .number(78), age: 10_800)
        let answer = ask([utterance], locale, car)[0]
        #expect(answer.text.contains(expected), "\(answer.text)")
        #expect(answer.values.first?.status == .stale)
    }

    @Test(arguments: [(GeniusLocale.enUS, "what's my range"), (.deDE, "wie ist die reichweite"), (.zhCN, "续航多少")])
    func aMissingValueIsUnavailableWithNoNumber(_ locale: GeniusLocale, _ utterance: String) {
        var car = parkedCar()
        car.remove("Vehicle.Powertrain.Range")
        let answer = ask([utterance], locale, car)[0]
        #expect(answer.intent == "range")
        #expect(answer.values.isEmpty)
        let hasDigit = answer.text.contains { $0.isNumber }
        #expect(!hasDigit, "\(answer.text)")
    }

    @Test(arguments: [(GeniusLocale.enUS, "tell me a joke"), (.deDE, "wie wird das wetter morgen"), (.zhCN, "帮我订机票")])
    func outOfScopeIsDeclinedWithNoNumber(_ locale: GeniusLocale, _ utterance: String) {
        let answer = ask([utterance], locale)[0]
        #expect(answer.intent == "out_of_scope")
        let hasDigit = answer.text.contains { $0.isNumber }
        #expect(answer.values.isEmpty && !hasDigit)
    }

    @Test(arguments: [
        (GeniusLocale.enUS, "any warning lights", "how's the car"), (.deDE, "leuchten warnleuchten", "statusbericht"),
        (.zhCN, "有警告灯吗", "车况怎么样"),
    ])
    func answersAreOneSentenceAndShorterWhileMoving(_ locale: GeniusLocale, _ lamps: String, _ overview: String) {
        var car = parkedCar()
        car.set(VSSCatalog.telltalePath("TirePressure"), .bool(true))
        car.set(VSSCatalog.telltalePath("Powertrain"), .bool(true))
        car.set("Vehicle.Body.Trunk.Rear.IsOpen", .bool(true))
        let terminators: Set<Character> = [".", "。"]
        for moving in [false, true] {
            car.set("Vehicle.IsMoving", .bool(moving))
            let answers = ask([lamps, overview], locale, car)
            for a in answers {
                // Decimal points ("2.4 bar") do not end a sentence: count terminators at the end or before a space.
                let ends = zip(a.text, a.text.dropFirst().map { Optional($0) } + [nil]).filter {
                    terminators.contains($0.0) && ($0.1 == nil || $0.1 == " ")
                }
                #expect(ends.count == 1, "\(a.text)")
            }
            // The overview starts with the lamps; while moving it says nothing more.
            #expect(answers[1].text.hasPrefix(String(answers[0].text.dropLast())), "\(answers[1].text)")
            #expect(moving ? answers[1].text == answers[0].text : answers[1].text.count > answers[0].text.count, "\(answers[1].text)")
        }
    }

    @Test func britishAnswersUseBritishWords() {
        var car = parkedCar()
        car.set("Vehicle.Body.Trunk.Rear.IsOpen", .bool(true))
        #expect(ask(["is the trunk open"], .enGB, car)[0].text == "The boot is open.")
        #expect(ask(["is the trunk open"], .enUS, car)[0].text == "The trunk is open.")
    }
}

@Suite struct SessionTests {
    @Test(arguments: [
        (GeniusLocale.enUS, ["what's the tire pressure in the front", "and the rear ones?"]),
        (.deDE, ["wie ist der reifendruck vorne", "und hinten?"]),
        (.zhCN, ["前面的胎压多少", "那后面的呢"]),
    ])
    func aFollowUpRefinesTheLastQuestion(_ locale: GeniusLocale, _ turns: [String]) {
        let answers = ask(turns, locale)
        #expect(answers[1].intent == "tire_pressure")
        #expect(
            Set(answers[1].values.map(\.path)) == [
                "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure", "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure",
            ])
    }

    @Test(arguments: [
        (GeniusLocale.enUS, ["how's the front left tire", "and the right one"]), (.zhCN, ["左前轮胎压多少", "右边的呢"]),
        (.deDE, ["reifendruck vorne links", "und rechts"]),
    ])
    func aSideAloneKeepsTheRow(_ locale: GeniusLocale, _ turns: [String]) {
        let answers = ask(turns, locale)
        #expect(answers[1].values.map(\.path) == ["Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure"])
    }

    @Test func aClarificationIsAnsweredByOneWord() {
        let answers = ask(["what's the temperature", "outside"], .enUS)
        #expect(answers[0].intent == "temperature_clarify" && answers[0].values.isEmpty)
        #expect(answers[1].intent == "outside_temperature" && answers[1].text.contains("64°F"))
    }
}

@Suite struct SnapshotTests {
    @Test func valuesAndAgesAreRead() throws {
        let json = #"{"Vehicle.Speed": {"value": 42, "age": 900}, "Vehicle.IsMoving": true, "Vehicle.OBD.DTCList": ["P0420"]}"#
        let s = try SnapshotSignals(jsonBytes: Array(json.utf8))
        #expect(s.reading("Vehicle.Speed") == SignalReading(path: "Vehicle.Speed", value: .number(42), unit: "km/h", age: 900, status: .stale))
        #expect(s.reading("Vehicle.IsMoving").value == .bool(true))
        #expect(s.reading("Vehicle.OBD.DTCList").value == .strings(["P0420"]))
        #expect(s.reading("Vehicle.Powertrain.Range").status == .notAvailable)
    }

    @Test(arguments: [
        (#"{"Vehicle.Speed": {"age": 3}}"#, CarGeniusError.invalidSnapshotEntry(path: "Vehicle.Speed", reason: "an object entry needs a \"value\"")),
        (#"{"Vehicle.OBD.DTCList": [1, 2]}"#, .invalidSnapshotEntry(path: "Vehicle.OBD.DTCList", reason: "a list value must hold strings only")),
        (#"[1]"#, .invalidSnapshotEntry(path: "(top level)", reason: "expected an object of VSS paths")),
    ])
    func malformedEntriesAreRejected(_ json: String, _ error: CarGeniusError) {
        #expect(throws: error) { try SnapshotSignals(jsonBytes: Array(json.utf8)) }
    }

    @Test func historyIsReadOldestFirstAndEndsWithTheCurrentValue() throws {
        let path = "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure"
        let json = #"{"\#(path)": {"value": 221, "age": 5, "history": [[600, 238], [1800, 240], [300, 230]]}, "Vehicle.Speed": 3}"#
        let s = try SnapshotSignals(jsonBytes: Array(json.utf8))
        let h = s.history(path)
        #expect(h.map(\.age) == [1800, 600, 300, 5])
        #expect(h.map(\.value) == [240, 238, 230, 221])
        #expect(s.history("Vehicle.Speed").map(\.value) == [3], "a plain number is a one-sample history")
        #expect(s.history("Vehicle.Powertrain.Range").isEmpty)
        let bad = #"{"\#(path)": {"value": 221, "history": [[600]]}}"#
        #expect(throws: CarGeniusError.self) { try SnapshotSignals(jsonBytes: Array(bad.utf8)) }
    }

    @Test func invalidJSONNamesTheSource() {
        #expect(throws: CarGeniusError.self) { try SnapshotSignals(jsonBytes: Array("{".utf8), source: "state.json") }
    }
}

@Suite struct AlertTests {
    @Test func eachEventAlertsOnce() {
        var monitor = AlertMonitor(locale: .enUS)
        var car = parkedCar()
        #expect(monitor.observe(car).isEmpty)
        car.set("Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure", .number(215))
        let first = monitor.observe(car)
        #expect(first.map(\.kind) == ["tire_pressure_drop"])
        car.set("Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure", .number(205))
        #expect(monitor.observe(car).isEmpty, "the same leak is one event")
        car.set("Vehicle.IsMoving", .bool(true))
        car.set("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen", .bool(true))
        car.set(VSSCatalog.telltalePath("BrakeFluid"), .bool(true))
        car.set("Vehicle.Private.Navigation.RemainingDistance", .number(500_000))
        let kinds = Set(monitor.observe(car).map(\.kind))
        #expect(kinds == ["door_opened_while_moving", "new_warning_lamp", "charge_below_trip_need"])
        #expect(monitor.observe(car).isEmpty)
        car.set("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen", .bool(false))
        _ = monitor.observe(car)
        car.set("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen", .bool(true))
        #expect(monitor.observe(car).map(\.kind) == ["door_opened_while_moving"], "a second opening is a new event")
    }
}

@Suite struct ContractTests {
    @Test func theJSONLineCarriesTextIntentLocaleAndValues() throws {
        var car = parkedCar()
        car.set("Vehicle.Exterior.AirTemperature", .number(18), age: 7200)
        let answer = ask(["what's the temperature outside"], .enGB, car)[0]
        guard case .object(let o) = try JSONValue.parse(Data(answer.jsonLine.utf8)) else {
            Issue.record("not an object: \(answer.jsonLine)")
            return
        }
        #expect(o["text"] == .string("It's 18°C outside, as of 2 hours ago."))
        #expect(o["intent"] == .string("outside_temperature"))
        #expect(o["locale"] == .string("en-GB"))
        #expect(
            o["values"]
                == .array([
                    .object([
                        "path": .string("Vehicle.Exterior.AirTemperature"), "value": 18, "unit": .string("celsius"),
                        "age": 7200, "status": .string("stale"),
                    ])
                ]))
    }
}

@Suite struct SignalShapeTests {
    @Test func readingsInOtherUnitsAreConverted() {
        var days = parkedCar()
        days.set("Vehicle.Service.TimeToService", .number(45))
        struct DaysReader: SignalReader {
            var inner: SnapshotSignals
            func reading(_ path: String) -> SignalReading {
                var r = inner.reading(path)
                if path == "Vehicle.Service.TimeToService" { r.unit = "d" }
                if path.hasSuffix("Tire.Pressure"), let v = r.value?.number { r.value = .number(v / 100); r.unit = "bar" }
                return r
            }
        }
        let engine = CarGeniusEngine()
        var session = Session()
        let service = engine.ask("when is service due", locale: .enUS, session: &session, signals: DaysReader(inner: days))
        #expect(service.text.contains("45 days"), "\(service.text)")
        let tyre = engine.ask("reifendruck vorne links", locale: .deDE, session: &session, signals: DaysReader(inner: days))
        #expect(tyre.text.contains("2,4 bar"), "\(tyre.text)")
        #expect(GroundingCheck.ungroundedNumbers(in: service.text, values: service.values, locale: .enUS).isEmpty)
        #expect(GroundingCheck.ungroundedNumbers(in: tyre.text, values: tyre.values, locale: .deDE).isEmpty)
    }

    @Test(arguments: [
        ("Vehicle.ADAS.ABS.IsError", "ABS"), ("Vehicle.OBD.Status.IsMILOn", "check engine"),
        (VSSCatalog.telltalePath("Airbag"), "airbag"),
    ])
    func standardSignalsAndTheOverlayLightLamps(_ path: String, _ spoken: String) {
        var car = parkedCar()
        car.set(path, .bool(true))
        let answer = ask(["any warning lights"], .enUS, car)[0]
        #expect(answer.text.lowercased().contains(spoken.lowercased()), "\(answer.text)")
        // The check engine lamp names the stored code (P0420 in this car) and cites the list it came from.
        let cited = path == "Vehicle.OBD.Status.IsMILOn" ? [path, "Vehicle.OBD.DTCList"] : [path]
        #expect(answer.values.map(\.path) == cited)
        #expect(answer.text.contains("P0420") == (path == "Vehicle.OBD.Status.IsMILOn"), "\(answer.text)")
    }

    @Test func anUnbuckledRearBeltWithoutOccupancyCountsOnlyWhenAsked() {
        var car = parkedCar()
        car.set("Vehicle.Cabin.Seat.Row1.PassengerSide.IsBelted", .bool(true))
        car.set("Vehicle.Cabin.Seat.Row2.DriverSide.IsBelted", .bool(false))
        #expect(ask(["is everyone buckled up"], .enUS, car)[0].text == "Everyone is buckled up.")
        #expect(ask(["is the rear left passenger buckled"], .enUS, car)[0].text == "The rear left passenger is not buckled up.")
    }
}

/// A car whose bus carries only some signals (a real car's DBC): the others read `notProvided`, as the store gives them.
private struct PartialCar: SignalReader {
    var snapshot: SnapshotSignals
    var provided: Set<String>
    func reading(_ path: String) -> SignalReading {
        provided.contains(path) ? snapshot.reading(path) : .missing(path, .notProvided)
    }
    func history(_ path: String) -> [(age: Double, value: Double)] { [] }
}

@Suite struct PowerStateTests {
    static let paths: Set<String> = [
        "Vehicle.LowVoltageSystemState", "Vehicle.Powertrain.TractionBattery.IsPowerConnected",
        "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen", "Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen",
    ]

    func answer(_ utterance: String, _ locale: GeniusLocale, _ values: [String: SignalValue]) -> Answer {
        var snapshot = SnapshotSignals()
        for (path, value) in values { snapshot.set(path, value) }
        var session = Session()
        return CarGeniusEngine().ask(utterance, locale: locale, session: &session, signals: PartialCar(snapshot: snapshot, provided: Self.paths))
    }

    @Test(arguments: [
        ("is the car on", GeniusLocale.enUS, "OFF", false, "The car is switched off."),
        ("is the ignition on", .enGB, "ON", false, "The car is switched on."),
        ("is the car on", .enUS, "ON", true, "The car is on and ready to drive."),
        ("ist das auto an", .deDE, "OFF", false, "Das Auto ist ausgeschaltet."),
        ("ist die zündung an", .deDE, "ON", true, "Das Auto ist an und fahrbereit."),
        ("车上电了吗", .zhCN, "ON", false, "车辆已上电。"),
        ("点火了吗", .zhCN, "OFF", false, "车辆已下电，处于关闭状态。"),
    ])
    func ignitionAndReady(_ utterance: String, _ locale: GeniusLocale, _ state: String, _ ready: Bool, _ text: String) {
        let answer = answer(
            utterance, locale,
            ["Vehicle.LowVoltageSystemState": .string(state), "Vehicle.Powertrain.TractionBattery.IsPowerConnected": .bool(ready)])
        #expect(answer.intent == "power_state")
        #expect(answer.text == text)
    }

    @Test func withoutTheSignalsItSaysSo() {
        let answer = answer("is the car on", .enUS, [:])
        #expect(answer.intent == "power_state")
        #expect(answer.text == "Sorry, whether the car is on is not available right now.")
        #expect(answer.values.isEmpty)
    }

    @Test func doorsTheCarDoesNotReportAreNotCountedAsClosed() {
        let both: [String: SignalValue] = [
            "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen": .bool(false), "Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen": .bool(false),
        ]
        #expect(answer("are the doors closed", .enUS, both).text == "The driver's door and front passenger door are closed.")
        let open = both.merging(["Vehicle.Cabin.Door.Row1.DriverSide.IsOpen": .bool(true)]) { $1 }
        #expect(answer("are the doors closed", .enUS, open).text == "The driver's door is open.")
    }
}

@Suite struct LLMSupportTests {
    @Test func answersSayWhetherTheEngineUnderstood() {
        var session = Session()
        let signals = SnapshotSignals(entries: ["Vehicle.Powertrain.Range": (.number(201_000), 0)])
        let engine = CarGeniusEngine()
        #expect(engine.ask("how far can I go", locale: .enUS, session: &session, signals: signals).isUnderstood)
        #expect(!engine.ask("blorp the frobnicator", locale: .enUS, session: &session, signals: signals).isUnderstood)
        #expect(
            engine.ask("what's the weather tomorrow", locale: .enUS, session: &session, signals: signals).isUnderstood, "declined, not misunderstood")
    }

    @Test(arguments: [
        ("about 125 miles", true), ("about one hundred and twenty five miles", true), ("about three hundred miles", false),
        ("etwa zweihundert Kilometer", false), ("大约两百零一公里", true), ("大约三百公里", false), ("the front one", true),
    ])
    func spelledOutFiguresAreChecked(_ text: String, _ grounded: Bool) {
        let values = [SignalReading(path: "Vehicle.Powertrain.Range", value: .number(201_000), unit: "m", status: .available)]
        let locale: GeniusLocale = text.unicodeScalars.contains { $0.value > 0x2E80 } ? .zhCN : (text.hasPrefix("etwa") ? .deDE : .enUS)
        #expect(GroundingCheck.ungroundedFigures(in: text, values: values, locale: locale).isEmpty == grounded)
    }

    @Test func warningsAndCodesAreExplained() {
        let engine = CarGeniusEngine()
        let signals = SnapshotSignals(entries: ["Vehicle.Cabin.Telltale.ABS.IsOn": (.bool(true), 0)])
        let abs = engine.explainWarning("abs", locale: .enUS, signals: signals)
        #expect(abs?.name == "ABS")
        #expect(abs?.reading?.value == .bool(true))
        #expect(engine.explainWarning("P0420", locale: .deDE, signals: signals)?.name == "P0420")
        #expect(engine.explainWarning("flux capacitor", locale: .enUS, signals: signals) == nil)
        #expect(CarGeniusEngine.answerableIntents.contains("range"))
    }
}
