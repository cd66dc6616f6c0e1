public import CANBus
import CSocketCAN
import Glibc
import Synchronization

/// What a `SocketCANSource` reads and how.
public struct SocketCANConfiguration: Sendable, Equatable {
    /// The interfaces to read, one CAN_RAW socket each (`can0`, `vcan1`).
    public var interfaces: [String]
    /// Filters, FD, error frames, timestamps and receive buffer of every socket.
    public var socket: CANSocketOptions
    /// Frames read per `recvmmsg` call (at most 256).
    public var receiveBatch: Int
    /// The most frames handed to the consumer in one batch.
    public var maxBatchFrames: Int
    /// Batches queued for a slow consumer before the reader stops reading (and the kernel's buffer,
    /// then its drop counter, take over).
    public var queuedBatches: Int
    /// When an interface does not exist at start: wait for it (`true`, as for a USB adapter not yet
    /// plugged in) or fail at once with `.noSuchInterface` (`false`).
    public var waitForAbsentInterfaces: Bool
    /// First and longest pause between attempts to reopen a vanished interface (doubling in between).
    public var reopenDelay: Duration
    public var maxReopenDelay: Duration
    /// Restart a controller that went bus-off (libsocketcan `can_do_restart`; needs CAP_NET_ADMIN).
    public var restartAfterBusOff: Bool
    /// After handing over frames that emptied the sockets, the reader pauses this long (whole
    /// milliseconds; zero: never) so the next wake finds a batch rather than a frame or two: far fewer
    /// system calls and thread hops per frame under load (the SocketCAN benchmark in the VM: about
    /// 2.5× less CPU per frame at 5 ms than at 0), for at most this much added latency. The kernel's
    /// receive buffer holds the frames meanwhile; a reader that stopped at `maxBatchFrames` does not pause.
    public var batchingDelay: Duration

    public init(
        interfaces: [String], socket: CANSocketOptions = CANSocketOptions(), receiveBatch: Int = 64,
        maxBatchFrames: Int = 1024, queuedBatches: Int = 64, waitForAbsentInterfaces: Bool = false,
        reopenDelay: Duration = .milliseconds(100), maxReopenDelay: Duration = .seconds(5),
        restartAfterBusOff: Bool = false, batchingDelay: Duration = .milliseconds(5)
    ) {
        self.interfaces = interfaces
        self.socket = socket
        self.receiveBatch = receiveBatch
        self.maxBatchFrames = maxBatchFrames
        self.queuedBatches = queuedBatches
        self.waitForAbsentInterfaces = waitForAbsentInterfaces
        self.reopenDelay = reopenDelay
        self.maxReopenDelay = maxReopenDelay
        self.restartAfterBusOff = restartAfterBusOff
        self.batchingDelay = batchingDelay
    }
}

/// Frames from one or more live CAN interfaces, read on a dedicated thread and handed over in batches.
///
/// Each interface has its own CAN_RAW socket, so kernel drops and bus state are counted per
/// interface. A thread of its own (never Swift's cooperative pool) waits in `poll(2)` and reads with
/// `recvmmsg(2)`; frames carry their kernel receive time (`SO_TIMESTAMPNS`) and interface name. An
/// interface that goes down is waited for; one that disappears is reopened with a growing pause.
/// `stop()` (or releasing the source) ends the thread and closes the sockets.
public final class SocketCANSource: FrameSource, Sendable {
    private let shared: Shared
    private let thread: pthread_t

    /// Opens every interface's socket and starts the reader thread.
    ///
    /// Throws when CAN is missing, an interface is unknown (unless `waitForAbsentInterfaces`), or a
    /// socket option is refused; nothing is left open then.
    public init(_ configuration: SocketCANConfiguration) throws(SocketCANError) {
        guard !configuration.interfaces.isEmpty else { throw .invalidConfiguration("no interface to read") }
        guard Set(configuration.interfaces).count == configuration.interfaces.count else {
            throw .invalidConfiguration("an interface is listed twice in \(configuration.interfaces)")
        }
        guard configuration.maxBatchFrames >= 1, configuration.queuedBatches >= 1 else {
            throw .invalidConfiguration("maxBatchFrames and queuedBatches must be at least 1")
        }
        var links: [Link] = []
        for name in configuration.interfaces {
            let link = Link(name: name)
            do {
                link.attach(try CANSocket(interface: name, options: configuration.socket))
            } catch .noSuchInterface(let missing) where configuration.waitForAbsentInterfaces {
                link.health.link = .absent
                link.health.lastError = .noSuchInterface(missing)
                link.delay = configuration.reopenDelay
                link.nextAttempt = .now
            }
            links.append(link)
        }
        var pipeFDs: [Int32] = [0, 0]
        _ = try systemCall("pipe2") { csc_wake_pipe(&pipeFDs) }
        let shared = Shared(
            wakeRead: pipeFDs[0], wakeWrite: pipeFDs[1], health: links.map(\.health),
            queuedBatches: configuration.queuedBatches)
        let reader = Reader(shared: shared, configuration: configuration, links: links)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(reader).toOpaque()
        let created = pthread_create(
            &thread, nil,
            { context in
                let reader = Unmanaged<Reader>.fromOpaque(context!).takeRetainedValue()
                reader.run()
                return nil
            }, context)
        guard created == 0 else {
            Unmanaged<Reader>.fromOpaque(context).release()
            close(pipeFDs[0])
            close(pipeFDs[1])
            throw .systemCall("pthread_create", interface: "", errno: created)
        }
        csc_set_thread_name(thread, "can-reader")
        self.shared = shared
        self.thread = thread
    }

    deinit { stop() }

    /// Replaces `batch` with the next frames, suspending (without blocking a thread) until some arrive.
    ///
    /// Returns `false` once the source was stopped. The old contents' storage is reused by the reader.
    public func receive(into batch: inout [CANFrame]) async throws -> Bool {
        while true {
            var next: [CANFrame]? = nil
            var failure: SocketCANError? = nil
            var wakeReader = false
            shared.state.withLock { state in
                if !state.ready.isEmpty {
                    next = state.ready.removeFirst()
                    if state.readerBlocked {
                        state.readerBlocked = false
                        wakeReader = true
                    }
                } else {
                    failure = state.failure
                }
            }
            if var frames = next {
                swap(&batch, &frames)
                frames.removeAll(keepingCapacity: true)
                let spareLimit = shared.queuedBatches + 2
                shared.state.withLock { state in
                    if state.spare.count < spareLimit { state.spare.append(frames) }
                }
                if wakeReader { shared.wake() }
                return true
            }
            if let failure {
                if failure == .stopped { return false }
                throw failure
            }
            try Task.checkCancellation()
            await waitForFrames()
        }
    }

    private func waitForFrames() async {
        let shared = self.shared
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = shared.state.withLock { state -> Bool in
                    if !state.ready.isEmpty || state.failure != nil || Task.isCancelled { return true }
                    state.waiter?.resume()
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            shared.state.withLock { state in
                let waiter = state.waiter
                state.waiter = nil
                return waiter
            }?.resume()
        }
    }

    /// The health of every interface, in configuration order, as of the reader's last pass.
    public func health() -> [InterfaceHealth] {
        shared.state.withLock { $0.health }
    }

    /// How many times the consumer fell `queuedBatches` behind, so that the reader stopped reading
    /// (the kernel's buffers then fill, and drop when full).
    public func consumerStallCount() -> Int {
        shared.state.withLock { $0.consumerStalls }
    }

    /// Stops the reader thread and closes the sockets; frames already handed over stay valid.
    /// Idempotent; `receive` returns `false` afterwards.
    public func stop() {
        let join = shared.state.withLock { state -> Bool in
            defer { state.joined = true }
            state.stopping = true
            return !state.joined
        }
        guard join else { return }
        shared.wake()
        pthread_join(thread, nil)
        close(shared.wakeRead)
        close(shared.wakeWrite)
        shared.state.withLock { state in
            let waiter = state.waiter
            state.waiter = nil
            if state.failure == nil { state.failure = .stopped }
            return waiter
        }?.resume()
    }
}

/// What the reader thread and the consumers share, under one lock.
private final class Shared: Sendable {
    struct State {
        var ready: [[CANFrame]] = []
        var spare: [[CANFrame]] = []
        var waiter: CheckedContinuation<Void, Never>?
        var failure: SocketCANError?
        var stopping = false
        var joined = false
        var readerBlocked = false
        var consumerStalls = 0
        var health: [InterfaceHealth]
    }

    let state: Mutex<State>
    let wakeRead: Int32
    let wakeWrite: Int32
    let queuedBatches: Int

    init(wakeRead: Int32, wakeWrite: Int32, health: [InterfaceHealth], queuedBatches: Int) {
        self.wakeRead = wakeRead
        self.wakeWrite = wakeWrite
        self.queuedBatches = queuedBatches
        self.state = Mutex(State(health: health))
    }

    /// Wakes the reader out of `poll` (a byte on the self-pipe; a full pipe already means "wake").
    func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }
}

/// One interface as the reader tracks it.
private final class Link {
    let name: String
    let interfaceName: CANInterfaceName
    var open: OpenSocket? = nil
    var health: InterfaceHealth
    /// Drops counted by sockets closed earlier, and the running count of the current one.
    var dropBase: UInt64 = 0
    var socketDrops: UInt64 = 0
    var nextAttempt = ContinuousClock.now
    var delay: Duration = .zero
    var nextLinkCheck = ContinuousClock.now

    init(name: String) {
        self.name = name
        self.interfaceName = CANInterfaceName(truncating: name)
        self.health = InterfaceHealth(interface: name, link: .up)
    }

    func attach(_ socket: consuming CANSocket) {
        health.receiveBufferBytes = socket.receiveBufferBytes
        self.open = OpenSocket(socket)
        health.link = interfaceIsUp(name) ? .up : .down
        socketDrops = 0
    }

    func detach() {
        open = nil
        dropBase += socketDrops
        socketDrops = 0
    }
}

/// A socket held by reference, so the reader's bookkeeping can be a class.
private final class OpenSocket {
    let socket: CANSocket
    init(_ socket: consuming CANSocket) { self.socket = socket }
}

/// The reader thread's state: the sockets, the receive slots and the batch being filled.
private final class Reader {
    let shared: Shared
    let configuration: SocketCANConfiguration
    let links: [Link]
    var slots: ReceiveSlots
    var batch: [CANFrame] = []
    var pollFDs: [pollfd]
    var pollLinks: [Int]
    let batchingPause: Int32

    init(shared: Shared, configuration: SocketCANConfiguration, links: [Link]) {
        self.shared = shared
        self.configuration = configuration
        self.links = links
        self.slots = ReceiveSlots(capacity: min(configuration.receiveBatch, configuration.maxBatchFrames))
        self.pollFDs = Array(repeating: pollfd(), count: links.count + 1)
        self.pollLinks = Array(repeating: 0, count: links.count + 1)
        batch.reserveCapacity(configuration.maxBatchFrames)
        let pause = configuration.batchingDelay.components
        batchingPause = Int32(clamping: pause.seconds * 1000 + pause.attoseconds / 1_000_000_000_000_000)
    }

    func run() {
        while true {
            let (stopping, blocked) = shared.state.withLock { state -> (Bool, Bool) in
                let full = state.ready.count >= configuration.queuedBatches
                if full, !state.readerBlocked { state.consumerStalls += 1 }
                state.readerBlocked = full
                return (state.stopping, state.readerBlocked)
            }
            if stopping { break }
            pollFDs[0] = pollfd(fd: shared.wakeRead, events: Int16(POLLIN), revents: 0)
            var count = 1
            if !blocked {
                for (index, link) in links.enumerated() {
                    guard let fd = link.open?.socket.descriptor else { continue }
                    pollFDs[count] = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    pollLinks[count] = index
                    count += 1
                }
            }
            let ready = poll(&pollFDs, nfds_t(count), pollTimeout())
            if ready < 0 && errno != EINTR {
                fail(.systemCall("poll", interface: "", errno: errno))
                return
            }
            if pollFDs[0].revents != 0 { drainWakePipe() }
            var drained = true
            if ready > 0 {
                for entry in 1..<count where pollFDs[entry].revents != 0 {
                    if !read(links[pollLinks[entry]]) { drained = false }
                }
            }
            maintain()
            if publish(), drained, batchingPause > 0 {
                // Let frames gather in the kernel's buffer; a stop still wakes us at once.
                var wake = pollfd(fd: shared.wakeRead, events: Int16(POLLIN), revents: 0)
                _ = poll(&wake, 1, batchingPause)
            }
        }
        for link in links { link.detach() }
    }

    /// -1 (wait for frames only) while everything is up; else until the next check of a link.
    private func pollTimeout() -> Int32 {
        var earliest: ContinuousClock.Instant? = nil
        for link in links where link.health.link != .up {
            let due = link.health.link == .absent ? link.nextAttempt : link.nextLinkCheck
            earliest = earliest.map { min($0, due) } ?? due
        }
        guard let earliest else { return -1 }
        let wait = earliest - .now
        if wait <= .zero { return 0 }
        let milliseconds = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
        return Int32(min(max(milliseconds, 1), 60_000))
    }

    private func drainWakePipe() {
        var bytes: (UInt64, UInt64) = (0, 0)
        while withUnsafeMutableBytes(of: &bytes, { Glibc.read(shared.wakeRead, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Reads what is queued on one socket, up to the batch limit; `false` when frames were left queued.
    @discardableResult
    private func read(_ link: Link) -> Bool {
        guard let open = link.open else { return true }
        // Per frame, only locals: no class property access (and its exclusivity check) in the loop.
        var frames: [CANFrame] = []
        swap(&frames, &batch)
        defer { swap(&frames, &batch) }
        let base = slots.base
        let capacity = slots.capacity
        let limit = configuration.maxBatchFrames
        let interfaceName = link.interfaceName
        let userSpaceFilter = open.socket.userSpaceFilter
        var dataFrames: UInt64 = 0
        var socketDrops = link.socketDrops
        defer {
            link.socketDrops = socketDrops
            link.health.framesReceived += dataFrames
            link.health.kernelDrops = link.dropBase + socketDrops
        }
        while frames.count + capacity <= limit {
            let received: Int
            do {
                received = try open.socket.receive(into: base, capacity: capacity)
            } catch {
                handle(error, on: link)
                return true
            }
            if received == 0 { return true }
            if link.health.link != .up { markUp(link) }
            for index in 0..<received {
                let slot = base + index
                if slot.pointee.has_drops != 0 { socketDrops = UInt64(slot.pointee.drops) }
                guard let frame = CANFrame(slot: slot, interface: interfaceName) else { continue }
                if case .error = frame.kind {
                    noteErrorFrame(frame, on: link)
                } else {
                    if let userSpaceFilter, !userSpaceFilter.contains(frame.id) { continue }
                    dataFrames += 1
                }
                frames.append(frame)
            }
            if received < capacity { return true }
        }
        return false
    }

    private func noteErrorFrame(_ frame: CANFrame, on link: Link) {
        link.health.errorFrames += 1
        let before = link.health.bus.state
        link.health.bus.apply(frame)
        if link.health.bus.state == .busOff, before != .busOff, configuration.restartAfterBusOff {
            do { try restartController(link.name) } catch { link.health.lastError = error }
        }
    }

    private func handle(_ error: SocketCANError, on link: Link) {
        link.health.lastError = error
        if case .systemCall(_, _, let code) = error, code == ENETDOWN {
            if link.health.link == .up { link.health.downCount += 1 }
            link.health.link = .down
            link.nextLinkCheck = .now + .milliseconds(50)
            return
        }
        // ENODEV (deleted) or anything else: this socket is done; reopen it with backoff.
        link.detach()
        link.health.link = .absent
        link.delay = configuration.reopenDelay
        link.nextAttempt = .now + link.delay
    }

    private func markUp(_ link: Link) {
        link.health.link = .up
        link.health.lastError = nil
    }

    /// Checks links that are down and reopens vanished ones when their pause is over.
    private func maintain() {
        let now = ContinuousClock.now
        for link in links {
            switch link.health.link {
            case .up:
                continue
            case .down:
                guard now >= link.nextLinkCheck else { continue }
                if !interfaceExists(link.name) {
                    link.detach()
                    link.health.link = .absent
                    link.delay = configuration.reopenDelay
                    link.nextAttempt = now
                } else if interfaceIsUp(link.name) {
                    markUp(link)
                } else {
                    link.nextLinkCheck = now + .milliseconds(100)
                }
            case .absent:
                guard now >= link.nextAttempt else { continue }
                do {
                    link.attach(try CANSocket(interface: link.name, options: configuration.socket))
                    link.health.reopenCount += 1
                    if link.health.link == .up { link.health.lastError = nil }
                    link.nextLinkCheck = now + .milliseconds(100)
                } catch {
                    link.health.lastError = error
                    link.delay = min(link.delay * 2, configuration.maxReopenDelay)
                    link.nextAttempt = now + link.delay
                }
            }
        }
    }

    /// Hands the filled batch over and refreshes the shared health, under one lock; `true` when frames went over.
    @discardableResult
    private func publish() -> Bool {
        var fresh: [CANFrame]? = nil
        if !batch.isEmpty {
            fresh = shared.state.withLock { $0.spare.popLast() }
            if fresh == nil {
                fresh = []
                fresh!.reserveCapacity(configuration.maxBatchFrames)
            }
        }
        let waiter = shared.state.withLock { state -> CheckedContinuation<Void, Never>? in
            for (index, link) in links.enumerated() where state.health[index] != link.health {
                state.health[index] = link.health
            }
            guard var frames = fresh else { return nil }
            swap(&frames, &batch)
            state.ready.append(frames)
            let waiter = state.waiter
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
        return fresh != nil
    }

    private func fail(_ error: SocketCANError) {
        let waiter = shared.state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.failure = error
            let waiter = state.waiter
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }
}

/// Whether `/sys/class/net/NAME` exists.
func interfaceExists(_ name: String) -> Bool {
    if_nametoindex(name) != 0
}

/// Whether the interface is administratively up (`IFF_UP` in `/sys/class/net/NAME/flags`).
func interfaceIsUp(_ name: String) -> Bool {
    let fd = open("/sys/class/net/\(name)/flags", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
    guard count > 0 else { return false }
    let text = String(decoding: buffer[0..<count], as: UTF8.self)
    var digits = Substring(text).drop { $0 == " " }
    if digits.hasPrefix("0x") { digits = digits.dropFirst(2) }
    let flags = UInt32(digits.prefix { $0.isHexDigit }, radix: 16) ?? 0
    return flags & UInt32(IFF_UP) != 0
}
