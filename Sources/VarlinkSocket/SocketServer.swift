import Glibc
import Synchronization
public import Varlink

/// A Varlink service on a listening Unix stream socket.
///
/// Blocking `accept` runs on a dedicated POSIX thread; each connection has its own thread that reads,
/// decodes and runs that connection's tasks (`ConnectionLoop`, a task executor), so idle connections never
/// hold a thread of the Swift concurrency pool and a call needs no hop through it. Writes never block a pool thread either: when the peer's socket buffer is
/// full the serving task sleeps and retries (1 ms, doubling to 50 ms); a peer that takes nothing for
/// `sendTimeout` seconds is disconnected. A stalled peer thus costs one sleeping task, not a thread.
public final class VarlinkSocketServer: Sendable {
    public let service: VarlinkService
    /// The listening descriptor; closed when the server is released.
    public let listeningDescriptor: Int32
    public let maximumMessageSize: Int
    public let maximumConnections: Int
    public let sendTimeout: Int
    private let authorize: @Sendable (PeerCredentials) -> Bool
    private let activeConnections = Atomic<Int>(0)
    private let closedSinceTrim = Atomic<Int>(0)
    private let lastClose = Atomic<Int64>(0)
    private let memoryTrims = Atomic<Int>(0)

    /// Serves on an already listening socket (e.g. from socket activation); the server takes ownership.
    ///
    /// `authorize` sees each peer's `SO_PEERCRED`; a refused peer's first call is answered with
    /// `org.varlink.service.PermissionDenied` and the connection closed. Connections beyond
    /// `maximumConnections` are closed at once.
    public init(
        service: VarlinkService, listeningDescriptor: Int32,
        maximumMessageSize: Int = MessageFramer.defaultMaximumMessageSize, maximumConnections: Int = 256,
        sendTimeout: Int = 5, authorize: @escaping @Sendable (PeerCredentials) -> Bool = { _ in true }
    ) {
        self.service = service
        self.listeningDescriptor = listeningDescriptor
        self.maximumMessageSize = maximumMessageSize
        self.maximumConnections = maximumConnections
        self.sendTimeout = sendTimeout
        self.authorize = authorize
    }

    /// Binds and listens on `address` (removing a stale socket file; `mode` as in `listenUnixSocket`),
    /// then serves there.
    public convenience init(
        service: VarlinkService, address: VarlinkAddress, mode: UInt32? = nil,
        maximumMessageSize: Int = MessageFramer.defaultMaximumMessageSize, maximumConnections: Int = 256,
        sendTimeout: Int = 5, authorize: @escaping @Sendable (PeerCredentials) -> Bool = { _ in true }
    ) throws(VarlinkSocketError) {
        let fd = try listenUnixSocket(address, mode: mode)
        self.init(
            service: service, listeningDescriptor: fd, maximumMessageSize: maximumMessageSize,
            maximumConnections: maximumConnections, sendTimeout: sendTimeout, authorize: authorize)
    }

    deinit { close(listeningDescriptor) }

    /// The number of connections being served now.
    public var connectionCount: Int { activeConnections.load(ordering: .relaxed) }

    /// Accepts and serves connections until the task is cancelled (or `accept` fails for good).
    /// - Throws: `VarlinkSocketError` when the accept thread cannot be started.
    public func run() async throws {
        let (accepted, continuation) = AsyncStream<Int32>.makeStream()
        let listeningDescriptor = self.listeningDescriptor
        // The accept thread waits in poll(2) on the listener and this pipe; cancellation writes to the pipe.
        // Never shutdown(2) the listener to wake it: a socket passed by systemd is shared with the service
        // manager, which then sees POLLHUP and fails the .socket unit (no more activation).
        let wake = try WakePipe()
        try startThread {
            var descriptors = [
                pollfd(fd: listeningDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0),
            ]
            while true {
                descriptors[0].revents = 0
                descriptors[1].revents = 0
                if poll(&descriptors, 2, -1) < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if descriptors[1].revents != 0 { break }  // cancelled
                if descriptors[0].revents & Int16(POLLNVAL | POLLERR | POLLHUP) != 0 { break }  // the listener is gone
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
                if case .terminated = continuation.yield(fd) {
                    close(fd)
                    break
                }
            }
            continuation.finish()
        }
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.returnFreedMemoryWhenQuiet() }
                for await fd in accepted {
                    guard activeConnections.add(1, ordering: .relaxed).newValue <= maximumConnections else {
                        activeConnections.subtract(1, ordering: .relaxed)
                        close(fd)
                        continue
                    }
                    group.addTask {
                        await self.serve(SocketDescriptor(fd))
                        self.activeConnections.subtract(1, ordering: .relaxed)
                        self.closedSinceTrim.add(1, ordering: .relaxed)
                        self.lastClose.store(monotonicNanoseconds(), ordering: .relaxed)
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
    /// after the last connection closed (checked every second), `malloc_trim(0)` returns it.
    private func returnFreedMemoryWhenQuiet() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            guard closedSinceTrim.load(ordering: .relaxed) > 0,
                monotonicNanoseconds() - lastClose.load(ordering: .relaxed) > 1_000_000_000
            else { continue }
            closedSinceTrim.store(0, ordering: .relaxed)
            if let trim = mallocTrim {
                _ = trim(0)
                memoryTrims.add(1, ordering: .relaxed)
            }
        }
    }

    private func serve(_ connection: SocketDescriptor) async {
        let fd = connection.fd
        let sendTimeout = self.sendTimeout
        let allowed = (try? peerCredentials(of: fd)).map(authorize) ?? false
        let server = ServerConnection(service: service, maximumMessageSize: maximumMessageSize)
        let queue = server.makeCallQueue()
        let (hangup, hangupContinuation) = AsyncStream<Void>.makeStream()
        let loop: ConnectionLoop
        do {
            loop = try ConnectionLoop(connection: connection)
            try loop.start(queue: queue, maximumMessageSize: maximumMessageSize, hangup: hangupContinuation)
        } catch {
            return
        }
        defer {
            shutdown(fd, Int32(SHUT_RDWR))
            loop.stop()  // the thread runs its last jobs and ends, then releases the descriptor
        }
        // Every task of this connection runs on its own thread (see ConnectionLoop).
        await withTaskExecutorPreference(loop) {
            guard allowed else {
                // Answer the first message, whatever it is, then hang up.
                for await _ in queue.messages { break }
                try? await writeWithoutBlocking(
                    fd, VarlinkService.errorReply(.permissionDenied).encoded(), timeout: sendTimeout)
                return
            }
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    _ = await server.serve(queue: queue) { bytes in
                        try await writeWithoutBlocking(connection.fd, bytes, timeout: sendTimeout)
                    }
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
