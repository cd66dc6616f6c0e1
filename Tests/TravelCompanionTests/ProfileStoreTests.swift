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
}

extension DriverProfile {
    static func with(_ key: String) -> DriverProfile {
        var p = DriverProfile()
        p.state(key, liked: true, said: key)
        return p
    }
}
