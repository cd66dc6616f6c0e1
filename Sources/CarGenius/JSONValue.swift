public import FoundationEssentials
public import JSON

extension JSONValue {
    /// Parses UTF-8 JSON text; throws `CarGeniusError.invalidJSON` naming the source and what was wrong.
    public static func parse(_ data: Data, source: String) throws(CarGeniusError) -> JSONValue {
        do {
            return try JSONValue.parse(data)
        } catch {
            throw .invalidJSON(source: source, reason: "\(error)")
        }
    }
}
