import CANBus
import Glibc
import SocketCAN
import Testing

/// The SocketCAN adapter against the kernel's CAN stack (vcan0: FD, MTU 72; vcan1: classic), with
/// can-utils as the peers. Runs inside the VM of `scripts/vm-test`; skipped where the kernel has no CAN.
@Suite(
    .serialized, .timeLimit(.minutes(2)),
    .enabled(if: CANTestEnvironment.enabled, "needs a kernel CAN stack with vcan0/vcan1: run scripts/vm-test"))
struct SocketCANSourceTests {
    @Test func framesFromCansendArriveWithIdentifiersPayloadsKindsAndKernelTimestamps() async throws {
        let source = try SocketCANSource(SocketCANConfiguration(interfaces: ["vcan0"]))
        defer { source.stop() }
        let before = realtimeNanoseconds()
        for text in ["123#DEADBEEF", "1F334455#1122334455667788", "213##311223344", "321#R3", "7FF#", "0000007F##0"] {
            try run("cansend", "vcan0", text)
        }
        let frames = try await collect(source, count: 6)
        let after = realtimeNanoseconds()
        #expect(frames.count == 6)
        #expect(frames.map(\.interface) == Array(repeating: "vcan0", count: 6))
        #expect(frames[0].id == CANIdentifier(standard: 0x123) && frames[0].kind == .classic)
        #expect(Array(frames[0].data) == [0xDE, 0xAD, 0xBE, 0xEF])
        #expect(frames[1].id == CANIdentifier(extended: 0x1F33_4455) && frames[1].kind == .classic)
        #expect(Array(frames[1].data) == [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88])
        guard case .fd(let flags) = frames[2].kind else {
            Issue.record("213##3... arrived as \(frames[2].kind), not as CAN FD")
            return
        }
        #expect(flags.isSuperset(of: [.bitRateSwitch, .errorStateIndicator]))
        #expect(Array(frames[2].data) == [0x11, 0x22, 0x33, 0x44])
        #expect(frames[3].kind == .remote && frames[3].remoteLength == 3 && frames[3].data.isEmpty)
        #expect(frames[4].id == CANIdentifier(standard: 0x7FF) && frames[4].data.isEmpty)
        #expect(frames[5].id == CANIdentifier(extended: 0x7F) && frames[5].isFD && frames[5].data.isEmpty)
        let times = frames.map(\.timestamp.nanoseconds)
        #expect(times == times.sorted(), "kernel timestamps must not go backwards")
        #expect(times.allSatisfy { $0 >= before && $0 <= after }, "timestamps \(times) outside [\(before), \(after)]")
        let health = try #require(source.health().first)
        #expect(health.framesReceived == 6 && health.kernelDrops == 0 && health.link == .up)
    }

    @Test func aCangenFloodArrivesCompleteInOrderWithoutDrops() async throws {
        let source = try SocketCANSource(SocketCANConfiguration(interfaces: ["vcan0"]))
        defer { source.stop() }
        let count = 5000
        // -D i: the payload is a little-endian counter that grows by one per frame.
        try run("cangen", "vcan0", "-g", "0", "-n", "\(count)", "-I", "2A0", "-L", "8", "-D", "i")
        let frames = try await collect(source, count: count, within: .seconds(60))
        #expect(frames.count == count)
        #expect(frames.allSatisfy { $0.id == CANIdentifier(standard: 0x2A0) && $0.kind == .classic && $0.data.count == 8 })
        let counters = frames.map { frame in frame.data.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        let gaps = zip(counters, counters.dropFirst()).filter { $1 != $0 &+ 1 }
        #expect(gaps.isEmpty, "payload counter jumps: \(gaps.prefix(5))")
        let times = frames.map(\.timestamp.nanoseconds)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "kernel timestamps went backwards")
        let health = try #require(source.health().first)
        #expect(health.kernelDrops == 0)
        #expect(health.receiveBufferBytes >= 8 << 20, "granted receive buffer \(health.receiveBufferBytes)")
    }

    @Test func kernelFiltersLetOnlyTheNeededIdentifiersThrough() async throws {
        let wanted: Set<CANIdentifier> = [CANIdentifier(standard: 0x100)!, CANIdentifier(extended: 0x18DA_F110)!]
        let options = CANSocketOptions(filter: .identifiers(wanted))
        let source = try SocketCANSource(SocketCANConfiguration(interfaces: ["vcan0"], socket: options))
        defer { source.stop() }
        for text in ["200#01", "100#02", "18DAF111#03", "101#04", "18DAF110#05", "00000100#06", "100#07"] {
            try run("cansend", "vcan0", text)
        }
        let frames = try await collect(source, count: 3)
        #expect(frames.map(CandumpLog.formatFrame) == ["100#02", "18DAF110#05", "100#07"])
        // Nothing else was queued: one more wanted frame is the next to arrive.
        try run("cansend", "vcan0", "100#08")
        let next = try await collect(source, count: 1)
        #expect(next.map(CandumpLog.formatFrame) == ["100#08"])
        #expect(source.health().first?.framesReceived == 4)
    }

    @Test func moreIdentifiersThanTheKernelTakesAreFilteredInUserSpace() async throws {
        let wanted = Set((0..<600).map { CANIdentifier(standard: UInt32($0))! })
        let options = CANSocketOptions(filter: .identifiers(wanted))
        let source = try SocketCANSource(SocketCANConfiguration(interfaces: ["vcan0"], socket: options))
        defer { source.stop() }
        for text in ["700#01", "257#02", "7FF#03", "000#04"] { try run("cansend", "vcan0", text) }
        let frames = try await collect(source, count: 2)
        #expect(frames.map(CandumpLog.formatFrame) == ["257#02", "000#04"])
    }

    @Test func severalInterfacesAreReadAndEachFrameCarriesItsInterface() async throws {
        let source = try SocketCANSource(SocketCANConfiguration(interfaces: ["vcan0", "vcan1"]))
        defer { source.stop() }
        try run("cansend", "vcan1", "111#01")
        try run("cansend", "vcan0", "222#02")
        try run("cansend", "vcan1", "333#03")
        let frames = try await collect(source, count: 3)
        let seen = Set(frames.map { "\($0.interface) " + CandumpLog.formatFrame($0) })
        #expect(seen == ["vcan1 111#01", "vcan0 222#02", "vcan1 333#03"])
        #expect(source.health().map(\.framesReceived) == [1, 2])
    }

    @Test func framesSentByTheAdapterArriveUnchanged() async throws {
        let source = try SocketCANSource(SocketCANConfiguration(interfaces: ["vcan0"]))
        defer { source.stop() }
        let sender = try CANSocket(interface: "vcan0", options: .sendOnly)
        let sent = try ["0C8#0102030405060708", "1ABCDEF0#AA", "5A5##1" + String(repeating: "EE", count: 64), "6A6#R8", "000#"]
            .map(frame)
        for frame in sent { try sender.send(frame) }
        let frames = try await collect(source, count: sent.count)
        // The kernel marks every FD frame it delivers with CANFD_FDF; nothing else may change.
        let expected = sent.map { frame in
            guard case .fd(let flags) = frame.kind else { return frame }
            var marked = frame
            marked.kind = .fd(flags.union(.fdFormat))
            return marked
        }
        #expect(frames.map(CandumpLog.formatFrame) == expected.map(CandumpLog.formatFrame))
    }

    @Test func aClassicInterfaceRefusesCANFDFrames() throws {
        let sender = try CANSocket(interface: "vcan1", options: .sendOnly)
        #expect(throws: SocketCANError.fdNotSupported(interface: "vcan1")) {
            try sender.send(try frame("123##1DEADBEEF"))
        }
    }

    @Test func anUnknownInterfaceIsAnErrorUnlessItMayAppearLater() async throws {
        #expect(throws: SocketCANError.noSuchInterface("nocan7")) {
            _ = try SocketCANSource(SocketCANConfiguration(interfaces: ["nocan7"]))
        }
        let waiting = try SocketCANSource(SocketCANConfiguration(interfaces: ["nocan7"], waitForAbsentInterfaces: true))
        defer { waiting.stop() }
        #expect(waiting.health().first?.link == .absent)
    }

    @Test func errorFramesAreDecodedIntoBusState() async throws {
        let source = try SocketCANSource(SocketCANConfiguration(interfaces: ["vcan0"]))
        defer { source.stop() }
        let sender = try CANSocket(interface: "vcan0", options: .sendOnly)
        // Error frames as a controller driver reports them (linux/can/error.h): class bits in the
        // identifier, controller status in data[1], TX and RX error counters in data[6] and data[7].
        let warning = try frame("20000204#0008000000000060")  // CRTL | CNT, TX warning, TEC 96
        let passive = try frame("20000204#0020000000000080")  // CRTL | CNT, TX passive, TEC 128
        let busOff = try frame("20000040#0000000000000000")
        let restarted = try frame("20000100#0000000000000000")
        let active = try frame("20000004#0040000000000000")  // CRTL, back to error-active
        try sender.send(warning)
        _ = try await collect(source, count: 1)
        var bus = try #require(source.health().first).bus
        #expect(bus.state == .errorWarning && bus.transmitErrors == 0 && bus.receiveErrors == 0x60)
        try sender.send(passive)
        _ = try await collect(source, count: 1)
        bus = try #require(source.health().first).bus
        #expect(bus.state == .errorPassive && bus.receiveErrors == 0x80)
        try sender.send(busOff)
        try sender.send(restarted)
        let frames = try await collect(source, count: 2)
        #expect(frames.allSatisfy { $0.kind == .error })
        bus = try #require(source.health().first).bus
        #expect(bus.state == .restarted && bus.busOffCount == 1 && bus.restartCount == 1)
        try sender.send(active)
        _ = try await collect(source, count: 1)
        let health = try #require(source.health().first)
        #expect(health.bus.state == .errorActive && health.errorFrames == 5 && health.framesReceived == 0)
    }

    @Test func libsocketcanReportsVcanAsVirtual() {
        #expect(controllerStatus(of: "vcan0") == .virtual)
        #expect(controllerStatus(of: "nocan7") != .virtual)
    }

    @Test func aFullReceiveBufferIsCountedAsKernelDrops() async throws {
        // A tiny buffer and a reader held back (one queued batch, nobody receiving) make the kernel drop.
        let options = CANSocketOptions(receiveBufferBytes: 4096)
        let configuration = SocketCANConfiguration(
            interfaces: ["vcan0"], socket: options, receiveBatch: 16, maxBatchFrames: 16, queuedBatches: 1)
        let source = try SocketCANSource(configuration)
        defer { source.stop() }
        let sent = 3000
        try run("cangen", "vcan0", "-g", "0", "-n", "\(sent)", "-I", "321", "-L", "8")
        // The drop count travels with the next queued frame: drain, then send a marker.
        var received = try await drain(source).count
        try run("cansend", "vcan0", "7EE#FF")
        let rest = try await collect(source, count: 1)
        received += rest.count
        #expect(rest.last?.id == CANIdentifier(standard: 0x7EE))
        let health = try #require(source.health().first)
        #expect(health.kernelDrops > 0)
        #expect(UInt64(received) + health.kernelDrops == UInt64(sent + 1), "received \(received), dropped \(health.kernelDrops)")
    }

    @Test func anInterfaceThatGoesDownAndUpIsReadAgain() async throws {
        let source = try SocketCANSource(SocketCANConfiguration(interfaces: ["vcan0"]))
        defer { source.stop() }
        try run("cansend", "vcan0", "100#01")
        _ = try await collect(source, count: 1)
        try run("ip", "link", "set", "vcan0", "down")
        try await waitForHealth(source, "vcan0 reported down") { $0.first?.link == .down }
        try run("ip", "link", "set", "vcan0", "up")
        try await waitForHealth(source, "vcan0 reported up again") { $0.first?.link == .up }
        try run("cansend", "vcan0", "100#02")
        let frames = try await collect(source, count: 1)
        #expect(frames.map(CandumpLog.formatFrame) == ["100#02"])
        let health = try #require(source.health().first)
        #expect(health.downCount == 1 && health.reopenCount == 0 && health.lastError == nil)
    }

    @Test func anInterfaceThatIsDeletedAndAddedAgainIsReopenedWithoutBusyLooping() async throws {
        let configuration = SocketCANConfiguration(
            interfaces: ["vcan0", "vcan1"], reopenDelay: .milliseconds(50), maxReopenDelay: .milliseconds(400))
        let source = try SocketCANSource(configuration)
        defer { source.stop() }
        var restored = false
        defer {
            if !restored { _ = try? recreateVcan0() }
        }
        try run("ip", "link", "del", "vcan0")
        try await waitForHealth(source, "vcan0 reported absent") { $0.first?.link == .absent }
        // While it is absent the reader waits with a growing pause: it must not spin.
        let cpuBefore = processCPUNanoseconds()
        try await Task.sleep(for: .seconds(1))
        let cpuUsed = processCPUNanoseconds() - cpuBefore
        #expect(cpuUsed < 300_000_000, "the process used \(cpuUsed / 1_000_000) ms of CPU in 1 s while vcan0 was absent")
        // Reopen attempts go on, and fail the way a missing interface does.
        try await waitForHealth(source, "a failed reopen attempt") { $0.first?.lastError == .noSuchInterface("vcan0") }
        // The other bus goes on meanwhile.
        try run("cansend", "vcan1", "0B1#B1")
        let other = try await collect(source, count: 1)
        #expect(other.map { "\($0.interface) " + CandumpLog.formatFrame($0) } == ["vcan1 0B1#B1"])
        #expect(source.health().last?.link == .up)
        try recreateVcan0()
        restored = true
        try await waitForHealth(source, "vcan0 reopened") { $0.first?.link == .up && $0.first?.reopenCount == 1 }
        try run("cansend", "vcan0", "0A0##1" + String(repeating: "42", count: 12))
        let frames = try await collect(source, count: 1)
        #expect(frames.count == 1 && frames.first?.isFD == true)
        #expect(frames.first.map { Array($0.data) } == Array(repeating: 0x42, count: 12))
    }

    @Test func anInterfaceThatAppearsAfterTheStartIsOpenedWhenItComes() async throws {
        let configuration = SocketCANConfiguration(
            interfaces: ["vcan7"], waitForAbsentInterfaces: true, reopenDelay: .milliseconds(50),
            maxReopenDelay: .milliseconds(200))
        let source = try SocketCANSource(configuration)
        defer { source.stop() }
        #expect(source.health().first?.link == .absent)
        try run("ip", "link", "add", "dev", "vcan7", "type", "vcan")
        defer { _ = try? run("ip", "link", "del", "vcan7") }
        try run("ip", "link", "set", "vcan7", "up")
        try await waitForHealth(source, "vcan7 opened") { $0.first?.link == .up && $0.first?.reopenCount == 1 }
        try run("cansend", "vcan7", "777#07")
        let frames = try await collect(source, count: 1)
        #expect(frames.map { "\($0.interface) " + CandumpLog.formatFrame($0) } == ["vcan7 777#07"])
    }

    @Test func theReaderRunsOnItsOwnThreadWhichStopEnds() async throws {
        #expect(threadNames().filter { $0 == "can-reader" }.isEmpty)
        let source = try SocketCANSource(SocketCANConfiguration(interfaces: ["vcan0", "vcan1"]))
        #expect(threadNames().filter { $0 == "can-reader" }.count == 1)
        source.stop()
        #expect(threadNames().filter { $0 == "can-reader" }.isEmpty, "stop() joins the reader thread")
    }

    @Test func stoppingEndsAWaitingReceive() async throws {
        let source = try SocketCANSource(SocketCANConfiguration(interfaces: ["vcan1"]))
        async let ended: Bool = {
            var batch: [CANFrame] = []
            return try await source.receive(into: &batch)
        }()
        try await Task.sleep(for: .milliseconds(200))
        source.stop()
        #expect(try await ended == false)
        var batch: [CANFrame] = []
        #expect(try await source.receive(into: &batch) == false)
    }
}

/// Puts vcan0 back as the VM created it (CAN FD, MTU 72, up).
func recreateVcan0() throws {
    try run("ip", "link", "add", "dev", "vcan0", "type", "vcan")
    try run("ip", "link", "set", "vcan0", "mtu", "72")
    try run("ip", "link", "set", "vcan0", "up")
}

/// CPU time used by this process so far (user + system), in nanoseconds.
func processCPUNanoseconds() -> Int64 {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return (Int64(usage.ru_utime.tv_sec) + Int64(usage.ru_stime.tv_sec)) * 1_000_000_000
        + (Int64(usage.ru_utime.tv_usec) + Int64(usage.ru_stime.tv_usec)) * 1_000
}

/// The names of this process's threads (`/proc/self/task/*/comm`).
func threadNames() -> [String] {
    guard let directory = opendir("/proc/self/task") else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let task = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard task.first?.isNumber == true else { continue }
        let fd = open("/proc/self/task/\(task)/comm", O_RDONLY)
        guard fd >= 0 else { continue }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(fd, &buffer, buffer.count)
        close(fd)
        if count > 0 { names.append(String(decoding: buffer[0..<count], as: UTF8.self).trimmingSuffixNewline()) }
    }
    return names
}

extension String {
    func trimmingSuffixNewline() -> String { hasSuffix("\n") ? String(dropLast()) : self }
}
