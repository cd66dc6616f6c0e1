import GeniusTestSupport
import Synchronization
import Testing
import Varlink
import JSON

@Suite struct InterfaceDescriptionTests {
    /// The repository's `varlink/` folder.
    static let repositoryInterfaceFolder = repositoryRoot + "/varlink"

    static func readRepositoryInterface(_ name: String) throws -> String {
        try readTextFile(repositoryInterfaceFolder + "/" + name + ".varlink")
    }

    @Test func builtInServiceInterfaceParses() throws {
        let description = try InterfaceDescription(parsing: VarlinkService.serviceInterfaceText)
        #expect(description.name == "org.varlink.service")
        #expect(Set(description.methods.keys) == ["GetInfo", "GetInterfaceDescription"])
        #expect(
            Set(description.errors.keys) == [
                "InterfaceNotFound", "MethodNotFound", "MethodNotImplemented", "InvalidParameter", "PermissionDenied",
                "ExpectedMore",
            ])
    }

    @Test func vehicleInterfaceFollowsTheContract() throws {
        let description = try InterfaceDescription(parsing: Self.readRepositoryInterface("io.cargenius.Vehicle"))
        #expect(description.name == "io.cargenius.Vehicle")
        #expect(Set(description.methods.keys) == ["Get", "List", "Subscribe", "Alerts"])
        #expect(description.methods["Get"]?.input == [VarlinkField(name: "paths", type: .array(.string))])
        #expect(description.methods["Get"]?.output == [VarlinkField(name: "values", type: .array(.named("Value")))])
        #expect(description.types["Value"] == Self.valueType)
    }

    @Test func assistantInterfaceFollowsTheContract() throws {
        let description = try InterfaceDescription(parsing: Self.readRepositoryInterface("io.cargenius.Assistant"))
        let ask = try #require(description.methods["Ask"])
        #expect(
            ask.input == [
                VarlinkField(name: "text", type: .string), VarlinkField(name: "locale", type: .optional(.string)),
                VarlinkField(name: "session", type: .optional(.string)),
            ])
        // The contract's four fields, exactly; more are welcome if a caller may ignore them (optional).
        #expect(
            Array(ask.output.prefix(4)) == [
                VarlinkField(name: "text", type: .string), VarlinkField(name: "agent", type: .string),
                VarlinkField(name: "intent", type: .string), VarlinkField(name: "values", type: .array(.named("Value"))),
            ])
        for extra in ask.output.dropFirst(4) {
            guard case .optional = extra.type else {
                Issue.record("Ask's extra output field \(extra.name) must be optional")
                continue
            }
        }
        #expect(description.types["Value"] == Self.valueType)
    }

    @Test func busInterfaceParses() throws {
        let description = try InterfaceDescription(parsing: Self.readRepositoryInterface("io.cargenius.Bus"))
        #expect(
            description.methods["Status"]?.output == [
                VarlinkField(name: "interfaces", type: .array(.named("Interface"))),
                // Added for issue 16: optional, so callers that read only `interfaces` are unaffected.
                VarlinkField(name: "server", type: .optional(.named("Server"))),
            ])
        #expect(description.errors["LimitReached"] == [VarlinkField(name: "limit", type: .string), VarlinkField(name: "maximum", type: .int)])
    }

    static let valueType = VarlinkType.structure([
        VarlinkField(name: "path", type: .string), VarlinkField(name: "status", type: .string),
        VarlinkField(name: "value", type: .optional(.object)), VarlinkField(name: "unit", type: .optional(.string)),
        VarlinkField(name: "age", type: .optional(.float)),
    ])

    @Test func parsesEveryTypeForm() throws {
        let description = try InterfaceDescription(
            parsing: """
                interface org.example.types  # trailing comment
                type Mode (auto, manual)
                type All (
                  b: bool, i: int, f: float, s: string, o: object, n: Mode,
                  a: []string, d: [string]int, m: ?[]?float, inline: (x: int, y: ?(p, q))
                )
                method M() -> ()
                """)
        #expect(description.types["Mode"] == .enumeration(["auto", "manual"]))
        guard case .structure(let fields)? = description.types["All"] else {
            Issue.record("All is not a struct")
            return
        }
        #expect(
            fields.map(\.type) == [
                .bool, .int, .float, .string, .object, .named("Mode"), .array(.string), .dictionary(.int),
                .optional(.array(.optional(.float))),
                .structure([
                    VarlinkField(name: "x", type: .int), VarlinkField(name: "y", type: .optional(.enumeration(["p", "q"]))),
                ]),
            ])
    }

    @Test(arguments: [
        ("method M() -> ()", 1, 1, "expected 'interface' as the first keyword"),
        ("interface Org.Example\nmethod M() -> ()", 1, 11, "'Org.Example' is not a valid interface name (reverse domain, the first label lowercase)"),
        ("interface org.example\n", 2, 1, "an interface needs at least one member"),
        ("interface org.example\nmethod lower() -> ()", 2, 8, "'lower' is not a valid member name (an uppercase letter, then letters and digits)"),
        ("interface org.example\nmethod M(a: int) (b: int)", 2, 18, "expected '->'"),
        ("interface org.example\nmethod M(a: int, a: int) -> ()", 2, 18, "field a listed twice"),
        ("interface org.example\nmethod M() -> ()\nmethod M() -> ()", 3, 9, "method M declared twice"),
        ("interface org.example\nfunction M() -> ()", 2, 9, "expected 'type', 'method' or 'error', got 'function'"),
        ("interface org.example\nmethod M(a: ??int) -> ()", 2, 14, "'??' is not a type"),
    ])
    func reportsErrorsWithLineAndColumn(text: String, line: Int, column: Int, reason: String) {
        let interface = text.hasPrefix("interface org.example") ? "org.example" : "<interface>"
        #expect(
            throws: VarlinkError.invalidInterfaceDescription(interface: interface, line: line, column: column, reason: reason)
        ) { try InterfaceDescription(parsing: text) }
    }

    @Test func rejectsUndeclaredTypes() {
        #expect(
            throws: VarlinkError.invalidInterfaceDescription(
                interface: "org.example", line: 0, column: 0, reason: "method M uses undeclared type Missing")
        ) { try InterfaceDescription(parsing: "interface org.example\nmethod M(a: []Missing) -> ()") }
    }

    static let getParameterCases: [([String: JSONValue], String?)] = [
        (["paths": ["Vehicle.Speed", "Vehicle.Cabin"]], nil),
        (["paths": []], nil),
        ([:], "paths"),
        (["paths": nil], "paths"),
        (["paths": "Vehicle.Speed"], "paths"),
        (["paths": ["Vehicle.Speed", 3]], "paths[1]"),
        // Unknown fields are refused by name (sorted, so the same call always names the same one).
        (["paths": [], "unknown": 1], "unknown"),
        (["paths": [], "zeta": 1, "alpha": 2], "alpha"),
        (["path": ["Vehicle.Speed"]], "paths"),
    ]

    @Test(arguments: getParameterCases)
    func validatesParameters(parameters: [String: JSONValue], invalid: String?) throws {
        let description = try InterfaceDescription(parsing: Self.readRepositoryInterface("io.cargenius.Vehicle"))
        let get = try #require(description.methods["Get"])
        if let invalid {
            #expect(throws: VarlinkError.invalidParameter(invalid)) { try description.validate(parameters: parameters, of: get) }
        } else {
            try description.validate(parameters: parameters, of: get)
        }
    }

    @Test func validatesNestedTypes() throws {
        let description = try InterfaceDescription(parsing: TestService.interfaceText)
        let echo = try #require(description.methods["Echo"])
        try description.validate(parameters: ["text": "x", "ratio": 1, "pairs": [["key": "a", "value": 1]]], of: echo)
        #expect(throws: VarlinkError.invalidParameter("count")) {
            try description.validate(parameters: ["text": "x", "count": 1.5], of: echo)
        }
        #expect(throws: VarlinkError.invalidParameter("pairs[0].value")) {
            try description.validate(parameters: ["text": "x", "pairs": [["key": "a", "value": "1"]]], of: echo)
        }
        // Unknown fields inside a structure are named with their path; `object` members are not checked.
        #expect(throws: VarlinkError.invalidParameter("pairs[0].colour")) {
            try description.validate(parameters: ["text": "x", "pairs": [["key": "a", "value": 1, "colour": "red"]]], of: echo)
        }
        try description.validate(parameters: ["text": "x", "extra": ["anything": [1, "goes"]]], of: echo)
        // A float that is not finite (only reachable in-process: JSON has no such number) is refused.
        #expect(throws: VarlinkError.invalidParameter("ratio")) {
            try description.validate(parameters: ["text": "x", "ratio": .double(.infinity)], of: echo)
        }
    }

    @Test func listsNumericInputFields() throws {
        let description = try InterfaceDescription(parsing: TestService.interfaceText)
        #expect(description.numericInputFields(of: "Echo") == ["count", "ratio", "pairs[].value"])
        #expect(description.numericInputFields(of: "NoSuchMethod") == [])
    }
}

@Suite struct NumericBoundTests {
    @Test(arguments: [
        (0.0, true), (86_400.0, true), (-0.0, true), (-1e-9, false), (86_400.000_001, false), (1e19, false), (9.3e18, false),
        (1e308, false), (-1e308, false), (Double.infinity, false), (Double.nan, false),
    ])
    func admitsTheRangeOnly(value: Double, admitted: Bool) {
        #expect(NumericBound(0...86_400).admits(value) == admitted)
    }

    @Test func integralBoundsRefuseFractions() {
        let bound = NumericBound(-10...10, integral: true)
        #expect(bound.admits(3))
        #expect(!bound.admits(3.5))
        #expect(!bound.admits(11))
    }

    static let boundedText = """
        interface org.example.bounded
        type Area (latitude: float, radius: float)
        method Wait(seconds: ?float, count: ?int, area: ?Area) -> ()
        error TooLong (seconds: float)
        """

    static func service() throws -> VarlinkService {
        var interface = try VarlinkInterface(description: boundedText)
        try interface.bound(
            "Wait", "seconds",
            NumericBound(
                0...60, error: { value in value > 60 ? .reply(name: "org.example.bounded.TooLong", parameters: ["seconds": .double(value)]) : nil }))
        try interface.bound("Wait", "count", NumericBound(1...5, integral: true))
        try interface.bound("Wait", "area.latitude", NumericBound(-90...90))
        try interface.onReply("Wait") { _ in [:] }
        return try VarlinkService(info: ServiceInfo(vendor: "v", product: "p", version: "0", url: "u"), interfaces: [interface])
    }

    static func answer(_ service: VarlinkService, _ parameters: [String: JSONValue]) async throws -> VarlinkReply {
        let replies = Mutex<[VarlinkReply]>([])
        try await service.handle(VarlinkCall(method: "org.example.bounded.Wait", parameters: parameters)) { reply in
            replies.withLock { $0.append(reply) }
        }
        return try #require(replies.withLock { $0.first })
    }

    typealias BoundCase = (parameters: [String: JSONValue], error: String?, errorParameters: [String: JSONValue])
    static let invalid = "org.varlink.service.InvalidParameter"
    static let boundCases: [BoundCase] = [
        (["seconds": 30], nil, [:]),
        (["seconds": -1], invalid, ["parameter": "seconds"]),
        (["seconds": 1e19], "org.example.bounded.TooLong", ["seconds": 1e19]),
        (["count": 5], nil, [:]),
        (["count": 6], invalid, ["parameter": "count"]),
        (["count": 0], invalid, ["parameter": "count"]),
        (["area": ["latitude": 91, "radius": 5]], invalid, ["parameter": "area.latitude"]),
        (["area": ["latitude": -90, "radius": 1e308]], nil, [:]),
        (["seconds": nil, "count": nil], nil, [:]),
    ]

    @Test(arguments: boundCases)
    func checkedBeforeTheHandler(parameters: [String: JSONValue], error: String?, errorParameters: [String: JSONValue]) async throws {
        let reply = try await Self.answer(try Self.service(), parameters)
        #expect(reply.error == error)
        #expect(reply.parameters == errorParameters)
    }

    @Test func registrationNamesDeclaredNumericFieldsOnly() throws {
        var interface = try VarlinkInterface(description: Self.boundedText)
        #expect(throws: VarlinkError.self) { try interface.bound("Sleep", "seconds", NumericBound(0...1)) }
        #expect(throws: VarlinkError.self) { try interface.bound("Wait", "area", NumericBound(0...1)) }
        #expect(throws: VarlinkError.self) { try interface.bound("Wait", "missing", NumericBound(0...1)) }
        try interface.bound("Wait", "area.radius", NumericBound(0...1))
        #expect(interface.boundedFields(of: "Wait") == ["area.radius"])
    }
}
