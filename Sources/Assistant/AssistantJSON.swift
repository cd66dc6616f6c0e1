import CarGenius
public import JSON
import Speech

extension AssistantReply {
    /// The `--json` line of the ask contract: text, intent, locale, values as Car Genius writes them, plus
    /// agent and `places` ([{name, reasons, ...}] in ranked order) when Travel Companion answered.
    public var jsonLine: String {
        JSONValue.orderedObject(jsonMembers)
    }

    /// The members of `jsonLine`, in order, for callers that add their own.
    public var jsonMembers: [(String, JSONValue)] {
        let values = values.map(\.json)
        var members: [(String, JSONValue)] = [
            ("text", .string(text)), ("intent", .string(intent)), ("locale", .string(locale.rawValue)),
            ("agent", .string(agent.rawValue)), ("values", .array(values)),
        ]
        if agent == .travelCompanion {
            members.append(("places", .array(places.map(\.json))))
        }
        if let source { members.append(("source", .string(source.rawValue))) }
        return members
    }
}

extension PlaceReply {
    /// `{"name", "reasons", "id", "category", "distance_m"?, "minutes"?, "rating"?, "address"?}`.
    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "name": .string(name), "reasons": .array(reasons.map { .string($0) }), "id": .string(id),
            "category": .string(category),
        ]
        if let distance { o["distance_m"] = .double(distance.rounded()) }
        if let minutes { o["minutes"] = .double((minutes * 10).rounded() / 10) }
        if let rating { o["rating"] = .double(rating) }
        if let address { o["address"] = .string(address) }
        return .object(o)
    }
}
