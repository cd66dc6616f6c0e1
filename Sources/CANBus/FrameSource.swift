/// Something that yields CAN frames in batches: a SocketCAN socket, a replayed log, the simulator.
///
/// Batches keep the consumer's cost per frame low: one call, one suspension point and one hop per
/// batch, never per frame. The caller owns `batch` and reuses it, so a steady stream allocates nothing.
public protocol FrameSource {
    /// Replaces the contents of `batch` with the next frames, waiting until at least one is there.
    ///
    /// Returns `false` when the source has ended (a log's end); a live bus never ends by itself.
    mutating func receive(into batch: inout [CANFrame]) async throws -> Bool
}

/// A malformed line met while reading a `candump -L` log: which line, and why.
public struct LogLineProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line number in the log.
    public var line: Int
    public var error: CandumpLog.ParseError
    public init(line: Int, error: CandumpLog.ParseError) {
        self.line = line
        self.error = error
    }
    public var description: String { "line \(line), \(error)" }
}

/// The frames of `candump -L` lines, one at a time: blank lines and comments are skipped, malformed lines
/// are kept in `problems` with their 1-based line numbers and skipped too.
public struct CandumpFrames<Lines: IteratorProtocol>: IteratorProtocol where Lines.Element: StringProtocol {
    private var lines: Lines
    private var lineNumber = 0
    public private(set) var problems: [LogLineProblem] = []

    public init(_ lines: Lines) { self.lines = lines }

    public mutating func next() -> CANFrame? {
        while let line = lines.next() {
            lineNumber += 1
            do {
                if let frame = try CandumpLog.parse(line: line) { return frame }
            } catch {
                problems.append(LogLineProblem(line: lineNumber, error: error))
            }
        }
        return nil
    }
}

/// Replays `candump -L` lines as a frame source, with the logged timestamps.
///
/// Malformed lines are skipped and kept in `problems` (with their line numbers); the replay goes on.
/// With a `speed`, frames are released at their logged pace divided by it (as `canplayer` does);
/// without one, as fast as the consumer takes them.
public struct ReplaySource<Lines: Sequence>: FrameSource where Lines.Element: StringProtocol {
    private var frames: CandumpFrames<Lines.Iterator>
    private let batchSize: Int
    private let speed: Double?
    private var firstLogTime: CANTimestamp?
    private var startInstant: ContinuousClock.Instant?
    /// Malformed lines met so far, with their line numbers.
    public var problems: [LogLineProblem] { frames.problems }
    public private(set) var framesRead = 0

    /// - Parameters:
    ///   - lines: the log, a line at a time, without newlines.
    ///   - speed: pace factor (`1` is real time, `2` twice as fast); `nil` replays without waiting.
    ///   - batchSize: the most frames handed over per `receive`.
    public init(lines: Lines, speed: Double? = nil, batchSize: Int = 256) {
        frames = CandumpFrames(lines.makeIterator())
        self.speed = speed
        self.batchSize = max(1, batchSize)
    }

    public mutating func receive(into batch: inout [CANFrame]) async throws -> Bool {
        batch.removeAll(keepingCapacity: true)
        while batch.count < batchSize, let frame = frames.next() {
            if let speed {
                try await pace(frame.timestamp, speed: speed)
                batch.append(frame)
                framesRead += 1
                // A paced replay hands each frame over when it is due.
                return true
            }
            batch.append(frame)
            framesRead += 1
        }
        return !batch.isEmpty
    }

    private mutating func pace(_ time: CANTimestamp, speed: Double) async throws {
        let clock = ContinuousClock()
        guard let first = firstLogTime, let start = startInstant else {
            firstLogTime = time
            startInstant = clock.now
            return
        }
        let offset = Double(time.nanoseconds - first.nanoseconds) / 1e9 / speed
        let due = start.advanced(by: .seconds(max(0, offset)))
        if due > clock.now { try await clock.sleep(until: due, tolerance: .microseconds(100)) }
    }
}
