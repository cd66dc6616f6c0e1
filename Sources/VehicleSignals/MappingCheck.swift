public import CANBus
import VSS

/// What a vehicle mapping covers of the assistant's topics, and what looks wrong when a recording of the car is
/// replayed through it (`geniusctl map check`): values outside what a car can show, an odometer that falls, a
/// door that flips every few frames, paths whose messages the recording never carries.
public struct MappingCheck: Sendable {
    /// An assistant topic and the mapped paths that serve it (empty: the car cannot answer it).
    public struct Topic: Sendable, Hashable {
        public var name: String
        public var paths: [String]
    }

    /// One mapped path as the recording showed it.
    public struct PathReport: Sendable {
        public var path: String
        /// `MESSAGE.SIGNAL`, `+`-joined for combined signals.
        public var source: String
        public var isUnverified: Bool
        /// Frames of its message that reached the path (after the interface and multiplexer filters).
        public var frames = 0
        public var available = 0
        public var notAvailable = 0
        public var invalid = 0
        /// The smallest and largest number seen (booleans as 0 and 1), in the VSS unit.
        public var minimum: Double?
        public var maximum: Double?
        /// How often the value changed from one frame to the next.
        public var changes = 0
        /// The last value seen, as text.
        public var last: String?
        public var unit: String?
    }

    /// Something that looks wrong: the path, and what and when.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var text: String
        public var description: String { "\(path): \(text)" }
    }

    public var topics: [Topic]
    public var unverified: [String]
    /// Per mapped path, in the mapping's order; empty without a log.
    public var paths: [PathReport] = []
    /// What looks wrong: a value no car shows, an odometer that falls, a flag that flips, many invalid frames.
    public var problems: [Problem] = []
    /// What the log does not show: paths whose messages never came, or came without a value.
    public var notes: [Problem] = []
    /// Frames read from the log, and its span in seconds.
    public var framesRead = 0
    public var seconds = 0.0
    public var logProblems: [LogLineProblem] = []

    /// The assistant's topics and the paths that answer them (a trailing `*` matches any path under the prefix, a
    /// leading `*` any path ending so).
    public static let topicPaths: [(name: String, patterns: [String])] = [
        ("range", ["Vehicle.Powertrain.Range", "Vehicle.Powertrain.TractionBattery.Range", "Vehicle.Powertrain.FuelSystem.Range"]),
        ("charge", ["Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current"]),
        ("charging", ["Vehicle.Powertrain.TractionBattery.Charging.*"]),
        ("speed", ["Vehicle.Speed"]),
        ("odometer", ["Vehicle.TraveledDistance"]),
        ("doors", ["Vehicle.Cabin.Door.*.IsOpen"]),
        ("tyres", ["*.Tire.Pressure"]),
        ("12 V", ["Vehicle.LowVoltageBattery.CurrentVoltage"]),
        ("fuel", ["Vehicle.Powertrain.FuelSystem.RelativeLevel"]),
        ("warnings", ["Vehicle.Cabin.Telltale.*", "Vehicle.OBD.Status.IsMILOn", "Vehicle.OBD.DTCList"]),
        ("power", ["Vehicle.LowVoltageSystemState", "Vehicle.Powertrain.TractionBattery.IsPowerConnected"]),
        ("gear", ["Vehicle.Powertrain.Transmission.SelectedGear"]),
        ("seat belts", ["Vehicle.Cabin.Seat.*.IsBelted"]),
    ]

    /// What a car can show, per path (in the VSS unit); a value outside is reported.
    static func plausible(_ path: String) -> ClosedRange<Double>? {
        switch path {
        case "Vehicle.Speed": return -60...300
        case _ where path.hasSuffix(".Wheel.Left.Speed") || path.hasSuffix(".Wheel.Right.Speed"): return -60...300
        case _ where path.contains(".StateOfCharge."): return 0...100
        case "Vehicle.Powertrain.Range", "Vehicle.Powertrain.TractionBattery.Range", "Vehicle.Powertrain.FuelSystem.Range":
            return 0...1_500_000
        case "Vehicle.TraveledDistance": return 0...2_000_000
        case "Vehicle.LowVoltageBattery.CurrentVoltage": return 6...18
        case "Vehicle.Powertrain.TractionBattery.CurrentVoltage": return 0...1000
        case _ where path.contains(".Temperature."): return -50...100
        case "Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit", "Vehicle.Powertrain.FuelSystem.RelativeLevel": return 0...100
        case _ where path.hasSuffix(".Tire.Pressure"): return 0...600
        default: return nil
        }
    }

    static func matches(_ path: String, _ pattern: String) -> Bool {
        if pattern.hasPrefix("*") { return path.hasSuffix(pattern.dropFirst()) }
        guard let star = pattern.firstIndex(of: "*") else { return path == pattern }
        return path.hasPrefix(pattern[..<star]) && path.hasSuffix(pattern[pattern.index(after: star)...])
    }

    /// The coverage of `mapping`: the topics it answers and its unverified entries.
    public init(mapping: VehicleMapping) {
        topics = Self.topicPaths.map { topic in
            Topic(
                name: topic.name,
                paths: mapping.slots.map(\.path).filter { path in topic.patterns.contains { Self.matches(path, $0) } })
        }
        unverified = mapping.slots.filter(\.isUnverified).map(\.path)
    }

    /// The coverage of `mapping`, and what a recording of the car (`candump -L` lines) shows through it.
    public init(mapping: VehicleMapping, lines: some Sequence<some StringProtocol>) {
        self.init(mapping: mapping)
        replay(mapping: mapping, lines: lines)
    }

    private mutating func replay(mapping: VehicleMapping, lines: some Sequence<some StringProtocol>) {
        let store = SignalStore(mapping: mapping)
        var reports = mapping.slots.map { slot in
            PathReport(
                path: slot.path, source: slot.source, isUnverified: slot.isUnverified,
                unit: slot.info.unit)
        }
        var byFrame: [UInt32: [Int]] = [:]
        for (index, slot) in mapping.slots.enumerated() {
            byFrame[slot.frameID.value | (slot.frameID.isExtended ? 0x8000_0000 : 0), default: []].append(index)
        }
        var lastReceived = [CANTimestamp?](repeating: nil, count: reports.count)
        var lastValue = [SignalValue?](repeating: nil, count: reports.count)
        var flagged = Set<String>()
        var first: CANTimestamp?
        var end = CANTimestamp(nanoseconds: .min)
        var lineNumber = 0
        for line in lines {
            lineNumber += 1
            let parsed: CANFrame?
            do {
                parsed = try CandumpLog.parse(line: line)
            } catch {
                logProblems.append(LogLineProblem(line: lineNumber, error: error))
                continue
            }
            guard let frame = parsed else { continue }
            framesRead += 1
            if first == nil { first = frame.timestamp }
            if frame.timestamp.nanoseconds > end.nanoseconds { end = frame.timestamp }
            guard let indices = byFrame[frame.id.value | (frame.id.isExtended ? 0x8000_0000 : 0)], store.ingest(frame) else { continue }
            let readings = store.read(indices.map { mapping.slots[$0].path }, now: frame.timestamp)
            let at = Double(frame.timestamp.nanoseconds - (first?.nanoseconds ?? 0)) / 1e9
            for (index, reading) in zip(indices, readings) {
                // Only the paths this frame wrote (a multiplexed frame writes some of its message's paths).
                guard let received = reading.receivedAt, received != lastReceived[index] else { continue }
                lastReceived[index] = received
                reports[index].frames += 1
                switch reading.status {
                case .notAvailable: reports[index].notAvailable += 1
                case .invalid: reports[index].invalid += 1
                default: reports[index].available += 1
                }
                guard let value = reading.value else { continue }
                if let previous = lastValue[index], previous != value {
                    reports[index].changes += 1
                    if reading.path == "Vehicle.TraveledDistance", let before = previous.number, let now = value.number, now < before,
                        flagged.insert(reading.path + "falls").inserted
                    {
                        problems.append(
                            Problem(path: reading.path, text: "falls from \(Self.format(before)) to \(Self.format(now)) at \(Self.format(at)) s"))
                    }
                }
                lastValue[index] = value
                reports[index].last = value.description
                if let number = value.doubleValue {
                    reports[index].minimum = min(reports[index].minimum ?? number, number)
                    reports[index].maximum = max(reports[index].maximum ?? number, number)
                    if let limits = Self.plausible(reading.path), !limits.contains(number), flagged.insert(reading.path + "range").inserted {
                        problems.append(
                            Problem(
                                path: reading.path,
                                text:
                                    "\(Self.format(number)) \(reading.unit ?? "") at \(Self.format(at)) s is outside what a car shows (\(Self.format(limits.lowerBound)) to \(Self.format(limits.upperBound)))"
                            ))
                    }
                }
            }
        }
        if let first { seconds = Double(end.nanoseconds - first.nanoseconds) / 1e9 }
        for report in reports {
            if report.frames == 0 {
                notes.append(Problem(path: report.path, text: "no frame of \(report.source.split(separator: ".")[0]) in the log"))
            } else if report.available == 0 {
                notes.append(
                    Problem(
                        path: report.path,
                        text: "\(report.frames) frames, none with a value (\(report.notAvailable) not available, \(report.invalid) invalid)"))
            } else if report.invalid * 10 > report.frames {
                problems.append(Problem(path: report.path, text: "invalid in \(report.invalid) of \(report.frames) frames"))
            }
            // A boolean that changes every few frames is more likely a counter or a wrong bit than a door.
            if mapping.slots.first(where: { $0.path == report.path })?.info.datatype == .boolean, report.frames >= 20,
                report.changes * 4 > report.frames
            {
                problems.append(Problem(path: report.path, text: "flips \(report.changes) times in \(report.frames) frames"))
            }
        }
        paths = reports
    }

    /// A number for a report: whole numbers without a fraction, others to three decimals.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let rounded = (value * 1000).rounded() / 1000
        return "\(rounded)"
    }
}
