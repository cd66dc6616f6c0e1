import Speech
public import VSS

/// What the ranking knows about the car and the moment: position, live range, the clock.
public struct TravelContext: Sendable {
    public var position: Coordinate?
    /// Remaining range in metres (`Vehicle.Powertrain.Range`), when known.
    public var rangeMetres: Double?
    /// State of charge in percent, when known.
    public var stateOfCharge: Double?
    public var now: LocalTime
    /// The signal readings the context was built from, to list behind an answer.
    public var readings: [SignalReading]

    public init(
        position: Coordinate? = nil, rangeMetres: Double? = nil, stateOfCharge: Double? = nil, now: LocalTime,
        readings: [SignalReading] = []
    ) {
        self.position = position
        self.rangeMetres = rangeMetres
        self.stateOfCharge = stateOfCharge
        self.now = now
        self.readings = readings
    }

    public static let latitudePath = "Vehicle.CurrentLocation.Latitude"
    public static let longitudePath = "Vehicle.CurrentLocation.Longitude"
    public static let rangePath = "Vehicle.Powertrain.Range"
    public static let socPath = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed"

    /// Reads position, range and state of charge from the vehicle's signals; stale or missing ones stay unknown.
    public init(signals: some SignalReader, now: LocalTime) {
        self.now = now
        readings = []
        let lat = signals.reading(Self.latitudePath)
        let lon = signals.reading(Self.longitudePath)
        if lat.isUsable, lon.isUsable, let a = lat.value?.number, let o = lon.value?.number {
            position = Coordinate(latitude: a, longitude: o)
            readings += [lat, lon]
        }
        let range = signals.reading(Self.rangePath)
        if range.status == .available, let r = range.value?.number {
            rangeMetres = UnitMath.metres(r, vssUnit: range.unit)
            readings.append(range)
        }
        let soc = signals.reading(Self.socPath)
        if soc.isUsable, let s = soc.value?.number {
            stateOfCharge = s
            readings.append(soc)
        }
    }
}

/// One ranked place with why it was chosen.
public struct Suggestion: Sendable, Equatable {
    public var place: Place
    /// `nil` when neither coordinates nor a distance are known.
    public var estimate: TravelEstimate?
    public var score: Double
    /// Why, as facts the answer phrases per locale.
    public var reasons: [Reason]
}

/// One fact behind a suggestion.
public enum Reason: Sendable, Equatable {
    case rating(Double, count: Int?)
    case travelTime(minutes: Double, level: TrafficLevel, source: TrafficSource)
    case distance(metres: Double)
    case openUntil(minute: Int)
    case cuisine(String)
    case dish(String)
    case pricePerPerson(Double)
    case priceLevel(Int)
    case evCharging
    case reachable(spareMetres: Double)
    case liked(String)
    case disliked(String)
    case acceptedBefore
    case declinedBefore
}

/// The outcome of ranking: suggestions best first, and what limited the choice.
public struct RankingResult: Sendable {
    public var suggestions: [Suggestion]
    /// Places left out because the car could not get there and back with a safe reserve, and that would
    /// otherwise have been among the top three (the range limited the choice).
    public var outOfRange: Int = 0
    /// Every place left out for the range.
    public var unreachable: Int = 0
    /// Places left out because they are closed at arrival.
    public var closed: Int = 0
    /// A requested cuisine, dish or name had no match, so the search was widened without it.
    public var relaxed: [String] = []
}

/// Ranks places for a request: rating weighted by its count, travel time with traffic, open at arrival,
/// price, cuisine, the driver's profile and the car's range.
public enum Ranker {
    /// A safe reserve kept in the battery for the way back: 15 % of the range, at least 15 km.
    public static func reserve(rangeMetres: Double) -> Double { max(15_000, 0.15 * rangeMetres) }

    /// Bayesian average: few ratings pull a place's stars towards the prior.
    public static func weightedRating(_ rating: Double, count: Int?, prior: Double = 3.8, weight: Double = 25) -> Double {
        let n = Double(count ?? 25)
        return (prior * weight + rating * n) / (weight + n)
    }

    /// A place's dish answers a wished one when either names the other ("宫保虾球" serves "虾球"; "乌鱼蛋汤"
    /// serves "招牌乌鱼蛋汤"); a served name inside the wish must have three characters or more.
    static func sameDish(_ served: String, _ wanted: String) -> Bool {
        served == wanted || (wanted.count >= 2 && served.contains(wanted)) || (served.count >= 3 && wanted.contains(served))
    }

    static func matches(_ place: Place, cuisine: String) -> Bool {
        let wanted = TravelUnderstanding.cuisineAliases[cuisine] ?? [cuisine]
        let name = place.name.lowercased()
        return wanted.contains { c in place.cuisines.contains(c) || name.contains(c) || place.tags.contains(c) }
    }

    public static func rank(
        _ request: TravelRequest, store: PlaceStore, traffic: TrafficFeed, profile: DriverProfile,
        context: TravelContext, excluding: Set<String> = [], relax: Bool = true
    ) -> RankingResult {
        var result = RankingResult(suggestions: [])
        let radius = request.maxDistance ?? 150_000
        var candidates: [(place: Place, distance: Double?)]
        if let position = context.position {
            candidates = store.places(near: position, within: radius / TrafficModel.detourFactor).map {
                ($0.place, $0.place.latitude != nil ? $0.distance.map { $0 * TrafficModel.detourFactor } : $0.distance)
            }
        } else {
            candidates = store.places.map { ($0, $0.distanceMetres) }
        }
        candidates.removeAll { excluding.contains($0.place.id) }
        if let c = request.category {
            // Charging: the charging stations, and car parks with chargers (a restaurant's charger is a reason, not a station).
            candidates = candidates.filter {
                $0.place.category == c || (c == .charging && $0.place.evCharging && $0.place.category == .parking)
            }
        }
        if let max = request.maxDistance { candidates = candidates.filter { ($0.distance ?? 0) <= max * 1.05 } }
        // Constraints the driver stated: rating, price.
        if let m = request.minRating { candidates = candidates.filter { ($0.place.rating ?? 0) >= m } }
        if request.priceMax != nil || request.priceMin != nil {
            candidates = candidates.filter { c in
                guard let p = c.place.pricePerPerson else { return false }
                return p <= (request.priceMax ?? .infinity) && p >= (request.priceMin ?? 0)
            }
        }
        if request.cheap { candidates = candidates.filter { ($0.place.effectivePriceLevel ?? 1) <= 2 } }
        if let level = request.maxPriceLevel { candidates = candidates.filter { ($0.place.effectivePriceLevel ?? 1) <= level } }
        // Hard wishes: a cuisine, a dish, a name. Widen (and say so) when nothing matches.
        if !request.cuisines.isEmpty {
            let hit = candidates.filter { c in request.cuisines.contains { matches(c.place, cuisine: $0) } }
            if hit.isEmpty, relax { result.relaxed += request.cuisines } else { candidates = hit }
        }
        let wantedDishes = request.dishes.isEmpty ? (request.dish.map { [$0] } ?? []) : request.dishes
        if !wantedDishes.isEmpty {
            // Longer dish names say more ("黄桥烧饼" over a stray "烧饼"): weigh each by its length.
            func served(_ p: Place) -> Int {
                wantedDishes.filter { w in p.dishes.contains { Self.sameDish($0, w) } }.reduce(0) { $0 + $1.count }
            }
            let best = candidates.map { served($0.place) }.max() ?? 0
            if best == 0 {
                if relax { result.relaxed.append(wantedDishes[0]) } else { candidates = [] }
            } else {
                candidates = candidates.filter { served($0.place) == best }
            }
        }
        if let name = request.name {
            let key = name.replacing(" ", with: "")
            func squeezed(_ t: String) -> String { t.lowercased().replacing(" ", with: "").replacing("'", with: "") }
            let hit = candidates.filter { squeezed($0.place.name).contains(key) || squeezed($0.place.address ?? "").contains(key) }
            if hit.isEmpty, relax { result.relaxed.append(name) } else { candidates = hit }
        }

        let anyRatings = candidates.contains { $0.place.rating != nil }
        var droppedScores: [Double] = []
        for (place, distance) in candidates {
            var reasons: [Reason] = []
            var estimate: TravelEstimate? = nil
            if let d = distance {
                estimate = TrafficModel.estimate(place: place, roadDistance: d, feed: traffic, at: context.now)
            }
            // Open at arrival.
            let arrival: LocalTime = {
                if let clock = request.arrivalClock, clock > context.now.minute {
                    return LocalTime(weekday: context.now.weekday, minute: clock, seconds: context.now.seconds)
                }
                return context.now.adding(minutes: estimate?.minutes ?? 0)
            }()
            if place.openNow == false { result.closed += 1; continue }
            if let hours = place.hours {
                guard let left = hours.minutesOpenLeft(weekday: arrival.weekday, minute: arrival.minute), left >= 30 else {
                    result.closed += 1
                    continue
                }
                if left < 24 * 60 { reasons.append(.openUntil(minute: (arrival.minute + left) % 1440)) }
            }
            // Range: there and back with a reserve, or there with a reserve when the place charges.
            var unreachable = false
            if let range = context.rangeMetres, let d = estimate?.distance {
                let needed = (place.evCharging ? d : 2 * d) + reserve(rangeMetres: range)
                unreachable = needed > range
                if !unreachable, range < 100_000 || place.evCharging {
                    reasons.append(.reachable(spareMetres: range - needed + reserve(rangeMetres: range)))
                }
            }
            var score = 0.0
            if let r = place.rating {
                let w = weightedRating(r, count: place.ratingCount)
                score += (request.bestRated ? 2.0 : request.nearest ? 0.3 : 1.0) * w
                reasons.append(.rating(r, count: place.ratingCount))
            } else if anyRatings {
                score += 3.3  // unknown quality ranks below the average known place
            }
            if let e = estimate {
                if request.nearest {
                    score -= 0.5 * e.distance / 1000 + 0.01 * e.minutes
                } else if request.leastTraffic {
                    score -= 0.9 * Double(e.level.rawValue) + 0.05 * e.minutes
                } else {
                    score -= 0.05 * e.minutes + (request.nearby ? 0.15 * e.distance / 1000 : 0)
                }
                // A road block costs more than its delay, except when the driver asked for the nearest place
                // (the answer still says "a road block on the way").
                if e.level == .blocked, !request.nearest { score -= 1.5 }
                reasons.append(.travelTime(minutes: e.minutes, level: e.level, source: e.source))
            }
            for c in place.cuisines.prefix(2) { reasons.append(.cuisine(c)) }
            for w in wantedDishes {
                if let hit = place.dishes.first(where: { Self.sameDish($0, w) }) { reasons.append(.dish(hit)) }
            }
            if let p = place.pricePerPerson {
                reasons.append(.pricePerPerson(p))
                if request.cheap { score -= p / 150 }
            } else if let l = place.priceLevel {
                reasons.append(.priceLevel(l))
                if request.cheap { score -= 0.3 * Double(l - 1) }
            }
            if place.evCharging { reasons.append(.evCharging) }
            let adj = profile.adjustment(for: place)
            score += adj.score
            for b in adj.because {
                if b.key.hasPrefix("place:") {
                    reasons.append(b.liked ? .acceptedBefore : .declinedBefore)
                } else {
                    reasons.append(b.liked ? .liked(b.key) : .disliked(b.key))
                }
            }
            if unreachable {
                droppedScores.append(score)
                result.unreachable += 1
                continue
            }
            result.suggestions.append(Suggestion(place: place, estimate: estimate, score: score, reasons: reasons))
        }
        // Equal scores: less traffic first (the drive is calmer), then the shorter way.
        result.suggestions.sort {
            if abs($0.score - $1.score) > 1e-9 { return $0.score > $1.score }
            let l0 = $0.estimate?.level ?? .none
            let l1 = $1.estimate?.level ?? .none
            if l0 != l1 { return l0 < l1 }
            return ($0.estimate?.distance ?? 0) < ($1.estimate?.distance ?? 0)
        }
        // The range limited the choice when a place it left out would have been among the top three.
        let bar = result.suggestions.count >= 3 ? result.suggestions[2].score : -Double.infinity
        result.outOfRange = droppedScores.filter { $0 > bar }.count
        return result
    }
}
