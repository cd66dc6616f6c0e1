@testable import CarGenius
import Speech
import Testing
import VSS

/// A parked electric car with every signal the agent reads.
func parkedCar() -> SnapshotSignals {
    var s = SnapshotSignals()
    let numbers: [(String, Double)] = [
        ("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", 78),
        ("Vehicle.Powertrain.Range", 412_000),
        ("Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit", 80),
        ("Vehicle.Powertrain.TractionBattery.Temperature.Average", 27),
        ("Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure", 236),
        ("Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure", 238),
        ("Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure", 242),
        ("Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure", 244),
        ("Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Temperature", 31),
        ("Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Temperature", 32),
        ("Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Temperature", 29),
        ("Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Temperature", 30),
        ("Vehicle.Exterior.AirTemperature", 18),
        ("Vehicle.Cabin.HVAC.AmbientAirTemperature", 22),
        ("Vehicle.Speed", 0),
        ("Vehicle.TraveledDistance", 72_760),
        ("Vehicle.TripMeterReading", 48),
        ("Vehicle.Service.DistanceToService", 8200),
        ("Vehicle.Service.TimeToService", 3_888_000),
        ("Vehicle.LowVoltageBattery.CurrentVoltage", 12.6),
        ("Vehicle.Powertrain.Transmission.SelectedGear", 126),
        ("Vehicle.Cabin.Sunroof.Position", 0),
    ]
    for (p, v) in numbers { s.set(p, .number(v)) }
    let flags: [(String, Bool)] = [
        ("Vehicle.Powertrain.TractionBattery.Charging.IsCharging", false),
        ("Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableConnected", false),
        ("Vehicle.Body.Trunk.Rear.IsOpen", false), ("Vehicle.Body.Trunk.Front.IsOpen", false), ("Vehicle.Body.Hood.IsOpen", false),
        ("Vehicle.Body.Lights.Beam.Low.IsOn", false), ("Vehicle.Body.Lights.Beam.High.IsOn", false),
        ("Vehicle.Body.Lights.Hazard.IsSignaling", false), ("Vehicle.IsMoving", false),
        ("Vehicle.OBD.Status.IsMILOn", false), ("Vehicle.Chassis.ParkingBrake.IsEngaged", true),
        ("Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow", false), ("Vehicle.Service.IsServiceDue", false),
        ("Vehicle.Cabin.Seat.Row1.DriverSide.IsOccupied", true), ("Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted", true),
        ("Vehicle.Cabin.Seat.Row1.PassengerSide.IsOccupied", true), ("Vehicle.Cabin.Seat.Row1.PassengerSide.IsBelted", false),
    ]
    for (p, v) in flags { s.set(p, .bool(v)) }
    for row in ["Row1", "Row2"] {
        for side in ["DriverSide", "PassengerSide"] {
            s.set("Vehicle.Cabin.Door.\(row).\(side).IsOpen", .bool(row == "Row2" && side == "PassengerSide"))
            s.set("Vehicle.Cabin.Door.\(row).\(side).IsLocked", .bool(true))
            s.set("Vehicle.Cabin.Door.\(row).\(side).Window.IsOpen", .bool(false))
        }
    }
    for name in ["Powertrain", "TirePressure", "BrakeFluid", "ABS", "Airbag"] { s.set(VSSCatalog.telltalePath(name), .bool(false)) }
    s.set("Vehicle.OBD.DTCList", .strings(["P0420"]))
    return s
}

func ask(_ utterances: [String], _ locale: GeniusLocale, _ signals: SnapshotSignals = parkedCar()) -> [Answer] {
    let engine = CarGeniusEngine()
    var session = Session()
    return utterances.map { engine.ask($0, locale: locale, session: &session, signals: signals) }
}

@Suite struct NumberWordsTests {
    @Test(arguments: [
        ("three hundred fifty", 350.0), ("a hundred and twenty", 120), ("two fifty", 250), ("twenty five", 25),
        ("two point three", 2.3), ("one thousand two hundred", 1200), ("forty", 40), ("350", 350),
    ])
    func english(_ words: String, _ value: Double) {
        let tokens = words.split(separator: " ").map(String.init)
        #expect(NumberWords.englishNumber(tokens, from: 0).0 == value)
    }

    @Test(arguments: [
        ("dreihundertfünfzig", 350.0), ("vierhundert", 400), ("zweihundertzwanzig", 220), ("hundertzwanzig", 120),
        ("einhundert", 100), ("dreiundzwanzig", 23), ("tausendzweihundert", 1200), ("zwei komma drei", 2.3),
        ("drei hundert fünfzig", 350), ("2,3", 2.3),
    ])
    func german(_ words: String, _ value: Double) {
        let tokens = words.split(separator: " ").map(String.init)
        #expect(NumberWords.germanNumber(tokens, from: 0).0 == value)
    }

    @Test(arguments: [
        ("三百五十", 350.0), ("两百", 200), ("一百二", 120), ("一千五", 1500), ("十二", 12), ("二十", 20), ("二点三", 2.3),
        ("一万", 10000), ("三百零五", 305),
    ])
    func chinese(_ text: String, _ value: Double) {
        #expect(NumberWords.chineseNumber(Array(text)) == value)
    }

    @Test(arguments: [("what does p zero four two zero mean", "P0420"), ("code p 0171", "P0171"), ("u0100 please", "U0100")])
    func spokenCodes(_ utterance: String, _ code: String) {
        #expect(Normalizer.analyze(utterance, language: .en).codes == [code])
    }
}

@Suite struct NormalizerTests {
    @Test(arguments: [
        ("reifendruckwarnung", [Concept.tyre, .pressure, .warning]),
        ("beifahrerfenster", [.passengerSide, .window]),
        ("hinterreifentemperatur", [.rear, .tyre, .temperature]),
    ])
    func germanCompoundsSplitIntoListedParts(_ word: String, _ concepts: [Concept]) {
        let a = Normalizer.analyze(word, language: .de)
        for c in concepts { #expect(a.has(c), "\(word) should carry \(c)") }
    }

    @Test func chineseIsSegmentedWithoutSpaces() {
        let a = Normalizer.analyze("嗯那个左前轮胎压多少啊", language: .zh)
        #expect(a.has(.tyre) && a.has(.pressure) && a.has(.front) && a.has(.left))
        #expect(a.words.contains("胎压"))
    }

    @Test(arguments: [("whats the tyer presure", Concept.pressure), ("is the trunck open", .trunk)])
    func misheardWordsStillMatch(_ utterance: String, _ concept: Concept) {
        #expect(Normalizer.analyze(utterance, language: .en).has(concept))
    }

    @Test(arguments: [
        ("open the trunk", true), ("is the trunk open", false), ("can you turn on the lights", true),
        ("did i set the parking brake", false), ("please lock the car", true),
    ])
    func commandsAreTellFromQuestions(_ utterance: String, _ command: Bool) {
        #expect(Normalizer.analyze(utterance, language: .en).isCommand == command)
    }
}

@Suite struct IntentTests {
    @Test(arguments: [
        ("en-US", "um how much battery have i got left", "battery_level"),
        ("en-US", "how far can i drive", "range"),
        ("en-US", "can i make it three hundred miles", "can_reach"),
        ("en-US", "is it charging", "charging_status"),
        ("en-US", "how long until it's full", "charge_time"),
        ("en-US", "what's the charge limit", "charge_limit"),
        ("en-GB", "are my tyres alright", "tire_pressure"),
        ("en-US", "how hot are the tires", "tire_temperature"),
        ("en-US", "did i leave a door open", "doors"),
        ("en-US", "is the car locked", "locks"),
        ("en-GB", "is the bonnet shut", "hood"),
        ("en-US", "is anything open", "open_check"),
        ("en-US", "are the high beams on", "lights"),
        ("en-US", "how cold is it outside", "outside_temperature"),
        ("en-US", "what's the odometer reading", "odometer"),
        ("en-US", "when is the next service due", "service"),
        ("en-US", "is the check engine light on", "warnings"),
        ("en-US", "any trouble codes", "fault_codes"),
        ("en-US", "how's the twelve volt battery", "low_voltage_battery"),
        ("en-US", "is the handbrake on", "parking_brake"),
        ("en-US", "is everyone buckled up", "seat_belts"),
        ("de-DE", "äh wie ist der reifendruck hinten links", "tire_pressure"),
        ("de-DE", "schaffe ich noch vierhundert kilometer", "can_reach"),
        ("de-DE", "ist der kofferraum zu", "trunk"),
        ("de-DE", "wann muss ich zur inspektion", "service"),
        ("de-DE", "wie warm ist es im innenraum", "cabin_temperature"),
        ("de-DE", "ist die handbremse angezogen", "parking_brake"),
        ("zh-CN", "嗯还能跑多远", "range"),
        ("zh-CN", "能开三百五十公里吗", "can_reach"),
        ("zh-CN", "后备箱关了吗", "trunk"),
        ("zh-CN", "发动机故障灯亮了吗", "warnings"),
        ("zh-CN", "安全带都系好了吗", "seat_belts"),
        ("de-DE", "wie ist die range", "range"),
        ("zh-CN", "tire pressure怎么样", "tire_pressure"),
        ("zh-CN", "胎 压 多 少", "tire_pressure"),
        ("en-US", "play some jazz", "out_of_scope"),
        ("en-US", "what's the weather tomorrow", "out_of_scope"),
        ("en-US", "open the trunk", "out_of_scope"),
        ("en-US", "is my phone charging", "out_of_scope"),
        ("de-DE", "erzähl mir einen witz", "out_of_scope"),
        ("zh-CN", "播放音乐", "out_of_scope"),
    ])
    func understood(_ locale: String, _ utterance: String, _ intent: String) throws {
        let answer = ask([utterance], try GeniusLocale(identifier: locale))[0]
        #expect(answer.intent == intent, "\(utterance) -> \(answer.text)")
    }
}

/// A question already understood is answered from its intent, as `ask` answers its words (Travel Companion's
/// reach answers use it instead of making up a sentence).
@Suite struct AnswerByIntentTests {
    @Test(arguments: [
        (GeniusLocale.enUS, "how far can I go"), (.deDE, "wie weit komme ich noch"), (.zhCN, "还能开多远"), (.enGB, "what's my range"),
    ])
    func rangeByIntentIsRangeByWords(locale: GeniusLocale, words: String) {
        let byWords = ask([words], locale)[0]
        let byIntent = CarGeniusEngine().answer(intent: "range", locale: locale, signals: parkedCar())
        #expect(byWords.intent == "range")
        #expect(byIntent.intent == "range")
        #expect(byIntent.text == byWords.text)
        #expect(byIntent.values == byWords.values)
    }
}
