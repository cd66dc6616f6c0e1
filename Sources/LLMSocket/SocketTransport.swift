import Glibc
public import LLM

/// The Linux adapter of the LLM client: HTTP/1.1 over a TCP loopback or Unix stream socket, bounded by a deadline.
///
/// One connection per request (`Connection: close`); every wait is a `poll` that ends at the deadline, so a server
/// that accepts and never answers, or answers a byte a second, costs no more than the deadline.
public struct SocketTransport: LLMTransport {
    public init() {}

    public func exchange(_ request: [UInt8], endpoint: LLMEndpoint, deadline: ContinuousClock.Instant) throws(LLMError) -> HTTPResponse {
        let fd = try connect(endpoint, deadline: deadline)
        defer { close(fd) }
        try send(fd, request, endpoint: endpoint, deadline: deadline)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            if case .complete(let response) = try HTTPWire.parse(received, closed: false) { return response }
            try wait(fd, for: Int16(POLLIN), deadline: deadline)
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                let code = errno
                if code == EINTR || code == EAGAIN { continue }
                throw failure(endpoint, "recv", code)
            }
            if count == 0 {
                guard case .complete(let response) = try HTTPWire.parse(received, closed: true) else {
                    throw .malformedResponse("the server closed the connection mid-response")
                }
                return response
            }
            received += buffer[0..<count]
            guard received.count <= 8 * 1024 * 1024 else { throw .malformedResponse("response larger than 8 MiB") }
        }
    }

    public func pause(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) == -1, errno == EINTR { request = remaining }
    }

    /// A non-blocking stream socket connected to `endpoint`; the caller closes it.
    func connect(_ endpoint: LLMEndpoint, deadline: ContinuousClock.Instant) throws(LLMError) -> Int32 {
        let family: Int32
        switch endpoint {
        case .unix: family = AF_UNIX
        case .http(let host, _, _): family = host.contains(":") ? AF_INET6 : AF_INET
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw failure(endpoint, "socket", errno) }
        do throws(LLMError) {
            let result = try withAddress(endpoint) { address, length in Glibc.connect(fd, address, length) }
            if result < 0 {
                let code = errno
                guard code == EINPROGRESS || code == EINTR || code == EAGAIN else { throw failure(endpoint, "connect", code) }
                try wait(fd, for: Int16(POLLOUT), deadline: deadline)
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else { throw failure(endpoint, "getsockopt", errno) }
                if error != 0 { throw failure(endpoint, "connect", error) }
            }
            return fd
        } catch {
            close(fd)
            throw error
        }
    }

    func send(_ fd: Int32, _ bytes: [UInt8], endpoint: LLMEndpoint, deadline: ContinuousClock.Instant) throws(LLMError) {
        var offset = 0
        while offset < bytes.count {
            try wait(fd, for: Int16(POLLOUT), deadline: deadline)
            let count = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                let code = errno
                if code == EINTR || code == EAGAIN { continue }
                throw failure(endpoint, "send", code)
            }
            offset += count
        }
    }

    /// Waits until `fd` is ready for `events` or the deadline passes (`deadlineExceeded`).
    func wait(_ fd: Int32, for events: Int16, deadline: ContinuousClock.Instant) throws(LLMError) {
        while true {
            let left = deadline - .now
            let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
            guard milliseconds > 0 else { throw .deadlineExceeded(milliseconds: 0) }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(min(milliseconds, Int64(Int32.max))))
            if ready < 0 {
                if errno == EINTR { continue }
                throw .connectionFailed(endpoint: "fd \(fd)", call: "poll", reason: String(cString: strerror(errno)))
            }
            if ready > 0 { return }
        }
    }

    func failure(_ endpoint: LLMEndpoint, _ call: String, _ code: Int32) -> LLMError {
        .connectionFailed(endpoint: endpoint.description, call: call, reason: "\(String(cString: strerror(code))) (errno \(code))")
    }

    func withAddress<T>(_ endpoint: LLMEndpoint, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) throws(LLMError) -> T {
        switch endpoint {
        case .unix(let path):
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
                throw .invalidEndpoint(endpoint.description, reason: "socket path longer than 107 bytes")
            }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in bytes.enumerated() { raw[index] = byte }
            }
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
        case .http(let host, let port, _):
            if host.contains(":") {
                var address = sockaddr_in6()
                address.sin6_family = sa_family_t(AF_INET6)
                address.sin6_port = in_port_t(UInt16(port).bigEndian)
                guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else {
                    throw .invalidEndpoint(endpoint.description, reason: "not an IPv6 address: \(host)")
                }
                return withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
                }
            }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
                throw .invalidEndpoint(endpoint.description, reason: "not an IPv4 address: \(host)")
            }
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
    }
}
