import FoundationEssentials
import JSON
import Glibc

/// What a test support call failed at, with its errno.
struct TestSupportError: Error, CustomStringConvertible {
    let description: String
    init(_ call: String, errno code: Int32 = errno) {
        description = "\(call) failed: errno \(code)"
    }
    init(message: String) {
        description = message
    }
}

/// A datagram socket the test owns, bound at a path or an abstract name: the service manager's end of NOTIFY_SOCKET.
final class NotifyReceiver {
    let fd: Int32
    /// The address to put in NOTIFY_SOCKET (`/path` or `@name`).
    let address: String
    private let path: String?

    init(abstract: Bool) throws {
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestSupportError("socket") }
        let name = "cargenius-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        if abstract {
            address = "@" + name
            path = nil
        } else {
            address = "/tmp/" + name
            path = address
        }
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(address.utf8)
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
            if abstract { raw[0] = 0 }
        }
        let length = MemoryLayout<sa_family_t>.size + bytes.count + (abstract ? 0 : 1)
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(length)) }
        }
        guard bound == 0 else { throw TestSupportError("bind \(address)") }
    }

    deinit {
        close(fd)
        if let path { unlink(path) }
    }

    /// The next datagram's text, or nil when none arrives within `timeout`.
    func receive(timeout: Duration = .seconds(5)) -> String? {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&descriptor, 1, milliseconds) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }
}

/// Runs a program to completion (at most `timeout`), its stdout captured, stderr discarded.
func run(_ arguments: [String], timeout: Duration = .seconds(20)) throws -> (status: Int32, output: String) {
    let outputPath = "/tmp/cargenius-systemd-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
    defer { unlink(outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let pid = try spawn(arguments, actions: &actions)
    let status = try wait(pid, timeout: timeout)
    return (status, try readFile(outputPath))
}

/// Starts a program in the background with stdio on /dev/null; the caller waits for or kills it.
func spawnBackground(_ arguments: [String]) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_RDWR, 0) }
    return try spawn(arguments, actions: &actions)
}

private func spawn(_ arguments: [String], actions: inout posix_spawn_file_actions_t) throws -> pid_t {
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
    guard code == 0 else { throw TestSupportError("posix_spawn \(arguments[0])", errno: code) }
    return pid
}

/// Waits for a child; kills it when `timeout` passes. Returns the exit status (128+signal when killed).
@discardableResult
func wait(_ pid: pid_t, timeout: Duration) throws -> Int32 {
    let deadline = ContinuousClock.now + timeout
    var status: Int32 = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
        if ContinuousClock.now > deadline {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            throw TestSupportError(message: "child \(pid) did not finish within \(timeout)")
        }
        usleep(10_000)
    }
    let signal = status & 0x7F
    return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
}

func readFile(_ path: String) throws -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw TestSupportError("open \(path)") }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = read(fd, &buffer, buffer.count)
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// A real systemd-journald listening on /run/systemd/journal/socket (where libsystemd's sd_journal_sendv
/// always sends), started by the test unless one already runs there.
///
/// Tests that use journald hold an exclusive flock on /run/cargenius-journald-test.lock (so do the
/// Python tests in IntegrationTests/daemon), so two test runs never start or stop journald under each other.
final class JournaldFixture {
    static let lockPath = "/run/cargenius-journald-test.lock"
    static let socketPath = "/run/systemd/journal/socket"
    private let lockFD: Int32
    private let startedPID: pid_t?

    init() throws {
        lockFD = open(Self.lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lockFD >= 0 else { throw TestSupportError("open \(Self.lockPath)") }
        guard flock(lockFD, LOCK_EX) == 0 else { throw TestSupportError("flock \(Self.lockPath)") }
        if Self.journaldAnswers() {
            startedPID = nil
            return
        }
        let pid = try spawnBackground(["/lib/systemd/systemd-journald"])
        let deadline = ContinuousClock.now + .seconds(10)
        while !Self.journaldAnswers() {
            guard ContinuousClock.now < deadline else {
                kill(pid, SIGKILL)
                _ = try? wait(pid, timeout: .seconds(5))
                close(lockFD)
                throw TestSupportError(message: "systemd-journald did not open \(Self.socketPath) within 10 s")
            }
            usleep(20_000)
        }
        startedPID = pid
    }

    deinit {
        if let startedPID {
            kill(startedPID, SIGTERM)
            _ = try? wait(startedPID, timeout: .seconds(10))
        }
        close(lockFD)
    }

    /// Whether something accepts datagrams on the journal socket (connect(2) succeeds).
    static func journaldAnswers() -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let length = MemoryLayout<sa_family_t>.size + bytes.count + 1
        return withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(length)) }
        } == 0
    }

    /// The entries with this SYSLOG_IDENTIFIER (`journalctl -t ID -o json`), waiting until at least
    /// `count` are stored (journald writes asynchronously).
    func entries(identifier: String, atLeast count: Int, timeout: Duration = .seconds(10)) throws -> [[String: JSONValue]] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let (status, output) = try run(["/usr/bin/journalctl", "--no-pager", "-o", "json", "-t", identifier])
            let entries = try output.split(separator: "\n").map { line in
                guard let object = try JSONValue.parse(Data(line.utf8)).object else {
                    throw TestSupportError(message: "journalctl printed a line that is not a JSON object: \(line)")
                }
                return object
            }
            if status == 0, entries.count >= count { return entries }
            guard ContinuousClock.now < deadline else {
                throw TestSupportError(message: "journalctl -t \(identifier) found \(entries.count) entries, status \(status)")
            }
            usleep(50_000)
        }
    }
}
