/// A geographic position in degrees (WGS 84).
public struct Coordinate: Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Great-circle distance in metres (haversine; plenty for a city).
    public func distance(to other: Coordinate) -> Double {
        let r = 6_371_000.0
        let rad = Double.pi / 180
        let dLat = (other.latitude - latitude) * rad
        let dLon = (other.longitude - longitude) * rad
        let a =
            Self.sinSquared(dLat / 2)
            + Self.cosine(latitude * rad) * Self.cosine(other.latitude * rad) * Self.sinSquared(dLon / 2)
        return 2 * r * Self.arcsine(min(1, a.squareRoot()))
    }

    // Portable modules import no C maths: small series are accurate enough for city distances.
    static func sine(_ x: Double) -> Double {
        var x = x.truncatingRemainder(dividingBy: 2 * Double.pi)
        if x > Double.pi { x -= 2 * Double.pi } else if x < -Double.pi { x += 2 * Double.pi }
        var term = x
        var sum = x
        for n in 1..<12 {
            term *= -x * x / Double((2 * n) * (2 * n + 1))
            sum += term
        }
        return sum
    }
    static func cosine(_ x: Double) -> Double { sine(x + Double.pi / 2) }
    static func sinSquared(_ x: Double) -> Double { let s = sine(x); return s * s }
    static func arcsine(_ x: Double) -> Double {
        // Newton on sin(y) = x; x is in [0, 1] here.
        if x >= 1 { return Double.pi / 2 }
        var y = x
        for _ in 0..<30 {
            let f = sine(y) - x
            let d = cosine(y)
            if d == 0 { break }
            let step = f / d
            y -= step
            if abs(step) < 1e-13 { break }
        }
        return y
    }
}

/// The on-device places store: every place in memory, with a grid index for spatial queries.
///
/// A city's worth of places (tens of thousands) fits in a few megabytes; a radius query visits only the
/// grid cells the circle touches. Places without coordinates (those that carry `distanceMetres`) are
/// returned by every query, since their distance is already relative to the car.
public struct PlaceStore: Sendable {
    public private(set) var places: [Place]
    /// Grid cell → indices into `places`.
    var grid: [Cell: [Int]] = [:]
    var unlocated: [Int] = []
    var indexByID: [String: Int] = [:]
    /// Every dish any place lists, for finding dishes in requests ("想吃驴杂汤").
    public private(set) var dishVocabulary: Set<String> = []
    /// The vocabulary's dishes, lower-cased, by their first scalar: a request is checked only against the dishes
    /// that start with one of its characters, so the cost does not grow with the database.
    var dishIndex: [Unicode.Scalar: [Phrase]] = [:]
    /// Dishes byte search cannot decide (see `MatchText`), checked one by one.
    var unindexedDishes: [Phrase] = []
    /// Cuisine tags of the data that the taxonomy does not know ("cha chaan teng", "bobo chicken"): a request
    /// that names one asks for it, as the taxonomy's words do.
    public private(set) var cuisineVocabulary: Set<String> = []
    var cuisinePhrases: [Phrase] = []
    /// Cell edge in degrees of latitude (about 1.1 km).
    static let cellDegrees = 0.01

    struct Cell: Hashable, Sendable {
        var lat: Int
        var lon: Int
    }

    public init(places: [Place] = []) {
        self.places = []
        for p in places { add(p) }
    }

    public var count: Int { places.count }

    static func cell(_ lat: Double, _ lon: Double) -> Cell {
        Cell(lat: Int((lat / cellDegrees).rounded(.down)), lon: Int((lon / cellDegrees).rounded(.down)))
    }

    /// Adds a place, or replaces the one with the same id.
    public mutating func add(_ place: Place) {
        let i: Int
        if let old = indexByID[place.id] {
            i = old
            let previous = places[old]
            if let lat = previous.latitude, let lon = previous.longitude {
                grid[Self.cell(lat, lon)]?.removeAll { $0 == old }
            } else {
                unlocated.removeAll { $0 == old }
            }
            places[old] = place
        } else {
            i = places.count
            places.append(place)
            indexByID[place.id] = i
        }
        if let lat = place.latitude, let lon = place.longitude {
            grid[Self.cell(lat, lon), default: []].append(i)
        } else {
            unlocated.append(i)
        }
        for t in place.cuisines {
            let tag = Cuisine.canonicalTag(t.lowercased())
            guard Cuisine.byTag[tag] == nil, tag.count >= (tag.allSatisfy(\.isASCII) ? 3 : 2), cuisineVocabulary.insert(tag).inserted else {
                continue
            }
            cuisinePhrases.append(Phrase(tag))
        }
        for d in place.dishes where d.count >= 2 && !Self.notDishes.contains(d) && dishVocabulary.insert(d).inserted {
            let phrase = Phrase(word: d, needle: d.lowercased())
            if phrase.bytewise, let first = phrase.needle.unicodeScalars.first {
                dishIndex[first, default: []].append(phrase)
            } else {
                unindexedDishes.append(phrase)
            }
        }
    }

    /// Entries of dish lists that are ordinary words or labels, not dishes (CrossWOZ lists "老字号", "有没有").
    static let notDishes: Set<String> = [
        "有没有", "没有", "暂无", "无", "老字号", "当地口味", "招牌菜", "特色菜", "推荐菜", "好吃", "美食", "餐厅", "饭店", "可以", "什么", "怎么样",
        "环境好", "服务好", "性价比高", "小吃", "家常菜",
    ]

    /// The dishes of the vocabulary named in `text`, longest first, not overlapping ("驴杂汤" hides "杂汤").
    public func dishes(mentionedIn text: String) -> [String] {
        guard !dishVocabulary.isEmpty else { return [] }
        let lowered = MatchText(text.lowercased())
        var found: [String] = []
        if lowered.bytewise {
            // A dish that occurs starts with one of the text's scalars; each bucket is visited once.
            var seen = Set<Unicode.Scalar>()
            for scalar in lowered.string.unicodeScalars where seen.insert(scalar).inserted {
                for d in dishIndex[scalar] ?? [] where lowered.contains(d) { found.append(d.word) }
            }
            for d in unindexedDishes where lowered.contains(d) { found.append(d.word) }
        } else {
            for d in dishVocabulary where lowered.string.contains(d.lowercased()) { found.append(d) }
        }
        found.sort { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        var kept: [String] = []
        for d in found where !kept.contains(where: { $0.contains(d) }) { kept.append(d) }
        return kept
    }

    /// The data's own cuisine tags (those the taxonomy does not know) named in a normalized text.
    func cuisines(mentionedIn text: MatchText) -> [String] {
        cuisinePhrases.filter { text.contains($0) }.map(\.word)
    }

    /// The place with this id.
    public func place(id: String) -> Place? { indexByID[id].map { places[$0] } }

    /// Places within `radius` metres of `center` (plus those without coordinates), nearest first for located ones.
    public func places(near center: Coordinate, within radius: Double) -> [(place: Place, distance: Double?)] {
        let latSpan = radius / 111_320
        let cosLat = max(0.01, Coordinate.cosine(center.latitude * Double.pi / 180))
        let lonSpan = radius / (111_320 * cosLat)
        let lo = Self.cell(center.latitude - latSpan, center.longitude - lonSpan)
        let hi = Self.cell(center.latitude + latSpan, center.longitude + lonSpan)
        var out: [(place: Place, distance: Double?)] = []
        if (hi.lat - lo.lat + 1) * (hi.lon - lo.lon + 1) > grid.count * 4 {
            // A radius larger than the data: scan the cells that exist instead of the empty ones.
            for (_, indices) in grid {
                for i in indices { consider(i, center, radius, &out) }
            }
        } else {
            for la in lo.lat...hi.lat {
                for lo2 in lo.lon...hi.lon {
                    guard let indices = grid[Cell(lat: la, lon: lo2)] else { continue }
                    for i in indices { consider(i, center, radius, &out) }
                }
            }
        }
        out.sort { ($0.distance ?? 0) < ($1.distance ?? 0) }
        for i in unlocated { out.append((places[i], places[i].distanceMetres)) }
        return out
    }

    private func consider(_ i: Int, _ center: Coordinate, _ radius: Double, _ out: inout [(place: Place, distance: Double?)]) {
        let p = places[i]
        guard let lat = p.latitude, let lon = p.longitude else { return }
        let d = center.distance(to: Coordinate(latitude: lat, longitude: lon))
        if d <= radius { out.append((p, d)) }
    }
}
