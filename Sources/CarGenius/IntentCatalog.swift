// The intents the agent understands, as data: each pattern names the concept groups it needs
// (one concept of every group), concepts that raise its score, and concepts that rule it out.
// A new question of an existing answer kind is a pattern here plus templates in Resources/templates-*.json.

/// How an intent is matched against an utterance's concepts.
struct IntentPattern: Sendable {
    var intent: String
    var needs: [[Concept]]
    var boosts: [Concept: Double] = [:]
    var blocks: [Concept] = []
    var bias: Double = 0
}

/// How an intent is answered: a kind of answer, and the signals it reads.
enum AnswerSpec: Sendable {
    /// One number, converted and formatted for the locale (template key = intent).
    case quantity(path: String, kind: QuantityKind)
    /// One boolean (templates `intent.true`, `intent.false`).
    case flag(path: String)
    /// Several booleans at positions (doors, windows, locks, belts, lights); `badWhen` is the value to report.
    case group(members: [GroupMember], badWhen: Bool)
    /// The four tyres' pressure or temperature.
    case tyres(leaf: String, kind: QuantityKind)
    /// An answer that combines several signals in its own way.
    case special
}

enum QuantityKind: Sendable { case distance, temperature, percent, speed, voltage, pressure, duration }

/// One member of a group answer: its path, where it is, and its label key in the templates.
struct GroupMember: Sendable {
    var path: String
    var positions: Set<Concept>
    var label: String
    /// For seat belts: the occupancy signal that says whether this seat counts.
    var occupiedPath: String? = nil
}

enum IntentCatalog {
    static let patterns: [IntentPattern] = [
        IntentPattern(intent: "range", needs: [[.range]], boosts: [.howFar: 0.3, .drive: 0.2], blocks: [.fuel]),
        IntentPattern(intent: "range", needs: [[.howFar], [.drive, .car, .soc, .battery, .range]], blocks: [.trip, .fuel]),
        // "How many kilometres can I still make": a distance asked for, none given.
        IntentPattern(
            intent: "range", needs: [[.howFar, .unitKm, .unitMile], [.reach, .enough, .drive]],
            blocks: [.trip, .fuel, .odometer, .numberGiven, .distanceGiven, .speed]),
        // "How much further before I'm stranded": a distance still to go, asked alone.
        IntentPattern(
            intent: "range", needs: [[.howFar]],
            blocks: [.trip, .fuel, .odometer, .distanceGiven, .numberGiven, .speed, .total, .reach, .time], bias: -0.4),
        IntentPattern(
            intent: "battery_level", needs: [[.soc, .battery]], boosts: [.percent: 0.3, .soc: 0.3],
            blocks: [.lowVoltage, .temperature, .limit]),
        // "Is the charge still enough?" with no destination or distance: the level (and its range).
        IntentPattern(
            intent: "battery_level", needs: [[.soc, .battery], [.enough]],
            blocks: [.reach, .drive, .trip, .howFar, .numberGiven, .distanceGiven, .lowVoltage, .temperature, .limit], bias: 0.4),
        // "I'm at 43 percent, right?": a percentage said or asked about is the charge.
        IntentPattern(
            intent: "battery_level", needs: [[.percent], [.numberGiven, .question]],
            blocks: [.limit, .sunroof, .window, .fuel, .temperature, .reach, .enough, .distanceGiven, .time], bias: -0.2),
        IntentPattern(intent: "fuel_level", needs: [[.fuel]], boosts: [.range: 0.3, .percent: 0.2]),
        IntentPattern(intent: "can_reach", needs: [[.reach, .enough, .drive, .range, .soc, .battery, .fuel, .trip], [.distanceGiven]], bias: 0.5),
        IntentPattern(
            intent: "can_reach", needs: [[.reach, .enough, .drive], [.numberGiven]],
            blocks: [.trip, .odometer, .speed, .service, .time, .temperature, .percent], bias: 0.3),
        // "Is a hundred km ok?": a distance put as a question is whether the car makes it.
        IntentPattern(
            intent: "can_reach", needs: [[.distanceGiven], [.question, .status, .enough]],
            blocks: [.trip, .odometer, .speed, .service, .howFar], bias: -0.1),
        IntentPattern(intent: "can_reach", needs: [[.reach], [.soc, .battery, .fuel, .range, .charging, .enough]], bias: 0.2),
        IntentPattern(intent: "can_reach", needs: [[.reach], [.question]], bias: -0.3),
        IntentPattern(intent: "can_reach", needs: [[.enough], [.soc, .battery, .fuel, .range, .charging]], blocks: [.howFar], bias: 0.3),
        IntentPattern(
            intent: "charging_status", needs: [[.charging, .plug]], boosts: [.battery: 0.3, .soc: 0.2],
            blocks: [.limit, .time]),
        IntentPattern(
            intent: "charge_time", needs: [[.charging, .soc, .full, .battery, .percent, .limit], [.time]],
            boosts: [.full: 0.5, .charging: 0.3]),
        IntentPattern(
            intent: "charge_limit", needs: [[.limit], [.charging, .soc, .battery, .percent, .full]], boosts: [.charging: 0.3],
            blocks: [.time]),
        IntentPattern(
            intent: "tire_pressure", needs: [[.tyre, .pressure]],
            // A wheel's position is a second clue for a weak word ("how much air in the back left").
            boosts: [.pressure: 0.4, .tyre: 0.3, .low: 0.3, .front: 0.15, .rear: 0.15, .left: 0.15, .right: 0.15],
            // A part of the body is what a loose "down" or "lower" is about ("the back window, is that one down").
            blocks: [.temperature, .window, .door, .trunk, .frunk, .sunroof, .hood, .seatbelt, .lock, .lowVoltage]),
        IntentPattern(intent: "tire_temperature", needs: [[.tyre], [.temperature, .hot, .cold]], bias: 0.2),
        // A wheel's place alone ("wie viel hat vorne links", "front left?"): the one quantity every wheel has.
        IntentPattern(
            intent: "tire_pressure", needs: [[.front, .rear], [.left, .right]],
            blocks: topicConcepts + [.open, .closed, .commandVerb, .seatbelt, .cabin, .outside], bias: -0.6),
        IntentPattern(intent: "doors", needs: [[.door]], boosts: [.open: 0.3, .closed: 0.3], blocks: [.lock, .window]),
        IntentPattern(intent: "windows", needs: [[.window]], boosts: [.open: 0.3, .closed: 0.3], blocks: [.lock, .door]),
        IntentPattern(intent: "open_check", needs: [[.door], [.window]], boosts: [.open: 0.3, .closed: 0.3], blocks: [.lock]),
        IntentPattern(
            intent: "open_check", needs: [[.anything, .all, .car], [.open, .closed]],
            blocks: [.door, .window, .trunk, .frunk, .hood, .sunroof, .light, .lock, .warning, .charging, .seatbelt, .tyre, .plug]),
        IntentPattern(intent: "locks", needs: [[.lock]], boosts: [.door: 0.3, .car: 0.2, .unlock: 0.2]),
        IntentPattern(intent: "trunk", needs: [[.trunk]], boosts: [.open: 0.3, .closed: 0.3]),
        // "Did I leave the back open", "hinten offen", "后面开着吗": with no other part named, the boot.
        IntentPattern(
            intent: "trunk", needs: [[.rear], [.open, .closed]],
            blocks: [.door, .window, .frunk, .hood, .sunroof, .lock, .light, .tyre, .seatbelt, .trunk, .warning], bias: -0.3),
        IntentPattern(intent: "frunk", needs: [[.frunk]], boosts: [.open: 0.3, .closed: 0.3], bias: 0.1),
        // A trunk at the front ("der vordere Kofferraum", "前面的储物箱") is the frunk.
        IntentPattern(intent: "frunk", needs: [[.trunk], [.front]], boosts: [.open: 0.3, .closed: 0.3], blocks: [.rear], bias: 0.2),
        IntentPattern(intent: "hood", needs: [[.hood]], boosts: [.open: 0.3, .closed: 0.3]),
        IntentPattern(intent: "sunroof", needs: [[.sunroof]], boosts: [.open: 0.3, .closed: 0.3], bias: 0.1),
        IntentPattern(
            intent: "lights",
            needs: [
                [.light, .lowBeam, .highBeam, .fogLight, .hazard, .parkingLight, .drl],
                [.question, .on, .off, .status, .anything],
            ],
            boosts: [.on: 0.3, .off: 0.3], blocks: [.warning, .checkEngine, .why, .lampShape]),
        // A lamp named alone ("headlights", "大灯"), as an ASR may pass it on: its state.
        IntentPattern(
            intent: "lights", needs: [[.lowBeam, .highBeam, .fogLight, .hazard, .parkingLight, .drl]],
            blocks: [.warning, .checkEngine, .commandVerb, .why, .lampShape], bias: -0.2),
        IntentPattern(intent: "outside_temperature", needs: [[.temperature, .hot, .cold], [.outside]], bias: 0.1),
        IntentPattern(intent: "cabin_temperature", needs: [[.temperature, .hot, .cold], [.cabin]]),
        IntentPattern(intent: "cabin_temperature", needs: [[.temperature], [.car]], bias: -0.3),
        IntentPattern(intent: "battery_temperature", needs: [[.temperature, .hot, .cold], [.battery]], blocks: [.lowVoltage], bias: 0.2),
        IntentPattern(intent: "temperature_clarify", needs: [[.temperature]], blocks: [.weatherTime], bias: -0.3),
        IntentPattern(intent: "speed", needs: [[.speed]], blocks: [.charging]),
        // "Are we moving?": the speed answers it (standing still or how fast).
        IntentPattern(
            intent: "speed", needs: [[.moving]], blocks: [.charging, .door, .window, .trunk, .frunk, .hood, .seatbelt, .warning],
            bias: -0.1),
        IntentPattern(intent: "odometer", needs: [[.odometer]], boosts: [.unitKm: 0.2, .unitMile: 0.2]),
        IntentPattern(intent: "trip", needs: [[.trip]], boosts: [.howFar: 0.3, .drive: 0.3]),
        IntentPattern(intent: "service", needs: [[.service]], boosts: [.time: 0.2]),
        IntentPattern(
            intent: "warnings", needs: [[.warning, .checkEngine]], boosts: [.light: 0.4, .warning: 0.2, .checkEngine: 0.4],
            blocks: [.faultCode, .codeGiven]),
        IntentPattern(
            intent: "warnings", needs: [[.problem], [.car]], boosts: [.warning: 0.2],
            blocks: [.faultCode, .codeGiven, .phone, .home], bias: -0.1),
        IntentPattern(
            intent: "odometer", needs: [[.unitMile, .unitKm], [.car]],
            blocks: [.range, .howFar, .drive, .reach, .enough, .soc, .battery, .fuel, .trip, .service, .speed], bias: -0.2),
        // "Why is a light on", "warum leuchtet da was", "为什么有个灯亮着": a warning lamp, not the headlights.
        IntentPattern(
            intent: "warnings", needs: [[.why], [.light, .warning, .on, .lampShape]], boosts: [.light: 0.4],
            blocks: [
                .lowBeam, .highBeam, .fogLight, .hazard, .parkingLight, .drl, .door, .window, .trunk, .frunk, .hood, .sunroof, .tyre,
                .pressure, .seatbelt,
            ], bias: 0.6),
        // A lamp by its symbol or part ("the horseshoe thing", "das Batteriesymbol", "发动机形状的灯").
        IntentPattern(
            intent: "warnings", needs: [[.lampShape]], boosts: [.light: 0.3, .warning: 0.3, .why: 0.3, .on: 0.3],
            blocks: [.faultCode, .codeGiven, .seatbelt, .washer], bias: 0.4),
        // "It just dinged at me", "das Auto hat gebimmelt", "车刚才叮了一声": what the car is telling, unless a part is named.
        IntentPattern(
            intent: "warnings", needs: [[.chime]], boosts: [.why: 0.2, .question: 0.2],
            blocks: topicConcepts.filter { $0 != .warning && $0 != .problem } + [.seatbelt, .open, .closed], bias: 0.2),
        // "So what now", "kann ich so weiterfahren", "严重吗": what to do about the car's state.
        // A lamp named in the same turn ("the brake light is on, what do I do") is a warnings question, whose
        // answer carries the lamp's advice.
        IntentPattern(
            intent: "advice", needs: [[.advice]], boosts: [.question: 0.3],
            blocks: [.howFar, .range, .distanceGiven, .reach, .warning, .checkEngine, .lampShape, .light], bias: 1.0),
        // "How far has it gone in total", "wie viel hat sie insgesamt runter", "一共跑了多少".
        IntentPattern(
            intent: "odometer", needs: [[.total], [.howFar, .drive, .unitKm, .unitMile, .car, .odometer]],
            blocks: [.time, .charging, .speed, .trip], bias: 1.0),
        IntentPattern(intent: "fault_codes", needs: [[.faultCode]], boosts: [.warning: 0.2, .explain: 0.2], blocks: [.codeGiven]),
        IntentPattern(intent: "explain_code", needs: [[.codeGiven]], bias: 0.5),
        // Ahead of the engine bay ("the little battery under the bonnet"), which names only where it sits.
        IntentPattern(intent: "low_voltage_battery", needs: [[.lowVoltage]], boosts: [.battery: 0.4], bias: 0.1),
        IntentPattern(intent: "parking_brake", needs: [[.parkingBrake]], boosts: [.on: 0.2]),
        IntentPattern(intent: "gear", needs: [[.gear]]),
        IntentPattern(intent: "power_state", needs: [[.ignition]], boosts: [.on: 0.2, .off: 0.2, .car: 0.2]),
        IntentPattern(intent: "seat_belts", needs: [[.seatbelt]]),
        IntentPattern(intent: "washer_fluid", needs: [[.washer]], boosts: [.low: 0.3]),
        IntentPattern(intent: "help", needs: [[.help]], bias: -0.2),
        IntentPattern(intent: "overview", needs: [[.status], [.car]], blocks: topicConcepts, bias: -0.2),
    ]

    /// Concepts that name a specific subject; the overview answers only when none is named.
    static let topicConcepts: [Concept] = [
        .range, .howFar, .reach, .enough, .battery, .soc, .charging, .plug, .limit, .fuel, .tyre,
        .pressure, .temperature, .door, .window, .trunk, .frunk, .hood, .lock, .sunroof, .light,
        .speed, .odometer, .trip, .service, .warning, .checkEngine, .faultCode, .lowVoltage,
        .parkingBrake, .gear, .ignition, .seatbelt, .washer, .problem, .foreign, .phone, .home,
    ]

    static let doorMembers: [GroupMember] = [
        GroupMember(path: "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen", positions: [.front, .left, .driverSide], label: "door.frontLeft"),
        GroupMember(path: "Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen", positions: [.front, .right, .passengerSide], label: "door.frontRight"),
        GroupMember(path: "Vehicle.Cabin.Door.Row2.DriverSide.IsOpen", positions: [.rear, .left], label: "door.rearLeft"),
        GroupMember(path: "Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen", positions: [.rear, .right], label: "door.rearRight"),
    ]
    static let windowMembers: [GroupMember] = doorMembers.map {
        GroupMember(
            path: $0.path.replacingSuffix(".IsOpen", with: ".Window.IsOpen"), positions: $0.positions,
            label: $0.label.replacingPrefix("door.", with: "window."))
    }
    static let lockMembers: [GroupMember] = doorMembers.map {
        GroupMember(path: $0.path.replacingSuffix(".IsOpen", with: ".IsLocked"), positions: $0.positions, label: $0.label)
    }
    static let seatMembers: [GroupMember] = [
        ("Row1.DriverSide", [Concept.front, .left, .driverSide], "seat.driver"),
        ("Row1.PassengerSide", [.front, .right, .passengerSide], "seat.frontPassenger"),
        ("Row2.DriverSide", [.rear, .left], "seat.rearLeft"),
        ("Row2.Middle", [.rear, .middle], "seat.rearMiddle"),
        ("Row2.PassengerSide", [.rear, .right], "seat.rearRight"),
    ].map {
        GroupMember(
            path: "Vehicle.Cabin.Seat.\($0.0).IsBelted", positions: Set($0.1), label: $0.2,
            occupiedPath: "Vehicle.Cabin.Seat.\($0.0).IsOccupied")
    }
    static let lightMembers: [GroupMember] = [
        GroupMember(path: "Vehicle.Body.Lights.Beam.Low.IsOn", positions: [.lowBeam], label: "light.low"),
        GroupMember(path: "Vehicle.Body.Lights.Beam.High.IsOn", positions: [.highBeam], label: "light.high"),
        GroupMember(path: "Vehicle.Body.Lights.Fog.Front.IsOn", positions: [.fogLight, .front], label: "light.fogFront"),
        GroupMember(path: "Vehicle.Body.Lights.Fog.Rear.IsOn", positions: [.fogLight, .rear], label: "light.fogRear"),
        GroupMember(path: "Vehicle.Body.Lights.Hazard.IsSignaling", positions: [.hazard], label: "light.hazard"),
        GroupMember(path: "Vehicle.Body.Lights.Parking.IsOn", positions: [.parkingLight], label: "light.parking"),
        GroupMember(path: "Vehicle.Body.Lights.Running.IsOn", positions: [.drl], label: "light.running"),
    ]

    static let wheels: [(row: String, side: String, positions: Set<Concept>, label: String)] = [
        ("Row1", "Left", [.front, .left, .driverSide], "wheel.frontLeft"),
        ("Row1", "Right", [.front, .right, .passengerSide], "wheel.frontRight"),
        ("Row2", "Left", [.rear, .left], "wheel.rearLeft"),
        ("Row2", "Right", [.rear, .right], "wheel.rearRight"),
    ]

    static let answers: [String: AnswerSpec] = [
        "range": .special,
        "battery_level": .special,
        "fuel_level": .special,
        "can_reach": .special,
        "charging_status": .special,
        "charge_time": .special,
        "charge_limit": .quantity(path: "Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit", kind: .percent),
        "tire_pressure": .tyres(leaf: "Pressure", kind: .pressure),
        "tire_temperature": .tyres(leaf: "Temperature", kind: .temperature),
        "doors": .group(members: doorMembers, badWhen: true),
        "windows": .group(members: windowMembers, badWhen: true),
        "locks": .group(members: lockMembers, badWhen: false),
        "seat_belts": .group(members: seatMembers, badWhen: false),
        "lights": .group(members: lightMembers, badWhen: true),
        "open_check": .special,
        "trunk": .flag(path: "Vehicle.Body.Trunk.Rear.IsOpen"),
        "frunk": .flag(path: "Vehicle.Body.Trunk.Front.IsOpen"),
        "hood": .flag(path: "Vehicle.Body.Hood.IsOpen"),
        "parking_brake": .flag(path: "Vehicle.Chassis.ParkingBrake.IsEngaged"),
        "washer_fluid": .flag(path: "Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow"),
        "sunroof": .special,
        "outside_temperature": .quantity(path: "Vehicle.Exterior.AirTemperature", kind: .temperature),
        "cabin_temperature": .quantity(path: "Vehicle.Cabin.HVAC.AmbientAirTemperature", kind: .temperature),
        "battery_temperature": .quantity(path: "Vehicle.Powertrain.TractionBattery.Temperature.Average", kind: .temperature),
        "speed": .special,
        "odometer": .quantity(path: "Vehicle.TraveledDistance", kind: .distance),
        "trip": .quantity(path: "Vehicle.TripMeterReading", kind: .distance),
        "service": .special,
        "warnings": .special,
        "advice": .special,
        "fault_codes": .special,
        "explain_code": .special,
        "low_voltage_battery": .special,
        "gear": .special,
        "power_state": .special,
        "temperature_clarify": .special,
        "help": .special,
        "overview": .special,
    ]

    /// Intents whose answer depends on positions, so "and the rear ones?" can refine them.
    /// The boot, the frunk and the bonnet: open flag and item label.
    static let lids = [
        ("Vehicle.Body.Trunk.Rear.IsOpen", "item.trunk"), ("Vehicle.Body.Trunk.Front.IsOpen", "item.frunk"),
        ("Vehicle.Body.Hood.IsOpen", "item.hood"),
    ]

    static let positional: Set<String> = ["tire_pressure", "tire_temperature", "doors", "windows", "locks", "seat_belts", "lights"]
}

extension String {
    func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + String(dropFirst(prefix.count)) : self
    }
}
