import Glibc
public import Varlink

/// Everything that fails in the Unix-socket adapter: a system call with its errno.
public enum VarlinkSocketError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `call` failed with `errno`; `address` is the socket address involved, when there is one.
    case systemCall(String, errno: Int32, address: String?)
    /// The socket path does not fit in `sockaddr_un.sun_path` (107 bytes).
    case pathTooLong(String)

    public var description: String {
        switch self {
        case .systemCall(let call, let errno, let address):
            let reason = String(cString: strerror(errno))
            return address.map { "\(call) \($0): \(reason) (errno \(errno))" } ?? "\(call): \(reason) (errno \(errno))"
        case .pathTooLong(let path):
            return "socket path too long (more than 107 bytes): \(path)"
        }
    }
}

/// The credentials of a connected peer, from `SO_PEERCRED`.
public struct PeerCredentials: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }
}

/// Retries `body` on EINTR; turns -1 into a typed error carrying errno.
@discardableResult
func systemCall<T: BinaryInteger>(
    _ name: String, address: String? = nil, _ body: () -> T
) throws(VarlinkSocketError) -> T {
    while true {
        let result = body()
        if result >= 0 { return result }
        let code = errno
        if code == EINTR { continue }
        throw .systemCall(name, errno: code, address: address)
    }
}

/// Fills a `sockaddr_un` for `address` and calls `body` with it and its length.
func withSocketAddress<T>(
    _ address: VarlinkAddress, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T
) throws(VarlinkSocketError) -> T {
    var storage = sockaddr_un()
    storage.sun_family = sa_family_t(AF_UNIX)
    var pathBytes = Array(address.path.utf8)
    if address.isAbstract { pathBytes.insert(0, at: 0) }
    let capacity = MemoryLayout.size(ofValue: storage.sun_path)
    guard pathBytes.count < capacity else { throw .pathTooLong(address.path) }
    withUnsafeMutableBytes(of: &storage.sun_path) { raw in
        for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
    }
    let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (address.isAbstract ? 0 : 1))
    return withUnsafePointer(to: &storage) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
    }
}

/// Creates, binds and listens on a Unix stream socket; removes a stale socket file at the path first.
///
/// `mode` (e.g. `0o660`) sets the socket file's permissions with `chmod` before `listen`, so no client
/// connects while the file still has the umask's mode; `nil` keeps the umask's.
/// - Returns: the listening descriptor, owned by the caller.
public func listenUnixSocket(
    _ address: VarlinkAddress, mode: UInt32? = nil, backlog: Int32 = 1024
) throws(VarlinkSocketError) -> Int32 {
    let fd = try systemCall("socket", address: address.description) {
        socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    }
    do throws(VarlinkSocketError) {
        if !address.isAbstract { unlink(address.path) }
        let result = try withSocketAddress(address) { pointer, length in bind(fd, pointer, length) }
        guard result == 0 else { throw .systemCall("bind", errno: errno, address: address.description) }
        if let mode, !address.isAbstract {
            try systemCall("chmod", address: address.description) { chmod(address.path, mode_t(mode)) }
        }
        try systemCall("listen", address: address.description) { listen(fd, backlog) }
        return fd
    } catch {
        close(fd)
        throw error
    }
}

/// Connects a Unix stream socket to `address`.
/// - Returns: the connected descriptor, owned by the caller.
public func connectUnixSocket(_ address: VarlinkAddress) throws(VarlinkSocketError) -> Int32 {
    let fd = try systemCall("socket", address: address.description) {
        socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    }
    do throws(VarlinkSocketError) {
        let result = try withSocketAddress(address) { pointer, length in connect(fd, pointer, length) }
        guard result == 0 else { throw .systemCall("connect", errno: errno, address: address.description) }
        return fd
    } catch {
        close(fd)
        throw error
    }
}

/// `SO_PEERCRED` of a connected Unix socket.
public func peerCredentials(of fd: Int32) throws(VarlinkSocketError) -> PeerCredentials {
    // struct ucred { pid_t pid; uid_t uid; gid_t gid; }: Glibc hides it behind _GNU_SOURCE.
    var credentials: (Int32, UInt32, UInt32) = (0, 0, 0)
    var length = socklen_t(MemoryLayout<(Int32, UInt32, UInt32)>.size)
    let soPeerCred: Int32 = 17  // SO_PEERCRED, asm-generic/socket.h
    try systemCall("getsockopt(SO_PEERCRED)") { getsockopt(fd, SOL_SOCKET, soPeerCred, &credentials, &length) }
    return PeerCredentials(pid: credentials.0, uid: credentials.1, gid: credentials.2)
}

/// Writes all of `bytes` to `fd` (blocking; `MSG_NOSIGNAL` so a closed peer gives EPIPE, not SIGPIPE).
func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(VarlinkSocketError) {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { raw in
            send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
        }
        if written < 0 {
            if errno == EINTR { continue }
            throw .systemCall("send", errno: errno, address: nil)
        }
        offset += written
    }
}

/// Sends what the kernel takes now from `bytes[offset...]` (`MSG_DONTWAIT | MSG_NOSIGNAL`): the count
/// sent, 0 when the socket buffer is full.
func sendAvailable(_ fd: Int32, _ bytes: [UInt8], from offset: Int) throws(VarlinkSocketError) -> Int {
    while true {
        let written = bytes.withUnsafeBytes { raw in
            send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
        }
        if written >= 0 { return written }
        switch errno {
        case EINTR: continue
        case EAGAIN, EWOULDBLOCK: return 0
        default: throw .systemCall("send", errno: errno, address: nil)
        }
    }
}

/// Reads what is available from `fd` into `buffer` (blocking): the count read, 0 at the end of the stream.
func readInto(_ fd: Int32, _ buffer: inout [UInt8]) throws(VarlinkSocketError) -> Int {
    while true {
        let count = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress!, raw.count) }
        if count >= 0 { return count }
        if errno != EINTR { throw .systemCall("read", errno: errno, address: nil) }
    }
}

/// Runs `body` on a new detached POSIX thread, for blocking system calls that must not occupy the
/// Swift concurrency pool.
func startThread(_ body: @escaping @Sendable () -> Void) throws(VarlinkSocketError) {
    final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(
        &thread, nil,
        { argument in
            let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
            box.body()
            return nil
        }, box)
    guard result == 0 else {
        Unmanaged<Box>.fromOpaque(box).release()
        throw .systemCall("pthread_create", errno: result, address: nil)
    }
    pthread_detach(thread)
}
