import Glibc
import Synchronization
public import Varlink
public import JSON

/// Why the server refused a connection or cut one off; counted in `VarlinkSocketServer.refusals` and
/// reported to `onRefusal`.
public enum ConnectionRefusal: String, Sendable, CaseIterable, Comparable {
    /// `authorize` refused the peer's credentials (answered `org.varlink.service.PermissionDenied`).
    case permission
    /// `maximumConnections` were being served.
    case connections
    /// The peer's user had `maximumConnectionsPerUser` connections already.
    case connectionsPerUser
    /// The peer's credentials could not be read.
    case credentials
    /// No call and no byte for `idleTimeout` seconds.
    case idle
    /// A message started and not finished within `halfMessageTimeout` seconds.
    case halfMessage
    /// The peer took no byte of a reply for `sendTimeout` seconds.
    case slowReader
    /// Idle (no call in progress, nothing sent for a few seconds) and closed to make room: the server was
    /// full when a new peer came. Stalled connections thus cannot lock well-behaved clients out.
    case evicted

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The limits of a `VarlinkSocketServer`; 0 for a timeout means none.
public struct VarlinkServerLimits: Sendable, Equatable {
    /// The largest message accepted, bytes (a larger one is answered with an error and the connection closed).
    public var maximumMessageSize = MessageFramer.defaultMaximumMessageSize
    /// Connections served at once; more are refused at accept.
    public var maximumConnections = 256
    /// Connections one user (peer uid) may hold at once, except `unlimitedUserIDs`.
    public var maximumConnectionsPerUser = Int.max
    /// Users the per-user limit does not apply to (root and the service's own user, typically).
    public var unlimitedUserIDs: Set<UInt32> = []
    /// Seconds a reply may wait for a peer that takes no byte; then the peer is cut off.
    public var sendTimeout = 5
    /// Seconds a connection may stay with no call queued or being answered and no byte received.
    public var idleTimeout = 0.0
    /// Seconds a message may take from its first byte to its NUL terminator.
    public var halfMessageTimeout = 0.0
    /// The error a connection refused for a limit is answered with (parameters `limit` and `maximum`).
    public var limitErrorName = "org.varlink.service.LimitReached"

    public init() {}
}

/// A Varlink service on a listening Unix stream socket.
///
/// One POSIX thread accepts, reads each peer's `SO_PEERCRED` at once and admits or refuses it there,
/// before the peer holds a connection slot or a thread: a refused peer (credentials, total or per-user
/// limit) is sent its error at once, half-closed, and kept only for a short linger (at most
/// `refusedLingerLimit` of them, a second or two, in the accept thread's own poll) so that it can read
/// the error. Each admitted connection has its own thread that reads, decodes and runs that connection's
/// tasks (`ConnectionLoop`, a task executor), so idle connections never hold a thread of the Swift
/// concurrency pool and a call needs no hop through it. Writes never block a pool thread either: when
/// the peer's socket buffer is full the serving task sleeps and retries (1 ms, doubling to 50 ms); a peer
/// that takes nothing for `sendTimeout` seconds is disconnected. A stalled peer thus costs one sleeping
/// task, not a thread. Calls are answered in order, so a connection runs at most one `more` stream at a
/// time, and a stream's producer is pulled one reply at a time: what waits for an unread stream is one
/// reply plus the kernel's socket buffer.
public final class VarlinkSocketServer: Sendable {
    public let service: VarlinkService
    /// The listening descriptor; closed when the server is released.
    public let listeningDescriptor: Int32
    public let limits: VarlinkServerLimits
    public var maximumMessageSize: Int { limits.maximumMessageSize }
    public var maximumConnections: Int { limits.maximumConnections }
    public var sendTimeout: Int { limits.sendTimeout }
    /// Refused peers kept open at once so they can read their error; more are closed at once.
    public static let refusedLingerLimit = 64
    private let authorize: @Sendable (PeerCredentials) -> Bool
    private let onRefusal: @Sendable (ConnectionRefusal, PeerCredentials?) -> Void
    private let activeConnections = Atomic<Int>(0)
    private let perUser = Mutex<[UInt32: Int]>([:])
    /// The connections being served, by descriptor: what eviction chooses from.
    private let live = Mutex<[Int32: (loop: ConnectionLoop, queue: CallQueue, peer: PeerCredentials)]>([:])
    /// Connections closed for room but not yet gone may take the total this far over `maximumConnections`.
    static let evictionSlack = 16
    /// How long a connection must have been idle to be closed for room, nanoseconds.
    static let evictableAfter: Int64 = 2_000_000_000
    private let refusalCounts = Mutex<[ConnectionRefusal: Int]>([:])
    private let closedSinceTrim = Atomic<Int>(0)
    private let lastClose = Atomic<Int64>(0)
    private let memoryTrims = Atomic<Int>(0)

    /// Serves on an already listening socket (e.g. from socket activation); the server takes ownership.
    ///
    /// `authorize` sees each peer's `SO_PEERCRED` right after `accept`; a refused peer is answered
    /// `org.varlink.service.PermissionDenied` at once (whatever it sends) and the connection closed. A peer
    /// over a connection limit is answered `limits.limitErrorName` the same way. `onRefusal` is told of
    /// every refusal and cut-off (on the accept or connection thread: keep it short).
    public init(
        service: VarlinkService, listeningDescriptor: Int32, limits: VarlinkServerLimits,
        authorize: @escaping @Sendable (PeerCredentials) -> Bool = { _ in true },
        onRefusal: @escaping @Sendable (ConnectionRefusal, PeerCredentials?) -> Void = { _, _ in }
    ) {
        self.service = service
        self.listeningDescriptor = listeningDescriptor
        self.limits = limits
        self.authorize = authorize
        self.onRefusal = onRefusal
    }

    /// Serves on an already listening socket with only the classic limits (see the other initialiser).
    public convenience init(
        service: VarlinkService, listeningDescriptor: Int32,
        maximumMessageSize: Int = MessageFramer.defaultMaximumMessageSize, maximumConnections: Int = 256,
        sendTimeout: Int = 5, authorize: @escaping @Sendable (PeerCredentials) -> Bool = { _ in true }
    ) {
        var limits = VarlinkServerLimits()
        limits.maximumMessageSize = maximumMessageSize
        limits.maximumConnections = maximumConnections
        limits.sendTimeout = sendTimeout
        self.init(service: service, listeningDescriptor: listeningDescriptor, limits: limits, authorize: authorize)
    }

    /// Binds and listens on `address` (removing a stale socket file; `mode` as in `listenUnixSocket`),
    /// then serves there.
    public convenience init(
        service: VarlinkService, address: VarlinkAddress, mode: UInt32? = nil, limits: VarlinkServerLimits,
        authorize: @escaping @Sendable (PeerCredentials) -> Bool = { _ in true },
        onRefusal: @escaping @Sendable (ConnectionRefusal, PeerCredentials?) -> Void = { _, _ in }
    ) throws(VarlinkSocketError) {
        let fd = try listenUnixSocket(address, mode: mode)
        self.init(service: service, listeningDescriptor: fd, limits: limits, authorize: authorize, onRefusal: onRefusal)
    }

    /// Binds and listens on `address` with only the classic limits.
    public convenience init(
        service: VarlinkService, address: VarlinkAddress, mode: UInt32? = nil,
        maximumMessageSize: Int = MessageFramer.defaultMaximumMessageSize, maximumConnections: Int = 256,
        sendTimeout: Int = 5, authorize: @escaping @Sendable (PeerCredentials) -> Bool = { _ in true }
    ) throws(VarlinkSocketError) {
        var limits = VarlinkServerLimits()
        limits.maximumMessageSize = maximumMessageSize
        limits.maximumConnections = maximumConnections
        limits.sendTimeout = sendTimeout
        try self.init(service: service, address: address, mode: mode, limits: limits, authorize: authorize)
    }

    deinit { close(listeningDescriptor) }

    /// The number of connections being served now.
    public var connectionCount: Int { activeConnections.load(ordering: .relaxed) }

    /// Connections refused or cut off since start, by reason.
    public var refusals: [ConnectionRefusal: Int] { refusalCounts.withLock { $0 } }

    private func refused(_ reason: ConnectionRefusal, _ peer: PeerCredentials?) {
        refusalCounts.withLock { $0[reason, default: 0] += 1 }
        onRefusal(reason, peer)
    }

    /// Decides, on the accept thread, whether a peer is served: `nil` admits it (and counts it against the
    /// limits until `release`), else the refusal and the reply it is sent.
    private func admit(_ peer: PeerCredentials?) -> (ConnectionRefusal, VarlinkReply)? {
        guard let peer else { return (.credentials, VarlinkService.errorReply(.permissionDenied)) }
        guard authorize(peer) else { return (.permission, VarlinkService.errorReply(.permissionDenied)) }
        let limits = self.limits
        func limitReply(_ limit: String, _ maximum: Int) -> VarlinkReply {
            VarlinkReply(error: limits.limitErrorName, parameters: ["limit": .string(limit), "maximum": .int(Int64(maximum))])
        }
        let total = activeConnections.add(1, ordering: .relaxed).newValue
        if total > limits.maximumConnections {
            // Full: close the connection idle longest (for a few seconds at least) and take the new one;
            // refuse only when every connection is busy, or too many are still closing.
            guard total <= limits.maximumConnections + Self.evictionSlack, evictIdlest() else {
                activeConnections.subtract(1, ordering: .relaxed)
                return (.connections, limitReply("connections", limits.maximumConnections))
            }
        }
        if !limits.unlimitedUserIDs.contains(peer.uid) {
            let admitted = perUser.withLock { counts -> Bool in
                guard counts[peer.uid, default: 0] < limits.maximumConnectionsPerUser else { return false }
                counts[peer.uid, default: 0] += 1
                return true
            }
            guard admitted else {
                activeConnections.subtract(1, ordering: .relaxed)
                return (.connectionsPerUser, limitReply("connectionsPerUser", limits.maximumConnectionsPerUser))
            }
        }
        return nil
    }

    /// Closes the connection that has been idle longest, if one has been idle for `evictableAfter`; its
    /// thread sees the hang-up and ends it (the slot is freed then). Returns whether one was closed.
    private func evictIdlest() -> Bool {
        let now = monotonicNanoseconds()
        let victim = live.withLock { live -> (Int32, PeerCredentials)? in
            var best: (fd: Int32, since: Int64, peer: PeerCredentials)?
            for (fd, entry) in live where entry.queue.isIdle {
                let since = entry.loop.lastActiveAt.load(ordering: .relaxed)
                guard now - since >= Self.evictableAfter else { continue }
                if best == nil || since < best!.since { best = (fd, since, entry.peer) }
            }
            guard let best else { return nil }
            live[best.fd] = nil  // chosen once
            return (best.fd, best.peer)
        }
        guard let (fd, peer) = victim else { return false }
        refused(.evicted, peer)  // counted before the peer sees its connection end
        shutdown(fd, Int32(SHUT_RDWR))  // the descriptor stays open until its connection lets go
        return true
    }

    /// The end of an admitted connection: its slots are free again.
    private func release(_ peer: PeerCredentials) {
        if !limits.unlimitedUserIDs.contains(peer.uid) {
            perUser.withLock { counts in
                let left = counts[peer.uid, default: 1] - 1
                counts[peer.uid] = left > 0 ? left : nil
            }
        }
        activeConnections.subtract(1, ordering: .relaxed)
    }

    /// Accepts and serves connections until the task is cancelled (or `accept` fails for good).
    /// - Throws: `VarlinkSocketError` when the accept thread cannot be started.
    public func run() async throws {
        let (accepted, continuation) = AsyncStream<(Int32, PeerCredentials)>.makeStream()
        let listeningDescriptor = self.listeningDescriptor
        // The accept thread waits in poll(2) on the listener, this pipe and the refused peers still
        // lingering; cancellation writes to the pipe. Never shutdown(2) the listener to wake it: a socket
        // passed by systemd is shared with the service manager, which then sees POLLHUP and fails the
        // .socket unit (no more activation).
        let wake = try WakePipe()
        try startThread {
            var lingering: [(fd: Int32, until: Int64)] = []
            var discard = [UInt8](repeating: 0, count: 4096)
            defer { for entry in lingering { close(entry.fd) } }
            while true {
                var descriptors = [
                    pollfd(fd: listeningDescriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0),
                ]
                for entry in lingering { descriptors.append(pollfd(fd: entry.fd, events: Int16(POLLIN), revents: 0)) }
                let now = monotonicNanoseconds()
                let timeout = lingering.map { Int32(max(0, min(($0.until - now) / 1_000_000 + 1, 2000))) }.min() ?? -1
                if poll(&descriptors, nfds_t(descriptors.count), timeout) < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if descriptors[1].revents != 0 { break }  // cancelled
                // Refused peers: drain what they send; close at their end, an error, or the linger's end.
                let later = monotonicNanoseconds()
                var kept: [(fd: Int32, until: Int64)] = []
                for (index, entry) in lingering.enumerated() {
                    var done = later >= entry.until
                    if !done, descriptors[index + 2].revents != 0 {
                        done = read(entry.fd, &discard, discard.count) <= 0
                    }
                    if done { close(entry.fd) } else { kept.append(entry) }
                }
                lingering = kept
                if descriptors[0].revents & Int16(POLLNVAL | POLLERR | POLLHUP) != 0 { break }  // the listener is gone
                guard descriptors[0].revents & Int16(POLLIN) != 0 else { continue }
                let fd = accept(listeningDescriptor, nil, nil)
                if fd < 0 {
                    switch errno {
                    case EINTR, ECONNABORTED, EPROTO: continue
                    case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                        usleep(50_000)  // out of descriptors or memory: give connections time to close
                        continue
                    case EAGAIN: continue  // another process took the connection (a shared, activated socket)
                    default: break  // EINVAL, EBADF: the listener is gone
                    }
                    break
                }
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)  // accept4 is hidden behind _GNU_SOURCE in Glibc
                // SO_PEERCRED is known from accept on: a peer that may not be served never takes a slot.
                let peer = try? peerCredentials(of: fd)
                if let (reason, reply) = self.admit(peer) {
                    // Counted before the peer is told, so a peer that has read its refusal finds it counted.
                    self.refused(reason, peer)
                    _ = try? sendAvailable(fd, reply.encoded(), from: 0)
                    shutdown(fd, Int32(SHUT_WR))
                    if lingering.count >= Self.refusedLingerLimit {
                        close(lingering.removeFirst().fd)
                    }
                    lingering.append((fd, monotonicNanoseconds() + 2_000_000_000))
                    continue
                }
                guard let peer else { continue }  // admit refuses a peer without credentials
                if case .terminated = continuation.yield((fd, peer)) {
                    self.release(peer)
                    close(fd)
                    break
                }
            }
            continuation.finish()
        }
        // Each connection's end is told to the memory trimmer, which otherwise sleeps.
        let (closes, closed) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.returnFreedMemoryWhenQuiet(closes) }
                for await (fd, peer) in accepted {
                    group.addTask {
                        await self.serve(SocketDescriptor(fd), peer: peer)
                        self.release(peer)
                        self.closedSinceTrim.add(1, ordering: .relaxed)
                        self.lastClose.store(monotonicNanoseconds(), ordering: .relaxed)
                        closed.yield()
                    }
                }
                group.cancelAll()
            }
        } onCancel: {
            wake.signal()  // the accept thread ends; the listening descriptor stays open until deinit
        }
    }

    /// How often freed memory was handed back to the system (`malloc_trim`), for tests.
    public var memoryTrimCount: Int { memoryTrims.load(ordering: .relaxed) }

    /// Connections run on their own threads, so what they allocate lands in glibc's per-thread arenas,
    /// which keep freed memory: after a hundred clients came and went, 8 MB of RSS stayed. One second
    /// after the last connection closed, `malloc_trim(0)` returns it. With no connection closing it sleeps.
    private func returnFreedMemoryWhenQuiet(_ closes: AsyncStream<Void>) async {
        for await _ in closes {
            // A second after the last close: later closes push the moment back.
            while !Task.isCancelled {
                let quiet = monotonicNanoseconds() - lastClose.load(ordering: .relaxed)
                if quiet > 1_000_000_000 { break }
                try? await Task.sleep(for: .nanoseconds(1_000_000_000 - quiet + 1_000_000))
            }
            guard !Task.isCancelled, closedSinceTrim.load(ordering: .relaxed) > 0 else { continue }
            closedSinceTrim.store(0, ordering: .relaxed)
            if let trim = mallocTrim {
                _ = trim(0)
                memoryTrims.add(1, ordering: .relaxed)
            }
        }
    }

    private func serve(_ connection: SocketDescriptor, peer: PeerCredentials) async {
        let fd = connection.fd
        let limits = self.limits
        let sendTimeout = limits.sendTimeout
        let server = ServerConnection(service: service, maximumMessageSize: limits.maximumMessageSize)
        let queue = server.makeCallQueue()
        let (hangup, hangupContinuation) = AsyncStream<Void>.makeStream()
        let loop: ConnectionLoop
        do {
            loop = try ConnectionLoop(connection: connection)
            try loop.start(
                queue: queue, maximumMessageSize: limits.maximumMessageSize, hangup: hangupContinuation,
                timeouts: ConnectionLoop.Timeouts(idle: limits.idleTimeout, halfMessage: limits.halfMessageTimeout),
                cutOff: { reason in self.refused(reason == .idle ? .idle : .halfMessage, peer) })
        } catch {
            return
        }
        live.withLock { $0[fd] = (loop, queue, peer) }
        defer {
            live.withLock { _ = $0.removeValue(forKey: fd) }
            shutdown(fd, Int32(SHUT_RDWR))
            loop.stop()  // the thread runs its last jobs and ends, then releases the descriptor
        }
        // Every task of this connection runs on its own thread (see ConnectionLoop).
        await withTaskExecutorPreference(loop) {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    let stalled = StalledFlag()
                    _ = await server.serve(queue: queue) { bytes in
                        do {
                            try await writeWithoutBlocking(connection.fd, bytes, timeout: sendTimeout)
                        } catch VarlinkSocketError.systemCall("send", EAGAIN, _) {
                            stalled.value.store(true, ordering: .relaxed)
                            throw VarlinkSocketError.systemCall("send", errno: EAGAIN, address: nil)
                        }
                    }
                    if stalled.value.load(ordering: .relaxed) { self.refused(.slowReader, peer) }
                }
                group.addTask {
                    for await _ in hangup {}  // ends when the peer is gone (or when serving ends: cancelled)
                }
                await group.next()
                group.cancelAll()
            }
        }
    }
}

/// Set when a write gave up on a peer that took nothing for `sendTimeout` seconds.
private final class StalledFlag: Sendable {
    let value = Atomic<Bool>(false)
}

/// glibc's `malloc_trim`, which the Glibc module does not declare (malloc.h); `nil` on another C library.
let mallocTrim: (@convention(c) (Int) -> Int32)? = {
    guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "malloc_trim") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
}()

/// CLOCK_MONOTONIC in nanoseconds.
func monotonicNanoseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
}

/// Writes all of `bytes` to the non-blocking-sent socket `fd` without blocking the calling thread: what the
/// kernel does not take at once is retried after a growing sleep (1 ms to 50 ms).
/// - Throws: `VarlinkSocketError` for `send` failing (EPIPE: the peer is gone), or with EAGAIN when the
///   peer took no byte for `timeout` seconds; `CancellationError` when the task is cancelled meanwhile.
func writeWithoutBlocking(_ fd: Int32, _ bytes: [UInt8], timeout: Int) async throws {
    var offset = 0
    var delay = 1
    var stalledSince: ContinuousClock.Instant?
    while true {
        let written = try sendAvailable(fd, bytes, from: offset)
        offset += written
        if offset == bytes.count { return }
        if written > 0 {
            stalledSince = nil
            delay = 1
        }
        let now = ContinuousClock.now
        if let since = stalledSince {
            if now - since > .seconds(timeout) { throw VarlinkSocketError.systemCall("send", errno: EAGAIN, address: nil) }
        } else {
            stalledSince = now
        }
        try await Task.sleep(for: .milliseconds(delay))
        delay = min(delay * 2, 50)
    }
}

/// A socket descriptor closed when the last holder lets go (the serving task and the reader thread).
final class SocketDescriptor: Sendable {
    let fd: Int32
    init(_ fd: Int32) { self.fd = fd }
    deinit { close(fd) }
}

/// A client transport over a connected Unix stream socket.
///
/// Reads run on a dedicated POSIX thread, so a client waiting for a reply holds no thread of the Swift
/// concurrency pool; `send` writes directly (blocking until the kernel takes the bytes).
public actor UnixSocketTransport: VarlinkTransport {
    private let descriptor: SocketDescriptor
    private var chunks: AsyncStream<[UInt8]>.AsyncIterator

    /// Connects to `address`.
    public init(connectingTo address: VarlinkAddress) throws(VarlinkSocketError) {
        let descriptor = SocketDescriptor(try connectUnixSocket(address))
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        let errors = ErrorBox()
        try startThread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                do throws(VarlinkSocketError) {
                    let count = try readInto(descriptor.fd, &buffer)
                    if count == 0 { break }
                    if case .terminated = continuation.yield(Array(buffer[0..<count])) { break }
                } catch {
                    errors.error.withLock { $0 = error }
                    break
                }
            }
            continuation.finish()
        }
        self.descriptor = descriptor
        self.chunks = stream.makeAsyncIterator()
        self.errorBox = errors
    }

    private let errorBox: ErrorBox

    public func send(_ bytes: [UInt8]) async throws {
        try writeAll(descriptor.fd, bytes)
    }

    /// The next chunk, or `nil` at the end of the stream.
    /// - Throws: the `read` failure that ended the stream, if one did.
    public func receive() async throws -> [UInt8]? {
        var iterator = chunks
        let chunk = await iterator.next(isolation: self)
        chunks = iterator
        if let chunk { return chunk }
        if let error = errorBox.error.withLock({ $0 }) { throw error }
        return nil
    }

    /// Half-closes the connection for writing (`shutdown(SHUT_WR)`): the server sees the end of input.
    public func finishSending() {
        shutdown(descriptor.fd, Int32(SHUT_WR))
    }

    /// Shuts the connection down both ways; the descriptor closes once the reader thread has let go.
    public func close() {
        shutdown(descriptor.fd, Int32(SHUT_RDWR))
    }

    /// Wakes the reader thread, which holds the descriptor until its `read` returns.
    deinit {
        shutdown(descriptor.fd, Int32(SHUT_RDWR))
    }
}

final class ErrorBox: Sendable {
    let error = Mutex<VarlinkSocketError?>(nil)
}

/// A pipe that wakes the accept thread out of `poll(2)`; both ends close when the last user lets go.
private final class WakePipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    init() throws(VarlinkSocketError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .systemCall("pipe", errno: errno, address: nil) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }
}
