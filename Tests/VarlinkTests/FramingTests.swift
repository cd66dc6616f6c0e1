import Testing
import Varlink
import JSON

@Suite struct FramingTests {
    private func drain(_ framer: inout MessageFramer) throws -> [String] {
        var messages: [String] = []
        while let message = try framer.nextMessage() { messages.append(String(decoding: message, as: UTF8.self)) }
        return messages
    }

    @Test func splitsAtNULAcrossArbitraryChunks() throws {
        let stream = Array("{\"a\":1}\0{\"b\":2}\0\0{\"c\":3}\0{\"partial".utf8)
        for chunkSize in [1, 2, 3, 7, 100] {
            var framer = MessageFramer(maximumMessageSize: 64)
            var messages: [String] = []
            var offset = 0
            while offset < stream.count {
                framer.append(stream[offset..<min(offset + chunkSize, stream.count)])
                messages += try drain(&framer)
                offset += chunkSize
            }
            #expect(messages == [#"{"a":1}"#, #"{"b":2}"#, "", #"{"c":3}"#], "chunk size \(chunkSize)")
            #expect(framer.pendingByteCount == 9)
        }
    }

    @Test func oversizedWithoutTerminatorFailsAndStaysFailed() throws {
        var framer = MessageFramer(maximumMessageSize: 8)
        framer.append(Array("12345678".utf8))
        #expect(try framer.nextMessage() == nil)  // exactly the limit: still waiting
        framer.append([UInt8(ascii: "9")])
        #expect(throws: VarlinkError.messageTooLarge(limit: 8)) { try framer.nextMessage() }
        framer.append([0])
        #expect(throws: VarlinkError.messageTooLarge(limit: 8)) { try framer.nextMessage() }
    }

    @Test func oversizedMessageArrivingWholeIsRejected() throws {
        var framer = MessageFramer(maximumMessageSize: 8)
        framer.append(Array("12345678\0123456789\0".utf8))
        #expect(try framer.nextMessage() == Array("12345678".utf8))
        #expect(throws: VarlinkError.messageTooLarge(limit: 8)) { try framer.nextMessage() }
    }

    @Test func callAndReplyRoundTrip() throws {
        let call = VarlinkCall(method: "io.cargenius.Vehicle.Get", parameters: ["paths": ["Vehicle.Speed"]], more: true)
        let bytes = call.encoded()
        #expect(bytes.last == 0)
        #expect(try VarlinkCall(json: JSONParser.parse(bytes.dropLast())) == call)
        #expect(call.interface == "io.cargenius.Vehicle")
        #expect(call.memberName == "Get")
        let reply = VarlinkReply(error: "io.cargenius.Test.Failed", parameters: ["code": 1])
        #expect(try VarlinkReply(json: JSONParser.parse(reply.encoded().dropLast())) == reply)
        #expect(throws: VarlinkError.reply(name: "io.cargenius.Test.Failed", parameters: ["code": 1])) {
            try reply.checked()
        }
    }

    @Test(arguments: [
        (#"[]"#, "a call must be a JSON object, got array"),
        (#"{"parameters":{}}"#, "a call needs a string field \"method\""),
        (#"{"method":"NoDot"}"#, "method \"NoDot\" is not of the form interface.Method"),
        (#"{"method":"a.b.","parameters":{}}"#, "method \"a.b.\" is not of the form interface.Method"),
        (#"{"method":"a.B","parameters":[1]}"#, "\"parameters\" must be an object, got array"),
        (#"{"method":"a.B","more":"yes"}"#, "\"more\" must be a bool, got string"),
    ])
    func rejectsMalformedCalls(text: String, reason: String) {
        #expect(throws: VarlinkError.invalidMessage(reason: reason)) { try VarlinkCall(json: JSONParser.parse(text)) }
    }

    @Test func unknownCallFieldsAreIgnored() throws {
        let call = try VarlinkCall(json: JSONParser.parse(#"{"method":"a.B","future":1,"oneway":true}"#))
        #expect(call == VarlinkCall(method: "a.B", oneway: true))
    }

    @Test func addresses() throws {
        #expect(try VarlinkAddress(parsing: "unix:/run/geniusd/io.cargenius") == VarlinkAddress(path: "/run/geniusd/io.cargenius"))
        let abstract = try VarlinkAddress(parsing: "unix:@genius;mode=0660")
        #expect(abstract.isAbstract && abstract.path == "genius")
        #expect(throws: VarlinkError.self) { try VarlinkAddress(parsing: "tcp:127.0.0.1:1") }
        #expect(throws: VarlinkError.self) { try VarlinkAddress(parsing: "unix:") }
    }
}
