import CANBus
import FoundationEssentials
import Testing
import VSS
import VehicleSignals

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct PersistenceTests {
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/cargenius-lkv-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func valuesAndTheirTrueAgesSurviveARestart() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = LastKnownValuesFile(path: directory + "/last-known.json")
        let mapping = try DemoCar.mapping()

        // Before the restart: the car was parked at 80 % with the trunk open.
        let before = DemoCar.store(mapping)
        let parked = DemoCar.at(milliseconds: 0)
        before.ingest([
            DemoCar.frame(mapping, "BMS_Status", ["BMS_SocDisplayed": 80, "BMS_SocPhysical": 78.4], at: parked),
            DemoCar.frame(mapping, "BCM_DoorStatus", ["BCM_TrunkOpen": 1], at: parked),
        ])
        let writer = LastKnownValuesWriter(store: before, file: file)
        let version = try writer.saveIfChanged(since: nil)
        #expect(try writer.saveIfChanged(since: version) == version)  // nothing changed: no write

        // Two hours later, a new process.
        let twoHoursLater = CANTimestamp(nanoseconds: parked.nanoseconds + 7_200_000_000_000)
        let after = SignalStore(mapping: mapping, configuration: .init(clock: { twoHoursLater }))
        let restored = try LastKnownValuesWriter(store: after, file: file).restore()
        #expect(restored == before.snapshot().count)
        let soc = after.read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed")
        #expect(soc.value == .number(80))
        #expect(soc.isRestored)
        #expect(soc.status == .stale)
        #expect(soc.age == 7200)
        #expect(soc.receivedAt == parked)
        #expect(after.read("Vehicle.Body.Trunk.Rear.IsOpen").value == .bool(true))

        // A live frame replaces the restored value.
        after.ingest(DemoCar.frame(mapping, "BMS_Status", ["BMS_SocDisplayed": 79], at: twoHoursLater))
        let live = after.read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed")
        #expect(live.value == .number(79))
        #expect(!live.isRestored)
        #expect(live.status == .available)
    }

    @Test func theWriterSavesOnStop() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = LastKnownValuesFile(path: directory + "/last-known.json")
        let mapping = try DemoCar.mapping()
        let store = DemoCar.store(mapping)
        let writer = LastKnownValuesWriter(store: store, file: file, interval: .seconds(3600))
        let task = Task { try await writer.run() }
        store.ingest(DemoCar.frame(mapping, "IC_Odometer", ["IC_Odometer": 12345.6]))
        try await Task.sleep(for: .milliseconds(50))
        #expect(try file.load() == nil)  // the hourly save has not come yet
        task.cancel()
        try await task.value
        let saved = try #require(try file.load())
        #expect(saved.values.first { $0.path == "Vehicle.TraveledDistance" }?.value == .number(Double(Float(12345.6))))
    }

    @Test func aCorruptFileIsReportedWithItsPath() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/last-known.json"
        try Data("{\"format\": \"cargenius.last-known-values/1\", \"savedAt\": 1, \"val".utf8).write(to: URL(filePath: path))
        #expect {
            try LastKnownValuesFile(path: path).load()
        } throws: { error in
            guard case VehicleSignalsError.persistence(let file, let problem) = error else { return false }
            return file == path && problem.hasPrefix("not a last-known values file")
        }
    }

    static let childVariable = "CARGENIUS_LKV_CHILD_FILE"

    /// Run only as the child of `killDashNineDuringAWriteKeepsThePreviousGoodState`: writes forever.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil))
    func persistenceWriterChild() throws {
        let file = LastKnownValuesFile(path: ProcessInfo.processInfo.environment[Self.childVariable]!)
        var generation: Int64 = 0
        while true {
            generation += 1
            // Every value of one generation carries the generation, so a mixed file would show.
            let values = (0..<4000).map { index in
                LastKnownValue(
                    path: "Vehicle.Test.Signal\(index)", value: .number(Double(generation)), validity: .available,
                    receivedAt: generation, interface: "can0", rawValue: generation)
            }
            try file.save(values, savedAt: generation)
        }
    }

    #if os(Linux)
        @Test func killDashNineDuringAWriteKeepsThePreviousGoodState() throws {
            let directory = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let path = directory + "/last-known.json"
            let file = LastKnownValuesFile(path: path)
            var lastGeneration: Int64 = 0
            var killedInsideAWrite = 0
            for round in 0..<10 {
                let pid = try Self.spawnChild(file: path)
                // Wait until the child has written at least one new generation, then kill it at a random moment.
                let deadline = ContinuousClock.now + .seconds(60)
                while ContinuousClock.now < deadline {
                    if let saved = try? file.load(), saved.savedAt > lastGeneration { break }
                    usleep(2_000)
                }
                if round % 2 == 0 {
                    // Aim inside a write: kill as soon as the temporary file of the next write appears.
                    let aim = ContinuousClock.now + .seconds(30)
                    while ContinuousClock.now < aim {
                        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
                        if names.contains(where: { $0 != "last-known.json" }) { break }
                        usleep(100)
                    }
                } else {
                    usleep(UInt32.random(in: 0...20_000))
                }
                #expect(kill(pid, SIGKILL) == 0)
                var status: Int32 = 0
                #expect(waitpid(pid, &status, 0) == pid)
                #expect(status & 0x7F == SIGKILL, "round \(round): the child must die by SIGKILL")

                let saved = try #require(try file.load(), "round \(round): the file must load after kill -9")
                #expect(saved.values.count == 4000)
                #expect(saved.values.allSatisfy { $0.value == .number(Double(saved.savedAt)) }, "round \(round): a file mixing generations")
                #expect(saved.savedAt > lastGeneration)
                lastGeneration = saved.savedAt
                // A temporary file left behind means the kill landed inside a write.
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0 != "last-known.json" }
                if !leftovers.isEmpty { killedInsideAWrite += 1 }
                for name in leftovers { try FileManager.default.removeItem(atPath: directory + "/" + name) }
            }
            #expect(killedInsideAWrite > 0, "no kill landed inside a write; the test proved nothing")
        }

        /// Starts this test binary again, running only `persistenceWriterChild`.
        static func spawnChild(file: String) throws -> pid_t {
            var buffer = [CChar](repeating: 0, count: 4096)
            let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            try #require(length > 0)
            let executable = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let arguments = [executable, "--testing-library", "swift-testing", "--filter", "persistenceWriterChild"]
            var environment = ProcessInfo.processInfo.environment
            environment[childVariable] = file
            let argv = arguments.map { strdup($0) } + [nil]
            let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer {
                argv.forEach { free($0) }
                envp.forEach { free($0) }
            }
            var pid: pid_t = 0
            let result = posix_spawn(&pid, executable, nil, nil, argv, envp)
            try #require(result == 0, "posix_spawn failed: \(result)")
            return pid
        }
    #endif
}
