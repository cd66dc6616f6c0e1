public import Speech
public import VSS

/// A proactive alert for the API's alert stream: something changed that the driver should hear about.
public struct Alert: Equatable, Sendable {
    /// What happened: `tire_pressure_drop`, `door_opened_while_moving`, `new_warning_lamp`, `charge_below_trip_need`.
    public var kind: String
    /// Identifies the event, so one event gives one alert (e.g. the wheel's path, the lamp's id).
    public var key: String
    public var text: String
    public var values: [SignalReading]
}

/// Watches successive snapshots of the signals and emits an alert once per event, not once per update.
///
/// An event ends when its condition clears (pressure back up, door closed, lamp off, range enough again);
/// only then can the same event alert again.
public struct AlertMonitor: Sendable {
    public let locale: GeniusLocale
    /// Drop from the first pressure seen on a wheel that counts as losing pressure, in kPa.
    public var pressureDropKPa: Double
    private var baseline: [String: Double] = [:]
    private var active: Set<String> = []
    private var lastDoors: [String: Bool] = [:]
    private var lastLamps: Set<String>? = nil

    public init(locale: GeniusLocale, pressureDropKPa: Double = 20) {
        self.locale = locale
        self.pressureDropKPa = pressureDropKPa
    }

    /// Compares this snapshot with what was seen before; returns the alerts for new events.
    public mutating func observe(_ signals: some SignalReader) -> [Alert] {
        let phrasing = Phrasing(locale)
        var alerts: [Alert] = []
        // Tyres losing pressure.
        for w in IntentCatalog.wheels {
            let path = "Vehicle.Chassis.Axle.\(w.row).Wheel.\(w.side).Tire.Pressure"
            let r = signals.reading(path)
            guard r.isUsable, let value = r.value?.number else { continue }
            let p = UnitMath.kPa(value, unit: r.unit)
            let base = max(baseline[path] ?? p, p)
            baseline[path] = base
            let lowFlag = signals.reading("Vehicle.Chassis.Axle.\(w.row).Wheel.\(w.side).Tire.IsPressureLow")
            let losing = base - p >= pressureDropKPa || (lowFlag.isUsable && lowFlag.value?.bool == true)
            let key = "tire:" + path
            if losing, !active.contains(key) {
                active.insert(key)
                let text = phrasing.fill(
                    "alert.tire",
                    [
                        "pos": phrasing.text(w.label),
                        "value": phrasing.quantity(p, kind: .pressure, vssUnit: "kPa"),
                    ])
                alerts.append(Alert(kind: "tire_pressure_drop", key: path, text: text, values: [r]))
            } else if !losing {
                active.remove(key)
            }
        }
        // A door opened while moving.
        let moving = signals.reading("Vehicle.IsMoving")
        let isMoving = moving.isUsable && moving.value?.bool == true
        for member in IntentCatalog.doorMembers {
            let r = signals.reading(member.path)
            guard r.isUsable, let open = r.value?.bool else { continue }
            let wasOpen = lastDoors[member.path] ?? false
            lastDoors[member.path] = open
            let key = "door:" + member.path
            if open, isMoving, !wasOpen || !active.contains(key), !active.contains(key) {
                active.insert(key)
                let text = phrasing.fill("alert.door", ["item": phrasing.text(member.label)])
                alerts.append(Alert(kind: "door_opened_while_moving", key: member.path, text: text, values: [r, moving]))
            } else if !open {
                active.remove(key)
            }
        }
        // New warning lamps.
        var now: Set<String> = []
        var lampReadings: [String: SignalReading] = [:]
        for name in VSSCatalog.telltaleNames {
            let r = signals.reading(VSSCatalog.telltalePath(name))
            if r.isUsable, r.value?.bool == true { now.insert(name); lampReadings[name] = r }
        }
        for (path, name) in VSSCatalog.lampEquivalents {
            let r = signals.reading(path)
            if r.isUsable, r.value?.bool == true { now.insert(name); lampReadings[name] = lampReadings[name] ?? r }
        }
        for name in now.subtracting(lastLamps ?? []).sorted() {
            let info = WarningKnowledge.lamp(name)
            let text = phrasing.fill("warnings.one", ["item": info.label[locale.language]!, "advice": info.advice[locale.language]!])
            alerts.append(Alert(kind: "new_warning_lamp", key: name, text: text, values: [lampReadings[name]!]))
        }
        lastLamps = now

        // Charge below what the trip needs.
        let range = signals.reading("Vehicle.Powertrain.Range")
        let need = signals.reading(VSSCatalog.routeDistancePath)
        if range.isUsable, need.isUsable, let r = range.value?.number, let n = need.value?.number {
            let short = UnitMath.metres(r, vssUnit: range.unit) < UnitMath.metres(n, vssUnit: need.unit)
            if short, !active.contains("trip") {
                active.insert("trip")
                let text = phrasing.fill(
                    "alert.trip",
                    [
                        "range": phrasing.quantity(r, kind: .distance, vssUnit: range.unit),
                        "need": phrasing.quantity(n, kind: .distance, vssUnit: need.unit),
                    ])
                alerts.append(Alert(kind: "charge_below_trip_need", key: "trip", text: text, values: [range, need]))
            } else if !short {
                active.remove("trip")
            }
        }
        return alerts
    }

    /// Whether the event behind `alert` (one that `observe` returned) is still going on, as of the last
    /// `observe`: false once its condition has cleared (pressure back up, door closed, lamp off, range enough).
    public func isActive(_ alert: Alert) -> Bool {
        switch alert.kind {
        case "tire_pressure_drop": active.contains("tire:" + alert.key)
        case "door_opened_while_moving": active.contains("door:" + alert.key)
        case "new_warning_lamp": lastLamps?.contains(alert.key) ?? false
        case "charge_below_trip_need": active.contains("trip")
        default: false
        }
    }
}
