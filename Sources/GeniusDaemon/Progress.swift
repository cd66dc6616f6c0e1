import Synchronization

/// What the ingest loop is doing, for the watchdog: waiting for the source, or handling a batch since when.
///
/// Progress on a quiet bus is defined by the loop, not by traffic: waiting in `receive` for a SocketCAN
/// interface that sends nothing is healthy (the reader thread waits in `poll`); a batch that takes longer
/// than the stall limit to handle, or a paced source (simulator, replay) that has not handed over a batch
/// for the quiet limit, is a stall. A source that has ended (a replay log without `loop`) is healthy.
public final class IngestProgress: Sendable {
    /// 0 starting, 1 waiting for the source, 2 handling a batch, 3 the source ended.
    private let phase = Atomic<Int>(0)
    /// When the phase began, in nanoseconds of the caller's monotonic clock.
    private let since = Atomic<Int64>(0)
    /// Batches handled since start.
    private let batchCount = Atomic<Int>(0)
    /// Frames handled since start.
    private let frameCount = Atomic<Int>(0)
    /// Rung for every batch handled: what idle periodic work waits on instead of polling.
    public let activity = Doorbell()

    public enum Phase: Int, Sendable, Equatable {
        case starting = 0, waiting, processing, ended
    }

    public init() {}

    public func waiting(at now: Int64) {
        since.store(now, ordering: .relaxed)
        phase.store(Phase.waiting.rawValue, ordering: .releasing)
    }

    public func processing(at now: Int64) {
        since.store(now, ordering: .relaxed)
        phase.store(Phase.processing.rawValue, ordering: .releasing)
    }

    /// Counts a batch of `frames` frames, handled.
    public func handled(frames: Int) {
        batchCount.add(1, ordering: .relaxed)
        frameCount.add(frames, ordering: .relaxed)
        activity.ring()
    }

    public func ended(at now: Int64) {
        since.store(now, ordering: .relaxed)
        phase.store(Phase.ended.rawValue, ordering: .releasing)
    }

    public var currentPhase: Phase { Phase(rawValue: phase.load(ordering: .acquiring)) ?? .starting }
    public var batches: Int { batchCount.load(ordering: .relaxed) }
    public var frames: Int { frameCount.load(ordering: .relaxed) }

    /// Whether the ingest is making progress at `now` (same clock as the phase calls).
    /// - Parameters:
    ///   - stallLimit: nanoseconds one batch may take.
    ///   - quietLimit: nanoseconds a paced source may keep the loop waiting; `nil` for a live bus (no limit).
    public func isHealthy(at now: Int64, stallLimit: Int64, quietLimit: Int64?) -> Bool {
        let started = since.load(ordering: .relaxed)
        switch currentPhase {
        case .starting: return now - started <= stallLimit
        case .processing: return now - started <= stallLimit
        case .waiting:
            guard let quietLimit else { return true }
            return now - started <= quietLimit
        case .ended: return true
        }
    }
}

/// Frames per second over a sliding window, from a running total sampled now and then.
public struct FrameRate: Sendable {
    public let window: Int64
    private var samples: [(time: Int64, total: Int)] = []

    /// - Parameter window: how far back the rate looks, nanoseconds.
    public init(window: Int64 = 5_000_000_000) {
        self.window = window
    }

    /// Adds a sample of the running total at `time` (nanoseconds, monotonic).
    public mutating func record(total: Int, at time: Int64) {
        samples.append((time, total))
        while samples.count > 2, let first = samples.first, time - first.time > window { samples.removeFirst() }
    }

    /// Frames per second between the oldest and newest sample in the window; 0 with fewer than two.
    public var perSecond: Double {
        guard let first = samples.first, let last = samples.last, last.time > first.time else { return 0 }
        return Double(last.total - first.total) / (Double(last.time - first.time) / 1e9)
    }
}

/// Wakes one waiting task: what lets idle work sleep until something happens, rather than poll.
///
/// A ring with nobody waiting is kept, so the next `wait` returns at once (a wake is never lost; at most one
/// is spurious). Cancelling the waiting task ends its wait.
public final class Doorbell: Sendable {
    private let state = Mutex<(rung: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    public init() {}

    public func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.rung = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Until the bell rings (or rang since the last wait) or the task is cancelled.
    public func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.rung || Task.isCancelled {
                        state.rung = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            ring()
        }
    }

    /// Until the bell rings, `limit` passes (`sleep` waits it out; it must end early when cancelled), or the
    /// task is cancelled.
    public func wait(upTo limit: Duration, sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.wait() }
            group.addTask { await sleep(limit) }
            await group.next()
            group.cancelAll()
        }
    }
}
