import CANBus
import Glibc
import SocketCAN
import Testing

/// Whether these tests can run: a kernel with CAN and the VM's vcan0/vcan1.
///
/// Inside `scripts/vm-test` the VM sets `CARGENIUS_VM=1`, and then the suite always runs (so a VM
/// without CAN fails loudly instead of skipping). On a machine without AF_CAN the suite is skipped,
/// and reported as skipped, never as passed.
enum CANTestEnvironment {
    static let insideVM = getenv("CARGENIUS_VM").map { String(cString: $0) } == "1"

    static let kernelHasCAN: Bool = {
        let fd = socket(AF_CAN, Int32(SOCK_RAW.rawValue), 1)  // CAN_RAW
        if fd >= 0 { close(fd) }
        return fd >= 0 && if_nametoindex("vcan0") != 0
    }()

    static var enabled: Bool { insideVM || kernelHasCAN }
}

enum CommandFailure: Error, CustomStringConvertible {
    case failed([String], status: Int32)
    case timedOut(String)
    var description: String {
        switch self {
        case .failed(let arguments, let status): "`\(arguments.joined(separator: " "))` exited with \(status)"
        case .timedOut(let what): "timed out waiting for \(what)"
        }
    }
}

/// A child process (cansend, cangen, candump, ip), started with `posix_spawnp`.
struct ChildProcess {
    let pid: pid_t
    let arguments: [String]

    /// Starts `arguments`; with `output`, its stdout goes to that file (created or truncated).
    init(_ arguments: [String], output: String? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let output {
            posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let result = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard result == 0 else { throw CommandFailure.failed(arguments, status: -result) }
        self.pid = pid
        self.arguments = arguments
    }

    /// Waits for the exit; returns the exit status (128 + signal when killed).
    @discardableResult
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    func terminate() -> Int32 {
        kill(pid, SIGTERM)
        return wait()
    }
}

/// Runs a command to its end and throws unless it exits with 0.
func run(_ arguments: String...) throws {
    let status = try ChildProcess(arguments).wait()
    guard status == 0 else { throw CommandFailure.failed(arguments, status: status) }
}

/// Receives until `count` frames (all kinds) arrived, or throws after `limit`.
func collect(
    _ source: SocketCANSource, count: Int, within limit: Duration = .seconds(20)
) async throws -> [CANFrame] {
    try await withThrowingTaskGroup(of: [CANFrame]?.self) { group in
        group.addTask {
            var frames: [CANFrame] = []
            var batch: [CANFrame] = []
            while frames.count < count {
                guard try await source.receive(into: &batch) else { break }
                frames.append(contentsOf: batch)
            }
            return frames
        }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        let first = try await group.next()!
        group.cancelAll()
        guard let frames = first else { throw CommandFailure.timedOut("\(count) frames (within \(limit))") }
        return frames
    }
}

/// Receives until nothing more arrives for `idle`; returns what came.
func drain(_ source: SocketCANSource, idle: Duration = .milliseconds(500)) async throws -> [CANFrame] {
    var frames: [CANFrame] = []
    while true {
        // Race one receive against the idle timer; keep a batch that was taken as the timer fired.
        let batch = await withTaskGroup(of: [CANFrame]?.self) { group in
            group.addTask {
                var batch: [CANFrame] = []
                return (try? await source.receive(into: &batch)) == true ? batch : nil
            }
            group.addTask {
                try? await Task.sleep(for: idle)
                return nil
            }
            var taken: [CANFrame] = []
            if let first = await group.next(), let first { taken = first }
            group.cancelAll()
            while let next = await group.next() { if let next { taken += next } }
            return taken
        }
        guard !batch.isEmpty else { return frames }
        frames.append(contentsOf: batch)
    }
}

/// Waits until `condition` holds for the source's health, checking every 20 ms, or throws after `limit`.
func waitForHealth(
    _ source: SocketCANSource, _ what: String, within limit: Duration = .seconds(10),
    _ condition: ([InterfaceHealth]) -> Bool
) async throws {
    let deadline = ContinuousClock.now + limit
    while !condition(source.health()) {
        guard ContinuousClock.now < deadline else {
            throw CommandFailure.timedOut("\(what); health: \(source.health())")
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// The wall clock in nanoseconds (CLOCK_REALTIME, the clock of SO_TIMESTAMPNS).
func realtimeNanoseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
}

func frame(_ text: String) throws -> CANFrame {
    try CandumpLog.parseFrame(text)
}
