import FoundationEssentials

/// A moment on the car's local clock: what opening hours and the rush-hour model need.
public struct LocalTime: Sendable, Equatable {
    /// 0 = Monday.
    public var weekday: Int
    /// Minutes since local midnight.
    public var minute: Int
    /// Seconds on a monotonic or Unix clock, for aging live traffic.
    public var seconds: Double

    public init(weekday: Int, minute: Int, seconds: Double = 0) {
        self.weekday = ((weekday % 7) + 7) % 7
        self.minute = ((minute % 1440) + 1440) % 1440
        self.seconds = seconds
    }

    /// The same clock `minutes` later (weekday rolls over at midnight).
    public func adding(minutes: Double) -> LocalTime {
        let total = minute + Int(minutes.rounded())
        let dayShift = total >= 0 ? total / 1440 : (total - 1439) / 1440
        return LocalTime(weekday: weekday + dayShift, minute: total - dayShift * 1440, seconds: seconds + minutes * 60)
    }

    /// Parses `Fri 19:30`, `Mo 08:00`, `2026-11-27T19:30` (weekday computed) or `19:30` (Monday).
    public init?(parsing text: String, seconds: Double = 0) {
        let t = text.trimmed.lowercased()
        // "2026-11-27t19:30" splits at its "t"; a weekday ("tue", "sat") must not.
        let iso = t.first?.isNumber == true && t.contains("-")
        let parts = t.split(whereSeparator: { $0 == " " || (iso && $0 == "t") })
        var weekday = 0
        var clock = Substring(t)
        if parts.count == 2 {
            clock = parts[1]
            let head = String(parts[0])
            if let d = OpeningHours.latinDays[String(head.prefix(3))] ?? OpeningHours.latinDays[String(head.prefix(2))] {
                weekday = d
            } else {
                let ymd = head.split(separator: "-").compactMap { Int($0) }
                guard ymd.count == 3 else { return nil }
                weekday = Self.weekday(year: ymd[0], month: ymd[1], day: ymd[2])
            }
        }
        let hm = clock.split(separator: ":").compactMap { Int($0) }
        guard hm.count >= 2, (0..<24).contains(hm[0]), (0..<60).contains(hm[1]) else { return nil }
        self.init(weekday: weekday, minute: hm[0] * 60 + hm[1], seconds: seconds)
    }

    /// Day of week (0 = Monday) of a Gregorian date (Sakamoto's method).
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        let sunday0 = (y + y / 4 - y / 100 + y / 400 + t[(month - 1) % 12] + day) % 7
        return (sunday0 + 6) % 7
    }

    /// Local time from Unix seconds and the UTC offset in seconds.
    public init(unixSeconds: Double, utcOffset: Int) {
        let local = Int(unixSeconds.rounded(.down)) + utcOffset
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        // 1970-01-01 was a Thursday (3).
        self.init(weekday: 3 + days, minute: (local - days * 86400) / 60, seconds: unixSeconds)
    }
}

/// Where a travel-time estimate came from, so the answer can say "with current traffic" only when it is live.
public enum TrafficSource: String, Sendable, Equatable {
    /// Pushed by the navigation system and still fresh.
    case live
    /// A standing note on the place (KVRET's "heavy traffic", our JSON's `traffic`).
    case note
    /// The fallback model: distance, road type, time of day.
    case model
}

/// Travel time to a place and the congestion on the way.
public struct TravelEstimate: Sendable, Equatable {
    public var minutes: Double
    public var level: TrafficLevel
    public var source: TrafficSource
    /// Road distance in metres.
    public var distance: Double
}

/// Live traffic pushed by the navigation system: per place and per area, each ageing out after `maxAge`.
public struct TrafficFeed: Sendable {
    public struct PlaceEntry: Sendable, Equatable {
        public var level: TrafficLevel
        /// The navigation's own estimate to the place, when it has one.
        public var minutes: Double?
        public var receivedAt: Double
    }
    public struct AreaEntry: Sendable, Equatable {
        public var center: Coordinate
        /// Metres.
        public var radius: Double
        public var level: TrafficLevel
        public var receivedAt: Double
    }

    public private(set) var places: [String: PlaceEntry] = [:]
    public private(set) var areas: [AreaEntry] = []
    /// Seconds after which an entry no longer counts (default 10 minutes).
    public var maxAge: Double
    /// The most areas kept at once. Every ranking checks each place against each area: 30,000 areas made
    /// an Ask take 76 ms instead of 0.4 (issue 16); 256 fresh congestion areas cover any route.
    public var maxAreas: Int

    public init(maxAge: Double = 600, maxAreas: Int = 256) {
        self.maxAge = maxAge
        self.maxAreas = maxAreas
    }

    /// Records congestion and/or the navigation's travel time to one place, at `now` seconds.
    public mutating func update(placeID: String, level: TrafficLevel, minutes: Double? = nil, now: Double) throws(TravelError) {
        if let m = minutes, !(m >= 0 && m <= 24 * 60) { throw .invalidTraffic(reason: "minutes \(m) out of range (0 to 1440)") }
        places[placeID] = PlaceEntry(level: level, minutes: minutes, receivedAt: now)
    }

    /// Records congestion in a circular area (a road segment's surroundings).
    public mutating func update(area center: Coordinate, radius: Double, level: TrafficLevel, now: Double) throws(TravelError) {
        guard radius > 0, radius <= 200_000 else { throw .invalidTraffic(reason: "radius \(radius) m out of range (up to 200000)") }
        guard (-90...90).contains(center.latitude), (-180...180).contains(center.longitude) else {
            throw .invalidTraffic(reason: "centre \(center.latitude), \(center.longitude) is not a coordinate")
        }
        areas.removeAll { $0.center == center && $0.radius == radius }
        expire(now: now)
        guard areas.count < maxAreas else { throw .tooManyAreas(maximum: maxAreas) }
        areas.append(AreaEntry(center: center, radius: radius, level: level, receivedAt: now))
    }

    /// Drops entries older than `maxAge`.
    public mutating func expire(now: Double) {
        places = places.filter { now - $0.value.receivedAt <= maxAge }
        areas.removeAll { now - $0.receivedAt > maxAge }
    }

    /// The freshest live entry for a place, if any (place entries win over areas; the worst area counts).
    func live(for place: Place, now: Double) -> (level: TrafficLevel, minutes: Double?)? {
        if let e = places[place.id], now - e.receivedAt <= maxAge { return (e.level, e.minutes) }
        guard let lat = place.latitude, let lon = place.longitude else { return nil }
        let c = Coordinate(latitude: lat, longitude: lon)
        let hits = areas.filter { now - $0.receivedAt <= maxAge && $0.center.distance(to: c) <= $0.radius }
        guard let worst = hits.map(\.level).max() else { return nil }
        return (worst, nil)
    }
}

/// The fallback travel-time model when no live feed covers a place.
public enum TrafficModel {
    /// Straight-line to road distance.
    public static let detourFactor = 1.3

    /// Free-flow speed in km/h by the road type a trip of this length mostly uses.
    static func freeFlowSpeed(metres: Double) -> Double {
        switch metres {
        case ..<2_000: 25  // city streets
        case ..<10_000: 35  // arterial roads
        case ..<30_000: 55  // ring roads
        default: 80  // motorway
        }
    }

    /// Congestion the time of day implies (weekday rush hours, evenings, nights).
    public static func level(at time: LocalTime, metres: Double) -> TrafficLevel {
        let h = time.minute / 60
        let weekend = time.weekday >= 5
        if !weekend, (7..<9).contains(h) || (16..<19).contains(h) { return metres > 1_500 ? .heavy : .moderate }
        if (11..<14).contains(h) || (19..<20).contains(h) || (weekend && (10..<19).contains(h)) { return .moderate }
        return .none
    }

    /// Travel time over `metres` of road at `time`, from a known congestion level or the time of day.
    public static func minutes(metres: Double, level: TrafficLevel) -> Double {
        let base = metres / 1000 / freeFlowSpeed(metres: metres) * 60
        return base * level.delayFactor + 1  // plus a minute to park
    }

    /// The estimate for one place: live feed first, then the place's note, then the model.
    public static func estimate(
        place: Place, roadDistance: Double, feed: TrafficFeed, at time: LocalTime
    ) -> TravelEstimate {
        if let live = feed.live(for: place, now: time.seconds) {
            let m = live.minutes ?? minutes(metres: roadDistance, level: live.level)
            return TravelEstimate(minutes: m, level: live.level, source: .live, distance: roadDistance)
        }
        if let note = place.trafficNote {
            return TravelEstimate(minutes: minutes(metres: roadDistance, level: note), level: note, source: .note, distance: roadDistance)
        }
        let level = level(at: time, metres: roadDistance)
        return TravelEstimate(minutes: minutes(metres: roadDistance, level: level), level: level, source: .model, distance: roadDistance)
    }
}

extension LocalTime {
    /// The system clock in the system's time zone.
    public static func current() -> LocalTime {
        let now = Date()
        return LocalTime(unixSeconds: now.timeIntervalSince1970, utcOffset: TimeZone.current.secondsFromGMT(for: now))
    }
}
