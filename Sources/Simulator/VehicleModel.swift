public import JSON
public import VSS
public import VehicleSignals

/// The demo car's physics, stepped in simulated time: speed, energy, charging, tyres, cabin, location.
///
/// Good enough to be believed, not a certified model: a 2.1 t car with Cd·A 0.6 m², rolling resistance
/// 0.009, 88 % drivetrain efficiency, 65 % regeneration, a 77 kWh battery whose voltage follows its
/// state of charge; tyre pressure follows the gas law with tyre temperature; the charging curve
/// tapers above 50 % and stops at the charge limit.
public struct VehicleModel: Sendable {
    // Car constants.
    static let mass = 2100.0
    static let dragArea = 0.6
    static let rolling = 0.009
    static let drivetrainEfficiency = 0.88
    static let regenEfficiency = 0.65
    static let capacityKWh = 77.0
    static let placardKPa = 250.0
    static let lowPressureKPa = 187.5

    /// Settings a scenario's `initial` may give.
    public static let initialSettings: Set<String> = [
        "soc", "outsideTemperature", "cabinTemperature", "odometer", "trip", "latitude", "longitude", "heading", "altitude",
        "tyrePressure", "washerFluid", "serviceDistance", "serviceDays", "chargeLimit", "batteryTemperature", "lowBeam",
        "lowVoltage", "locked", "driverBelted", "tyreTemperature", "tyrePressureFL", "tyrePressureFR", "tyrePressureRL",
        "tyrePressureRR",
    ]

    public enum Wheel: Int, Sendable, CaseIterable {
        case frontLeft, frontRight, rearLeft, rearRight
        var code: String { ["FL", "FR", "RL", "RR"][rawValue] }
        var vss: String { ["Row1.Wheel.Left", "Row1.Wheel.Right", "Row2.Wheel.Left", "Row2.Wheel.Right"][rawValue] }
        init?(code: String) {
            guard let index = ["FL", "FR", "RL", "RR"].firstIndex(of: code) else { return nil }
            self.init(rawValue: index)
        }
    }

    // State, in SI-ish units.
    public var time = 0.0
    public var speed = 0.0  // m/s
    public var targetSpeed = 0.0
    var acceleration = 0.0
    public var energyKWh: Double
    public var consumptionAverage = 17.0  // kWh/100 km
    public var batteryTemperature: Double
    public var outsideTemperature: Double
    public var cabinTemperature: Double
    public var odometer: Double  // km
    public var trip: Double
    public var latitude: Double
    public var longitude: Double
    public var heading: Double
    public var altitude: Double
    public var coldPressure: [Double]  // kPa gauge at 20 °C
    public var tyreTemperature: [Double]
    var leakRate: [Double] = [0, 0, 0, 0]  // kPa per hour
    public var washerFluid: Double
    public var serviceDistance: Double
    public var serviceDays: Double
    public var chargeLimit: Double
    public var lowVoltage: Double
    public var lowVoltageCurrent = 0.0
    public var packCurrent = 0.0
    public var packVoltage = 0.0

    public var isPluggedIn = false
    public var chargePowerLimit = 0.0  // kW the charger offers
    public var chargePower = 0.0
    public var chargeComplete = false
    public var isAsleep = false
    public var isParked = true
    public var gear = "P"
    public var doorsOpen = [false, false, false, false]
    public var doorsLocked: Bool
    public var windows = [0.0, 0.0, 0.0, 0.0]
    public var trunkOpen = false
    public var frunkOpen = false
    public var hoodOpen = false
    public var sunroof = 0.0
    public var lowBeam: Bool
    public var highBeam = false
    public var hazard = false
    public var fogFront = false
    public var fogRear = false
    public var belts: [Bool]  // FL FR RL RM RR
    /// VSS paths forced to a value (`set`) or to "not available" (`notAvailable`, stored as nil).
    public var overrides: [String: SignalValue?] = [:]
    /// The speed profile being driven: (start time, points (t, km/h), repeats).
    var profile: (start: Double, points: [(Double, Double)], repeats: Bool)?
    var turnPhase = 0.0

    public init(initial: [String: JSONValue] = [:]) {
        func number(_ key: String, _ fallback: Double) -> Double { initial[key]?.number ?? fallback }
        energyKWh = Self.capacityKWh * number("soc", 80) / 100
        outsideTemperature = number("outsideTemperature", 15)
        cabinTemperature = number("cabinTemperature", outsideTemperature)
        batteryTemperature = number("batteryTemperature", outsideTemperature + 5)
        odometer = number("odometer", 23_456.7)
        trip = number("trip", 312.4)
        latitude = number("latitude", 48.137_154)
        longitude = number("longitude", 11.576_124)
        heading = number("heading", 80)
        altitude = number("altitude", 519)
        let pressure = number("tyrePressure", Self.placardKPa)
        coldPressure = ["FL", "FR", "RL", "RR"].map { number("tyrePressure" + $0, pressure) }
        tyreTemperature = Array(repeating: number("tyreTemperature", outsideTemperature), count: 4)
        washerFluid = number("washerFluid", 65)
        serviceDistance = number("serviceDistance", 8_200)
        serviceDays = number("serviceDays", 143)
        chargeLimit = number("chargeLimit", 80)
        lowVoltage = number("lowVoltage", 12.6)
        lowBeam = initial["lowBeam"]?.bool ?? false
        doorsLocked = initial["locked"]?.bool ?? true
        belts = [initial["driverBelted"]?.bool ?? false, false, false, false, false]
        packVoltage = Self.openCircuitVoltage(soc: socPhysical)
    }

    public var socPhysical: Double { max(0, min(100, energyKWh / Self.capacityKWh * 100)) }
    /// What the cluster shows: the usable window 2…98 % stretched to 0…100 %.
    public var socDisplayed: Double { max(0, min(100, ((socPhysical - 2) / 96 * 100).rounded())) }
    public var rangeKm: Double { max(0, energyKWh * 0.96 / consumptionAverage * 100) }
    public var speedKmh: Double { speed * 3.6 }

    static func openCircuitVoltage(soc: Double) -> Double { 330 + 0.7 * soc }

    /// Tyre pressure (gauge, kPa) from its cold pressure and temperature by the gas law.
    public func pressure(_ wheel: Wheel) -> Double {
        (coldPressure[wheel.rawValue] + 101.325) * (tyreTemperature[wheel.rawValue] + 273.15) / 293.15 - 101.325
    }

    // MARK: - Events

    mutating func apply(_ event: ScenarioEvent) {
        switch event.action {
        case "drive":
            isParked = false
            isAsleep = false
            gear = "D"
            belts[0] = true
            doorsLocked = true
            let points: [(Double, Double)]
            if let list = event.arguments["profile"]?.array {
                points = list.compactMap { pair in
                    guard let values = pair.array, values.count == 2, let t = values[0].number, let v = values[1].number else { return nil }
                    return (t, v)
                }
            } else if event.string("profile") == "highway" {
                points = [(0, 0), (25, 90), (45, 120), (240, 130), (270, 110), (300, 128), (540, 130), (560, 115), (600, 125)]
            } else {
                points = [(0, 0), (8, 30), (20, 50), (40, 50), (50, 20), (60, 35), (72, 0), (90, 0)]
            }
            profile = (time, points, event.bool("repeat") ?? (event.string("profile") != "highway"))
        case "park":
            profile = (time, [(0, speedKmh), (max(3, speedKmh / 10), 0)], false)
            isParked = true
        case "openDoor", "closeDoor":
            let open = event.action == "openDoor"
            if let wheel = Wheel(code: event.string("door") ?? "FL") { doorsOpen[wheel.rawValue] = open }
        case "lock": doorsLocked = true
        case "unlock": doorsLocked = false
        case "openTrunk": trunkOpen = true
        case "closeTrunk": trunkOpen = false
        case "openFrunk": frunkOpen = true
        case "closeFrunk": frunkOpen = false
        case "openHood": hoodOpen = true
        case "closeHood": hoodOpen = false
        case "openWindow", "closeWindow":
            let percent = event.action == "openWindow" ? event.number("percent") ?? 100 : 0
            if let wheel = Wheel(code: event.string("window") ?? "FL") { windows[wheel.rawValue] = percent }
        case "sunroof": sunroof = event.number("percent") ?? 0
        case "tyreLeak":
            if let wheel = Wheel(code: event.string("wheel") ?? "FL") { leakRate[wheel.rawValue] = event.number("kPaPerHour") ?? 10 }
        case "plugIn":
            isPluggedIn = true
            chargePowerLimit = event.number("powerKW") ?? 11
            chargeComplete = false
            isAsleep = false
        case "unplug":
            isPluggedIn = false
            chargePower = 0
        case "setChargeLimit": chargeLimit = event.number("percent") ?? chargeLimit
        case "washerUse": washerFluid = max(0, washerFluid - (event.number("percent") ?? 5))
        case "refillWasher": washerFluid = 100
        case "sleep":
            isAsleep = true
            lowBeam = false
        case "wake": isAsleep = false
        case "lights":
            lowBeam = event.bool("low") ?? lowBeam
            highBeam = event.bool("high") ?? highBeam
            hazard = event.bool("hazard") ?? hazard
            fogFront = event.bool("fogFront") ?? fogFront
            fogRear = event.bool("fogRear") ?? fogRear
        case "buckle", "unbuckle":
            let seats = ["FL", "FR", "RL", "RM", "RR"]
            if let index = seats.firstIndex(of: event.string("seat") ?? "FL") { belts[index] = event.action == "buckle" }
        case "set":
            guard let path = event.string("path"), let value = event.arguments["value"] else { break }
            switch (value, value.number) {
            case (.bool(let flag), _): overrides[path] = .bool(flag)
            case (_, let number?): overrides[path] = .number(number)
            case (.string(let text), _): overrides[path] = .string(text)
            default: overrides[path] = nil
            }
        case "notAvailable":
            if let path = event.string("path") { overrides[path] = .some(nil) }
        default: break
        }
    }

    // MARK: - Physics

    /// Advances the model by `dt` seconds.
    public mutating func step(_ dt: Double) {
        time += dt
        // Driver: follow the speed profile with bounded acceleration.
        if let profile {
            var t = time - profile.start
            let end = profile.points.last?.0 ?? 0
            if profile.repeats, end > 0 { t = t.truncatingRemainder(dividingBy: end) }
            targetSpeed = Self.interpolate(profile.points, at: t) / 3.6
        } else {
            targetSpeed = 0
        }
        if isAsleep || isPluggedIn { targetSpeed = 0 }
        let wanted = (targetSpeed - speed) / max(dt, 0.1)
        acceleration = max(-3.0, min(2.5, wanted))
        speed = max(0, speed + acceleration * dt)
        if speed < 0.05, targetSpeed == 0 { speed = 0 }
        if isParked, speed == 0 {
            gear = "P"
            profile = nil
        } else if speed > 0 || targetSpeed > 0 {
            gear = "D"
        }

        // Traction power (kW), positive when drawing from the battery.
        let wheelForce = Self.mass * acceleration + 0.5 * 1.2 * Self.dragArea * speed * speed + Self.rolling * Self.mass * 9.81 * (speed > 0 ? 1 : 0)
        let wheelPower = wheelForce * speed / 1000
        let traction = wheelPower >= 0 ? wheelPower / Self.drivetrainEfficiency : wheelPower * Self.regenEfficiency
        let awake = !isAsleep
        let hvac = awake && (!isParked || isPluggedIn) ? min(3, abs(cabinTemperature - 21) * 0.15 + 0.3) : 0
        let auxiliary = awake ? 0.35 + hvac : 0.01

        // Charging: the curve tapers above 50 % and stops at the limit.
        if isPluggedIn, !chargeComplete {
            let soc = socPhysical
            let taper = soc < 50 ? 1.0 : soc < 80 ? 1.0 - (soc - 50) / 30 * 0.45 : max(0.1, 0.55 - (soc - 80) / 20 * 0.45)
            chargePower = chargePowerLimit <= 22 ? min(chargePowerLimit, 11) : chargePowerLimit * taper
            if batteryTemperature < 10 { chargePower *= 0.5 }
            if soc >= chargeLimit {
                chargeComplete = true
                chargePower = 0
            }
        } else {
            chargePower = 0
        }
        let batteryPower = traction + auxiliary - chargePower * 0.93
        energyKWh = max(0, min(Self.capacityKWh, energyKWh - batteryPower * dt / 3600))
        packVoltage = Self.openCircuitVoltage(soc: socPhysical) - 0.06 * (batteryPower * 1000 / max(1, packVoltage))
        packCurrent = batteryPower * 1000 / packVoltage  // positive discharging, as the DBC counts

        // Consumption average over the last ~50 km, only while moving.
        if speed > 1 {
            let instantaneous = (traction + auxiliary) / speedKmh * 100
            let weight = speed * dt / 50_000
            consumptionAverage = max(8, min(45, consumptionAverage * (1 - weight) + instantaneous * weight))
        }

        // Temperatures: battery heats with power, cabin follows HVAC or the outside, tyres with speed.
        // About 0.45 °C a minute at 150 kW; the coolant loop holds the pack near 32 °C while awake.
        let heat = abs(batteryPower) * 0.000_05
        let cooling =
            (batteryTemperature - outsideTemperature) * 0.000_05 + (awake && batteryTemperature > 32 ? (batteryTemperature - 32) * 0.003 : 0)
        batteryTemperature += (heat - cooling) * dt
        let cabinTarget = awake && !isParked ? 21.0 : outsideTemperature
        cabinTemperature += (cabinTarget - cabinTemperature) * min(1, dt / (awake && !isParked ? 600 : 3600))
        for wheel in 0..<4 {
            let target = outsideTemperature + speedKmh * 0.18
            tyreTemperature[wheel] += (target - tyreTemperature[wheel]) * min(1, dt / 900)
            coldPressure[wheel] = max(0, coldPressure[wheel] - leakRate[wheel] * dt / 3600)
        }

        // Distance and position.
        let meters = speed * dt
        odometer += meters / 1000
        trip += meters / 1000
        serviceDistance -= meters / 1000
        serviceDays -= dt / 86_400
        if speed > 0 {
            turnPhase += dt
            heading = (heading + sin(turnPhase / 90) * 0.6 * dt + 360).truncatingRemainder(dividingBy: 360)
            let radians = heading * .pi / 180
            latitude += meters * cos(radians) / 111_320
            longitude += meters * sin(radians) / (111_320 * cos(latitude * .pi / 180))
        }

        // 12 V: the DC/DC converter charges while awake; parked, the battery slowly sags.
        if awake, !isParked || isPluggedIn {
            lowVoltageCurrent = 4.5
            lowVoltage += (14.1 - lowVoltage) * min(1, dt / 30)
        } else if awake {
            lowVoltageCurrent = -1.8
            lowVoltage += (12.5 - lowVoltage) * min(1, dt / 600)
        } else {
            lowVoltageCurrent = -0.04
            lowVoltage = max(11.9, lowVoltage - 0.000_004 * dt)
        }
    }

    static func interpolate(_ points: [(Double, Double)], at t: Double) -> Double {
        guard let first = points.first else { return 0 }
        if t <= first.0 { return first.1 }
        for (a, b) in zip(points, points.dropFirst()) where t <= b.0 {
            return b.0 == a.0 ? b.1 : a.1 + (b.1 - a.1) * (t - a.0) / (b.0 - a.0)
        }
        return points.last!.1
    }

    // MARK: - Output

    /// The model as VSS values (in VSS units), plus values for DBC signals no mapping decides.
    public func vssValues(driveSide: DriveSide = .left) -> (values: [String: SignalValue], signals: [String: Double]) {
        var values: [String: SignalValue] = [:]
        let (left, right) = driveSide == .left ? ("DriverSide", "PassengerSide") : ("PassengerSide", "DriverSide")
        let tb = "Vehicle.Powertrain.TractionBattery."
        values[tb + "StateOfCharge.Current"] = .number(socPhysical)
        values[tb + "StateOfCharge.Displayed"] = .number(socDisplayed)
        values[tb + "StateOfCharge.CurrentEnergy"] = .number(energyKWh)
        values[tb + "Temperature.Average"] = .number(batteryTemperature.rounded())
        values[tb + "Temperature.Max"] = .number((batteryTemperature + 2).rounded())
        values[tb + "CurrentVoltage"] = .number(packVoltage)
        values[tb + "CurrentCurrent"] = .number(-packCurrent)
        values[tb + "StateOfHealth"] = .number(96.5)
        values[tb + "NetCapacity"] = .number(Double(Int64(Self.capacityKWh)))
        values["Vehicle.Powertrain.Range"] = .number(Double(Int64((rangeKm * 1000).rounded())))
        let charging = isPluggedIn && !chargeComplete && chargePower > 0
        values[tb + "Charging.IsCharging"] = .bool(charging)
        values[tb + "Charging.IsChargingCableConnected"] = .bool(isPluggedIn)
        values[tb + "Charging.ChargePortFlap"] = .string(isPluggedIn ? "OPEN" : "CLOSED")
        values[tb + "Charging.ChargeLimit"] = .number(Double(Int64(chargeLimit)))
        values[tb + "Charging.TimeToComplete"] = .number(Double(Int64(timeToComplete().rounded())))
        values["Vehicle.Speed"] = .number(speedKmh)
        values["Vehicle.Acceleration.Longitudinal"] = .number(acceleration)
        values["Vehicle.Chassis.ParkingBrake.IsEngaged"] = .bool(isParked && speed == 0)
        values["Vehicle.Powertrain.Transmission.SelectedGear"] = .number(Double(["P": 126, "R": -1, "N": 0, "D": 127][gear] ?? 126))
        for wheel in Wheel.allCases {
            let base = "Vehicle.Chassis.Axle.\(wheel.vss).Tire."
            values[base + "Pressure"] = .number(Double(Int64(pressure(wheel).rounded())))
            values[base + "Temperature"] = .number(tyreTemperature[wheel.rawValue].rounded())
            values[base + "IsPressureLow"] = .bool(pressure(wheel) < Self.lowPressureKPa)
        }
        let doors = ["Row1.\(left)", "Row1.\(right)", "Row2.\(left)", "Row2.\(right)"]
        for (index, door) in doors.enumerated() {
            let base = "Vehicle.Cabin.Door.\(door)."
            values[base + "IsOpen"] = .bool(doorsOpen[index])
            values[base + "IsLocked"] = .bool(doorsLocked)
            values[base + "Window.Position"] = .number(Double(Int64(windows[index].rounded())))
        }
        values["Vehicle.Body.Trunk.Rear.IsOpen"] = .bool(trunkOpen)
        values["Vehicle.Body.Trunk.Rear.IsLocked"] = .bool(doorsLocked)
        values["Vehicle.Body.Trunk.Front.IsOpen"] = .bool(frunkOpen)
        values["Vehicle.Body.Hood.IsOpen"] = .bool(hoodOpen)
        values["Vehicle.Cabin.Sunroof.Position"] = .number(Double(Int64(sunroof.rounded())))
        values["Vehicle.Body.Lights.Beam.Low.IsOn"] = .bool(lowBeam)
        values["Vehicle.Body.Lights.Beam.High.IsOn"] = .bool(highBeam)
        values["Vehicle.Body.Lights.Parking.IsOn"] = .bool(lowBeam)
        values["Vehicle.Body.Lights.Fog.Front.IsOn"] = .bool(fogFront)
        values["Vehicle.Body.Lights.Fog.Rear.IsOn"] = .bool(fogRear)
        values["Vehicle.Body.Lights.Hazard.IsSignaling"] = .bool(hazard)
        values["Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling"] = .bool(hazard)
        values["Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling"] = .bool(hazard)
        values["Vehicle.Body.Lights.LightSwitch"] = .string(lowBeam ? "BEAM" : "AUTO")
        values["Vehicle.Body.Lights.Running.IsOn"] = .bool(!isAsleep && !isParked && !lowBeam)
        let seats = ["Row1.\(left)", "Row1.\(right)", "Row2.\(left)", "Row2.Middle", "Row2.\(right)"]
        for (index, seat) in seats.enumerated() {
            values["Vehicle.Cabin.Seat.\(seat).IsBelted"] = .bool(belts[index])
            // The driver's seat is occupied while the car is in use; passengers sit where belts are buckled.
            values["Vehicle.Cabin.Seat.\(seat).IsOccupied"] = .bool(index == 0 ? !isParked || belts[0] : belts[index])
        }
        values["Vehicle.Body.Windshield.Front.WasherFluid.Level"] = .number(Double(Int64(washerFluid.rounded())))
        values["Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow"] = .bool(washerFluid < 15)
        values["Vehicle.TraveledDistance"] = .number(odometer)
        values["Vehicle.TripMeterReading"] = .number(trip)
        values["Vehicle.Exterior.AirTemperature"] = .number(outsideTemperature)
        values["Vehicle.Cabin.HVAC.AmbientAirTemperature"] = .number(cabinTemperature)
        values["Vehicle.Service.DistanceToService"] = .number(serviceDistance.rounded())
        values["Vehicle.Service.TimeToService"] = .number(Double(Int64(serviceDays.rounded(.down)) * 86_400))
        values["Vehicle.Service.IsServiceDue"] = .bool(serviceDistance <= 0 || serviceDays <= 0)
        let anyLow = Wheel.allCases.contains { pressure($0) < Self.lowPressureKPa }
        let lamps: [String: Bool] = [
            "ABS": false, "ESC": false, "TCS": false, "BrakeFluid": false, "Powertrain": false, "Airbag": false,
            "TirePressure": anyLow, "LowVoltageBattery": lowVoltage < 11.8, "ParkingBrake": isParked && speed == 0,
            "SeatBelt": speed > 2 && !belts[0], "TractionBatteryTemperature": batteryTemperature > 55,
            "LowCharge": socDisplayed < 10, "WasherFluid": washerFluid < 15,
            "DoorOpen": doorsOpen.contains(true) || trunkOpen || frunkOpen || hoodOpen,
            "Service": serviceDistance <= 1000 || serviceDays <= 14,
        ]
        for (lamp, on) in lamps { values["Vehicle.Cabin.Telltale.\(lamp).IsOn"] = .bool(on) }
        values["Vehicle.ADAS.ABS.IsError"] = .bool(false)
        values["Vehicle.ADAS.ESC.IsError"] = .bool(false)
        values["Vehicle.ADAS.TCS.IsError"] = .bool(false)
        values["Vehicle.OBD.Status.IsMILOn"] = .bool(false)
        values["Vehicle.LowVoltageBattery.CurrentVoltage"] = .number(lowVoltage)
        values["Vehicle.LowVoltageBattery.CurrentCurrent"] = .number(lowVoltageCurrent)
        values["Vehicle.LowVoltageBattery.StateOfCharge"] = .number(max(0, min(100, ((lowVoltage - 11.8) / 0.9 * 100).rounded())))
        values["Vehicle.CurrentLocation.Latitude"] = .number(latitude)
        values["Vehicle.CurrentLocation.Longitude"] = .number(longitude)
        values["Vehicle.CurrentLocation.Altitude"] = .number(altitude)
        values["Vehicle.CurrentLocation.Heading"] = .number(heading)
        values["Vehicle.CurrentLocation.HorizontalAccuracy"] = .number(4.5)
        values["Vehicle.CurrentLocation.GNSSReceiver.FixType"] = .string("THREE_D")
        for (path, value) in overrides {
            if let value { values[path] = value } else { values.removeValue(forKey: path) }
        }
        let state: Double = isPluggedIn ? 4 : isAsleep ? 0 : isParked ? 2 : 3
        let signals: [String: Double] = [
            "VCU_Consumption": consumptionAverage, "VCU_PowertrainState": state, "OBC_ChargePower": chargePower,
            "OBC_ChargingState": !isPluggedIn ? 0 : chargeComplete ? 4 : chargePower > 0 ? 3 : 1,
            "GNSS_Speed": speedKmh, "GNSS_Satellites": 11, "VCU_DriveMode": 2, "ESP_AbsActive": 0,
        ]
        return (values, signals)
    }

    /// Seconds until the charge limit at the charging curve's predicted power; 0 when not charging.
    func timeToComplete() -> Double {
        guard isPluggedIn, !chargeComplete, chargePower > 0 else { return 0 }
        var soc = socPhysical
        var seconds = 0.0
        while soc < chargeLimit {
            let taper = soc < 50 ? 1.0 : soc < 80 ? 1.0 - (soc - 50) / 30 * 0.45 : max(0.1, 0.55 - (soc - 80) / 20 * 0.45)
            let power = chargePowerLimit <= 22 ? min(chargePowerLimit, 11) : chargePowerLimit * taper
            let stepSoC = min(1, chargeLimit - soc)
            seconds += Self.capacityKWh * stepSoC / 100 / max(0.5, power * 0.93) * 3600
            soc += stepSoC
        }
        return min(seconds, 24 * 3600 - 60)
    }
}

// Trigonometry without Glibc, for heading and position.
func sin(_ x: Double) -> Double {
    var angle = x.truncatingRemainder(dividingBy: 2 * .pi)
    if angle > .pi { angle -= 2 * .pi }
    if angle < -.pi { angle += 2 * .pi }
    var term = angle
    var sum = angle
    for n in stride(from: 2.0, through: 30, by: 2) {
        term *= -angle * angle / (n * (n + 1))
        sum += term
    }
    return sum
}

func cos(_ x: Double) -> Double { sin(x + .pi / 2) }
