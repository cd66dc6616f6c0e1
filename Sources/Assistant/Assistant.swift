public import CarGenius
public import LLM
public import Speech
import Synchronization
public import TravelCompanion
public import VSS

/// Which on-device agent answered an utterance.
public enum AgentName: String, Sendable, Equatable {
    case carGenius = "car-genius"
    case travelCompanion = "travel-companion"
}

/// A suggested place as the screen shows it: ranked, with the reasons in the answer's language.
public struct PlaceReply: Sendable, Equatable {
    public var id: String
    public var name: String
    public var category: String
    public var reasons: [String]
    /// Road distance in metres, when known.
    public var distance: Double?
    /// Travel time with traffic, when known.
    public var minutes: Double?
    public var rating: Double?
    public var address: String?

    public init(
        id: String, name: String, category: String, reasons: [String], distance: Double? = nil, minutes: Double? = nil,
        rating: Double? = nil, address: String? = nil
    ) {
        self.id = id
        self.name = name
        self.category = category
        self.reasons = reasons
        self.distance = distance
        self.minutes = minutes
        self.rating = rating
        self.address = address
    }
}

/// One answer of the assistant: what to speak, which agent gave it, and the signal values behind it.
public struct AssistantReply: Sendable, Equatable {
    public var text: String
    public var agent: AgentName
    public var intent: String
    public var locale: GeniusLocale
    /// Every signal value the answer used; each number in `text` comes from one of them.
    public var values: [SignalReading]
    /// Travel Companion's ranked places (empty for Car Genius answers and when none fits).
    public var places: [PlaceReply]
    /// Set when the driver's profile changed but could not be saved.
    public var profileError: TravelError?
    /// False when Car Genius did not understand the utterance (see `Answer.isUnderstood`).
    public var isUnderstood = true
    /// Who produced `text` when the LLM path is configured; `nil` without it (and then `source` is not in the JSON).
    public var source: ReplySource?
    /// Why the LLM's text was not spoken (server down, deadline, ungrounded figures), when it was not.
    public var llmProblem: String?

    public init(
        text: String, agent: AgentName, intent: String, locale: GeniusLocale, values: [SignalReading],
        places: [PlaceReply] = [], profileError: TravelError? = nil
    ) {
        self.text = text
        self.agent = agent
        self.intent = intent
        self.locale = locale
        self.values = values
        self.places = places
        self.profileError = profileError
    }
}

/// What one conversation remembers across turns, for every agent.
public struct AssistantSession: Sendable {
    public var carGenius = Session()
    public var travel = TravelSession()
    /// Whose profile personalises Travel Companion's answers.
    public var driver = "default"
    /// The last turns as the LLM path gives them to the model (empty without it).
    public var llmHistory: [ChatMessage] = []
    public init() {}
    public init(driver: String) { self.driver = driver }
}

/// Travel Companion's shared state behind the router: places, the live traffic feed, driver profiles, the clock.
///
/// One instance serves every session of the daemon; the navigation system's traffic updates and the
/// answers may come from different tasks.
public final class TravelService: Sendable {
    private let companion: Mutex<TravelCompanion>
    /// `nil`: profiles live only as long as the process.
    public let profiles: ProfileStore?
    /// Profiles of a service without a file, with the same limits and the same one lock per change.
    private let memoryProfiles = Mutex<[String: DriverProfile]>([:])
    let clock: @Sendable () -> LocalTime

    /// - Parameters:
    ///   - clock: the car's local time; its `seconds` also ages the live traffic feed.
    public init(store: PlaceStore, profiles: ProfileStore? = nil, clock: @escaping @Sendable () -> LocalTime) {
        companion = Mutex(TravelCompanion(store: store))
        self.profiles = profiles
        self.clock = clock
    }

    /// Records live congestion or a travel time to one place from the navigation system.
    public func updateTraffic(placeID: String, level: TrafficLevel, minutes: Double? = nil) throws(TravelError) {
        let now = clock().seconds
        try companion.withLock { c throws(TravelError) in
            try c.traffic.update(placeID: placeID, level: level, minutes: minutes, now: now)
        }
    }

    /// Records live congestion in an area (a road segment's surroundings).
    public func updateTraffic(area center: Coordinate, radius: Double, level: TrafficLevel) throws(TravelError) {
        let now = clock().seconds
        try companion.withLock { c throws(TravelError) in
            try c.traffic.update(area: center, radius: radius, level: level, now: now)
            c.traffic.expire(now: now)
        }
    }

    /// Replaces the places (e.g. after an import).
    public func replacePlaces(_ store: PlaceStore) {
        companion.withLock { $0.store = store }
    }

    public var placeCount: Int { companion.withLock { $0.store.count } }

    /// True when Travel Companion should answer `utterance` in this conversation.
    public func wants(_ utterance: String, session: TravelSession) -> Bool {
        companion.withLock { $0 }.wants(utterance, session: session)
    }

    /// Live traffic entries that have not aged out.
    public var liveTrafficCount: Int {
        let now = clock().seconds
        return companion.withLock { c in
            c.traffic.places.values.filter { now - $0.receivedAt <= c.traffic.maxAge }.count
                + c.traffic.areas.filter { now - $0.receivedAt <= c.traffic.maxAge }.count
        }
    }

    /// The place with this id, if the store has it.
    public func place(id: String) -> Place? { companion.withLock { $0.store.place(id: id) } }

    /// What is remembered about `driver` (empty when nothing).
    public func profile(_ driver: String) -> DriverProfile {
        if let profiles { return profiles.profile(driver) }
        return memoryProfiles.withLock { $0[driver] ?? DriverProfile() }
    }

    /// Records a suggestion taken or turned down outside a spoken dialogue (a tap on the screen).
    public func feedback(placeID: String, accepted: Bool, driver: String) throws(TravelError) {
        guard let place = place(id: placeID) else { throw .invalidPlace(source: "store", index: -1, reason: "no place \(placeID)") }
        try update(driver) { $0.feedback(on: place, accepted: accepted) }
    }

    /// Forgets everything about `driver`, on disk too.
    public func forget(driver: String) throws(TravelError) {
        try update(driver) { $0 = DriverProfile() }
    }

    /// Reads, changes and saves the profile of `driver` as one step under one lock (see `ProfileStore.update`).
    func update(_ driver: String, _ change: (inout DriverProfile) -> Void) throws(TravelError) {
        if let profiles { return try profiles.update(driver, change) }
        try ProfileStore.checkName(driver)
        try memoryProfiles.withLock { all throws(TravelError) in
            var profile = all[driver] ?? DriverProfile()
            change(&profile)
            if !profile.isEmpty, all[driver] == nil, all.count >= ProfileStore.maximumDrivers {
                throw .profileLimit(reason: "\(ProfileStore.maximumDrivers) drivers are remembered already; forget one first")
            }
            all[driver] = profile.isEmpty ? nil : profile
        }
    }

    /// The agent as it is now (places and traffic), to read and answer one utterance with.
    var current: TravelCompanion { companion.withLock { $0 } }

    /// Answers `request`, read from `utterance` by `companion` (from `current`).
    func ask(
        _ request: TravelRequest, utterance: String, companion: TravelCompanion, locale: GeniusLocale,
        session: inout TravelSession, driver: String, signals: some SignalReader
    ) -> (TravelAnswer, TravelError?) {
        let context = TravelContext(signals: signals, now: clock())
        let original = session
        var profile = profile(driver)
        var answer = companion.ask(
            request, utterance: utterance, locale: locale, session: &session, profile: &profile, context: context)
        guard answer.profileChanged else { return (answer, nil) }
        // The answer changed the profile: answer again on the profile as it is under the lock, and save that,
        // so a change made meanwhile (a feedback tap, another session) is kept.
        var failure: TravelError? = nil
        var replayed = session
        do {
            try update(driver) { current in
                var again = original
                answer = companion.ask(
                    request, utterance: utterance, locale: locale, session: &again, profile: &current, context: context)
                replayed = again
            }
        } catch {
            failure = error
        }
        session = replayed
        return (answer, failure)
    }
}

/// Routes each utterance to the agent that can answer it (Car Genius for car status; Travel Companion for places).
public struct Assistant: Sendable {
    let carGenius: CarGeniusEngine
    /// `nil`: no places are configured, and every utterance goes to Car Genius.
    public let travel: TravelService?

    public init() {
        carGenius = CarGeniusEngine()
        travel = nil
    }

    public init(travel: TravelService?) {
        carGenius = CarGeniusEngine()
        self.travel = travel
    }

    /// Which agent `utterance` goes to in this conversation.
    public func route(_ utterance: String, session: AssistantSession) -> AgentName {
        guard let travel else { return .carGenius }
        return travel.wants(utterance, session: session.travel) ? .travelCompanion : .carGenius
    }

    /// Answers one utterance of a conversation from the given signals.
    public func ask(
        _ utterance: String, locale: GeniusLocale, session: inout AssistantSession, signals: some SignalReader
    ) -> AssistantReply {
        // The utterance is read once, both to route it and to answer it.
        let companion = travel?.current
        let request = companion?.understand(utterance, sessionActive: session.travel.isActive)
        if let travel, let companion, let request, TravelCompanion.wants(request, utterance: utterance, session: session.travel) {
            let (answer, failure) = travel.ask(
                request, utterance: utterance, companion: companion, locale: locale, session: &session.travel,
                driver: session.driver, signals: signals)
            var text = answer.text
            var values = answer.values
            if answer.intent == "travel.reach" {
                // Both agents: Travel Companion's verdict for the place, Car Genius's word on the range.
                let car = carGenius.answer(intent: "range", locale: locale, signals: signals)
                if car.intent != "out_of_scope" {
                    text += (locale.language == .zh ? "" : " ") + car.text
                    for v in car.values where !values.contains(v) { values.append(v) }
                }
            }
            let phrases = Phrasebook(locale: locale)
            let places = answer.suggestions.map { s in
                PlaceReply(
                    id: s.place.id, name: s.place.name(for: locale.language.rawValue), category: s.place.category.rawValue,
                    reasons: phrases.reasons(s), distance: s.estimate?.distance, minutes: s.estimate?.minutes,
                    rating: s.place.rating, address: s.place.address)
            }
            return AssistantReply(
                text: text, agent: .travelCompanion, intent: answer.intent, locale: locale, values: values, places: places,
                profileError: failure)
        }
        let answer = carGenius.ask(utterance, locale: locale, session: &session.carGenius, signals: signals)
        var reply = AssistantReply(text: answer.text, agent: .carGenius, intent: answer.intent, locale: answer.locale, values: answer.values)
        reply.isUnderstood = answer.isUnderstood
        return reply
    }
}
