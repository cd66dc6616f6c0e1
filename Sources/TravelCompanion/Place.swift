/// Everything that can go wrong in Travel Companion, with what and where.
public enum TravelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A places or profile document could not be parsed (`source` names the file or input).
    case invalidJSON(source: String, reason: String)
    /// One place entry is malformed (`index` counts from 0 in its file).
    case invalidPlace(source: String, index: Int, reason: String)
    /// A file could not be read or written.
    case fileError(path: String, reason: String)
    /// A live traffic update that cannot be used.
    case invalidTraffic(reason: String)
    /// The live feed already holds `maximum` fresh areas; the update is refused until some age out.
    case tooManyAreas(maximum: Int)
    /// A change that would take driver profiles past their limits (`reason` names which).
    case profileLimit(reason: String)

    public var description: String {
        switch self {
        case .invalidJSON(let source, let reason): "\(source): not a places or profile document (\(reason))"
        case .invalidPlace(let source, let index, let reason): "\(source): place #\(index): \(reason)"
        case .fileError(let path, let reason): "\(path): \(reason)"
        case .invalidTraffic(let reason): "traffic update: \(reason)"
        case .tooManyAreas(let maximum): "traffic update: already \(maximum) live areas, the most kept"
        case .profileLimit(let reason): "driver profiles: \(reason)"
        }
    }
}

/// Congestion on the way to a place, from a live feed, a per-place note or the fallback model.
public enum TrafficLevel: Int, Sendable, Comparable, CaseIterable {
    case none = 0
    case moderate = 1
    case heavy = 2
    /// A road block or closure: the place may not be reachable at all.
    case blocked = 3

    public static func < (a: TrafficLevel, b: TrafficLevel) -> Bool { a.rawValue < b.rawValue }

    /// Parses the contract's words and KVRET's notes ("no traffic", "car collision nearby", "road block nearby").
    public init?(note: String) {
        let n = note.lowercased()
        if n.contains("block") || n.contains("closed") || n.contains("closure") {
            self = .blocked
        } else if n.contains("heavy") || n.contains("collision") || n.contains("accident") || n.contains("jam") {
            self = .heavy
        } else if n.contains("moderate") || n.contains("light") || n.contains("slow") {
            self = .moderate
        } else if n == "none" || n.contains("no traffic") || n == "free" || n == "clear" {
            self = .none
        } else {
            return nil
        }
    }

    public var word: String {
        switch self {
        case .none: "none"
        case .moderate: "moderate"
        case .heavy: "heavy"
        case .blocked: "blocked"
        }
    }

    /// Travel time multiplier on top of free-flow time.
    var delayFactor: Double {
        switch self {
        case .none: 1.0
        case .moderate: 1.4
        case .heavy: 2.0
        case .blocked: 3.0
        }
    }
}

/// The place categories the store and the requests share.
public enum PlaceCategory: String, Sendable, CaseIterable {
    case restaurant, cafe, parking, charging, fuel, grocery, hospital, shopping, lodging, home, friend, address
    case attraction, pharmacy, other

    /// Maps free text (KVRET's poi_type, CrossWOZ's 领域, our JSON) to a category.
    public init(text: String) {
        let t = text.lowercased()
        if let exact = PlaceCategory(rawValue: t) { self = exact; return }
        let table: [(String, PlaceCategory)] = [
            ("restaurant", .restaurant), ("food", .restaurant), ("餐馆", .restaurant), ("餐厅", .restaurant),
            ("coffee", .cafe), ("tea", .cafe), ("café", .cafe), ("咖啡", .cafe),
            ("parking", .parking), ("garage", .parking), ("停车", .parking),
            ("charg", .charging), ("充电", .charging),
            ("gas", .fuel), ("fuel", .fuel), ("petrol", .fuel), ("加油", .fuel),
            ("grocery", .grocery), ("supermarket", .grocery), ("market", .grocery),
            ("hospital", .hospital), ("clinic", .hospital), ("医院", .hospital),
            ("shopping", .shopping), ("mall", .shopping), ("商场", .shopping),
            ("rest stop", .lodging), ("hotel", .lodging), ("lodg", .lodging), ("酒店", .lodging),
            ("friend", .friend), ("home", .home), ("address", .address),
            ("pharmacy", .pharmacy), ("景点", .attraction), ("attraction", .attraction),
        ]
        self = table.first { t.contains($0.0) }?.1 ?? .other
    }
}

/// One place of the store: what the driver can be sent to, and what ranking and answers need to know.
public struct Place: Sendable, Equatable, Identifiable {
    public var id: String
    /// The display name; `names` holds the same place in other languages ("en", "de", "zh").
    public var name: String
    public var names: [String: String] = [:]
    public var category: PlaceCategory
    /// Lower-case cuisine tags ("chinese", "sichuan", "pizza", "bavarian").
    public var cuisines: [String] = []
    /// Signature dishes (CrossWOZ's 推荐菜), in the data's language.
    public var dishes: [String] = []
    /// Stars from 0 to 5.
    public var rating: Double?
    public var ratingCount: Int?
    /// 1 (cheap) to 4 (expensive).
    public var priceLevel: Int?
    /// Average spend per person in the local currency (CrossWOZ's 人均消费, yuan).
    public var pricePerPerson: Double?
    public var latitude: Double?
    public var longitude: Double?
    /// Road distance from the car when the source gives it instead of coordinates (metres).
    public var distanceMetres: Double?
    public var address: String?
    public var hours: OpeningHours?
    /// Open right now, when the source says so instead of giving hours.
    public var openNow: Bool?
    public var evCharging: Bool = false
    /// Own parking (`parking` in our format), when the source says.
    public var parking: Bool?
    /// Seats for one party, when the source says (a table for 8 needs 8).
    public var seats: Int?
    /// Opening hours that could not be read: the problem, reported with the place; the hours count as unknown.
    public var hoursProblem: String?
    /// A standing note from the source ("heavy traffic", "road block nearby").
    public var trafficNote: TrafficLevel?
    /// Flags such as "spicy", "vegetarian", "kids", "outdoor".
    public var tags: [String] = []

    public init(id: String, name: String, category: PlaceCategory) {
        self.id = id
        self.name = name
        self.category = category
    }

    /// The name for a locale's language, falling back to the display name.
    public func name(for language: String) -> String { names[language] ?? name }

    /// The price level, derived from the price per person when only that is known (yuan).
    public var effectivePriceLevel: Int? {
        if let priceLevel { return priceLevel }
        guard let p = pricePerPerson else { return nil }
        return p < 60 ? 1 : p < 150 ? 2 : p < 300 ? 3 : 4
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    var trimmed: String {
        let chars = Array(self)
        var start = 0
        var end = chars.count
        while start < end, chars[start].isWhitespace { start += 1 }
        while end > start, chars[end - 1].isWhitespace { end -= 1 }
        return String(chars[start..<end])
    }
}
