import Testing
import JSON

@Suite struct JSONParserTests {
    @Test func integersStayIntegersAndDoublesStayDoubles() throws {
        let value = try JSONParser.parse(
            #"{"a": 1, "b": 1.0, "c": -9223372036854775808, "d": 1e2, "e": 18446744073709551616, "f": -0}"#)
        #expect(value["a"] == .int(1))
        #expect(value["b"] == .double(1.0))
        #expect(value["c"] == .int(.min))
        #expect(value["d"] == .double(100))
        #expect(value["e"] == .double(18446744073709551616))
        #expect(value["f"] == .int(0))
        // And after a round trip through the serializer.
        #expect(try JSONParser.parse(value.bytes()) == value)
        #expect(JSONValue.double(5).jsonText == "5.0")
        #expect(JSONValue.int(5).jsonText == "5")
    }

    @Test func stringsEscapesAndUnicode() throws {
        let value = try JSONParser.parse(#"["a\"b\\c\/d\n\t\u00e9\ud83d\ude97", "汽车"]"#)
        #expect(value == ["a\"b\\c/d\n\té🚗", "汽车"])
        let text: JSONValue = "nul\u{0}here\u{1F}"
        #expect(text.jsonText == #""nul\u0000here\u001f""#)
        #expect(!text.bytes().contains(0))
        #expect(try JSONParser.parse(text.bytes()) == text)
    }

    @Test func serializationIsCompactAndSorted() {
        let value: JSONValue = ["b": [1, 2.5, nil, true], "a": ["z": "x"]]
        #expect(value.jsonText == #"{"a":{"z":"x"},"b":[1,2.5,null,true]}"#)
    }

    @Test(arguments: [
        ("", 0, "unexpected end of input, expected a value"),
        ("{", 1, "expected a string key in object"),
        (#"{"a" 1}"#, 5, "expected ':' after object key"),
        ("[1,]", 3, "unexpected character, expected a value"),
        ("01", 1, "leading zero in number"),
        ("1.", 2, "expected a digit after '.'"),
        ("tru", 0, "truncated literal"),
        ("nul!", 0, "invalid literal"),
        ("\"a\nb\"", 2, "unescaped control character in string"),
        (#""\ud800""#, 7, "lone high surrogate in \u{5C}u escape"),
        (#""\x""#, 3, "invalid escape character"),
        ("{} x", 3, "unexpected content after the JSON value"),
        (#"{"a":1,"a":2}"#, 11, "duplicate object key \"a\""),
        ("1e999", 0, "number out of range"),
    ])
    func rejectsInvalidJSONWithOffset(text: String, offset: Int, reason: String) {
        #expect(throws: JSONSyntaxError(offset: offset, reason: reason)) { try JSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONSyntaxError(offset: 4, reason: "invalid UTF-8 in string")) {
            try JSONParser.parse(bytes)
        }
    }

    @Test func limitsNestingDepth() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError(offset: 64, reason: "nesting deeper than 64")) {
            try JSONParser.parse(deep)
        }
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try JSONParser.parse(fine).array?.count == 1)
    }
}
