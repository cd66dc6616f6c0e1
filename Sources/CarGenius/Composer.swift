import Speech
import VSS

/// One wheel's pressure now and at the start of its history, for "is my tyre losing pressure".
struct TyreTrend {
    /// A drop from the oldest sample to now that counts as losing pressure, in kPa (0.1 bar, 1.5 psi).
    static let pressureLossKPa = 10.0

    var label: String
    var now: SignalReading
    var value: Double
    var then: SignalReading
    /// Oldest sample minus now, in kPa.
    var drop: Double
}

/// Builds the grounded answer for an understood intent: reads the signals it needs, picks templates,
/// formats values for the locale, marks stale values with their age and says missing ones are unavailable.
struct Composer<Signals: SignalReader> {
    let locale: GeniusLocale
    let analysis: Analysis
    let positions: Set<Concept>
    let signals: Signals
    /// The driver asked whether something is going down ("is my tyre losing pressure"): answer from history.
    let trend: Bool
    var phrasing: Phrasing
    private(set) var used: [SignalReading] = []
    /// Earlier samples the answer speaks from (a trend's starting values), listed after `used` and never
    /// counted as the headline's staleness.
    private(set) var earlier: [SignalReading] = []
    /// Wheels asked about that had no reading (for the tyre answers).
    private var missingWheels: [String] = []
    /// Wheels found low by the last tyre answer.
    private var lowWheels: [String] = []
    /// The low wheels with their values ("rear right 23 psi"), for advice.
    private var lowItems: [String] = []
    /// The intent of the previous turn: advice speaks first about what was just asked.
    var previousIntent: String?
    /// The two intents a clarifying question offers.
    var options: (String, String)?

    init(locale: GeniusLocale, analysis: Analysis, positions: Set<Concept>, signals: Signals, trend: Bool = false) {
        self.locale = locale
        self.analysis = analysis
        self.positions = positions
        self.signals = signals
        self.trend = trend
        self.phrasing = Phrasing(locale)
        // "How many kilometers can I drive?" in en-US is answered in kilometers.
        if let unit = analysis.distance?.unit {
            phrasing.distanceUnit = unit
        } else if analysis.distance == nil {
            if analysis.has(.unitKm), !analysis.has(.unitMile) { phrasing.distanceUnit = .km }
            if analysis.has(.unitMile), !analysis.has(.unitKm) { phrasing.distanceUnit = .mile }
        }
        if analysis.has(.unitPsi), !analysis.has(.unitBar) { phrasing.pressureUnit = .psi }
        if analysis.has(.unitBar), !analysis.has(.unitPsi) { phrasing.pressureUnit = .bar }
        if analysis.has(.unitCelsius) != analysis.has(.unitFahrenheit) { phrasing.fahrenheit = analysis.has(.unitFahrenheit) }
    }

    /// One composed reply: sentences (the headline first) and whether it carries no signal data.
    /// The places of the items the answer singled out (the lowest tyre, the one low tyre), when it did.
    var namedPositions: Set<Concept>? = nil

    struct Draft {
        var sentences: [String]
        var grounded = true
    }

    mutating func answer(intent: String, declineReason: String?) -> Answer {
        var draft: Draft
        if intent == "out_of_scope" {
            draft = Draft(sentences: [phrasing.fill(declineReason ?? "outOfScope")], grounded: false)
        } else {
            draft = compose(intent)
        }
        // Stale values: the headline says how old its data is.
        if let oldest = used.filter({ $0.status == .stale }).map(\.age).max(), var headline = draft.sentences.first {
            let terminator = headline.last.map { ".。!！".contains($0) ? String($0) : "" } ?? ""
            if !terminator.isEmpty { headline.removeLast() }
            draft.sentences[0] = phrasing.fill("stale", ["sentence": headline, "age": phrasing.age(seconds: oldest)]) + terminator
        }
        // One sentence: the headline (the overview joins its clauses into one; see `overview`).
        var text = draft.sentences.first ?? ""
        if locale == .enGB { text = Self.britishSpelling(text) }
        return Answer(text: text, intent: intent, locale: locale, values: used + earlier)
    }

    static func britishSpelling(_ text: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            if !word.isEmpty {
                out += AnswerTemplates.britishWords.first(where: { $0.0 == word })?.1 ?? word
                word = ""
            }
        }
        for ch in text {
            if ch.isLetter { word.append(ch) } else { flush(); out.append(ch) }
        }
        flush()
        return out
    }

    // MARK: Reading signals

    /// Reads a signal; `use` records it as a value of this answer.
    func read(_ path: String) -> SignalReading {
        signals.reading(path)
    }

    /// Records a reading the answer speaks from (listed in `values`).
    mutating func use(_ r: SignalReading) {
        if !used.contains(where: { $0.path == r.path }) { used.append(r) }
    }

    func missing(_ intent: String, _ reading: SignalReading?) -> Draft {
        let key = reading?.status == .notProvided ? "notProvided" : "unavailable"
        return Draft(sentences: [phrasing.fill(key, ["label": phrasing.text("\(intent).label")])], grounded: false)
    }

    // MARK: Intents

    mutating func compose(_ intent: String) -> Draft {
        switch IntentCatalog.answers[intent] {
        case .quantity(let path, let kind)?:
            let r = read(path)
            guard r.isUsable, let v = r.value?.number else { return missing(intent, r) }
            use(r)
            return Draft(sentences: [phrasing.fill(intent, ["value": phrasing.quantity(v, kind: kind, vssUnit: r.unit)])])
        case .flag(let path)?:
            let r = read(path)
            guard r.isUsable, let b = r.value?.bool else { return missing(intent, r) }
            use(r)
            return Draft(sentences: [phrasing.fill("\(intent).\(b)")])
        case .group(let members, let badWhen)?:
            return group(intent, members: members, badWhen: badWhen)
        case .tyres(let leaf, let kind)?:
            return tyres(intent, leaf: leaf, kind: kind)
        case .special?, nil:
            return special(intent)
        }
    }

    mutating func special(_ intent: String) -> Draft {
        switch intent {
        case "range": return range()
        case "battery_level": return batteryLevel()
        case "fuel_level": return fuelLevel()
        case "can_reach": return canReach()
        case "charging_status": return chargingStatus()
        case "charge_time": return chargeTime()
        case "open_check": return openCheck()
        case "sunroof": return sunroof()
        case "speed": return speed()
        case "service": return service()
        case "warnings": return warnings()
        case "advice": return advice()
        case "clarify":
            let (a, b) = options ?? ("", "")
            return Draft(
                sentences: [phrasing.fill("clarify", ["a": phrasing.text("\(a).label"), "b": phrasing.text("\(b).label")])], grounded: false)
        case "fault_codes": return faultCodes()
        case "explain_code": return explainCode()
        case "low_voltage_battery": return lowVoltage()
        case "gear": return gear()
        case "power_state": return powerState()
        case "temperature_clarify": return Draft(sentences: [phrasing.fill("temperature_clarify")], grounded: false)
        case "overview": return overview()
        default: return Draft(sentences: [phrasing.fill("help")], grounded: false)
        }
    }

    mutating func rangeReading(fuelFirst: Bool = false) -> SignalReading? {
        let paths =
            fuelFirst
            ? ["Vehicle.Powertrain.FuelSystem.Range", "Vehicle.Powertrain.Range"]
            : ["Vehicle.Powertrain.Range", "Vehicle.Powertrain.TractionBattery.Range", "Vehicle.Powertrain.FuelSystem.Range"]
        for p in paths {
            let r = read(p)
            if r.isUsable, r.value?.number != nil { return r }
        }
        return nil
    }

    func distanceText(_ r: SignalReading) -> String {
        phrasing.quantity(r.value?.number ?? 0, kind: .distance, vssUnit: r.unit)
    }

    mutating func range() -> Draft {
        guard let r = rangeReading() else { return missing("range", read("Vehicle.Powertrain.Range")) }
        use(r)
        return Draft(sentences: [phrasing.fill("range", ["value": distanceText(r)])])
    }

    mutating func socReading() -> SignalReading? {
        for p in ["Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current"] {
            let r = read(p)
            if r.isUsable, r.value?.number != nil { return r }
        }
        return nil
    }

    mutating func batteryLevel() -> Draft {
        guard let soc = socReading() else {
            return missing("battery_level", read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed"))
        }
        use(soc)
        let socText = phrasing.quantity(soc.value!.number!, kind: .percent, vssUnit: soc.unit)
        if let r = rangeReading() {
            use(r)
            return Draft(sentences: [phrasing.fill("battery_level.range", ["value": socText, "range": distanceText(r)])])
        }
        return Draft(sentences: [phrasing.fill("battery_level", ["value": socText])])
    }

    mutating func fuelLevel() -> Draft {
        let level = read("Vehicle.Powertrain.FuelSystem.RelativeLevel")
        guard level.isUsable, let v = level.value?.number else { return missing("fuel_level", level) }
        use(level)
        let valueText = phrasing.quantity(v, kind: .percent, vssUnit: level.unit)
        if let r = rangeReading(fuelFirst: true) {
            use(r)
            return Draft(sentences: [phrasing.fill("fuel_level.range", ["value": valueText, "range": distanceText(r)])])
        }
        return Draft(sentences: [phrasing.fill("fuel_level", ["value": valueText])])
    }

    mutating func canReach() -> Draft {
        guard let r = rangeReading() else { return missing("can_reach", read("Vehicle.Powertrain.Range")) }
        use(r)
        let rangeMetres = UnitMath.metres(r.value!.number!, vssUnit: r.unit ?? "m")
        let rangeText = distanceText(r)
        let need: Double
        if let d = analysis.distance, d.value >= 1 {
            let unit = d.unit ?? phrasing.distanceUnit ?? locale.distanceUnit
            need = unit == .mile ? d.value * UnitMath.metresPerMile : d.value * 1000
        } else {
            // No distance said: the active route's remaining distance, when navigation has one.
            let route = read(VSSCatalog.routeDistancePath)
            guard route.isUsable, let metres = route.value?.number else {
                return Draft(sentences: [phrasing.fill("can_reach.noDistance", ["range": rangeText])])
            }
            use(route)
            need = UnitMath.metres(metres, vssUnit: route.unit ?? "m")
        }
        let key = rangeMetres >= need * 1.15 ? "can_reach.yes" : rangeMetres >= need ? "can_reach.tight" : "can_reach.no"
        return Draft(sentences: [phrasing.fill(key, ["range": rangeText])])
    }

    mutating func chargingStatus() -> Draft {
        let charging = read("Vehicle.Powertrain.TractionBattery.Charging.IsCharging")
        let cable = read("Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableConnected")
        guard charging.isUsable, let isCharging = charging.value?.bool else {
            if cable.isUsable, cable.value?.bool == false {
                use(cable)
                return Draft(sentences: [phrasing.fill("charging.off")])
            }
            return missing("charging_status", charging)
        }
        use(charging)
        let soc = socReading()
        let socText = soc.map { phrasing.quantity($0.value!.number!, kind: .percent, vssUnit: $0.unit) }
        if isCharging {
            let time = read("Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete")
            if let soc, let socText, time.isUsable, let t = time.value?.number, t > 0 {
                use(soc); use(time)
                return Draft(sentences: [
                    phrasing.fill(
                        "charging.onTime",
                        [
                            "soc": socText,
                            "time": phrasing.duration(seconds: UnitMath.seconds(t, unit: time.unit)),
                        ])
                ])
            }
            if let soc, let socText {
                use(soc)
                return Draft(sentences: [phrasing.fill("charging.on", ["soc": socText])])
            }
            return Draft(sentences: [phrasing.fill("charging.onBare")])
        }
        if cable.isUsable, cable.value?.bool == true {
            use(cable)
            return Draft(sentences: [phrasing.fill("charging.plugged")])
        }
        if let soc, let socText {
            use(soc)
            return Draft(sentences: [phrasing.fill("charging.offSoc", ["soc": socText])])
        }
        return Draft(sentences: [phrasing.fill("charging.off")])
    }

    mutating func chargeTime() -> Draft {
        let charging = read("Vehicle.Powertrain.TractionBattery.Charging.IsCharging")
        let time = read("Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete")
        if charging.isUsable, charging.value?.bool == false {
            use(charging)
            // "Is it fully charged?" when it is not charging: how full it is.
            let level = read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed")
            if level.isUsable, let soc = level.value?.number {
                use(level)
                return Draft(sentences: [
                    phrasing.fill("charge_time.notChargingLevel", ["soc": phrasing.quantity(soc, kind: .percent, vssUnit: level.unit)])
                ])
            }
            return Draft(sentences: [phrasing.fill("charge_time.notCharging")])
        }
        guard time.isUsable, let t = time.value?.number else { return missing("charge_time", time) }
        if charging.isUsable { use(charging) }
        use(time)
        let seconds = UnitMath.seconds(t, unit: time.unit)
        // "How many minutes is that" after the time was given: the whole time in minutes.
        let minutes = Int((max(0, seconds) / 60).rounded())
        let duration =
            analysis.has(.unitMinute) && previousIntent == "charge_time" && seconds < 2 * 86400
            ? phrasing.fill(minutes == 1 ? "age.m1" : "age.m", ["n": String(minutes)]) : phrasing.duration(seconds: seconds)
        // "Are we nearly full?": how full it is now, then how long to go.
        let level = read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed")
        if level.isUsable, let soc = level.value?.number {
            use(level)
            return Draft(sentences: [
                phrasing.fill("charge_time.withLevel", ["soc": phrasing.quantity(soc, kind: .percent, vssUnit: level.unit), "time": duration])
            ])
        }
        return Draft(sentences: [phrasing.fill("charge_time", ["time": duration])])
    }

    /// Members at the requested positions (all of them when none was asked for, or none matches).
    func select<T>(_ members: [T], positions memberPositions: (T) -> Set<Concept>, intent: String) -> [T] {
        var wanted = positions
        if intent == "seat_belts", wanted.contains(.rear), wanted.contains(.passengerSide), !wanted.contains(.right) {
            wanted.remove(.passengerSide)
        }
        // "Driver side" is the left side (left-hand drive) for a rear door or for wheels.
        if wanted.contains(.rear) || intent.hasPrefix("tire_") {
            if wanted.remove(.driverSide) != nil { wanted.insert(.left) }
            if wanted.remove(.passengerSide) != nil { wanted.insert(.right) }
        }
        guard !wanted.isEmpty else { return members }
        let chosen = members.filter { wanted.isSubset(of: memberPositions($0)) }
        if !chosen.isEmpty { return chosen }
        // Partial match: members sharing most requested positions.
        let scored = members.map { ($0, wanted.intersection(memberPositions($0)).count) }
        let top = scored.map(\.1).max() ?? 0
        return top == 0 ? members : scored.filter { $0.1 == top }.map(\.0)
    }

    mutating func group(_ intent: String, members: [GroupMember], badWhen: Bool) -> Draft {
        let chosen = select(members, positions: { $0.positions }, intent: intent)
        var bad: [String] = []
        var good: [String] = []
        var firstMissing: SignalReading? = nil
        var empty = 0
        var notProvided = 0
        for member in chosen {
            var occupancyUnknown = false
            if let occupied = member.occupiedPath {
                let o = read(occupied)
                if o.isUsable, o.value?.bool == false { empty += 1; use(o); continue }
                occupancyUnknown = !o.isUsable
            }
            let r = read(member.path)
            guard r.isUsable, let b = r.value?.bool else {
                firstMissing = firstMissing ?? r
                if r.status == .notProvided { notProvided += 1 }
                continue
            }
            // Without an occupancy sensor an unbuckled rear belt usually means an empty seat: report it only when asked.
            if occupancyUnknown, b == false, member.positions.contains(.rear), !positions.contains(.rear) { continue }
            use(r)
            let label = phrasing.text(member.label)
            if b == badWhen { bad.append(label) } else { good.append(label) }
        }
        if bad.isEmpty && good.isEmpty {
            if empty > 0, firstMissing == nil { return Draft(sentences: [phrasing.fill("\(intent).empty")]) }
            return missing(intent, firstMissing)
        }
        // Not "all" when the car has no signal for some of them: a car whose bus carries only its front doors has
        // not said that the rear ones are closed.
        let all = chosen.count == members.count && notProvided == 0
        let key: String
        var slots: [String: String] = [:]
        if bad.isEmpty {
            if all {
                key = "\(intent).allOk"
            } else if good.count == 1 {
                key = "\(intent).oneOk"; slots["item"] = good[0]
            } else {
                key = "\(intent).manyOk"; slots["items"] = phrasing.join(good)
            }
        } else if good.isEmpty && all && bad.count > 1 && phrasing.table["\(intent).allBad"] != nil {
            key = "\(intent).allBad"
        } else if bad.count == 1 {
            key = "\(intent).oneBad"; slots["item"] = bad[0]
        } else if bad.count <= 3 {
            key = "\(intent).manyBad"; slots["items"] = phrasing.join(bad)
        } else {
            key = "\(intent).moreBad"; slots["items"] = phrasing.join(Array(bad.prefix(3)))
        }
        return Draft(sentences: [phrasing.fill(key, slots)])
    }

    mutating func tyres(_ intent: String, leaf: String, kind: QuantityKind) -> Draft {
        if trend, kind == .pressure, let draft = tyreTrend(intent) { return draft }
        var draft = tyreValues(intent, leaf: leaf, kind: kind)
        // Wheels asked about but without a reading are named as unavailable, in the same sentence.
        if draft.grounded, !missingWheels.isEmpty, let first = draft.sentences.first {
            let note = phrasing.fill("tires.missing", ["items": phrasing.join(missingWheels)])
            draft.sentences[0] = phrasing.joinClauses([first, note])
        }
        return draft
    }

    /// Whether the asked tyres are losing pressure, from each wheel's history: the oldest sample against now.
    ///
    /// `nil` when no asked wheel has an earlier sample (the caller then answers with the current pressures).
    mutating func tyreTrend(_ intent: String) -> Draft? {
        let wheels = select(IntentCatalog.wheels, positions: { $0.positions }, intent: intent)
        typealias Trend = TyreTrend
        var trends: [Trend] = []
        for w in wheels {
            let path = "Vehicle.Chassis.Axle.\(w.row).Wheel.\(w.side).Tire.Pressure"
            let r = read(path)
            guard r.isUsable, let v = r.value?.number else { continue }
            // Samples older than the current reading; the oldest is the trend's start.
            guard let first = signals.history(path).first(where: { $0.age > r.age + 1 }) else { continue }
            let then = SignalReading(
                path: path, value: .number(first.value), unit: r.unit, age: first.age,
                status: first.age > VSSCatalog.staleAfter(path) ? .stale : .available)
            let drop = UnitMath.kPa(first.value, unit: r.unit) - UnitMath.kPa(v, unit: r.unit)
            trends.append(Trend(label: phrasing.text(w.label), now: r, value: v, then: then, drop: drop))
        }
        guard !trends.isEmpty else { return nil }
        func pressure(_ value: Double, _ r: SignalReading) -> String { phrasing.quantity(value, kind: .pressure, vssUnit: r.unit) }
        let losing = trends.filter { $0.drop >= TyreTrend.pressureLossKPa }.sorted { $0.drop > $1.drop }
        if let worst = losing.first {
            for t in losing.prefix(3) {
                use(t.now)
                earlier.append(t.then)
            }
            if losing.count == 1 {
                // The wheel singled out is what "the one opposite" points back to.
                namedPositions = IntentCatalog.wheels.first { phrasing.text($0.label) == worst.label }?.positions
                return Draft(sentences: [
                    phrasing.fill(
                        "tire_trend.oneLosing",
                        [
                            "pos": worst.label, "old": pressure(worst.then.value!.number!, worst.then),
                            "ago": phrasing.age(seconds: worst.then.age), "value": pressure(worst.value, worst.now),
                        ])
                ])
            }
            let items = losing.prefix(3).map {
                phrasing.fill(
                    "tire_trend.item", ["pos": $0.label, "old": pressure($0.then.value!.number!, $0.then), "value": pressure($0.value, $0.now)],
                    capitalize: false)
            }
            return Draft(sentences: [phrasing.fill("tire_trend.manyLosing", ["items": phrasing.join(items)])])
        }
        // Holding: over the longest history any asked wheel has.
        let longest = trends.max { $0.then.age < $1.then.age }!
        for t in trends { use(t.now) }
        earlier.append(longest.then)
        let ago = phrasing.age(seconds: longest.then.age)
        if trends.count == 1 {
            return Draft(sentences: [
                phrasing.fill("tire_trend.oneSteady", ["pos": longest.label, "ago": ago, "value": pressure(longest.value, longest.now)])
            ])
        }
        if trends.count == 4 {
            func axle(_ a: Trend, _ b: Trend) -> String {
                let x = pressure(a.value, a.now), y = pressure(b.value, b.now)
                return x == y ? x : phrasing.join([x, y])
            }
            return Draft(sentences: [
                phrasing.fill("tire_trend.allSteady", ["ago": ago, "front": axle(trends[0], trends[1]), "rear": axle(trends[2], trends[3])])
            ])
        }
        let items = trends.map {
            phrasing.fill("tire_pressure.item", ["pos": $0.label, "value": pressure($0.value, $0.now)], capitalize: false)
        }
        return Draft(sentences: [phrasing.fill("tire_trend.manySteady", ["ago": ago, "items": phrasing.join(items)])])
    }

    mutating func tyreValues(_ intent: String, leaf: String, kind: QuantityKind) -> Draft {
        missingWheels = []
        lowWheels = []
        lowItems = []
        let wheels = select(IntentCatalog.wheels, positions: { $0.positions }, intent: intent)
        func path(_ w: (row: String, side: String, positions: Set<Concept>, label: String), _ leaf: String) -> String {
            "Vehicle.Chassis.Axle.\(w.row).Wheel.\(w.side).Tire.\(leaf)"
        }
        // Reference for "low": the highest pressure on the car.
        var reference = 0.0
        if kind == .pressure {
            for w in IntentCatalog.wheels {
                let r = read(path(w, "Pressure"))
                if r.isUsable, let v = r.value?.number { reference = max(reference, UnitMath.kPa(v, unit: r.unit)) }
            }
        }
        var items: [(label: String, value: Double, text: String, low: Bool, reading: SignalReading)] = []
        var firstMissing: SignalReading? = nil
        for w in wheels {
            let r = read(path(w, leaf))
            guard r.isUsable, let v = r.value?.number else {
                firstMissing = firstMissing ?? r
                missingWheels.append(phrasing.text(w.label))
                continue
            }
            var low = false
            if kind == .pressure {
                let flag = read(path(w, "IsPressureLow"))
                if flag.isUsable, let f = flag.value?.bool {
                    low = f
                    if f { use(flag) }
                } else {
                    let kPa = UnitMath.kPa(v, unit: r.unit)
                    low = kPa < 170 || (reference > 0 && kPa < 0.85 * reference)
                }
            }
            if low {
                lowWheels.append(phrasing.text(w.label))
                lowItems.append(
                    phrasing.fill(
                        "\(intent).item", ["pos": phrasing.text(w.label), "value": phrasing.quantity(v, kind: kind, vssUnit: r.unit)],
                        capitalize: false))
            }
            items.append((phrasing.text(w.label), v, phrasing.quantity(v, kind: kind, vssUnit: r.unit), low, r))
        }
        if items.isEmpty { return missing(intent, firstMissing) }
        for item in items { use(item.reading) }
        let placeOf = Dictionary(IntentCatalog.wheels.map { (phrasing.text($0.label), $0.positions) }, uniquingKeysWith: { a, _ in a })
        func named(_ labels: [String]) {
            if labels.count == 1, let p = placeOf[labels[0]] { namedPositions = p }
        }
        if items.count == 1 {
            let item = items[0]
            return Draft(sentences: [phrasing.fill(item.low ? "\(intent).oneLow" : "\(intent).one", ["pos": item.label, "value": item.text])])
        }
        // "Which one is lowest", "welcher ist am wärmsten", "哪个最高": the extreme wheel (all of them on a tie).
        if analysis.has(.lowest) != analysis.has(.highest) {
            let lowest = analysis.has(.lowest)
            let pick = lowest ? items.min { $0.value < $1.value }! : items.max { $0.value < $1.value }!
            let tied = items.filter { $0.text == pick.text }
            named(tied.map(\.label))
            return Draft(sentences: [
                phrasing.fill(
                    "\(intent).\(lowest ? "lowest" : "highest")", ["pos": phrasing.join(tied.map(\.label)), "value": pick.text])
            ])
        }
        func itemText(_ i: (label: String, value: Double, text: String, low: Bool, reading: SignalReading)) -> String {
            let base = phrasing.fill("\(intent).item", ["pos": i.label, "value": i.text], capitalize: false)
            return i.low ? phrasing.fill("\(intent).lowMark", ["item": base], capitalize: false) : base
        }
        if items.count == 4 {
            let lows = items.filter(\.low)
            named(lows.map(\.label))
            if !lows.isEmpty {
                return Draft(sentences: [
                    phrasing.fill(
                        "\(intent).someLow",
                        [
                            "items": phrasing.join(
                                lows.prefix(3).map {
                                    phrasing.fill("\(intent).item", ["pos": $0.label, "value": $0.text], capitalize: false)
                                })
                        ])
                ])
            }
            let sorted = items.sorted { $0.value < $1.value }
            let minText = sorted.first!.text, maxText = sorted.last!.text
            if minText == maxText { return Draft(sentences: [phrasing.fill("\(intent).allSame", ["min": minText])]) }
            // Every wheel's value, as two items (the axles): "front 33 psi and 34 psi, rear 35 psi".
            func axle(_ a: String, _ b: String) -> String { a == b ? a : phrasing.join([a, b]) }
            return Draft(sentences: [
                phrasing.fill(
                    "\(intent).allOk",
                    [
                        "front": axle(items[0].text, items[1].text),
                        "rear": axle(items[2].text, items[3].text),
                    ])
            ])
        }
        return Draft(sentences: [phrasing.fill("\(intent).list", ["items": phrasing.join(items.map(itemText))])])
    }

    mutating func openCheck() -> Draft {
        var open: [String] = []
        var any = false
        for member in IntentCatalog.doorMembers + IntentCatalog.windowMembers {
            let r = read(member.path)
            guard r.isUsable, let b = r.value?.bool else { continue }
            any = true
            use(r)
            if b { open.append(phrasing.text(member.label)) }
        }
        for (path, label) in IntentCatalog.lids {
            let r = read(path)
            guard r.isUsable, let b = r.value?.bool else { continue }
            any = true
            use(r)
            if b { open.append(phrasing.text(label)) }
        }
        let roof = read("Vehicle.Cabin.Sunroof.Position")
        if roof.isUsable, let p = roof.value?.number {
            any = true
            use(roof)
            if p != 0 { open.append(phrasing.text("item.sunroof")) }
        }
        guard any else { return missing("open_check", nil) }
        switch open.count {
        case 0: return Draft(sentences: [phrasing.fill("open_check.none")])
        case 1: return Draft(sentences: [phrasing.fill("open_check.one", ["item": open[0]])])
        default: return Draft(sentences: [phrasing.fill("open_check.many", ["items": phrasing.join(Array(open.prefix(3)))])])
        }
    }

    /// "How's the car?": charge and range first, then what needs attention (lit lamps, then openings).
    mutating func overview() -> Draft {
        var sentences: [String] = []
        let lamps = warnings()
        let noLamps = phrasing.fill("warnings.none")
        if lamps.grounded, lamps.sentences.first != noLamps { sentences.append(lamps.sentences[0]) }
        var level = batteryLevel()
        if !level.grounded { level = fuelLevel() }
        if level.grounded { sentences += level.sentences }
        let open = openCheck()
        if open.grounded, open.sentences.first != phrasing.fill("open_check.none") { sentences.append(open.sentences[0]) }
        if sentences.count == 1, lamps.grounded, lamps.sentences.first == noLamps { sentences.append(noLamps) }
        if sentences.isEmpty { return missing("overview", nil) }
        // While moving, only the first clause; parked, up to three clauses in one sentence.
        let moving = read("Vehicle.IsMoving")
        let clauses = (moving.isUsable && moving.value?.bool == true) ? Array(sentences.prefix(1)) : sentences
        return Draft(sentences: [phrasing.joinClauses(clauses)])
    }

    mutating func sunroof() -> Draft {
        let r = read("Vehicle.Cabin.Sunroof.Position")
        guard r.isUsable, let p = r.value?.number else { return missing("sunroof", r) }
        use(r)
        if p == 0 { return Draft(sentences: [phrasing.fill("sunroof.closed")]) }
        if p < 0 { return Draft(sentences: [phrasing.fill("sunroof.tilted")]) }
        return Draft(sentences: [phrasing.fill("sunroof.open", ["value": phrasing.quantity(p, kind: .percent, vssUnit: r.unit)])])
    }

    mutating func speed() -> Draft {
        let r = read("Vehicle.Speed")
        guard r.isUsable, let v = r.value?.number else { return missing("speed", r) }
        use(r)
        if v < 0.5 { return Draft(sentences: [phrasing.fill("speed.stopped")]) }
        return Draft(sentences: [phrasing.fill("speed", ["value": phrasing.quantity(v, kind: .speed, vssUnit: r.unit)])])
    }

    mutating func service() -> Draft {
        let due = read("Vehicle.Service.IsServiceDue")
        let distance = read("Vehicle.Service.DistanceToService")
        let time = read("Vehicle.Service.TimeToService")
        let d = distance.isUsable ? distance.value?.number : nil
        let t = time.isUsable ? time.value?.number : nil
        // Past the service: VSS counts the distance and time to it below zero. Said by how much.
        let overdueBy = (d.flatMap { $0 < 0 ? -$0 : nil }, t.flatMap { $0 < 0 ? -$0 : nil })
        if overdueBy.0 != nil || overdueBy.1 != nil {
            let dText = overdueBy.0.map { phrasing.quantity($0, kind: .distance, vssUnit: distance.unit ?? "km") }
            let tText = overdueBy.1.map { phrasing.duration(seconds: UnitMath.seconds($0, unit: time.unit)) }
            if dText != nil { use(distance) }
            if tText != nil { use(time) }
            if let dText, let tText {
                return Draft(sentences: [phrasing.fill("service.overdue.both", ["distance": dText, "time": tText])])
            }
            if let dText { return Draft(sentences: [phrasing.fill("service.overdue.distance", ["distance": dText])]) }
            if let tText { return Draft(sentences: [phrasing.fill("service.overdue.time", ["time": tText])]) }
        }
        if (due.isUsable && due.value?.bool == true) || (d ?? 1) <= 0 || (t ?? 1) <= 0 {
            if due.isUsable { use(due) }
            return Draft(sentences: [phrasing.fill("service.due")])
        }
        let dText = d.map { phrasing.quantity($0, kind: .distance, vssUnit: distance.unit ?? "km") }
        let tText = t.map { phrasing.duration(seconds: UnitMath.seconds($0, unit: time.unit)) }
        if let dText, let tText {
            use(distance); use(time)
            return Draft(sentences: [phrasing.fill("service.both", ["distance": dText, "time": tText])])
        }
        if let dText { use(distance); return Draft(sentences: [phrasing.fill("service.distance", ["distance": dText])]) }
        if let tText { use(time); return Draft(sentences: [phrasing.fill("service.time", ["time": tText])]) }
        if due.isUsable, due.value?.bool == false {
            use(due)
        }
        return missing("service", distance)
    }

    /// The lamps lit now, most severe first, from the telltale overlay, the equivalent VSS signals and the
    /// signals that imply a lamp (a low washer fluid flag, service due); `known` lists every lamp read.
    mutating func litLamps() -> (lit: [String], known: Set<String>) {
        var lit: [String] = []
        var readings: [SignalReading] = []
        var known: Set<String> = []
        let sources =
            VSSCatalog.telltaleNames.map { (VSSCatalog.telltalePath($0), $0) }
            + VSSCatalog.lampEquivalents.map { ($0.path, $0.lamp) } + WarningKnowledge.impliedLamps.map { ($0.path, $0.lamp) }
        for (path, name) in sources {
            let r = read(path)
            guard r.isUsable, let on = r.value?.bool else { continue }
            known.insert(name)
            readings.append(r)
            if on, !lit.contains(name) { lit.append(name) }
        }
        // Cite the lamps that are lit; when none is, the readings that say so.
        let cited = lit.isEmpty ? readings : readings.filter { $0.value?.bool == true }
        for r in cited { use(r) }
        let order = Dictionary(uniqueKeysWithValues: VSSCatalog.telltaleNames.enumerated().map { ($1, $0) })
        lit.sort {
            let a = WarningKnowledge.lamp($0).severity, b = WarningKnowledge.lamp($1).severity
            return a != b ? a > b : (order[$0] ?? 99) < (order[$1] ?? 99)
        }
        return (lit, known)
    }

    /// The stored trouble codes as "P0420 (meaning)", up to three; empty when none or unknown.
    mutating func storedCodes() -> String? {
        let r = read("Vehicle.OBD.DTCList")
        guard r.isUsable, let codes = r.value?.strings, !codes.isEmpty else { return nil }
        use(r)
        let items = codes.prefix(3).map {
            phrasing.fill(
                "fault_codes.item", ["code": $0.uppercased(), "meaning": WarningKnowledge.meaning(of: $0.uppercased(), language: locale.language)],
                capitalize: false)
        }
        return phrasing.join(items)
    }

    /// A lamp's label, with the stored codes for the check engine lamp.
    mutating func label(of lamp: String) -> String {
        let label = WarningKnowledge.lamp(lamp).label[locale.language]!
        if lamp == "Powertrain", let codes = storedCodes() {
            return phrasing.fill("warnings.withCodes", ["item": label, "codes": codes], capitalize: false)
        }
        return label
    }

    mutating func warnings() -> Draft {
        let (lit, known) = litLamps()
        let lang = locale.language
        func one(_ lamp: String) -> Draft {
            if lamp == "TirePressure" {
                // The tyre lamp: which tyre is low says more than the lamp ("Low tire pressure: rear right 24 psi").
                var probe = self
                let tyres = probe.tyreValues("tire_pressure", leaf: "Pressure", kind: .pressure)
                if tyres.grounded, !probe.lowWheels.isEmpty, let sentence = tyres.sentences.first {
                    self = probe
                    return Draft(sentences: [sentence])
                }
            }
            var me = self
            let sentence = me.phrasing.fill("warnings.one", ["item": me.label(of: lamp), "advice": WarningKnowledge.lamp(lamp).advice[lang]!])
            self = me
            return Draft(sentences: [sentence])
        }
        guard !known.isEmpty else {
            if let codes = storedCodes() { return Draft(sentences: [phrasing.fill("warnings.codes", ["codes": codes])]) }
            return missing("warnings", nil)
        }
        // A question about one lamp, by name or symbol ("is the check engine light on?", "the horseshoe thing").
        let named = analysis.has(.checkEngine) ? ["Powertrain"] : analysis.lamps
        if let lamp = named.first(where: lit.contains) { return one(lamp) }
        if let lamp = named.first, lit.isEmpty || analysis.has(.checkEngine) {
            if known.contains(lamp) {
                // The check engine lamp off with a stored code: the code is what "is the engine ok" is about.
                if lamp == "Powertrain", let codes = storedCodes() {
                    return Draft(sentences: [
                        phrasing.fill("warnings.specificOffCodes", ["item": WarningKnowledge.lamp(lamp).label[lang]!, "codes": codes])
                    ])
                }
                return Draft(sentences: [phrasing.fill("warnings.specificOff", ["item": WarningKnowledge.lamp(lamp).label[lang]!])])
            }
        }
        switch lit.count {
        case 0:
            if let codes = storedCodes() { return Draft(sentences: [phrasing.fill("warnings.codesOnly", ["codes": codes])]) }
            return Draft(sentences: [phrasing.fill("warnings.none")])
        case 1:
            return one(lit[0])
        default:
            let top = WarningKnowledge.lamp(lit[0])
            var labels: [String] = []
            for lamp in lit.prefix(3) { labels.append(label(of: lamp)) }
            return Draft(sentences: [phrasing.fill("warnings.many", ["items": phrasing.join(labels), "advice": top.advice[lang]!])])
        }
    }

    /// What to do now: about what was just asked first (a low tyre, a lamp), else the most severe thing the
    /// car reports; whether to keep driving comes from the lamp's severity.
    mutating func advice() -> Draft {
        let lang = locale.language
        var lampProbe = self
        let (lit, known) = lampProbe.litLamps()
        var tyreProbe = self
        _ = tyreProbe.tyreValues("tire_pressure", leaf: "Pressure", kind: .pressure)
        let tyresLow = !tyreProbe.lowItems.isEmpty
        // "What do I do about it" right after a weak 12 V battery is about the battery.
        if previousIntent == "low_voltage_battery", let weak = weakLowVoltageAdvice(below: 12.4) { return weak }
        let askedTyres = previousIntent.map { $0.hasPrefix("tire_") } ?? false
        if tyresLow, askedTyres || lit.isEmpty || lit.first == "TirePressure" {
            self = tyreProbe
            return Draft(sentences: [phrasing.fill("advice.tyres", ["items": phrasing.join(tyreProbe.lowItems)])])
        }
        // A door, the bonnet or a boot lid open while driving: stop and close it, before any lamp but after the
        // last question was about it or when no lamp is lit.
        let openings: Set<String> = ["doors", "hood", "trunk", "frunk", "open_check", "locks", "windows"]
        if lit.isEmpty || openings.contains(previousIntent ?? ""), let open = openWhileMoving() {
            return Draft(sentences: [phrasing.fill("advice.openMoving", ["items": phrasing.join(open)])])
        }
        // Right after a question about the charge or the range, a nearly empty battery is what to act on.
        let askedCharge = ["battery_level", "range", "can_reach", "charge_time", "charging_status"].contains(previousIntent ?? "")
        if askedCharge || lit.isEmpty, let low = lowChargeAdvice(atMost: askedCharge ? 20 : 10) { return low }
        if let top = lit.first {
            self = lampProbe
            let info = WarningKnowledge.lamp(top)
            let key = "advice.severity\(min(max(info.severity, 1), 3))"
            return Draft(sentences: [phrasing.fill(key, ["item": label(of: top), "advice": info.advice[lang]!])])
        }
        if let codes = storedCodes() { return Draft(sentences: [phrasing.fill("advice.codes", ["codes": codes])]) }
        // A plainly low 12 V battery, with no lamp for it.
        if let weak = weakLowVoltageAdvice(below: 12.0) { return weak }
        guard !known.isEmpty else { return missing("warnings", nil) }
        self = lampProbe
        return Draft(sentences: [phrasing.fill("advice.none")])
    }

    /// The doors and lids open while the car moves (they can swing open or fly up), or nil when none is or the car stands.
    mutating func openWhileMoving() -> [String]? {
        let moving = read("Vehicle.IsMoving")
        let speed = read("Vehicle.Speed")
        let isMoving =
            (moving.isUsable && moving.value?.bool == true) || (speed.isUsable && (speed.value?.number ?? 0) >= 5)
        guard isMoving else { return nil }
        var open: [String] = []
        var used: [SignalReading] = []
        for (path, label) in IntentCatalog.doorMembers.map({ ($0.path, $0.label) }) + IntentCatalog.lids {
            let r = read(path)
            guard r.isUsable, r.value?.bool == true else { continue }
            used.append(r)
            open.append(phrasing.text(label))
        }
        guard !open.isEmpty else { return nil }
        for r in used { use(r) }
        use(moving.isUsable ? moving : speed)
        return open
    }

    /// Advice for a 12 V battery below `threshold` volts, or nil.
    /// "Charge soon" when the traction battery is at `percent` or less ("so what do I do" at 6 %).
    mutating func lowChargeAdvice(atMost percent: Double) -> Draft? {
        let level = read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed")
        guard level.isUsable, let soc = level.value?.number, soc <= percent else { return nil }
        use(level)
        return Draft(sentences: [phrasing.fill("advice.lowCharge", ["soc": phrasing.quantity(soc, kind: .percent, vssUnit: level.unit)])])
    }

    mutating func weakLowVoltageAdvice(below threshold: Double) -> Draft? {
        let lv = read("Vehicle.LowVoltageBattery.CurrentVoltage")
        guard lv.isUsable, let v = lv.value?.number, v < threshold else { return nil }
        use(lv)
        return Draft(sentences: [phrasing.fill("advice.lowVoltage", ["value": phrasing.quantity(v, kind: .voltage, vssUnit: lv.unit)])])
    }

    mutating func faultCodes() -> Draft {
        let r = read("Vehicle.OBD.DTCList")
        guard r.isUsable, let codes = r.value?.strings else { return missing("fault_codes", r) }
        use(r)
        let lang = locale.language
        let upper = codes.map { $0.uppercased() }
        switch upper.count {
        case 0: return Draft(sentences: [phrasing.fill("fault_codes.none")])
        case 1:
            return Draft(sentences: [
                phrasing.fill("fault_codes.one", ["code": upper[0], "meaning": WarningKnowledge.meaning(of: upper[0], language: lang)])
            ])
        default:
            let items = upper.prefix(3).map {
                phrasing.fill("fault_codes.item", ["code": $0, "meaning": WarningKnowledge.meaning(of: $0, language: lang)], capitalize: false)
            }
            return Draft(sentences: [phrasing.fill("fault_codes.many", ["items": phrasing.join(items)])])
        }
    }

    mutating func explainCode() -> Draft {
        guard let code = analysis.codes.first else { return faultCodes() }
        let meaning = WarningKnowledge.meaning(of: code, language: locale.language)
        let r = read("Vehicle.OBD.DTCList")
        if r.isUsable, let stored = r.value?.strings, stored.map({ $0.uppercased() }).contains(code) {
            use(r)
            return Draft(sentences: [phrasing.fill("explain_code.stored", ["code": code, "meaning": meaning])])
        }
        return Draft(sentences: [phrasing.fill("explain_code", ["meaning": meaning])], grounded: false)
    }

    mutating func lowVoltage() -> Draft {
        let r = read("Vehicle.LowVoltageBattery.CurrentVoltage")
        guard r.isUsable, let v = r.value?.number else { return missing("low_voltage_battery", r) }
        use(r)
        let key = v >= 12.4 ? "lv.good" : v >= 12.0 ? "lv.weak" : "lv.low"
        return Draft(sentences: [phrasing.fill(key, ["value": phrasing.quantity(v, kind: .voltage, vssUnit: r.unit)])])
    }

    /// Whether the car is on: its low-voltage system (ignition) state, and ready to drive when the high-voltage
    /// battery is connected.
    mutating func powerState() -> Draft {
        let state = read("Vehicle.LowVoltageSystemState")
        let ready = read("Vehicle.Powertrain.TractionBattery.IsPowerConnected")
        let stateName = state.isUsable ? state.value?.description.uppercased() : nil
        if ready.isUsable, ready.value?.bool == true, stateName != "OFF", stateName != "LOCK" {
            use(ready)
            if stateName != nil { use(state) }
            return Draft(sentences: [phrasing.fill("power_state.ready")])
        }
        let key: String
        switch stateName {
        case "ON": key = "power_state.on"
        case "START": key = "power_state.starting"
        case "ACC": key = "power_state.accessory"
        case "OFF", "LOCK": key = "power_state.off"
        default: return missing("power_state", state)
        }
        use(state)
        return Draft(sentences: [phrasing.fill(key)])
    }

    mutating func gear() -> Draft {
        let r = read("Vehicle.Powertrain.Transmission.SelectedGear")
        guard r.isUsable, let value = r.value else { return missing("gear", r) }
        use(r)
        switch value {
        case .number(let g):
            switch Int(g) {
            case 126: return Draft(sentences: [phrasing.fill("gear.park")])
            case 127: return Draft(sentences: [phrasing.fill("gear.drive")])
            case 0: return Draft(sentences: [phrasing.fill("gear.neutral")])
            case let n where n < 0: return Draft(sentences: [phrasing.fill("gear.reverse")])
            case let n: return Draft(sentences: [phrasing.fill("gear.number", ["value": String(n)])])
            }
        case .string(let s):
            switch s.uppercased() {
            case "P", "PARK": return Draft(sentences: [phrasing.fill("gear.park")])
            case "D", "DRIVE": return Draft(sentences: [phrasing.fill("gear.drive")])
            case "R", "REVERSE": return Draft(sentences: [phrasing.fill("gear.reverse")])
            case "N", "NEUTRAL": return Draft(sentences: [phrasing.fill("gear.neutral")])
            default: return missing("gear", r)
            }
        default:
            return missing("gear", r)
        }
    }
}
