import FoundationEssentials
import JSON
import Synchronization

/// What Travel Companion has learned about one driver; nothing of it leaves the car.
///
/// Keys name what a preference is about: `cuisine:pizza`, `tag:spicy`, `price:high`, `traffic:heavy`,
/// `place:<id>`. Statements ("I don't eat spicy food") are kept as said; feedback (a suggestion accepted or
/// declined) adds up per place and per cuisine.
public struct DriverProfile: Sendable, Equatable {
    public struct Statement: Sendable, Equatable {
        public var key: String
        public var liked: Bool
        /// The words the driver used, to repeat them when asked what is remembered.
        public var said: String
    }

    /// In the order learned; a newer statement about the same key replaces the older one.
    public private(set) var statements: [Statement] = []
    /// Key → accumulated feedback: +1 per accept, −1 per decline.
    public private(set) var feedback: [String: Double] = [:]
    /// The order keys were last touched, so "forget it" drops the latest.
    public private(set) var history: [String] = []

    public init() {}

    public var isEmpty: Bool { statements.isEmpty && feedback.isEmpty }

    public mutating func state(_ key: String, liked: Bool, said: String) {
        statements.removeAll { $0.key == key }
        statements.append(Statement(key: key, liked: liked, said: said))
        touch(key)
    }

    /// Records the driver taking (`accepted`) or turning down a suggested place.
    public mutating func feedback(on place: Place, accepted: Bool) {
        let delta = accepted ? 1.0 : -1.0
        for key in ["place:\(place.id)"] + place.cuisines.map({ "cuisine:\($0)" }) {
            feedback[key, default: 0] += delta
        }
        touch("place:\(place.id)")
    }

    private mutating func touch(_ key: String) {
        history.removeAll { $0 == key }
        history.append(key)
    }

    /// Forgets the most recently learned thing; returns its key.
    @discardableResult
    public mutating func forgetLatest() -> String? {
        guard let key = history.popLast() else { return nil }
        statements.removeAll { $0.key == key }
        feedback[key] = nil
        if key.hasPrefix("place:") {
            // The cuisine feedback that came with the place stays only if other places gave it.
        }
        return key
    }

    public mutating func forgetAll() {
        statements = []
        feedback = [:]
        history = []
    }

    /// The ranking adjustment for a place, in stars, and the reasons that explain it (as profile keys with sign).
    public func adjustment(for place: Place) -> (score: Double, because: [(key: String, liked: Bool)]) {
        var score = 0.0
        var because: [(key: String, liked: Bool)] = []
        for s in statements {
            let applies: Bool
            switch s.key {
            case let k where k.hasPrefix("cuisine:"):
                let tag = String(k.dropFirst(8))
                applies = Cuisine.offered(by: place).contains(tag) || place.name.lowercased().contains(tag)
            case let k where k.hasPrefix("tag:"):
                applies = place.tags.contains(String(k.dropFirst(4)))
            case "price:high":
                applies = (place.effectivePriceLevel ?? 0) >= 3
            default:
                applies = false
            }
            guard applies else { continue }
            score += s.liked ? 0.6 : -2.0
            because.append((s.key, s.liked))
        }
        if let f = feedback["place:\(place.id)"], f != 0 {
            score += f > 0 ? min(1.2, 0.4 * f) : max(-2.0, 0.8 * f)
            because.append(("place:\(place.id)", f > 0))
        }
        var cuisineFeedback = 0.0
        for c in place.cuisines { cuisineFeedback += feedback["cuisine:\(c)"] ?? 0 }
        if cuisineFeedback != 0 { score += max(-0.8, min(0.8, 0.2 * cuisineFeedback)) }
        return (score, because)
    }

    // MARK: JSON

    var json: JSONValue {
        .object([
            "statements": .array(
                statements.map { .object(["key": .string($0.key), "liked": .bool($0.liked), "said": .string($0.said)]) }),
            "feedback": .object(feedback.mapValues { .double($0) }),
            "history": .array(history.map { .string($0) }),
        ])
    }

    init(json: JSONValue, source: String) throws(TravelError) {
        guard let o = json.object else { throw .invalidJSON(source: source, reason: "a profile must be an object") }
        for item in o["statements"]?.array ?? [] {
            guard let key = item["key"]?.string, let liked = item["liked"]?.bool else {
                throw .invalidJSON(source: source, reason: "a statement needs \"key\" and \"liked\"")
            }
            statements.append(Statement(key: key, liked: liked, said: item["said"]?.string ?? key))
        }
        for (k, v) in o["feedback"]?.object ?? [:] {
            guard let n = v.number else { throw .invalidJSON(source: source, reason: "feedback \(k) must be a number") }
            feedback[k] = n
        }
        history = o["history"]?.array?.compactMap(\.string) ?? []
    }
}

/// Driver profiles kept in one JSON file, written atomically: a crash or `kill -9` during a save leaves
/// the previous file whole (the new text goes to a temporary file that is renamed over the old one).
///
/// Every change is read, applied, checked against the limits and written under one lock, and kept in
/// memory only once it is on disk: concurrent changes all land, and the file is the last one acknowledged
/// (before, the read-modify-write spanned two locks and the rename ran outside them: 8 clients × 200
/// concurrent feedback calls kept 1,584 of 1,600).
public final class ProfileStore: Sendable {
    /// The longest driver name, in UTF-8 bytes.
    public static let maximumDriverNameBytes = 256
    /// The most drivers remembered (a car has a handful).
    public static let maximumDrivers = 32
    /// The largest profiles file, bytes: it is rewritten and fsynced on every change.
    public static let maximumFileBytes = 1 << 20

    public let path: String
    private let profiles: Mutex<[String: DriverProfile]>

    /// Opens the store at `path`; a missing file is an empty store, an unreadable or corrupt one an error.
    /// Temporary files that an interrupted save left next to it are removed first.
    public init(path: String) throws(TravelError) {
        self.path = path
        InterruptedSaves.removeOrphans(nextTo: path)
        var loaded: [String: DriverProfile] = [:]
        let url = URL(filePath: path)
        if let data = try? Data(contentsOf: url) {
            let json: JSONValue
            do { json = try JSONValue.parse(data) } catch {
                throw .invalidJSON(source: path, reason: "\(error)")
            }
            guard let drivers = json["drivers"]?.object else {
                throw .invalidJSON(source: path, reason: "expected {\"version\": 1, \"drivers\": {...}}")
            }
            for (id, p) in drivers { loaded[id] = try DriverProfile(json: p, source: "\(path): driver \(id)") }
        }
        profiles = Mutex(loaded)
    }

    /// The profile of `driver` (empty when unknown).
    public func profile(_ driver: String) -> DriverProfile {
        profiles.withLock { $0[driver] ?? DriverProfile() }
    }

    /// Replaces the profile of `driver` and saves the whole store before returning.
    public func save(_ profile: DriverProfile, driver: String) throws(TravelError) {
        try update(driver) { $0 = profile }
    }

    /// Changes the profile of `driver` with `change` and saves the whole store, all under the store's lock.
    /// - Throws: `TravelError.profileLimit` when the change would pass a limit (driver name length, number of
    ///   drivers, file size), `.fileError` when the file cannot be written; the store is unchanged then.
    public func update(_ driver: String, _ change: (inout DriverProfile) -> Void) throws(TravelError) {
        try Self.checkName(driver)
        let path = self.path
        try profiles.withLock { all throws(TravelError) in
            var next = all
            var profile = next[driver] ?? DriverProfile()
            change(&profile)
            next[driver] = profile.isEmpty ? nil : profile
            if next.count > Self.maximumDrivers, next.count > all.count {
                throw .profileLimit(reason: "\(Self.maximumDrivers) drivers are remembered already; forget one first")
            }
            let text = JSONValue.object(["version": .double(1), "drivers": .object(next.mapValues(\.json))]).serialized
            guard text.utf8.count <= Self.maximumFileBytes else {
                throw .profileLimit(reason: "the profiles would take \(text.utf8.count) bytes, more than \(Self.maximumFileBytes)")
            }
            do {
                try Data(text.utf8).write(to: URL(filePath: path), options: .atomic)
            } catch {
                throw .fileError(path: path, reason: "cannot save the driver profiles (\(error))")
            }
            all = next
        }
    }

    /// - Throws: `TravelError.profileLimit` for a driver name longer than `maximumDriverNameBytes`.
    public static func checkName(_ driver: String) throws(TravelError) {
        guard driver.utf8.count <= maximumDriverNameBytes else {
            throw .profileLimit(reason: "a driver name is at most \(maximumDriverNameBytes) bytes, not \(driver.utf8.count)")
        }
    }
}
