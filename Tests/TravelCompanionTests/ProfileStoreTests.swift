import FoundationEssentials
import Testing

@testable import TravelCompanion

@Suite struct ProfileStoreTests {
    func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.path
        return "\(dir)/travel-\(name)-\(UInt64.random(in: 0...UInt64.max)).json"
    }

    @Test func profilesSurviveARestart() throws {
        let path = temporaryPath("restart")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var p = DriverProfile()
        p.state("tag:spicy", liked: false, said: "I don't eat spicy food")
        var place = Place(id: "napoli", name: "Napoli", category: .restaurant)
        place.cuisines = ["pizza"]
        p.feedback(on: place, accepted: true)
        try ProfileStore(path: path).save(p, driver: "anna")
        try ProfileStore(path: path).save(DriverProfile.with("cuisine:sushi"), driver: "ben")

        let reopened = try ProfileStore(path: path)
        #expect(reopened.profile("anna") == p)
        #expect(reopened.profile("ben").statements.map(\.key) == ["cuisine:sushi"])
        #expect(reopened.profile("nobody").isEmpty)
    }

    @Test func forgettingRemovesTheDriverFromTheFile() throws {
        let path = temporaryPath("forget")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ProfileStore(path: path)
        try store.save(DriverProfile.with("cuisine:pizza"), driver: "anna")
        var p = store.profile("anna")
        p.forgetAll()
        try store.save(p, driver: "anna")
        let text = try String(decoding: Data(contentsOf: URL(filePath: path)), as: UTF8.self)
        #expect(!text.contains("pizza"))
        #expect(try ProfileStore(path: path).profile("anna").isEmpty)
    }

    @Test func aCorruptFileIsAnErrorNotAnEmptyProfile() throws {
        let path = temporaryPath("corrupt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("{\"drivers\": {\"anna\": ".utf8).write(to: URL(filePath: path))
        #expect(throws: TravelError.self) { try ProfileStore(path: path) }
    }

    /// A save that dies before its rename (as under `kill -9`) leaves only a stray temporary file:
    /// the profile file is still the previous one. `scripts/eval-travel` kills real writers too.
    @Test func anInterruptedSaveLeavesTheOldProfile() throws {
        let path = temporaryPath("atomic")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ProfileStore(path: path)
        try store.save(DriverProfile.with("tag:spicy"), driver: "anna")
        let before = try Data(contentsOf: URL(filePath: path))
        // What a writer killed half-way leaves behind: a partial temporary file beside the real one.
        try Data(before.prefix(before.count / 2)).write(to: URL(filePath: path + ".partial"))
        defer { try? FileManager.default.removeItem(atPath: path + ".partial") }
        #expect(try Data(contentsOf: URL(filePath: path)) == before)
        #expect(try ProfileStore(path: path).profile("anna").statements.map(\.key) == ["tag:spicy"])
        // Many saves in a row: every intermediate file is whole JSON.
        for i in 0..<50 {
            try store.save(DriverProfile.with("cuisine:c\(i)"), driver: "anna")
            #expect(try ProfileStore(path: path).profile("anna").statements.count == 1)
        }
    }

    /// 8 writers × 200 concurrent changes of one driver: every one lands, in memory and on disk (before
    /// issue 16's fix the read-modify-write spanned two locks and 16 of 1,600 were lost).
    @Test func concurrentChangesAllLand() async throws {
        let path = temporaryPath("concurrent")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ProfileStore(path: path)
        let place = Place(id: "napoli", name: "Napoli", category: .restaurant)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<200 { try store.update("anna") { $0.feedback(on: place, accepted: true) } }
                }
            }
            try await group.waitForAll()
        }
        #expect(store.profile("anna").feedback["place:napoli"] == 1600)
        #expect(try ProfileStore(path: path).profile("anna").feedback["place:napoli"] == 1600)
    }

    @Test func limitsAreClearErrorsAndLeaveTheStoreUnchanged() throws {
        let path = temporaryPath("limits")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ProfileStore(path: path)
        let long = String(repeating: "x", count: ProfileStore.maximumDriverNameBytes + 1)
        #expect(throws: TravelError.profileLimit(reason: "a driver name is at most 256 bytes, not 257")) {
            try store.save(DriverProfile.with("tag:spicy"), driver: long)
        }
        try store.save(DriverProfile.with("tag:spicy"), driver: String(repeating: "y", count: ProfileStore.maximumDriverNameBytes))
        for i in 1..<ProfileStore.maximumDrivers { try store.save(DriverProfile.with("tag:spicy"), driver: "driver\(i)") }
        #expect(throws: TravelError.profileLimit(reason: "32 drivers are remembered already; forget one first")) {
            try store.save(DriverProfile.with("tag:spicy"), driver: "one too many")
        }
        #expect(store.profile("one too many").isEmpty)
        // Known drivers still change, and forgetting one makes room.
        try store.save(DriverProfile.with("cuisine:pizza"), driver: "driver1")
        try store.save(DriverProfile(), driver: "driver2")
        try store.save(DriverProfile.with("tag:spicy"), driver: "one too many")
        // The file's size: a profile whose statements would take it past 1 MiB is refused.
        var big = DriverProfile()
        for i in 0..<3000 { big.state("cuisine:c\(i)", liked: true, said: String(repeating: "s", count: 400)) }
        #expect(throws: TravelError.self) { try store.save(big, driver: "driver3") }
        #expect(store.profile("driver3").statements.map(\.key) == ["tag:spicy"])
        #expect(try ProfileStore(path: path).profile("driver3").statements.map(\.key) == ["tag:spicy"])
    }

    /// What `Data.write(options: .atomic)` leaves when its writer is killed before the rename
    /// (`.dat.nosync<pid in hex>.<random>`) is removed when the store opens; a living writer's is kept.
    @Test func orphanedTemporaryFilesAreRemovedAtStart() throws {
        let directory = FileManager.default.temporaryDirectory.path + "/travel-orphans-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/profiles.json"
        try ProfileStore(path: path).save(DriverProfile.with("tag:spicy"), driver: "anna")
        // A real interrupted save's name, from a writer that no longer runs (pid_max is at most 2^22).
        let dead = ".dat.nosync\(String(4_194_304 + 17, radix: 16, uppercase: true)).Ab3xYz"
        let living = ".dat.nosync\(String(1, radix: 16, uppercase: true)).Qq1234"  // init, always running
        for name in [dead, living, ".dat.nosyncnotapid", "other.json"] {
            try Data("{\"drivers\": {".utf8).write(to: URL(filePath: directory + "/" + name))
        }
        let store = try ProfileStore(path: path)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(left == [living, ".dat.nosyncnotapid", "other.json", "profiles.json"].sorted())
        #expect(store.profile("anna").statements.map(\.key) == ["tag:spicy"])
        // And a save leaves no temporary file of its own.
        try store.save(DriverProfile.with("cuisine:pizza"), driver: "anna")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == left.count)
    }
}

extension DriverProfile {
    static func with(_ key: String) -> DriverProfile {
        var p = DriverProfile()
        p.state(key, liked: true, said: key)
        return p
    }
}
