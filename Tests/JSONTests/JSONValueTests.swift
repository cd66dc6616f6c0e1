import FoundationEssentials
import JSON
import Testing

@Suite("JSON values")
struct JSONValueTests {
    @Test("parses every kind of value and writes it back with sorted keys")
    func roundTrip() throws {
        let text = #"{"b":[1,2.5,true,null],"a":"x\"y\n","c":{"d":-3}}"#
        let value = try JSONValue.parse(Data(text.utf8))
        #expect(value["a"]?.string == "x\"y\n")
        #expect(value["b"]?.array?.count == 4)
        #expect(value["c"]?["d"]?.number == -3)
        #expect(value.serialized == #"{"a":"x\"y\n","b":[1,2.5,true,null],"c":{"d":-3}}"#)
        #expect(try JSONValue.parse(Data(value.serialized.utf8)) == value)
    }

    @Test("writes control characters escaped and numbers in their shortest form")
    func writing() {
        var out = ""
        JSONValue.writeString("tab\there\u{1}", to: &out)
        #expect(out == #""tab\there\u0001""#)
        #expect(JSONValue.format(42) == "42")
        #expect(JSONValue.format(0.1) == "0.1")
        #expect(JSONValue.format(.nan) == "null")
        #expect(JSONValue.orderedObject([("z", .double(1)), ("a", .bool(false))]) == #"{"z":1,"a":false}"#)
    }

    @Test("malformed text is an error")
    func malformed() {
        #expect(throws: (any Error).self) { try JSONValue.parse(Data("{\"a\":".utf8)) }
    }
}
