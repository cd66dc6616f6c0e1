import Speech
import Testing
import VSS

@testable import CarGenius

/// The parked car whose rear left tyre went from 241 to 212 kPa in the last 40 minutes; the others held.
func leakingCar() -> SnapshotSignals {
    var car = parkedCar()
    let base = "Vehicle.Chassis.Axle."
    car.set(base + "Row2.Wheel.Left.Tire.Pressure", .number(212), age: 5)
    car.setHistory(base + "Row2.Wheel.Left.Tire.Pressure", [(1200, 228), (2400, 241)])
    car.setHistory(base + "Row1.Wheel.Left.Tire.Pressure", [(3600, 237)])
    car.setHistory(base + "Row1.Wheel.Right.Tire.Pressure", [(3600, 239)])
    car.setHistory(base + "Row2.Wheel.Right.Tire.Pressure", [(3600, 244)])
    return car
}

@Suite struct TrendTests {
    @Test(arguments: [
        (GeniusLocale.enUS, "is my tire losing pressure", ["Yes", "rear left", "35 psi", "40 minutes", "31 psi"]),
        (.enGB, "are any of the tyres leaking", ["Yes", "rear left tyre", "35 psi", "31 psi"]),
        (.deDE, "verliert ein reifen luft", ["Ja", "hinten links", "vor 40 Minuten 2,4 bar", "jetzt 2,1 bar"]),
        (.zhCN, "轮胎在漏气吗", ["是的", "左后", "40分钟前是2.4 bar", "2.1 bar"]),
    ])
    func aFallingPressureIsFoundInTheHistory(_ locale: GeniusLocale, _ utterance: String, _ facts: [String]) {
        let answer = ask([utterance], locale, leakingCar())[0]
        #expect(answer.intent == "tire_pressure")
        for fact in facts { #expect(answer.text.contains(fact), "\(answer.text) lacks \(fact)") }
        #expect(GroundingCheck.ungroundedNumbers(in: answer.text, values: answer.values, locale: locale).isEmpty, "\(answer.text)")
        // Both ends of the trend are listed: now (5 s old) and the oldest sample (40 minutes old).
        let listed = answer.values.filter { $0.path == "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure" }
        #expect(listed.map(\.age) == [5, 2400])
        #expect(listed.map(\.value) == [.number(212), .number(241)])
    }

    @Test func wheelsThatHeldTheirPressureAreSaidToHold() {
        let answers = ask(["is the front left tyre losing pressure", "and the front ones"], .enUS, leakingCar())
        #expect(answers[0].text == "No, the front left tire has held its pressure over the last 60 minutes, now 34 psi.")
        #expect(answers[1].text.hasPrefix("No, the tires have held their pressure over the last 60 minutes: "), "\(answers[1].text)")
        for a in answers { #expect(GroundingCheck.ungroundedNumbers(in: a.text, values: a.values, locale: .enUS).isEmpty, "\(a.text)") }
    }

    @Test func aFollowUpAsksForTheTrendOfTheSameSubject() {
        let answers = ask(["what's the tire pressure", "is it dropping"], .enUS, leakingCar())
        #expect(answers[1].intent == "tire_pressure")
        #expect(answers[1].text.hasPrefix("Yes, the rear left tire is losing pressure"), "\(answers[1].text)")
    }

    @Test func withoutHistoryTheCurrentPressuresAreGiven() {
        let answer = ask(["is my tire losing pressure"], .enUS)[0]
        #expect(answer.intent == "tire_pressure")
        #expect(answer.text == "All tires look fine: front 34 psi and 35 psi, rear 35 psi.")
        #expect(answer.values.count == 4)
    }

    @Test func readersWithoutHistoryKeepWorking() {
        struct NoHistory: SignalReader {
            var inner: SnapshotSignals
            func reading(_ path: String) -> SignalReading { inner.reading(path) }
        }
        let engine = CarGeniusEngine()
        var session = Session()
        let reader = NoHistory(inner: leakingCar())
        #expect(reader.history("Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure").isEmpty)
        let answer = engine.ask("is my tire losing pressure", locale: .enUS, session: &session, signals: reader)
        #expect(answer.text.hasPrefix("All tires look fine"), "\(answer.text)")
    }
}

@Suite struct AlertKindTests {
    /// The issue's four alert kinds, each once per event, from successive snapshots.
    @Test func theFourAlertKindsAlertOncePerEvent() {
        var monitor = AlertMonitor(locale: .deDE)
        var car = parkedCar()
        car.set("Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen", .bool(false))
        #expect(monitor.observe(car).isEmpty)
        var kinds: [String] = []
        // A slow leak: 242 → 230 → 221 → 215 kPa; one alert when the drop reaches 20 kPa, none after.
        for p in [230.0, 221, 215, 210] {
            car.set("Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure", .number(p))
            kinds += monitor.observe(car).map(\.kind)
        }
        #expect(kinds == ["tire_pressure_drop"])
        // A door opened while moving: one alert, however many updates follow.
        car.set("Vehicle.IsMoving", .bool(true))
        car.set("Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen", .bool(true))
        let door = monitor.observe(car)
        #expect(door.map(\.kind) == ["door_opened_while_moving"])
        #expect(door.first?.text.contains("während der Fahrt") == true, "\(door.first?.text ?? "")")
        #expect(monitor.observe(car).isEmpty)
        // Charge falling below what the trip needs: range 412 km, then a 450 km route.
        car.set(VSSCatalog.routeDistancePath, .number(300_000))
        #expect(monitor.observe(car).isEmpty)
        car.set(VSSCatalog.routeDistancePath, .number(450_000))
        let trip = monitor.observe(car)
        #expect(trip.map(\.kind) == ["charge_below_trip_need"])
        #expect(trip.first.map { GroundingCheck.ungroundedNumbers(in: $0.text, values: $0.values, locale: .deDE).isEmpty } == true)
        #expect(monitor.observe(car).isEmpty)
        // A new warning lamp, once; a second lamp is a new event.
        car.set(VSSCatalog.telltalePath("ABS"), .bool(true))
        #expect(monitor.observe(car).map(\.key) == ["ABS"])
        #expect(monitor.observe(car).isEmpty)
        car.set("Vehicle.OBD.Status.IsMILOn", .bool(true))
        #expect(monitor.observe(car).map(\.key) == ["Powertrain"])
    }
}
