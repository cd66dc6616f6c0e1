public import CANBus
import FoundationEssentials
import Synchronization

/// The state a `candump -L` recording leaves: its frames replayed in log time through a vehicle's
/// decode and mapping into a fresh `SignalStore`, read at one moment of the recording.
///
/// The store is the daemon's own; only the clock differs: reads happen at `moment`, in log time, so a
/// value whose message stopped earlier in the log is as stale as it would have been in the car.
public struct RecordedState: Sendable {
    /// The store holding every frame up to `moment`; its clock reads `moment`.
    public let store: SignalStore
    /// The read time: `at` seconds after the first frame, or the log's last frame.
    public let moment: CANTimestamp
    /// The timestamp of the log's first frame (the origin of `at`).
    public let firstFrame: CANTimestamp
    /// The latest timestamp in the whole log.
    public let lastFrame: CANTimestamp
    /// Frames ingested (those at or before `moment`).
    public let framesReplayed: Int
    /// Malformed lines, skipped.
    public let problems: [LogLineProblem]
    /// The interface names the log's frames carry, sorted.
    public let interfaces: [String]

    /// Replays the log at `path` (`-` is standard input) into a store for `mapping`; see `init(lines:...)`.
    public static func load(path: String, mapping: VehicleMapping, at offset: Double? = nil) throws(VehicleSignalsError) -> RecordedState {
        let data: Data
        do {
            data = try Data(contentsOf: URL(filePath: path == "-" ? "/dev/stdin" : path))
        } catch {
            throw .unreadable(file: path, problem: "cannot read the file (\(error))")
        }
        let text = String(decoding: data, as: UTF8.self)
        return try RecordedState(lines: text.split(separator: "\n", omittingEmptySubsequences: false), mapping: mapping, at: offset, source: path)
    }

    /// Replays `candump -L` lines into a fresh store.
    ///
    /// - Parameters:
    ///   - offset: seconds after the first frame to stop and read at; `nil` reads at the last frame. Frames
    ///     later than that moment are left out. Must lie within the log.
    ///   - source: names the log in errors.
    /// - Throws: `.recording` when the log holds no frames or `offset` lies outside it.
    public init(
        lines: some Sequence<some StringProtocol>, mapping: VehicleMapping, at offset: Double? = nil, source: String = "log"
    ) throws(VehicleSignalsError) {
        if let offset, !(offset >= 0 && offset.isFinite) {
            throw .recording(file: source, problem: "the moment to read at must be a number of seconds from 0 on, not \(offset)")
        }
        let box = MomentBox()
        let store = SignalStore(mapping: mapping, configuration: .init(clock: { box.read() }))
        var batch: [CANFrame] = []
        batch.reserveCapacity(1024)
        var first: CANTimestamp?
        var last = CANTimestamp(nanoseconds: .min)
        var limit = Int64.max
        var replayed = 0
        var interfaceNames = Set<String>()
        var lastInterface = CANInterfaceName(truncating: "")
        var frames = CandumpFrames(lines.makeIterator())
        while let frame = frames.next() {
            if frame.interfaceName != lastInterface {
                lastInterface = frame.interfaceName
                interfaceNames.insert(lastInterface.description)
            }
            if first == nil {
                first = frame.timestamp
                // A moment past any clock (--at 1e12) reads everything; the span check below then refuses it.
                if let offset {
                    let nanoseconds = (offset * 1e9).rounded()
                    limit =
                        nanoseconds < Double(Int64.max - max(0, frame.timestamp.nanoseconds))
                        ? frame.timestamp.nanoseconds + Int64(nanoseconds) : .max
                }
            }
            if frame.timestamp.nanoseconds > last.nanoseconds { last = frame.timestamp }
            guard frame.timestamp.nanoseconds <= limit else { continue }
            batch.append(frame)
            if batch.count == 1024 {
                store.ingest(batch)
                replayed += batch.count
                batch.removeAll(keepingCapacity: true)
            }
        }
        store.ingest(batch)
        replayed += batch.count
        let problems = frames.problems
        guard let first else {
            throw .recording(
                file: source, problem: problems.isEmpty ? "holds no frames" : "holds no frames (\(problems.count) malformed lines)")
        }
        let span = Double(last.nanoseconds - first.nanoseconds) / 1e9
        if let offset, offset > span {
            throw .recording(
                file: source,
                problem: "the log ends \(Self.seconds(span)) s after its first frame; cannot read it at \(Self.seconds(offset)) s")
        }
        let moment = offset == nil ? last : CANTimestamp(nanoseconds: limit)
        box.set(moment)
        self.store = store
        self.moment = moment
        self.firstFrame = first
        self.lastFrame = last
        self.framesReplayed = replayed
        self.problems = problems
        self.interfaces = interfaceNames.sorted()
    }

    /// Seconds with at most three decimals, without trailing zeros (`27.695`, `40`).
    static func seconds(_ value: Double) -> String {
        let milliseconds = (value * 1000).rounded()
        let whole = Int64(milliseconds / 1000)
        let fraction = Int64(abs(milliseconds.truncatingRemainder(dividingBy: 1000)))
        guard fraction != 0 else { return "\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}

/// The replay's read time, set once the log's end is known; the store's clock reads it.
private final class MomentBox: Sendable {
    private let moment = Mutex(CANTimestamp(nanoseconds: 0))
    func read() -> CANTimestamp { moment.withLock { $0 } }
    func set(_ value: CANTimestamp) { moment.withLock { $0 = value } }
}
