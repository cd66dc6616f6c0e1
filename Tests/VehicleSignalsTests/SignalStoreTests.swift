import CANBus
import Testing
import VSS
import VehicleSignals

@Suite struct SignalStoreTests {
    let mapping: VehicleMapping
    init() throws { mapping = try DemoCar.mapping() }

    @Test func valuesCarryUnitTimeAgeAndProvenance() throws {
        let store = DemoCar.store(mapping)
        let sent = DemoCar.at(milliseconds: 0)
        store.ingest(DemoCar.frame(mapping, "VCU_Range", ["VCU_RangeEstimate": 312], at: sent, interface: "can1"))
        let reading = store.read("Vehicle.Powertrain.Range", now: DemoCar.at(milliseconds: 200))
        #expect(reading.value == .number(312_000))
        #expect(reading.unit == "m")
        #expect(reading.status == .available)
        #expect(reading.receivedAt == sent)
        #expect(reading.age == 0.2)
        let provenance = try #require(reading.provenance)
        #expect(provenance.interface == "can1")
        #expect(provenance.frameID == CANIdentifier(standard: 0x2F0))
        #expect(provenance.message == "VCU_Range")
        #expect(provenance.signals == ["VCU_RangeEstimate"])
        #expect(provenance.rawValue == 312)
    }

    @Test func signalNotAvailableRawValuesReadAsNotAvailable() {
        let store = DemoCar.store(mapping)
        // SoC physical all bits set (0x3FF), displayed 80 %, average temperature raw -128 (0x80).
        store.ingest(
            DemoCar.frame(
                mapping, "BMS_Status", ["BMS_SocDisplayed": 80, "BMS_BattTempMax": 31],
                raw: ["BMS_SocPhysical": 0x3FF, "BMS_BattTempAvg": 0x80]))
        let now = DemoCar.at(milliseconds: 10)
        let current = store.read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Current", now: now)
        #expect(current.status == .notAvailable)
        #expect(current.value == nil)
        #expect(current.provenance?.rawValue == 0x3FF)
        #expect(store.read("Vehicle.Powertrain.TractionBattery.Temperature.Average", now: now).status == .notAvailable)
        #expect(store.read("Vehicle.Powertrain.TractionBattery.Temperature.Max", now: now).value == .number(31))
        #expect(store.read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", now: now).value == .number(80))
    }

    @Test func multiplexedTyreMessageFillsFourWheels() {
        let store = DemoCar.store(mapping)
        let wheels = [
            ("FL", "Row1.Wheel.Left", 250.0, 21.0), ("FR", "Row1.Wheel.Right", 247.5, 22.0),
            ("RL", "Row2.Wheel.Left", 230.0, 19.0), ("RR", "Row2.Wheel.Right", 255.0, -5.0),
        ]
        var frames: [CANFrame] = []
        for (index, wheel) in wheels.enumerated() {
            frames.append(
                DemoCar.frame(
                    mapping, "TPMS_TireStatus",
                    [
                        "TPMS_WheelIndex": Double(index), "TPMS_Pressure_\(wheel.0)": wheel.2, "TPMS_Temperature_\(wheel.0)": wheel.3,
                        "TPMS_LowPressure_\(wheel.0)": wheel.0 == "RL" ? 1 : 0,
                    ],
                    at: DemoCar.at(milliseconds: Int64(index) * 250)))
        }
        #expect(store.ingest(frames) == 4)
        let now = DemoCar.at(milliseconds: 1000)
        for wheel in wheels {
            let base = "Vehicle.Chassis.Axle.\(wheel.1).Tire."
            #expect(store.read(base + "Pressure", now: now).value == .number(Double(Int64(wheel.2.rounded()))))
            #expect(store.read(base + "Temperature", now: now).value == .number(wheel.3))
            #expect(store.read(base + "IsPressureLow", now: now).value == .bool(wheel.0 == "RL"))
        }
        // Each wheel is refreshed once per round of four frames: stale after 3 rounds (3 × 4 × 250 ms).
        #expect(store.mapping.slots[store.mapping.slot(for: "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure")!].staleAfter == .seconds(3))
    }

    @Test func aMessageThatStopsGoesStaleAfterThreeCyclesAndRecovers() throws {
        let store = DemoCar.store(mapping)
        // ESP_VehicleSpeed has GenMsgCycleTime 20 ms: stale after 60 ms without a frame.
        for step in 0..<5 {
            store.ingest(DemoCar.frame(mapping, "ESP_VehicleSpeed", ["ESP_VehicleSpeed": 50], at: DemoCar.at(milliseconds: Int64(step) * 20)))
        }
        let last = DemoCar.at(milliseconds: 80)
        #expect(store.read("Vehicle.Speed", now: DemoCar.at(milliseconds: 140)).status == .available)
        let stale = store.read("Vehicle.Speed", now: DemoCar.at(milliseconds: 141))
        #expect(stale.status == .stale)
        #expect(stale.value == .number(50))
        #expect(stale.staleSince == CANTimestamp(nanoseconds: last.nanoseconds + 60_000_000))
        // Until then an idle caller can sleep: the speed is what goes stale first.
        let next = try #require(store.nextStalenessDeadline())
        #expect(next.nanoseconds <= last.nanoseconds + 60_000_000)
        #expect(store.checkStaleness(now: DemoCar.at(milliseconds: 141)) >= 1)
        // Once every value that can go stale has, there is nothing to wake up for.
        _ = store.checkStaleness(now: DemoCar.at(milliseconds: 100_000))
        #expect(store.nextStalenessDeadline() == nil)
        store.ingest(DemoCar.frame(mapping, "ESP_VehicleSpeed", ["ESP_VehicleSpeed": 52], at: DemoCar.at(milliseconds: 500)))
        let fresh = store.read("Vehicle.Speed", now: DemoCar.at(milliseconds: 510))
        #expect(fresh.status == .available)
        #expect(fresh.staleSince == nil)
        #expect(fresh.value == .number(52))
    }

    @Test func badChecksumMakesTheMessagesValuesInvalid() {
        let store = DemoCar.store(mapping)
        store.ingest(DemoCar.frame(mapping, "EPB_Status", ["EPB_State": 1], corruptChecksum: true))
        let reading = store.read("Vehicle.Chassis.ParkingBrake.IsEngaged", now: DemoCar.at(milliseconds: 1))
        #expect(reading.status == .invalid)
        #expect(store.statistics.checksumErrors == 1)
        store.ingest(DemoCar.frame(mapping, "EPB_Status", ["EPB_State": 1], at: DemoCar.at(milliseconds: 100)))
        #expect(store.read("Vehicle.Chassis.ParkingBrake.IsEngaged", now: DemoCar.at(milliseconds: 101)).value == .bool(true))
    }

    @Test func valuesOutsideTheDBCRangeOrUnnamedAreInvalid() {
        let store = DemoCar.store(mapping)
        // OBC_ChargeLimit is [50|100]; raw 20 is outside. OBC_CableConnected raw 2 is "Fault".
        store.ingest(DemoCar.frame(mapping, "OBC_ChargeStatus", [:], raw: ["OBC_ChargeLimit": 20, "OBC_CableConnected": 2]))
        let now = DemoCar.at(milliseconds: 1)
        #expect(store.read("Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit", now: now).status == .invalid)
        #expect(store.read("Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableConnected", now: now).status == .invalid)
    }

    @Test func combinedAndConvertedValues() {
        let store = DemoCar.store(mapping)
        store.ingest([
            DemoCar.frame(
                mapping, "OBC_ChargeStatus",
                [
                    "OBC_ChargingState": 3, "OBC_CableConnected": 1, "OBC_ChargePortFlap": 1, "OBC_TimeToFullHours": 1,
                    "OBC_TimeToFullMinutes": 35, "OBC_ChargeLimit": 80,
                ]),
            DemoCar.frame(mapping, "BMS_PackStatus", ["BMS_PackVoltage": 400, "BMS_PackCurrent": -100]),
            DemoCar.frame(mapping, "VCU_GearStatus", ["VCU_GearSelected": 3]),
            DemoCar.frame(mapping, "IC_Service", ["IC_ServiceDays": 12, "IC_ServiceDistance": -150]),
        ])
        let now = DemoCar.at(milliseconds: 5)
        let values = store.read(
            [
                "Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete", "Vehicle.Powertrain.TractionBattery.Charging.IsCharging",
                "Vehicle.Powertrain.TractionBattery.Charging.ChargePortFlap", "Vehicle.Powertrain.TractionBattery.CurrentPower",
                "Vehicle.Powertrain.TractionBattery.CurrentCurrent", "Vehicle.Powertrain.Transmission.SelectedGear",
                "Vehicle.Service.TimeToService", "Vehicle.Service.DistanceToService",
            ], now: now
        ).map(\.value)
        let expected: [SignalValue?] = [
            .number(5700), .bool(true), .string("OPEN"), .number(40_000), .number(100), .number(127), .number(Double(12 * 86400)), .number(-150),
        ]
        #expect(values == expected)
        let time = store.read("Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete", now: now)
        #expect(time.provenance?.signals == ["OBC_TimeToFullHours", "OBC_TimeToFullMinutes"])
    }

    @Test func bulkReadsTolerateUnknownAndUnprovidedPaths() {
        let store = DemoCar.store(mapping)
        store.ingest(DemoCar.frame(mapping, "ESP_VehicleSpeed", ["ESP_VehicleSpeed": 88.5]))
        let readings = store.read(
            ["Vehicle.Speed", "Vehicle.Cabin.Door.Row1.DriverSide.IsChildLockActive", "Vehicle.NoSuchThing"], now: DemoCar.at(milliseconds: 1))
        #expect(readings.map(\.status) == [.available, .notProvided, .notProvided])
        #expect(readings.map(\.isKnownPath) == [true, true, false])
        #expect(readings[0].value == .number(88.5))
        #expect(store.provides("Vehicle.Speed"))
        #expect(!store.provides("Vehicle.Cabin.Door.Row1.DriverSide.IsChildLockActive"))
        #expect(store.capabilities.count == store.mapping.slots.count)
    }

    @Test func branchReadsReturnEveryPathBelow() {
        let store = DemoCar.store(mapping)
        store.ingest(DemoCar.frame(mapping, "BCM_DoorStatus", ["BCM_DoorOpen_RR": 1, "BCM_DoorLocked_FL": 1]))
        let doors = store.read(matching: "Vehicle.Cabin.Door.*", now: DemoCar.at(milliseconds: 1))
        #expect(doors.count == 16)  // 4 doors × IsOpen, IsLocked, Window.Position, Window.IsOpen
        let open = doors.filter { $0.path.hasSuffix(".IsOpen") && !$0.path.contains("Window") && $0.value == .bool(true) }.map(\.path)
        #expect(open == ["Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen"])
        let isOpen = store.read(matching: "Vehicle.Cabin.Door.*.*.IsOpen", now: DemoCar.at(milliseconds: 1))
        #expect(isOpen.count == 4)
    }

    @Test func historyKeepsOneSamplePerIntervalForTrends() {
        let store = DemoCar.store(mapping, historyInterval: .seconds(60), historyCapacity: 5)
        // A slow leak: the front left tyre loses 2.5 kPa every minute; frames every 15 s.
        for step in 0..<40 {
            let pressure = 250 - 2.5 * Double(step / 4)
            store.ingest(
                DemoCar.frame(
                    mapping, "TPMS_TireStatus", ["TPMS_WheelIndex": 0, "TPMS_Pressure_FL": pressure],
                    at: DemoCar.at(milliseconds: Int64(step) * 15_000)))
        }
        let history = store.history("Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure")
        #expect(history.count == 5)
        #expect(history.map(\.value) == [.number(238), .number(235), .number(233), .number(230), .number(228)])  // uint16 kPa, rounded
        #expect(zip(history, history.dropFirst()).allSatisfy { $1.time.nanoseconds - $0.time.nanoseconds == 60_000_000_000 })
    }

    @Test func subscribersHearChangesWithoutBlockingIngest() async throws {
        let store = DemoCar.store(mapping)
        let stream = store.subscribe(["Vehicle.Cabin.Door.*"])
        store.ingest(DemoCar.frame(mapping, "ESP_VehicleSpeed", ["ESP_VehicleSpeed": 10]))
        store.ingest(DemoCar.frame(mapping, "BCM_DoorStatus", ["BCM_DoorOpen_FL": 1], at: DemoCar.at(milliseconds: 100)))
        // The same state again is not a change.
        store.ingest(DemoCar.frame(mapping, "BCM_DoorStatus", ["BCM_DoorOpen_FL": 1], at: DemoCar.at(milliseconds: 200)))
        store.ingest(DemoCar.frame(mapping, "BCM_DoorStatus", ["BCM_DoorOpen_FL": 0], at: DemoCar.at(milliseconds: 300)))
        var seen: [SignalReading] = []
        for await reading in stream {
            seen.append(reading)
            if seen.count == 8 + 1 { break }
        }
        // First frame: the 8 door paths it carries become known; then only the front left door closing.
        #expect(seen.allSatisfy { $0.path.hasPrefix("Vehicle.Cabin.Door.") })
        #expect(seen.last?.path == "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen")
        #expect(seen.last?.value == .bool(false))
        #expect(seen.filter { $0.path == "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen" }.map(\.value) == [.bool(true), .bool(false)])
    }

    @Test func unknownFramesAreCountedNotMapped() {
        let store = DemoCar.store(mapping)
        let frame = CANFrame(id: CANIdentifier(standard: 0x7DF)!, data: CANPayload([1, 2, 3])!, timestamp: DemoCar.t0)
        #expect(store.ingest([frame]) == 0)
        #expect(store.statistics.framesUnknown == 1)
    }
}
