public import FoundationEssentials
public import JSON

/// Reads places from the three formats the store imports, telling them apart by shape:
///
/// - **ours** (docs/travel-companion.md): a JSON list of objects with `name` and `category`, or an object
///   `{"demo": true, "places": [...]}`;
/// - **CrossWOZ**'s `restaurant_db.json`: a list of `[name, {领域, 名称, 地址, 营业时间, 推荐菜, 人均消费, 评分}]`;
/// - **KVRET**'s navigation table: `{"items": [{poi, poi_type, address, distance, traffic_info}], ...}`
///   (a dialogue's `scenario.kb`), or the bare list of its rows.
public enum PlaceImport {
    /// The places in a JSON document of any of the three formats.
    public static func places(json data: Data, source: String) throws(TravelError) -> [Place] {
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            throw .invalidJSON(source: source, reason: "\(error)")
        }
        return try places(json: json, source: source)
    }

    public static func places(json: JSONValue, source: String) throws(TravelError) -> [Place] {
        if let object = json.object {
            if let items = object["items"]?.array { return try kvret(items, source: source) }
            if let list = object["places"]?.array { return try ours(list, source: source) }
            throw .invalidJSON(source: source, reason: "an object needs \"places\" (ours) or \"items\" (a KVRET table)")
        }
        guard let list = json.array else {
            throw .invalidJSON(source: source, reason: "expected a list of places")
        }
        guard let first = list.first else { return [] }
        if first.array != nil { return try crossWOZ(list, source: source) }
        if first["poi"] != nil { return try kvret(list, source: source) }
        return try ours(list, source: source)
    }

    /// One line per place whose data could only be used in part (unreadable opening hours), naming the place.
    public static func warnings(_ places: [Place], source: String) -> [String] {
        places.enumerated().compactMap { index, p in
            p.hoursProblem.map { "\(source): place #\(index) \"\(p.name)\": opening hours \($0); treated as unknown" }
        }
    }

    /// Loads a places file of any of the three formats.
    public static func load(path: String) throws(TravelError) -> [Place] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(filePath: path))
        } catch {
            throw .fileError(path: path, reason: "cannot read (\(error))")
        }
        return try places(json: data, source: path)
    }

    // MARK: Our format

    static func ours(_ list: [JSONValue], source: String) throws(TravelError) -> [Place] {
        var out: [Place] = []
        for (index, item) in list.enumerated() {
            guard let o = item.object else { throw .invalidPlace(source: source, index: index, reason: "not an object") }
            guard let name = o["name"]?.string, !name.isEmpty else {
                throw .invalidPlace(source: source, index: index, reason: "\"name\" must be a non-empty string")
            }
            let categoryText = o["category"]?.string ?? o["type"]?.string ?? "other"
            var p = Place(id: o["id"]?.string ?? "\(index):\(name)", name: name, category: PlaceCategory(text: categoryText))
            if let names = o["names"]?.object {
                for (k, v) in names { if let s = v.string { p.names[k] = s } }
            }
            if let c = o["cuisine"] {
                if let s = c.string {
                    p.cuisines = s.lowercased().split(whereSeparator: { $0 == "," || $0 == ";" }).map {
                        $0.trimmed
                    }
                } else if let a = c.array {
                    p.cuisines = a.compactMap { $0.string?.lowercased() }
                } else if c != .null {
                    throw .invalidPlace(source: source, index: index, reason: "\"cuisine\" must be a string or a list of strings")
                }
            }
            if categoryText.lowercased().contains("restaurant"), p.category == .restaurant, p.cuisines.isEmpty {
                // "chinese restaurant", "pizza restaurant"
                let word = categoryText.lowercased().replacing("restaurant", with: "").trimmed
                if !word.isEmpty { p.cuisines = [word] }
            }
            p.dishes = o["dishes"]?.array?.compactMap(\.string) ?? []
            p.tags = o["tags"]?.array?.compactMap { $0.string?.lowercased() } ?? []
            p.rating = try number(o, "rating", source, index, range: 0...5)
            p.ratingCount = try number(o, "rating_count", source, index, range: 0...1e9).map { Int($0) }
            p.priceLevel = try number(o, "price_level", source, index, range: 0...4).map { Int($0) }
            p.pricePerPerson = try number(o, "price_per_person", source, index, range: 0...1e6)
            p.latitude = try number(o, "lat", source, index, range: -90...90)
            p.longitude = try number(o, "lon", source, index, range: -180...180)
            if (p.latitude == nil) != (p.longitude == nil) {
                throw .invalidPlace(source: source, index: index, reason: "\"lat\" and \"lon\" go together")
            }
            p.distanceMetres = try number(o, "distance_m", source, index, range: 0...1e8)
            p.address = o["address"]?.string
            if let h = o["hours"]?.string {
                // Unreadable hours are reported with the place and count as unknown, not as closed.
                do throws(OpeningHoursError) {
                    p.hours = try OpeningHours.parse(h)
                } catch {
                    p.hoursProblem = "\(error)"
                }
            } else if let h = o["hours"], h != .null {
                throw .invalidPlace(source: source, index: index, reason: "\"hours\" must be a string")
            }
            p.openNow = o["open"]?.bool
            p.evCharging = o["ev_charging"]?.bool ?? (p.category == .charging)
            p.parking = o["parking"]?.bool ?? (p.category == .parking ? true : nil)
            p.seats = try number(o, "seats", source, index, range: 1...10_000).map { Int($0) }
            if let t = o["traffic"]?.string {
                guard let level = TrafficLevel(note: t) else {
                    throw .invalidPlace(
                        source: source, index: index, reason: "\"traffic\" must be none, moderate, heavy or blocked, not \"\(t)\"")
                }
                p.trafficNote = level
            }
            inferTags(&p)
            out.append(p)
        }
        return out
    }

    static func number(
        _ o: [String: JSONValue], _ key: String, _ source: String, _ index: Int, range: ClosedRange<Double>
    ) throws(TravelError) -> Double? {
        guard let v = o[key], v != .null else { return nil }
        guard let d = v.number, range.contains(d) else {
            throw .invalidPlace(source: source, index: index, reason: "\"\(key)\" must be a number in \(range)")
        }
        return d
    }

    // MARK: CrossWOZ

    /// Cuisine tags recognised in Chinese names and dishes.
    static let chineseCuisineWords: [(String, String)] = [
        ("川", "sichuan"), ("湘", "hunan"), ("粤", "cantonese"), ("广东", "cantonese"), ("火锅", "hotpot"), ("涮", "hotpot"),
        ("烤鸭", "peking duck"), ("烤肉", "bbq"), ("烧烤", "bbq"), ("串", "bbq"), ("素", "vegetarian"), ("日本", "japanese"),
        ("寿司", "japanese"), ("料理", "japanese"), ("韩", "korean"), ("西餐", "western"), ("意", "italian"),
        ("比萨", "pizza"), ("披萨", "pizza"), ("咖啡", "cafe"), ("面", "noodles"), ("饺子", "dumplings"),
        ("包子", "dumplings"), ("小吃", "snacks"), ("海鲜", "seafood"), ("麦当劳", "fast food"), ("肯德基", "fast food"),
        ("新疆", "xinjiang"), ("清真", "halal"), ("自助", "buffet"), ("东北", "dongbei"), ("云南", "yunnan"),
        ("泰", "thai"), ("西班牙", "spanish"), ("法", "french"), ("俄", "russian"),
    ]
    static let spicyWords = ["辣", "麻", "川", "湘", "火锅", "水煮", "spicy", "sichuan", "hunan", "chili", "curry"]

    static func crossWOZ(_ list: [JSONValue], source: String) throws(TravelError) -> [Place] {
        var out: [Place] = []
        for (index, item) in list.enumerated() {
            guard let pair = item.array, pair.count == 2, let name = pair[0].string, let o = pair[1].object else {
                throw .invalidPlace(source: source, index: index, reason: "expected [name, {...}]")
            }
            var p = Place(id: "crosswoz:\(name)", name: name, category: PlaceCategory(text: o["领域"]?.string ?? "餐馆"))
            p.names["zh"] = name
            p.address = o["地址"]?.string
            p.rating = o["评分"]?.number
            p.pricePerPerson = o["人均消费"]?.number
            p.dishes = o["推荐菜"]?.array?.compactMap(\.string) ?? []
            if let h = o["营业时间"]?.string { p.hours = OpeningHours(parsing: h) }
            let text = ([name] + p.dishes).joined(separator: " ")
            for (word, cuisine) in chineseCuisineWords where text.contains(word) && !p.cuisines.contains(cuisine) {
                p.cuisines.append(cuisine)
            }
            inferTags(&p)
            out.append(p)
        }
        return out
    }

    // MARK: KVRET

    static func kvret(_ items: [JSONValue], source: String) throws(TravelError) -> [Place] {
        var out: [Place] = []
        for (index, item) in items.enumerated() {
            guard let o = item.object, let name = o["poi"]?.string else {
                throw .invalidPlace(source: source, index: index, reason: "a KVRET row needs \"poi\"")
            }
            let type = (o["poi_type"]?.string ?? "").lowercased()
            var p = Place(id: "kvret:\(name)", name: name, category: PlaceCategory(text: type))
            if type.hasSuffix("restaurant") {
                p.category = .restaurant
                let cuisine = type.replacing("restaurant", with: "").trimmed
                if !cuisine.isEmpty { p.cuisines = [cuisine] }
            }
            p.address = o["address"]?.string
            if let d = o["distance"]?.string { p.distanceMetres = distanceMetres(d) }
            if let t = o["traffic_info"]?.string { p.trafficNote = TrafficLevel(note: t) }
            inferTags(&p)
            out.append(p)
        }
        return out
    }

    /// "3 miles", "1.5 km", "800 m" → metres.
    static func distanceMetres(_ text: String) -> Double? {
        let t = text.lowercased()
        let digits = t.prefix { $0.isNumber || $0 == "." }
        guard let v = Double(digits) else { return nil }
        if t.contains("mi") { return v * 1609.344 }
        if t.contains("km") { return v * 1000 }
        return v
    }

    /// Tags that ranking and preferences use, derived from names, cuisines and dishes.
    static func inferTags(_ p: inout Place) {
        let text = ([p.name] + p.cuisines + p.dishes).joined(separator: " ").lowercased()
        if !p.tags.contains("spicy"), spicyWords.contains(where: { text.contains($0) }) { p.tags.append("spicy") }
        if p.cuisines.contains("vegetarian"), !p.tags.contains("vegetarian") { p.tags.append("vegetarian") }
    }
}
