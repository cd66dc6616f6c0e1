public import Speech
public import VSS

/// What a Travel Companion conversation remembers between turns.
public struct TravelSession: Sendable {
    /// The last search, refined by follow-ups.
    public var lastRequest: TravelRequest?
    /// Place ids of the last suggestions, best first.
    public var lastSuggestions: [String] = []
    /// The place being talked about ("it", "there"): the top suggestion or the one picked.
    public var focus: String?
    /// Places already offered and turned away in this search ("换一家").
    public var skipped: Set<String> = []
    /// The previous turn was "what do you remember", so "forget it" means all of it.
    public var lastWasRecall = false
    public init() {}

    /// True when the conversation is in the middle of a travel topic.
    public var isActive: Bool { lastRequest != nil || focus != nil || lastWasRecall }
}

/// One answer of Travel Companion: what to speak, and the ranked places with their reasons for the screen.
public struct TravelAnswer: Sendable, Equatable {
    public var text: String
    /// `travel.search`, `travel.refine`, `travel.select`, `travel.reach`, `travel.profile`, ...
    public var intent: String
    public var locale: GeniusLocale
    /// Ranked, best first; empty when none fits.
    public var suggestions: [Suggestion]
    /// The signals the answer used (position, range, state of charge).
    public var values: [SignalReading]
    /// True when the driver's profile changed and should be saved.
    public var profileChanged: Bool
}

/// The Travel Companion agent: finds places, weighs ratings against traffic, range and the driver's preferences.
public struct TravelCompanion: Sendable {
    public var store: PlaceStore
    public var traffic: TrafficFeed

    public init(store: PlaceStore, traffic: TrafficFeed = TrafficFeed()) {
        self.store = store
        self.traffic = traffic
    }

    /// Reads an utterance, finding the store's dishes in it as well ("想吃驴杂汤" asks for a restaurant).
    public func understand(_ utterance: String, sessionActive: Bool = true) -> TravelRequest {
        var r = TravelUnderstanding.parse(utterance, sessionActive: sessionActive)
        // A refinement word may come with the whole wish ("去镇北堡的路上找个吃手抓羊肉的 别绕远了"): its cuisine and
        // dishes are read too, so with no search yet it is a search of its own.
        let searching = r.kind == .search || r.kind == .refine
        if searching, r.category == nil || r.category == .restaurant, !store.cuisineVocabulary.isEmpty {
            let text = MatchText(TravelUnderstanding.normalize(utterance))
            for tag in store.cuisines(mentionedIn: text) where !r.cuisines.contains(tag) && !r.avoidCuisines.contains(tag) {
                if TravelUnderstanding.isNegated(tag, tag, in: text) { r.avoidCuisines.append(tag) } else { r.cuisines.append(tag) }
                r.category = .restaurant
            }
        }
        // A cafe's dishes count as well ("a proper afternoon tea", "Kaffee und Schwarzwälder Kirschtorte").
        guard searching, r.category == nil || r.category == .restaurant || r.category == .cafe, !store.dishVocabulary.isEmpty else { return r }
        // What names the kind of place is no dish to look for: every cafe has coffee ("desperate for a coffee").
        let kindWords = r.category.map { c in Set(TravelUnderstanding.categories.first { $0.0 == c }?.1.words ?? []) } ?? []
        let dishes = store.dishes(mentionedIn: utterance).filter { !kindWords.contains($0) }
        if !dishes.isEmpty {
            r.dishes = dishes
            if let d = r.dish, !dishes.contains(d) { r.dishes.append(d) }
            r.dish = nil
            if r.category != .cafe { r.category = .restaurant }
        }
        return r
    }

    /// True when `utterance` is for Travel Companion, given the conversation so far.
    public func wants(_ utterance: String, session: TravelSession) -> Bool {
        Self.wants(understand(utterance), utterance: utterance, session: session)
    }

    /// True when `utterance` is for Travel Companion, from the words alone (no dish vocabulary).
    public static func wants(_ utterance: String, session: TravelSession) -> Bool {
        wants(TravelUnderstanding.parse(utterance), utterance: utterance, session: session)
    }

    /// True when the request read from `utterance` by `understand(_:)` is for Travel Companion.
    public static func wants(_ r: TravelRequest, utterance: String, session: TravelSession) -> Bool {
        switch r.kind {
        case .search:
            // "Oh and three little kids", "und bitte nicht so teuer": constraints only, on a search in progress.
            if !r.isAboutPlaces, r.hasConstraints, session.lastRequest != nil { return true }
            // "Und nebenbei das Auto laden": a charger or parking wished of the place being looked for.
            if r.amenityOnly, session.lastRequest != nil { return true }
            return r.isAboutPlaces && !isCarStatusQuestion(utterance, r)
        case .statement, .recall, .forget: return true
        // "Something cheaper, italian" with no search yet is a search of its own.
        case .refine: return session.isActive || r.isAboutPlaces && !isCarStatusQuestion(utterance, r)
        case .select, .accept, .decline, .reach: return session.isActive
        }
    }

    /// Car-status questions that mention a place word ("is the charging port open", "how full is the tank").
    static func isCarStatusQuestion(_ utterance: String, _ r: TravelRequest) -> Bool {
        // Only these categories (or a distance) can make it one: skip normalizing the text again otherwise.
        guard r.maxDistance != nil || [.charging, .fuel, .home, .parking].contains(r.category) else { return false }
        // "Noch schnell tanken auf dem Weg", "a charger within a mile": a place on the way or within a limit.
        if r.onTheWay || (r.maxDistance != nil && [.charging, .fuel].contains(r.category) && r.amenityOnly) { return false }
        let t = MatchText(TravelUnderstanding.normalize(utterance))
        // "Will I have enough battery to get home, it's about forty miles": a range question with its distance.
        if r.maxDistance != nil, TravelUnderstanding.has(t, CarStatusWords.reachOrEnough) {
            return true
        }
        if r.category == .charging, TravelUnderstanding.has(t, CarStatusWords.chargingPort) {
            return true
        }
        if r.category == .charging || r.category == .fuel {
            return !TravelUnderstanding.has(t, CarStatusWords.stationSearch)
        }
        if r.category == .home {
            return !TravelUnderstanding.has(t, CarStatusWords.homeDirections)
        }
        if r.category == .parking {
            return TravelUnderstanding.has(t, CarStatusWords.parkingStatus)
        }
        return false
    }

    /// Words that tell a car-status question from a place request, compiled once.
    enum CarStatusWords {
        static let reachOrEnough = PhraseList(
            TravelUnderstanding.reachWords.words + ["enough", "make it", "schaffe*", "够", "能开", "开得到"])
        static let chargingPort: PhraseList = [
            "connected", "plugged", "plugged in", "cable", "port", "flap", "angeschlossen", "eingesteckt", "kabel",
            "ladeklappe", "连接", "插上", "插着", "充电枪", "充电口",
        ]
        static let stationSearch: PhraseList = [
            "station", "stations", "where", "nearest", "closest", "find", "charger", "chargers", "anywhere", "somewhere", "wo",
            "nächste*", "irgendwo",
            "tankstelle*", "ladestation*", "ladesäule*", "哪", "最近", "附近", "找", "站", "桩",
            // Needing to fill up is going to a station ("muss noch schnell tanken", "need gas", "得去加个油").
            "need gas", "need petrol", "need fuel", "need to fill up", "need to get gas", "gotta get gas", "need to charge",
            "noch tanken", "muss tanken", "schnell tanken", "noch laden", "muss laden", "加个油", "去加油", "得加油", "得充电", "去充电",
        ]
        static let homeDirections: PhraseList = [
            "directions", "navigate", "route", "take me", "get home", "go home", "back home", "where", "address", "live",
            "nach hause", "adresse", "回家", "导航", "地址",
        ]
        static let parkingStatus: PhraseList = [
            "brake", "parking brake", "handbrake", "parking light", "parking lights", "in park", "feststellbremse", "驻车",
            "p gear", "gear",
        ]
    }

    /// Answers one utterance; `profile` is read for ranking and changed by statements, feedback and forget.
    public func ask(
        _ utterance: String, locale: GeniusLocale, session: inout TravelSession, profile: inout DriverProfile,
        context: TravelContext
    ) -> TravelAnswer {
        ask(understand(utterance), utterance: utterance, locale: locale, session: &session, profile: &profile, context: context)
    }

    /// Answers one utterance already read by `understand(_:)` (the router reads it once to decide and to answer).
    public func ask(
        _ request: TravelRequest, utterance: String, locale: GeniusLocale, session: inout TravelSession,
        profile: inout DriverProfile, context: TravelContext
    ) -> TravelAnswer {
        var context = context
        if context.currency == nil { context.currency = Currency(locale: locale) }
        var request = request
        if locale == .enGB, request.category == .cafe, context.now.minute >= 16 * 60 {
            // An evening "tea" that is a meal: said as one, or asked for with a meal's constraints (a price a head,
            // a party, the kids, a cuisine turned away), unless a cup of tea is meant.
            let text = MatchText(TravelUnderstanding.normalize(utterance))
            let mealConstraints =
                request.priceMax != nil || request.partySize != nil || request.kids || !request.avoidCuisines.isEmpty
                || request.needs.contains { $0 != "dog friendly" } || request.avoidSpicy
            if TravelUnderstanding.has(text, TravelUnderstanding.teaMealWords)
                || mealConstraints && !TravelUnderstanding.has(text, TravelUnderstanding.cupOfTeaWords)
            {
                request.category = .restaurant
            }
        }
        // "Something cheaper, italian" with no search yet: a search for cheap places.
        if request.kind == .refine, session.lastRequest == nil, request.isAboutPlaces {
            request.kind = .search
            request.refinement = nil
        }
        // A follow-up that only adds constraints or changes the cuisine keeps the search in progress.
        if let last = session.lastRequest, isFollowUp(request, utterance: utterance, last: last) {
            request.kind = .refine
            request.refinement = .constraints
        }
        let phrases = Phrasebook(locale: locale)
        var answer = TravelAnswer(
            text: "", intent: "travel.\(request.kind.rawValue)", locale: locale, suggestions: [], values: context.readings,
            profileChanged: false)
        let wasRecall = session.lastWasRecall
        session.lastWasRecall = false
        switch request.kind {
        case .recall:
            session.lastWasRecall = true
            answer.text = phrases.recall(profile)
            answer.intent = "travel.profile.recall"
        case .forget:
            if request.forgetAll || wasRecall || profile.history.count <= 1 {
                let had = !profile.isEmpty
                profile.forgetAll()
                answer.text = had ? phrases.forgotAll : phrases.nothingToForget
            } else if let key = profile.forgetLatest() {
                answer.text = phrases.forgot(key)
            } else {
                answer.text = phrases.nothingToForget
            }
            answer.profileChanged = true
            answer.intent = "travel.profile.forget"
        case .statement:
            for p in request.preferences { profile.state(p.key, liked: p.liked, said: utterance) }
            answer.profileChanged = true
            answer.intent = "travel.profile.statement"
            answer.text = phrases.noted(request.preferences)
            // A search in progress is re-ranked at once with the new preference.
            if let last = session.lastRequest {
                let result = Ranker.rank(last, store: store, traffic: traffic, profile: profile, context: context)
                answer.suggestions = Array(result.suggestions.prefix(5))
                session.lastSuggestions = answer.suggestions.map(\.place.id)
                session.focus = session.lastSuggestions.first
                if let top = answer.suggestions.first { answer.text += " " + phrases.thenTop(top) }
            }
        case .select:
            let ids = session.lastSuggestions
            guard !ids.isEmpty, let ordinal = request.ordinal else {
                answer.text = phrases.nothingToPick
                break
            }
            let index = ordinal < 0 ? ids.count - 1 : ordinal
            guard index < ids.count, let place = store.place(id: ids[index]) else {
                answer.text = phrases.onlyHave(ids.count)
                break
            }
            session.focus = place.id
            let s =
                Ranker.rank(
                    session.lastRequest ?? TravelRequest(), store: PlaceStore(places: [place]), traffic: traffic, profile: profile,
                    context: context
                ).suggestions.first ?? Suggestion(place: place, estimate: nil, score: 0, reasons: [])
            answer.suggestions = [s]
            answer.text = phrases.headline(s, first: true)
        case .accept, .decline:
            guard let id = session.focus, let place = store.place(id: id) else {
                answer.text = phrases.nothingToPick
                break
            }
            profile.feedback(on: place, accepted: request.kind == .accept)
            answer.profileChanged = true
            answer.intent = "travel.feedback"
            if request.kind == .accept {
                answer.text = phrases.accepted(place)
            } else {
                session.skipped.insert(id)
                answer = searchAnswer(
                    session.lastRequest ?? TravelRequest(), locale: locale, session: &session, profile: profile,
                    context: context, intent: "travel.feedback")
                answer.profileChanged = true
            }
        case .reach:
            guard let id = session.focus, let place = store.place(id: id) else {
                answer.text = phrases.nothingToPick
                break
            }
            answer.text = reachability(place, phrases: phrases, context: context, asksTime: request.asksTime)
        case .refine:
            guard var last = session.lastRequest else {
                answer.text = phrases.nothingToRefine
                break
            }
            switch request.refinement {
            case .constraints:
                answer = searchAnswer(
                    request.merged(onto: last), locale: locale, session: &session, profile: profile, context: context,
                    intent: "travel.refine")
                return answer
            case .cheaper:
                if let focus = session.focus, let p = store.place(id: focus) {
                    if let price = p.pricePerPerson {
                        last.priceMax = price - 1
                    } else if let level = Ranker.priceLevel(p, currency: context.currency ?? .cny) {
                        last.maxPriceLevel = level - 1
                    }
                } else {
                    last.cheap = true
                }
            case .closer:
                // Closer, not the closest: the rating still counts.
                last.nearby = true
                if let focus = session.focus, let current = session.lastSuggestionDistance(focus, store: store, context: context) {
                    last.maxDistance = current * 0.95
                }
            case .better:
                last.bestRated = true
                if let focus = session.focus, let r = store.place(id: focus)?.rating { last.minRating = min(5, r + 0.05) }
            case .lessTraffic: last.leastTraffic = true
            case .another, nil:
                if let focus = session.focus { session.skipped.insert(focus) }
            }
            // "Cheaper", "closer", "better" must be strictly so; "another one" may be a nearest fit again.
            answer = searchAnswer(
                last, locale: locale, session: &session, profile: profile, context: context, intent: "travel.refine",
                strict: request.refinement != .another && request.refinement != nil)
        case .search:
            session.skipped = []
            answer = searchAnswer(request, locale: locale, session: &session, profile: profile, context: context, intent: "travel.search")
        }
        return answer
    }

    /// Ranks and phrases a search; a strict one (a refinement) that finds nothing keeps the previous suggestions.
    func searchAnswer(
        _ request: TravelRequest, locale: GeniusLocale, session: inout TravelSession, profile: DriverProfile,
        context: TravelContext, intent: String, strict: Bool = false
    ) -> TravelAnswer {
        let phrases = Phrasebook(locale: locale)
        let result = Ranker.rank(
            request, store: store, traffic: traffic, profile: profile, context: context, excluding: session.skipped, relax: !strict)
        if strict, result.suggestions.isEmpty {
            let current = session.focus.flatMap { store.place(id: $0) }
            return TravelAnswer(
                text: phrases.nothingBetter(current), intent: intent, locale: locale, suggestions: [], values: context.readings,
                profileChanged: false)
        }
        session.lastRequest = request
        let top = Array(result.suggestions.prefix(5))
        session.lastSuggestions = top.map(\.place.id)
        session.focus = top.first?.place.id
        var text = ""
        if context.position == nil, let first = top.first, first.estimate == nil, first.place.latitude != nil {
            text = phrases.noPosition
        }
        if top.isEmpty {
            text += phrases.noneFound(request, result: result, context: context)
        } else if !result.relaxed.isEmpty {
            text += phrases.nearestFit(top[0], missing: result.relaxed, request: request)
            let more = top.dropFirst().prefix(2)
            if !more.isEmpty { text += " " + phrases.alternatives(Array(more)) }
        } else {
            text += phrases.headline(top[0], first: true)
            let more = top.dropFirst().prefix(2)
            if !more.isEmpty { text += " " + phrases.alternatives(Array(more)) }
            if result.outOfRange > 0 { text += " " + phrases.rangeLimited(result.outOfRange, context: context) }
        }
        return TravelAnswer(
            text: text, intent: intent, locale: locale, suggestions: top, values: context.readings, profileChanged: false)
    }

    /// True when `request`, after a search, narrows that search rather than starting a new one: it names
    /// only constraints ("one with parking", "nothing with a jam though", "便宜点的"), or only a cuisine with a
    /// follow-up word ("what about thai instead", "lieber was Italienisches", "那日料呢").
    func isFollowUp(_ request: TravelRequest, utterance: String, last: TravelRequest) -> Bool {
        guard request.kind == .search else { return false }
        if request.amenityOnly { return true }
        let text = MatchText(TravelUnderstanding.normalize(utterance))
        let explicitCategory = TravelUnderstanding.categories.contains { TravelUnderstanding.has(text, $0.1) }
        // Only constraints: no place named, or one inferred from them ("there's ten of us" is a table somewhere).
        if request.category == nil || !explicitCategory, request.name == nil, request.dish == nil, request.dishes.isEmpty,
            request.cuisines.isEmpty, request.hasConstraints
        {
            return true
        }
        if !explicitCategory || request.category == last.category, request.name == nil,
            !request.cuisines.isEmpty || request.hasConstraints, TravelUnderstanding.has(text, TravelUnderstanding.followUpWords)
        {
            return true
        }
        return false
    }

    /// Whether the car gets to `place` and back (or there, where it charges) with the safe reserve.
    func reachability(_ place: Place, phrases: Phrasebook, context: TravelContext, asksTime: Bool = false) -> String {
        let distance: Double? = {
            if let pos = context.position, let lat = place.latitude, let lon = place.longitude {
                return pos.distance(to: Coordinate(latitude: lat, longitude: lon)) * TrafficModel.detourFactor
            }
            return place.distanceMetres
        }()
        guard let d = distance else { return phrases.distanceUnknown(place) }
        if asksTime {
            let e = TrafficModel.estimate(place: place, roadDistance: d, feed: traffic, at: context.now)
            return phrases.travelTime(place, estimate: e)
        }
        guard let range = context.rangeMetres else { return phrases.rangeUnknown(place, distance: d) }
        let trip = place.evCharging ? d : 2 * d
        let reserve = Ranker.reserve(rangeMetres: range)
        return phrases.reach(place, distance: d, trip: trip, range: range, ok: trip + reserve <= range, tight: trip <= range)
    }
}

extension TravelSession {
    func lastSuggestionDistance(_ id: String, store: PlaceStore, context: TravelContext) -> Double? {
        guard let p = store.place(id: id) else { return nil }
        // As distance limits are judged: the straight line where there are coordinates.
        if let pos = context.position, let lat = p.latitude, let lon = p.longitude {
            return pos.distance(to: Coordinate(latitude: lat, longitude: lon))
        }
        return p.distanceMetres
    }
}
