import JSON
import Varlink

/// Asks geniusd (io.cargenius.Assistant.Ask) in one session, as `geniusctl ask` without `--state`.
struct DaemonAssistant {
    let connection: DaemonConnection
    let locale: String
    /// One session per process: the daemon keeps the dialogue's context under it.
    let session: String

    init(connection: DaemonConnection, locale: String) {
        self.connection = connection
        self.locale = locale
        self.session = "geniusctl-\(UInt64.random(in: 1...UInt64.max))"
    }

    /// The reply to one utterance, as the ask contract prints it: the spoken text, or with `json` one
    /// JSON object {text, intent, locale, values: [{path, value, unit, age, status}], agent, ...}.
    func ask(_ text: String, json: Bool) async throws -> String {
        let reply = try await connection.call(
            "io.cargenius.Assistant.Ask",
            ["text": .string(text), "locale": .string(locale), "session": .string(session)])
        return json ? Self.jsonLine(reply, locale: locale) : reply["text"]?.string ?? ""
    }

    /// The offline ask's JSON line (CarGenius `Answer.jsonLine`: text, intent, locale, values with path,
    /// value, unit, age, status), then `agent` and any further reply fields (e.g. `places`) in name order.
    static func jsonLine(_ reply: [String: JSONValue], locale: String) -> String {
        let values: [JSONValue] = (reply["values"]?.array ?? []).map { value in
            .object([
                "path": .string(value["path"]?.string ?? ""),
                "value": value["value"] ?? .null,
                "unit": .string(value["unit"]?.string ?? ""),
                "age": value["age"]?.number.map { .double($0) } ?? .null,
                "status": .string(value["status"]?.string ?? ""),
            ])
        }
        var members: [(String, JSONValue)] = [
            ("text", .string(reply["text"]?.string ?? "")),
            ("intent", .string(reply["intent"]?.string ?? "")),
            ("locale", .string(locale)),
            ("values", .array(values)),
            ("agent", .string(reply["agent"]?.string ?? "")),
        ]
        let known: Set<String> = ["text", "intent", "locale", "values", "agent"]
        for key in reply.keys.sorted() where !known.contains(key) {
            members.append((key, reply[key]!))
        }
        return JSONValue.orderedObject(members)
    }
}

/// `geniusctl ask` without `--state`: each utterance one turn of one conversation with the daemon.
func askOverDaemon(utterances: [String], locale: String, json: Bool, address: String) async throws {
    let connection = try DaemonConnection.open(address, command: "geniusctl ask")
    let assistant = DaemonAssistant(connection: connection, locale: locale)
    for utterance in utterances {
        standardOutput(try await assistant.ask(utterance, json: json) + "\n")
    }
    await connection.close()
}
