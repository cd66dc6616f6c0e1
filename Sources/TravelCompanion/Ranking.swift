public import Speech
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
    /// The destination of the active route, for "on the way".
    public var destination: Coordinate?
    /// The currency of the places' prices (the locale's, unless the caller knows better).
    public var currency: Currency?

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
    public static let destinationLatitudePath = "Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Latitude"
    public static let destinationLongitudePath = "Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Longitude"

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
        let dLat = signals.reading(Self.destinationLatitudePath)
        let dLon = signals.reading(Self.destinationLongitudePath)
        if dLat.isUsable, dLon.isUsable, let a = dLat.value?.number, let o = dLon.value?.number {
            destination = Coordinate(latitude: a, longitude: o)
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
    /// A charger within walking distance of the place (metres).
    case chargerNearby(metres: Double)
    /// Own parking, or a car park within walking distance (metres; 0 for own).
    case parking(metres: Double)
    /// Extra minutes off the active route.
    case detour(minutes: Double)
    /// Minutes on foot from a car park to the destination of the active route.
    case walkToDestination(minutes: Double)
    case kidFriendly
    case seats(Int)
    /// The opening hours could not be read (the places file's warnings say why).
    case hoursUnknown
    /// Not everything asked for: the constraints this place does not meet.
    case nearestFit([Relaxation])
    /// The constraints the driver stated that this place meets.
    case meets([Relaxation])
}

/// A constraint the driver stated that a suggestion does not meet (the answer says so).
public enum Relaxation: Sendable, Equatable {
    /// The cuisine; `closed` places of it are closed at arrival.
    case cuisine([String], closed: Int)
    case dish(String)
    case name(String)
    case price
    case traffic
    case charger
    case parking
    case distance
    case time(minutes: Double)
    case onTheWay
    /// A cuisine the driver turned away.
    case notCuisine([String])
    case party(Int)
    case kids
    /// A need the data gives places as a tag ("vegetarian", "gluten free", "dog friendly").
    case need(String)
    case notSpicy
    /// A fast (DC) charger.
    case fastCharger
    case rating(Double)
    case blocked
}

/// The currency prices are in: price levels and "under 30 a head" mean different sums in each.
public enum Currency: String, Sendable, Equatable {
    case cny, eur, usd, gbp

    public init(locale: GeniusLocale) {
        switch locale {
        case .zhCN: self = .cny
        case .deDE: self = .eur
        case .enGB: self = .gbp
        default: self = .usd
        }
    }

    /// Upper bounds per person of price levels 1, 2 and 3 (level 4 is above).
    var levelBounds: [Double] { self == .cny ? [60, 150, 300] : [15, 30, 60] }
    /// A typical spend per person at a price level, for places that give only the level.
    func typicalSpend(level: Int) -> Double {
        let table: [Double] = self == .cny ? [40, 100, 220, 450] : [10, 22, 45, 90]
        return table[max(1, min(4, level)) - 1]
    }
    func level(spend: Double) -> Int { (levelBounds.firstIndex { spend < $0 } ?? 3) + 1 }
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
    /// What the top suggestion does not meet of what was asked: empty when it meets everything.
    public var relaxed: [Relaxation] = []
}

/// Ranks places for a request: rating weighted by its count, travel time with traffic, open at arrival,
/// price, cuisine, the driver's profile and the car's range.
public enum Ranker {
    /// A safe reserve kept in the battery for the way back: 15 % of the range, at least 15 km.
    public static func reserve(rangeMetres: Double) -> Double { max(2_000, 0.15 * rangeMetres) }

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

    /// Walking distance from a place to a charger or a car park that serves it.
    public static let walkingDistance = 300.0

    /// The price a place costs per person, in the context's currency (the level's typical spend when only that is known).
    static func spend(_ place: Place, currency: Currency) -> Double? {
        place.pricePerPerson ?? place.priceLevel.map { currency.typicalSpend(level: $0) }
    }

    static func priceLevel(_ place: Place, currency: Currency) -> Int? {
        place.priceLevel ?? place.pricePerPerson.map { currency.level(spend: $0) }
    }

    /// A charger or car park within walking distance of `place` (itself excluded), with its distance.
    static func nearby(_ place: Place, store: PlaceStore, where wanted: (Place) -> Bool) -> Double? {
        guard let lat = place.latitude, let lon = place.longitude else { return nil }
        let here = Coordinate(latitude: lat, longitude: lon)
        return store.places(near: here, within: walkingDistance)
            .filter { $0.place.id != place.id && wanted($0.place) }
            .compactMap(\.distance).min()
    }

    /// Walking pace for the walk from a car park to the destination (4.8 km/h).
    static let walkingMetresPerMinute = 80.0

    /// Whether a charger is fast (DC, 50 kW or more), from its tags ("快充", "rapid", "150 kw"); nil when unknown.
    static func isFastCharger(_ place: Place) -> Bool? {
        let tags = place.tags.map { $0.lowercased() }
        for t in tags {
            let digits = t.prefix { $0.isNumber || $0 == "." }
            if !digits.isEmpty, t.dropFirst(digits.count).drop(while: { $0 == " " }).hasPrefix("kw"), let kw = Double(digits) {
                return kw >= 50
            }
        }
        let fast = ["快充", "超充", "fast", "rapid", "dc", "hpc", "supercharger", "schnelllader", "ultra rapid"]
        let slow = ["慢充", "slow", "ac", "destination charger", "normallader", "wallbox"]
        if tags.contains(where: { t in fast.contains(t) || t.hasPrefix("fast ") || t.hasPrefix("rapid ") }) { return true }
        if tags.contains(where: { t in slow.contains(t) || t.hasPrefix("slow ") }) { return false }
        return nil
    }

    /// Cuisines that are spicy as a rule, for "nothing spicy" when the data has no "spicy" tag.
    static let spicyCuisines: Set<String> = ["sichuan", "hunan", "chongqing", "hotpot", "guizhou"]
    static let kidTags: Set<String> = ["kids", "kid", "kid-friendly", "kid friendly", "family", "family-friendly", "children", "playground"]
    static let noKidTags: Set<String> = ["adults only", "adults-only", "no kids", "18+"]

    /// Ranks places for a request. Hard constraints filter: a place that misses one is offered only when no
    /// place meets them all, and then as the nearest fit, cheapest misses first; closed places and places the
    /// range cannot reach are never offered. Soft preferences rank: rating weighted by its count, travel time
    /// with traffic, price, closeness, the driver's profile.
    public static func rank(
        _ request: TravelRequest, store: PlaceStore, traffic: TrafficFeed, profile: DriverProfile,
        context: TravelContext, excluding: Set<String> = [], relax: Bool = true
    ) -> RankingResult {
        var result = RankingResult(suggestions: [])
        let currency = context.currency ?? .cny
        // Places a little beyond a distance limit are still read, to offer as the nearest fit.
        let radius = request.maxDistance.map { max($0 * 3, 20_000) } ?? 150_000
        var candidates: [(place: Place, distance: Double?)]
        if let position = context.position {
            candidates = store.places(near: position, within: radius / TrafficModel.detourFactor).map {
                ($0.place, $0.place.latitude != nil ? $0.distance.map { $0 * TrafficModel.detourFactor } : $0.distance)
            }
        } else {
            candidates = store.places.map { ($0, $0.distanceMetres) }
        }
        candidates.removeAll { excluding.contains($0.place.id) }
        // "Not the one on the A12": a place whose name or address has the words the driver ruled out.
        if !request.avoidPlaces.isEmpty {
            func squeezedText(_ t: String) -> String { t.lowercased().replacing(" ", with: "") }
            let ruledOut = request.avoidPlaces.map(squeezedText)
            candidates.removeAll { c in
                let text = squeezedText(c.place.name + " " + (c.place.address ?? ""))
                return ruledOut.contains { text.contains($0) }
            }
        }
        if let c = request.category {
            // Charging: the charging stations, and car parks with chargers (a restaurant's charger is a reason, not a station).
            // A meal asked for by its cuisine or dish may be a cafe's ("a full English", "a bacon butty").
            let wished = request.dishes + (request.dish.map { [$0] } ?? [])
            candidates = candidates.filter { candidate in
                let p = candidate.place
                if p.category == c || (c == .charging && p.evCharging && p.category == .parking) { return true }
                guard c == .restaurant, p.category == .cafe else { return false }
                return request.cuisines.contains { Cuisine.fit(p, wanted: $0) == .exact }
                    || wished.contains { w in p.dishes.contains { Self.sameDish($0, w) } }
            }
        }
        let wantedDishes = request.dishes.isEmpty ? (request.dish.map { [$0] } ?? []) : request.dishes
        // Longer dish names say more ("黄桥烧饼" over a stray "烧饼"): weigh each by its length.
        func served(_ p: Place) -> Int {
            wantedDishes.filter { w in p.dishes.contains { Self.sameDish($0, w) } }.reduce(0) { $0 + $1.count }
        }
        let bestServed = wantedDishes.isEmpty ? 0 : candidates.map { served($0.place) }.max() ?? 0
        // The kitchens of the places that serve the dish, open or not: when none of them can be offered, a place of
        // the same kitchen is the nearest fit ("no Labskaus tonight; a north German fish kitchen"), not the best rated.
        let dishKitchens: Set<String> =
            bestServed == 0
            ? [] : Set(candidates.filter { served($0.place) > 0 }.flatMap { $0.place.cuisines.map(Cuisine.canonicalTag) })
        let nameKey = request.name.map { $0.replacing(" ", with: "") }
        func squeezed(_ t: String) -> String { t.lowercased().replacing(" ", with: "").replacing("'", with: "") }
        // Kid-friendliness counts only when the data says it of some place.
        let kidsKnown = request.kids && candidates.contains { !$0.place.tags.filter { kidTags.contains($0) || noKidTags.contains($0) }.isEmpty }
        let partyKnown = request.partySize != nil && candidates.contains { $0.place.seats != nil }
        // A need counts only when the data says it of some place; a vegan place is vegetarian too.
        func meets(_ place: Place, _ need: String) -> Bool {
            let said = Set(place.tags + place.cuisines)
            return said.contains(need) || (need == "vegetarian" && said.contains("vegan"))
        }
        let knownNeeds = request.needs.filter { need in candidates.contains { meets($0.place, need) } }
        // A charger's speed counts only when the data says it of some place.
        let speedKnown = request.fastCharge && candidates.contains { Self.isFastCharger($0.place) != nil }

        let anyRatings = candidates.contains { $0.place.rating != nil }
        var droppedScores: [Double] = []
        var closedOfCuisine = 0
        var scored: [(suggestion: Suggestion, misses: [Relaxation], cost: Double)] = []
        for (place, distance) in candidates {
            var reasons: [Reason] = []
            var misses: [Relaxation] = []
            var met: [Relaxation] = []
            var cost = 0.0
            func miss(_ r: Relaxation, _ c: Double) {
                misses.append(r)
                cost += c
            }
            func check(_ ok: Bool, _ r: Relaxation, _ c: Double) {
                if ok { met.append(r) } else { miss(r, c) }
            }
            var estimate: TravelEstimate? = nil
            if let d = distance {
                estimate = TrafficModel.estimate(place: place, roadDistance: d, feed: traffic, at: context.now)
            }
            // The cuisine first: a closed place of the cuisine asked for makes "none is open" the honest answer.
            var cuisineFit = Cuisine.Fit.exact
            if !request.cuisines.isEmpty {
                cuisineFit = request.cuisines.map { Cuisine.fit(place, wanted: $0) }.max() ?? .none
            }
            // Open at arrival.
            let arrival: LocalTime = {
                if let clock = request.arrivalClock, clock > context.now.minute {
                    return LocalTime(weekday: context.now.weekday, minute: clock, seconds: context.now.seconds)
                }
                return context.now.adding(minutes: estimate?.minutes ?? 0)
            }()
            if place.openNow == false {
                result.closed += 1
                if cuisineFit == .exact, !request.cuisines.isEmpty { closedOfCuisine += 1 }
                continue
            }
            if let hours = place.hours {
                // "Until ten": the hour that has not yet come at arrival (ten at night after ten in the morning).
                // The first such time after arrival: "till ten" at 14:00 is 22:00, "till two" at 22:00 is 02:00.
                let untilLeft = request.openUntilClock.map { clock in
                    let times = [clock, clock + 12 * 60, clock + 24 * 60].filter {
                        $0 > arrival.minute && ($0 != clock + 12 * 60 || clock <= 12 * 60)
                    }
                    return (times.min() ?? clock + 24 * 60) - arrival.minute
                }
                guard let left = hours.minutesOpenLeft(weekday: arrival.weekday, minute: arrival.minute),
                    left >= max(30, request.minOpenMinutes ?? 0, untilLeft ?? 0)
                else {
                    result.closed += 1
                    if cuisineFit == .exact, !request.cuisines.isEmpty { closedOfCuisine += 1 }
                    continue
                }
                if left < 24 * 60 { reasons.append(.openUntil(minute: (arrival.minute + left) % 1440)) }
            } else if place.hoursProblem != nil {
                reasons.append(.hoursUnknown)
            }
            // Range: there and back with a reserve, or there with a reserve when the place charges.
            var unreachable = false
            if let range = context.rangeMetres, let d = estimate?.distance {
                // Where the car charges or tanks, getting there is enough.
                // Arriving at a charger with little left is fine: a smaller reserve there.
                let refuels = place.evCharging || place.category == .fuel
                let needed = refuels ? d + max(500, 0.1 * range) : 2 * d + reserve(rangeMetres: range)
                unreachable = needed > range
                if !unreachable, range < 100_000 || place.evCharging {
                    reasons.append(.reachable(spareMetres: range - needed + reserve(rangeMetres: range)))
                }
            }

            // Hard constraints: each miss has a cost; the nearest fit misses the least.
            switch cuisineFit {
            case .exact: if !request.cuisines.isEmpty { met.append(.cuisine(request.cuisines, closed: 0)) }
            case .general: miss(.cuisine(request.cuisines, closed: 0), 1.5)
            case .related: miss(.cuisine(request.cuisines, closed: 0), 3)
            case .none: miss(.cuisine(request.cuisines, closed: 0), 10)
            }
            let turnedAway = request.avoidCuisines.filter { Cuisine.fit(place, wanted: $0) == .exact }
            if !turnedAway.isEmpty { miss(.notCuisine(turnedAway), 5) }
            if !wantedDishes.isEmpty {
                let n = served(place)
                if bestServed == 0 {
                    miss(.dish(wantedDishes[0]), 9)
                } else if n < bestServed {
                    let sameKitchen = n == 0 && place.cuisines.contains { dishKitchens.contains(Cuisine.canonicalTag($0)) }
                    miss(.dish(wantedDishes[0]), n > 0 ? 2 : sameKitchen ? 5 : 9)
                }
            }
            if let key = nameKey, !(squeezed(place.name).contains(key) || squeezed(place.address ?? "").contains(key)) {
                miss(.name(request.name ?? key), 12)
            }
            if let m = request.minRating { check((place.rating ?? 0) >= m, .rating(m), 2) }
            let spend = spend(place, currency: currency)
            let level = priceLevel(place, currency: currency)
            // How far off the price is: a little over a ceiling costs less than far over it.
            var priceOff = 0.0
            if request.priceMax != nil || request.priceMin != nil {
                if let p = spend {
                    if let m = request.priceMax, p > m * 1.0001 { priceOff = max(priceOff, p / max(m, 1) - 1) }
                    if let m = request.priceMin, p < m { priceOff = max(priceOff, 1 - p / max(m, 1)) }
                } else {
                    priceOff = 0.5
                }
            }
            if request.cheap, let l = level, l > 2 { priceOff = max(priceOff, Double(l - 2) / 2) }
            if let maxLevel = request.maxPriceLevel, let l = level, l > maxLevel { priceOff = max(priceOff, Double(l - maxLevel) / 2) }
            if let minLevel = request.minPriceLevel, (level ?? 4) < minLevel { priceOff = max(priceOff, Double(minLevel - (level ?? 4)) / 2) }
            let priceMissed = priceOff > 0
            let priceAsked =
                request.priceMax != nil || request.priceMin != nil || request.cheap || request.maxPriceLevel != nil
                || request.minPriceLevel != nil
            if priceAsked { check(!priceMissed, .price, 1 + 2 * min(1, priceOff)) }
            if let e = estimate {
                // A road block rules a place out while another fits, also the nearest one.
                if e.level == .blocked { miss(.blocked, 3) }
                if request.avoidTraffic { check(e.level < .heavy, .traffic, 3) }
                // A limit missed by a little costs less than one missed by far.
                if let limit = request.maxMinutes {
                    check(e.minutes <= limit * 1.1, .time(minutes: limit), 0.5 + 2.5 * min(1, e.minutes / limit - 1))
                }
            }
            if let limit = request.maxDistance {
                // "Within 5 km" is judged as the map shows it: the straight line, where the place has coordinates.
                let d = place.latitude != nil && context.position != nil ? (distance ?? 0) / TrafficModel.detourFactor : (distance ?? 0)
                check(d <= limit * 1.05, .distance, 0.5 + 2.5 * min(1, d / limit - 1))
            }
            if request.needsCharger, place.category != .charging {
                if place.evCharging {
                    met.append(.charger)  // reasons get .evCharging below
                } else if place.category != .parking,
                    let d = nearby(place, store: store, where: { $0.category == .charging || $0.evCharging })
                {
                    // A charger a walk away serves a meal; a car park's charger must be where the car stands.
                    reasons.append(.chargerNearby(metres: d))
                    met.append(.charger)
                } else {
                    miss(.charger, 4)
                }
            }
            if request.needsParking, place.category != .parking {
                if place.parking == true {
                    reasons.append(.parking(metres: 0))
                    met.append(.parking)
                } else if let d = nearby(place, store: store, where: { $0.category == .parking }) {
                    reasons.append(.parking(metres: d))
                    met.append(.parking)
                } else {
                    miss(.parking, 2.5)
                }
            }
            var detourMinutes: Double? = nil
            if request.onTheWay, let from = context.position, let to = context.destination, let lat = place.latitude,
                let lon = place.longitude
            {
                let here = Coordinate(latitude: lat, longitude: lon)
                let direct = from.distance(to: to)
                let detour = max(0, from.distance(to: here) + here.distance(to: to) - direct) * TrafficModel.detourFactor
                let minutes = TrafficModel.minutes(metres: detour, level: .none) - 1
                detourMinutes = minutes
                reasons.append(.detour(minutes: max(0, minutes)))
                check(detour <= max(2_000, 0.2 * direct), .onTheWay, 2.5)
            }
            if kidsKnown {
                if !place.tags.filter({ kidTags.contains($0) }).isEmpty {
                    reasons.append(.kidFriendly)
                    met.append(.kids)
                } else {
                    miss(.kids, place.tags.contains { noKidTags.contains($0) } ? 3 : 1.5)
                }
            }
            for need in knownNeeds {
                if meets(place, need) { met.append(.need(need)) } else { miss(.need(need), 3) }
            }
            if speedKnown, place.evCharging || place.category == .charging {
                check(Self.isFastCharger(place) == true, .fastCharger, 2.5)
            }
            if request.avoidSpicy {
                // A place that also cooks mild ("能做不辣", tagged both) serves a mild eater.
                let spicy =
                    (place.tags.contains("spicy") || !Set(place.cuisines).isDisjoint(with: Self.spicyCuisines)) && !place.tags.contains("mild")
                check(!spicy, .notSpicy, 2.5)
            }
            if partyKnown, let n = request.partySize {
                if let seats = place.seats {
                    if seats < n { miss(.party(n), 3) } else { reasons.append(.seats(seats)); met.append(.party(n)) }
                }
            }

            // Soft preferences.
            var score = 0.0
            if let r = place.rating {
                let w = weightedRating(r, count: place.ratingCount)
                score += (request.bestRated ? 2.0 : request.nearest ? 0.3 : 1.0) * w
                reasons.append(.rating(r, count: place.ratingCount))
            } else if anyRatings {
                score += 3.3  // unknown quality ranks below the average known place
            }
            // A car park on the way to a destination is judged by the walk from it as well ("parking near where
            // I'm headed"): a lot next to the car but far from the arena is a long walk.
            if request.category == .parking, let to = context.destination, let lat = place.latitude, let lon = place.longitude {
                let walk = Coordinate(latitude: lat, longitude: lon).distance(to: to) * 1.2
                let walkMinutes = walk / Self.walkingMetresPerMinute
                score -= request.nearest ? 0.5 * walk / 1000 : 0.05 * walkMinutes
                reasons.append(.walkToDestination(minutes: walkMinutes))
            }
            if let e = estimate {
                if let detour = detourMinutes {
                    score -= 0.08 * detour + 0.01 * e.minutes
                } else if request.nearest {
                    score -= 0.5 * e.distance / 1000 + 0.01 * e.minutes
                } else if request.leastTraffic {
                    score -= 0.9 * Double(e.level.rawValue) + 0.05 * e.minutes
                } else {
                    score -= 0.05 * e.minutes + (request.nearby ? 0.15 * e.distance / 1000 : 0)
                    // Heavy traffic is lost time and an uncertain arrival.
                    if e.level == .heavy { score -= 0.3 }
                }
                // A road block costs more than its delay, except when the driver asked for the nearest place
                // (the answer still says "a road block on the way").
                if e.level == .blocked, !request.nearest { score -= 1.5 }
                reasons.append(.travelTime(minutes: e.minutes, level: e.level, source: e.source))
            }
            // "Was Asiatisches mit Nudeln": a place that answers every cuisine named is the better fit.
            if request.cuisines.count > 1 {
                score += 0.8 * Double(max(0, request.cuisines.filter { Cuisine.fit(place, wanted: $0) == .exact }.count - 1))
            }
            for c in place.cuisines.prefix(2) { reasons.append(.cuisine(c)) }
            for w in wantedDishes {
                if let hit = place.dishes.first(where: { Self.sameDish($0, w) }) { reasons.append(.dish(hit)) }
            }
            if let p = place.pricePerPerson {
                reasons.append(.pricePerPerson(p))
            } else if let l = place.priceLevel {
                reasons.append(.priceLevel(l))
            }
            if request.cheap || request.priceMax != nil, let level {
                score -= 0.3 * Double(level - 1)
            } else if request.minPriceLevel != nil, let level {
                score += 0.1 * Double(level - 1)
            }
            if place.evCharging { reasons.append(.evCharging) }
            if let seats = place.seats, request.partySize == nil, seats < 2 { score -= 0.1 }
            let adj = profile.adjustment(for: place)
            score += adj.score
            for b in adj.because {
                if b.key.hasPrefix("place:") {
                    reasons.append(b.liked ? .acceptedBefore : .declinedBefore)
                } else {
                    reasons.append(b.liked ? .liked(b.key) : .disliked(b.key))
                }
            }
            if !met.isEmpty { reasons.insert(.meets(met), at: 0) }
            if unreachable {
                if misses.isEmpty { droppedScores.append(score) }
                result.unreachable += 1
                continue
            }
            scored.append((Suggestion(place: place, estimate: estimate, score: score, reasons: reasons), misses, cost))
        }
        // Equal scores: less traffic first (the drive is calmer), then the shorter way.
        func better(_ a: Suggestion, _ b: Suggestion) -> Bool {
            if abs(a.score - b.score) > 1e-9 { return a.score > b.score }
            let l0 = a.estimate?.level ?? .none
            let l1 = b.estimate?.level ?? .none
            if l0 != l1 { return l0 < l1 }
            return (a.estimate?.distance ?? 0) < (b.estimate?.distance ?? 0)
        }
        let exact = scored.filter { $0.cost == 0 }
        if !exact.isEmpty {
            result.suggestions = exact.map(\.suggestion).sorted(by: better)
        } else if relax, !scored.isEmpty {
            // Nothing meets every constraint: the nearest fits, the fewest and cheapest misses first.
            let ordered = scored.sorted { a, b in
                if abs(a.cost - b.cost) > 1e-9 { return a.cost < b.cost }
                return better(a.suggestion, b.suggestion)
            }
            // "None is open" only when no place of the cuisine is offered at all.
            let openOfCuisine = scored.contains { entry in !entry.misses.contains { if case .cuisine = $0 { true } else { false } } }
            result.relaxed = ordered[0].misses.map { m in
                if case .cuisine(let c, _) = m { return .cuisine(c, closed: openOfCuisine ? 0 : closedOfCuisine) }
                return m
            }
            // Only near fits: not places that miss far more than the best of them.
            let bar = ordered[0].cost + 2
            result.suggestions = ordered.filter { $0.cost <= bar }.map { entry in
                var s = entry.suggestion
                s.reasons.insert(.nearestFit(entry.misses), at: 0)
                return s
            }
        }
        // The range limited the choice when a place it left out would have been among the top three.
        let bar = result.suggestions.count >= 3 ? result.suggestions[2].score : -Double.infinity
        result.outOfRange = droppedScores.filter { $0 > bar }.count
        return result
    }
}
