import Glibc
import Synchronization
import Varlink

/// One connection's own thread: it reads the socket, decodes calls, and runs the connection's tasks as
/// their task executor, so a call is read, answered and written on one thread with no hop through the
/// shared concurrency pool (a hop costs a thread wake-up, the largest part of a round trip).
///
/// Jobs that other threads enqueue (a timer, an actor hop) wake the thread through a pipe. Once `stop()`
/// has been called and the last jobs ran, the thread ends and later jobs go to the global executor.
final class ConnectionLoop: TaskExecutor, @unchecked Sendable {
    private struct State {
        var jobs: [UnownedJob] = []
        /// The thread is in (or about to enter) `poll`: an enqueue must wake it.
        var polling = false
        var stopped = false
    }

    let connection: SocketDescriptor
    /// When the peer last sent a byte or had a call in progress (CLOCK_MONOTONIC ns; at most about a second
    /// stale while timeouts are on): how the server picks an idle connection to close when it is full.
    let lastActiveAt = Atomic<Int64>(monotonicNanoseconds())
    private let state = Mutex(State())
    /// The pipe that wakes the thread: read end, write end (both non-blocking).
    private let wakeRead: Int32
    private let wakeWrite: Int32

    /// - Throws: `VarlinkSocketError` when the pipe cannot be made.
    init(connection: SocketDescriptor) throws(VarlinkSocketError) {
        self.connection = connection
        var ends: [Int32] = [0, 0]
        try systemCall("pipe") { pipe(&ends) }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = ends[0]
        wakeWrite = ends[1]
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let (accepted, wake) = state.withLock { state -> (Bool, Bool) in
            if state.stopped { return (false, false) }
            state.jobs.append(unowned)
            let wake = state.polling
            state.polling = false
            return (true, wake)
        }
        if !accepted {
            globalConcurrentExecutor.enqueue(ExecutorJob(unowned))
        } else if wake {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
    }

    /// Ends the thread once the jobs queued now have run.
    func stop() {
        let wake = state.withLock { state -> Bool in
            state.stopped = true
            return true
        }
        if wake {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
    }

    /// When a connection is cut off for taking too long; seconds, 0 for never.
    struct Timeouts: Sendable {
        /// No call queued or being answered (no stream) and no byte received for this long.
        var idle: Double = 0
        /// Part of a message received and its NUL terminator not, for this long.
        var halfMessage: Double = 0
    }

    /// Why the loop cut a connection off.
    enum Cutoff: Sendable { case idle, halfMessage }

    /// Starts the thread: it reads calls into `queue` (up to the end of the input, a fatal message, or a
    /// full queue), finishes `hangup` once the peer is gone for good (POLLHUP, or a read error) or once a
    /// timeout cut it off (`cutOff` is told which, on the thread), and runs jobs.
    func start(
        queue: CallQueue, maximumMessageSize: Int, hangup: AsyncStream<Void>.Continuation, timeouts: Timeouts = Timeouts(),
        cutOff: @escaping @Sendable (Cutoff) -> Void = { _ in }
    ) throws(VarlinkSocketError) {
        try startThread { [self] in
            run(queue: queue, maximumMessageSize: maximumMessageSize, hangup: hangup, timeouts: timeouts, cutOff: cutOff)
        }
    }

    private func run(
        queue: CallQueue, maximumMessageSize: Int, hangup: AsyncStream<Void>.Continuation, timeouts: Timeouts,
        cutOff: @Sendable (Cutoff) -> Void
    ) {
        let fd = connection.fd
        let executor = asUnownedTaskExecutor()
        var decoder = CallDecoder(maximumMessageSize: maximumMessageSize)
        var buffer = [UInt8](repeating: 0, count: 65536)
        var reading = true
        var watching = true  // for POLLHUP, until the peer is gone
        var drain = [UInt8](repeating: 0, count: 64)
        let idleLimit = timeouts.idle > 0 ? Int64(min(timeouts.idle, 1e6) * 1e9) : nil
        let halfLimit = timeouts.halfMessage > 0 ? Int64(min(timeouts.halfMessage, 1e6) * 1e9) : nil
        var lastActive = monotonicNanoseconds()  // the last byte read, or the last moment a call was being answered
        var partialSince: Int64?  // when the first byte of the message not yet complete arrived
        while true {
            let (jobs, stopped) = state.withLock { state -> ([UnownedJob], Bool) in
                let jobs = state.jobs
                state.jobs.removeAll(keepingCapacity: true)
                if jobs.isEmpty { state.polling = true }
                return (jobs, state.stopped)
            }
            if !jobs.isEmpty {
                // A few threads per core run Swift code at once: with a hundred connections busy, the rest
                // wait here asleep instead of contending for the locks their handlers share.
                RunGate.shared.enter()
                for job in jobs { job.runSynchronously(on: executor) }
                RunGate.shared.leave()
                continue
            }
            if stopped { break }
            // Backpressure: while the calls read ahead hold more than one message's worth of bytes, the
            // socket is not read (the peer's writes then block in its kernel buffer), so a pipelining peer
            // holds at most about two messages decoded; looked at again every 5 ms.
            let throttled = reading && queue.queuedBytes > maximumMessageSize
            // Timeouts apply while the peer may still send: checked at least once a second.
            var wait: Int32 = -1
            if reading, idleLimit != nil || halfLimit != nil {
                let now = monotonicNanoseconds()
                if !queue.isIdle {
                    lastActive = now
                    lastActiveAt.store(now, ordering: .relaxed)
                }
                if throttled, partialSince != nil { partialSince = now }  // not the peer's delay: ours
                if let halfLimit, let since = partialSince, now - since > halfLimit {
                    reading = false
                    watching = false
                    queue.finish()
                    hangup.finish()
                    cutOff(.halfMessage)  // told before the peer sees the end, so its count is there when it does
                    shutdown(fd, Int32(SHUT_RDWR))
                    continue
                }
                if let idleLimit, partialSince == nil, queue.isIdle, now - lastActive > idleLimit {
                    reading = false
                    watching = false
                    queue.finish()
                    hangup.finish()
                    cutOff(.idle)  // told before the peer sees the end, so its count is there when it does
                    shutdown(fd, Int32(SHUT_RDWR))
                    continue
                }
                var next = Int64(1_000_000_000)
                if let idleLimit, partialSince == nil { next = min(next, lastActive + idleLimit - now + 1_000_000) }
                if let halfLimit, let since = partialSince { next = min(next, since + halfLimit - now + 1_000_000) }
                wait = Int32(max(1, min(next / 1_000_000, 1000)))
            }
            if throttled { wait = wait < 0 ? 5 : min(wait, 5) }
            var entries = [
                pollfd(fd: watching ? fd : -1, events: reading && !throttled ? Int16(POLLIN) : 0, revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&entries, 2, wait)
            state.withLock { $0.polling = false }
            if ready < 0 { continue }  // EINTR
            if entries[1].revents != 0 {
                while read(wakeRead, &drain, drain.count) > 0 {}
            }
            let events = Int32(entries[0].revents)
            guard events != 0 else { continue }
            if reading, !throttled {
                let count = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress!, raw.count) }
                if count > 0 {
                    lastActive = monotonicNanoseconds()
                    lastActiveAt.store(lastActive, ordering: .relaxed)
                    decoder.append(buffer[0..<count])
                    while let incoming = decoder.next() {
                        guard queue.push(incoming, bytes: decoder.lastMessageByteCount) else {
                            reading = false
                            queue.finish()
                            break
                        }
                    }
                    if decoder.pendingByteCount == 0 {
                        partialSince = nil
                    } else if partialSince == nil {
                        partialSince = lastActive
                    }
                } else if count == 0 {
                    // The end of the input: queued calls and streams are still answered (a half-close).
                    // poll then reports POLLHUP once both directions are shut.
                    reading = false
                    queue.finish()
                } else if errno != EINTR, errno != EAGAIN {
                    reading = false
                    watching = false
                    queue.finish()
                    hangup.finish()
                }
            } else if events & (Int32(POLLHUP) | Int32(POLLERR)) != 0 {
                watching = false
                hangup.finish()
            }
        }
        queue.finish()
        hangup.finish()
        // Jobs that slipped in between the last look and `stopped` run before the thread ends.
        let late = state.withLock { state -> [UnownedJob] in
            let jobs = state.jobs
            state.jobs.removeAll()
            return jobs
        }
        RunGate.shared.enter()
        for job in late { job.runSynchronously(on: executor) }
        RunGate.shared.leave()
    }
}

/// A counting semaphore that bounds how many connection threads run Swift code at once, process-wide.
final class RunGate: @unchecked Sendable {
    /// Four per core: measured on 2 cores with 100 busy connections (api-bench against geniusd), 8 gave
    /// the lowest Get p99 (0.3-0.9 ms over four runs); 2 stalled everyone behind slow Asks (p99 up to
    /// 84 ms), no gate let a hundred threads fight over the signal store's lock (p99 up to 19 ms).
    static let shared = RunGate(width: 4 * max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))

    private let semaphore: UnsafeMutablePointer<sem_t>

    init(width: Int) {
        semaphore = .allocate(capacity: 1)
        sem_init(semaphore, 0, UInt32(width))
    }

    func enter() {
        while sem_wait(semaphore) != 0, errno == EINTR {}
    }

    func leave() {
        sem_post(semaphore)
    }
}
