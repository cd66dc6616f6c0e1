public import Assistant
public import TravelCompanion
public import Varlink
public import JSON

/// `io.cargenius.Travel`: live traffic from the navigation system, and the driver's profile for the screen.
///
/// Bound to the same `TravelService` the assistant router asks, so traffic pushed here shapes the next
/// answer. The daemon adds `interface()` to its service when it runs with a places file.
public struct TravelAPI: Sendable {
    public let travel: TravelService

    public init(travel: TravelService) {
        self.travel = travel
    }

    /// `varlink/io.cargenius.Travel.varlink`.
    public static let description = #"""
        # Travel Companion's own API: the navigation system pushes live traffic; the cockpit shows and clears
        # what Travel Companion remembers about a driver, and reports a suggestion taken or turned down.
        # Questions themselves go through io.cargenius.Assistant.Ask.
        interface io.cargenius.Travel

        # A circle on the map: centre in degrees (WGS 84), radius in metres.
        type Area (latitude: float, longitude: float, radius: float)

        # One thing remembered: what it is about (cuisine:pizza, tag:spicy, price:high, traffic:heavy),
        # whether it is liked, and the words the driver used.
        type Statement (key: string, liked: bool, said: string)

        # Live congestion from the navigation system, for one place (its id in the places store) or an area
        # around a road segment; `level` is none, moderate, heavy or blocked; `minutes` is the navigation's own
        # travel time to the place, if it has one (0 to 1440). Entries age out after ten minutes without a refresh.
        # Latitude -90 to 90, longitude -180 to 180, radius 1 to 200000 m; other values are
        # org.varlink.service.InvalidParameter naming the field (area.latitude, ...).
        method UpdateTraffic(place: ?string, area: ?Area, level: string, minutes: ?float) -> ()

        # The places store and the live feed.
        method Status() -> (places: int, liveTraffic: int, profiles: bool)

        # What is remembered about a driver (default: "default"; a driver name is at most 256 bytes):
        # statements, and how many suggested places were taken and turned down.
        method Profile(driver: ?string) -> (statements: []Statement, accepted: int, declined: int)

        # The driver took (`accepted`) or turned down a suggested place: feedback for the ranking.
        method Feedback(driver: ?string, place: string, accepted: bool) -> ()

        # Forgets everything about the driver, on disk too.
        method Forget(driver: ?string) -> ()

        # Neither `place` nor `area` was given, or both.
        error InvalidTraffic (reason: string)

        # No place with this id is in the store.
        error UnknownPlace (place: string)

        # The level is not none, moderate, heavy or blocked.
        error UnknownLevel (level: string)

        # The daemon runs without a places file, so Travel Companion is off.
        error NotConfigured ()

        # The profile could not be saved (also: the profiles would grow past their limits, named in `reason`).
        error ProfileNotSaved (reason: string)

        # As many live traffic areas as the daemon keeps are fresh: the update is refused until some age out.
        error TooManyAreas (maximum: int)

        """#

    static func name(_ error: String) -> String { "io.cargenius.Travel.\(error)" }

    /// The interface with its handlers.
    public func interface() throws(VarlinkError) -> VarlinkInterface {
        var interface = try VarlinkInterface(description: Self.description)
        try ParameterBounds.apply(to: &interface)
        let travel = self.travel
        try interface.onReply("UpdateTraffic") { call in
            try Self.updateTraffic(call.parameters, travel: travel)
            return [:]
        }
        try interface.onReply("Status") { _ in
            [
                "places": .int(Int64(travel.placeCount)), "liveTraffic": .int(Int64(travel.liveTrafficCount)),
                "profiles": .bool(travel.profiles != nil),
            ]
        }
        try interface.onReply("Profile") { call in
            let p = travel.profile(try Self.driver(call.parameters))
            let places = p.feedback.filter { $0.key.hasPrefix("place:") }
            return [
                "statements": .array(
                    p.statements.map { .object(["key": .string($0.key), "liked": .bool($0.liked), "said": .string($0.said)]) }),
                "accepted": .int(Int64(places.filter { $0.value > 0 }.count)),
                "declined": .int(Int64(places.filter { $0.value < 0 }.count)),
            ]
        }
        try interface.onReply("Feedback") { call in
            let driver = try Self.driver(call.parameters)
            let place = call.parameters["place"]?.string ?? ""
            guard travel.place(id: place) != nil else {
                throw VarlinkError.reply(name: Self.name("UnknownPlace"), parameters: ["place": .string(place)])
            }
            do {
                try travel.feedback(placeID: place, accepted: call.parameters["accepted"]?.bool ?? false, driver: driver)
            } catch {
                throw VarlinkError.reply(name: Self.name("ProfileNotSaved"), parameters: ["reason": .string("\(error)")])
            }
            return [:]
        }
        try interface.onReply("Forget") { call in
            let driver = try Self.driver(call.parameters)
            do {
                try travel.forget(driver: driver)
            } catch {
                throw VarlinkError.reply(name: Self.name("ProfileNotSaved"), parameters: ["reason": .string("\(error)")])
            }
            return [:]
        }
        return interface
    }

    /// The `driver` parameter ("default" when absent).
    /// - Throws: `InvalidParameter` naming `driver` for a name over `ProfileStore.maximumDriverNameBytes`.
    static func driver(_ p: [String: JSONValue]) throws(VarlinkError) -> String {
        let driver = p["driver"]?.string ?? "default"
        guard driver.utf8.count <= ProfileStore.maximumDriverNameBytes else { throw .invalidParameter("driver") }
        return driver
    }

    static func updateTraffic(_ p: [String: JSONValue], travel: TravelService) throws(VarlinkError) {
        let levelText = p["level"]?.string ?? ""
        guard let level = TrafficLevel.allCases.first(where: { $0.word == levelText }) else {
            throw .reply(name: name("UnknownLevel"), parameters: ["level": .string(levelText)])
        }
        let place = p["place"]?.string
        let area = p["area"]?.object
        switch (place, area) {
        case (let id?, nil):
            guard travel.place(id: id) != nil else { throw .reply(name: name("UnknownPlace"), parameters: ["place": .string(id)]) }
            do {
                try travel.updateTraffic(placeID: id, level: level, minutes: p["minutes"]?.number)
            } catch {
                throw .reply(name: name("InvalidTraffic"), parameters: ["reason": .string("\(error)")])
            }
        case (nil, let a?):
            guard let lat = a["latitude"]?.number, let lon = a["longitude"]?.number, let r = a["radius"]?.number else {
                throw .reply(name: name("InvalidTraffic"), parameters: ["reason": .string("an area needs latitude, longitude and radius")])
            }
            do {
                try travel.updateTraffic(area: Coordinate(latitude: lat, longitude: lon), radius: r, level: level)
            } catch .tooManyAreas(let maximum) {
                throw .reply(name: name("TooManyAreas"), parameters: ["maximum": .int(Int64(maximum))])
            } catch {
                throw .reply(name: name("InvalidTraffic"), parameters: ["reason": .string("\(error)")])
            }
        default:
            throw .reply(name: name("InvalidTraffic"), parameters: ["reason": .string("give either place or area")])
        }
    }
}

extension PlaceReply {
    /// The `io.cargenius.Assistant` `Place` of an `Ask` reply; absent optional fields are left out.
    var varlinkValue: JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(id), "name": .string(name), "category": .string(category), "reasons": .array(reasons.map { .string($0) }),
        ]
        if let distance, distance.isFinite { members["distance_m"] = .double(distance) }
        if let minutes, minutes.isFinite { members["minutes"] = .double(minutes) }
        if let rating, rating.isFinite { members["rating"] = .double(rating) }
        if let address { members["address"] = .string(address) }
        return .object(members)
    }
}
