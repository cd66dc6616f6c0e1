/// A formula in `x`, as KUKSA's CAN provider accepts in `transform.math` (py-expression-eval syntax):
/// numbers, `x`, `+ - * / % ^`, parentheses, unary minus, and `floor ceil round abs sqrt min max`.
///
/// Compiled once to postfix; `evaluate` runs without allocating.
public struct MathExpression: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case number(Double)
        case variable
        case binary(Character)
        case negate
        case function(String, arity: Int)
    }

    let program: [Token]
    let maxDepth: Int
    public let source: String

    /// Why a formula does not parse: the problem and the 1-based character position.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var position: Int
        public var problem: String
        public init(position: Int, problem: String) {
            self.position = position
            self.problem = problem
        }
        public var description: String { "character \(position): \(problem)" }
    }

    public init(_ source: String) throws(ParseError) {
        self.source = source
        var parser = Parser(characters: Array(source))
        var output: [Token] = []
        try parser.expression(&output)
        parser.skipSpaces()
        guard parser.index == parser.characters.count else {
            throw ParseError(position: parser.index + 1, problem: "unexpected '\(parser.characters[parser.index])'")
        }
        program = output
        var depth = 0
        var deepest = 0
        for token in output {
            switch token {
            case .number, .variable: depth += 1
            case .binary: depth -= 1
            case .negate: break
            case .function(_, let arity): depth -= arity - 1
            }
            deepest = Swift.max(deepest, depth)
        }
        maxDepth = deepest
    }

    /// The formula's value for `x`; NaN when it is undefined there (division by zero gives ±infinity).
    public func evaluate(x: Double) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(maxDepth, 1)) { stack in
            var top = 0
            for token in program {
                switch token {
                case .number(let value):
                    stack[top] = value
                    top += 1
                case .variable:
                    stack[top] = x
                    top += 1
                case .negate:
                    stack[top - 1] = -stack[top - 1]
                case .binary(let op):
                    let right = stack[top - 1]
                    let left = stack[top - 2]
                    top -= 1
                    switch op {
                    case "+": stack[top - 1] = left + right
                    case "-": stack[top - 1] = left - right
                    case "*": stack[top - 1] = left * right
                    case "/": stack[top - 1] = left / right
                    case "%": stack[top - 1] = left.truncatingRemainder(dividingBy: right)
                    default: stack[top - 1] = pow(left, right)
                    }
                case .function(let name, let arity):
                    let first = stack[top - arity]
                    let result: Double
                    switch name {
                    case "floor": result = first.rounded(.down)
                    case "ceil": result = first.rounded(.up)
                    case "round": result = first.rounded(.toNearestOrAwayFromZero)
                    case "abs": result = Swift.abs(first)
                    case "sqrt": result = first.squareRoot()
                    case "min": result = Swift.min(first, stack[top - 1])
                    default: result = Swift.max(first, stack[top - 1])
                    }
                    top -= arity - 1
                    stack[top - 1] = result
                }
            }
            return top == 1 ? stack[0] : .nan
        }
    }

    private struct Parser {
        let characters: [Character]
        var index = 0

        mutating func skipSpaces() {
            while index < characters.count, characters[index] == " " { index += 1 }
        }

        func peek() -> Character? { index < characters.count ? characters[index] : nil }

        // expression := term (('+'|'-') term)*
        mutating func expression(_ out: inout [Token]) throws(ParseError) {
            try term(&out)
            while true {
                skipSpaces()
                guard let op = peek(), op == "+" || op == "-" else { return }
                index += 1
                try term(&out)
                out.append(.binary(op))
            }
        }

        // term := power (('*'|'/'|'%') power)*
        mutating func term(_ out: inout [Token]) throws(ParseError) {
            try power(&out)
            while true {
                skipSpaces()
                guard let op = peek(), op == "*" || op == "/" || op == "%" else { return }
                index += 1
                try power(&out)
                out.append(.binary(op))
            }
        }

        // power := unary ('^' power)?
        mutating func power(_ out: inout [Token]) throws(ParseError) {
            try unary(&out)
            skipSpaces()
            if peek() == "^" {
                index += 1
                try power(&out)
                out.append(.binary("^"))
            }
        }

        mutating func unary(_ out: inout [Token]) throws(ParseError) {
            skipSpaces()
            if peek() == "-" {
                index += 1
                try unary(&out)
                out.append(.negate)
            } else if peek() == "+" {
                index += 1
                try unary(&out)
            } else {
                try primary(&out)
            }
        }

        mutating func primary(_ out: inout [Token]) throws(ParseError) {
            skipSpaces()
            guard let character = peek() else { throw ParseError(position: index + 1, problem: "formula ends early") }
            if character == "(" {
                index += 1
                try expression(&out)
                skipSpaces()
                guard peek() == ")" else { throw ParseError(position: index + 1, problem: "expected ')'") }
                index += 1
                return
            }
            if character.isNumber || character == "." {
                let start = index
                while let next = peek(), next.isNumber || next == "." || next == "e" || next == "E" {
                    index += 1
                    if (next == "e" || next == "E"), let sign = peek(), sign == "-" || sign == "+" { index += 1 }
                }
                guard let value = Double(String(characters[start..<index])) else {
                    throw ParseError(position: start + 1, problem: "bad number")
                }
                out.append(.number(value))
                return
            }
            if character.isLetter {
                let start = index
                while let next = peek(), next.isLetter || next.isNumber || next == "_" { index += 1 }
                let name = String(characters[start..<index])
                if name == "x" {
                    out.append(.variable)
                    return
                }
                let arities = ["floor": 1, "ceil": 1, "round": 1, "abs": 1, "sqrt": 1, "min": 2, "max": 2]
                guard let arity = arities[name] else {
                    throw ParseError(
                        position: start + 1, problem: "unknown name '\(name)' (the value is 'x'; functions: floor, ceil, round, abs, sqrt, min, max)")
                }
                skipSpaces()
                guard peek() == "(" else { throw ParseError(position: index + 1, problem: "expected '(' after \(name)") }
                index += 1
                for argument in 0..<arity {
                    try expression(&out)
                    skipSpaces()
                    let expected: Character = argument == arity - 1 ? ")" : ","
                    guard peek() == expected else {
                        throw ParseError(position: index + 1, problem: "expected '\(expected)' in \(name)(...)")
                    }
                    index += 1
                }
                out.append(.function(name, arity: arity))
                return
            }
            throw ParseError(position: index + 1, problem: "unexpected '\(character)'")
        }
    }
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    if exponent == exponent.rounded(), Swift.abs(exponent) <= 64 {
        var result = 1.0
        for _ in 0..<Int(Swift.abs(exponent)) { result *= base }
        return exponent < 0 ? 1 / result : result
    }
    if base <= 0 { return .nan }
    // exp(exponent × ln(base)) without Glibc: good enough for the rare fractional power.
    return Double.exp(exponent * Double.ln(base))
}

extension Double {
    fileprivate static func ln(_ value: Double) -> Double {
        // ln(m × 2^e) = ln(m) + e ln 2, with m in [1, 2) and an atanh series for ln(m).
        let exponent = Double(value.exponent)
        let mantissa = value.significand
        let y = (mantissa - 1) / (mantissa + 1)
        var term = y
        var sum = 0.0
        var n = 1.0
        while Swift.abs(term) > 1e-17 {
            sum += term / n
            term *= y * y
            n += 2
        }
        return 2 * sum + exponent * 0.693_147_180_559_945_3
    }

    fileprivate static func exp(_ value: Double) -> Double {
        // e^v = 2^k × e^r with |r| ≤ ln2/2, Taylor series for e^r.
        let k = (value / 0.693_147_180_559_945_3).rounded()
        let r = value - k * 0.693_147_180_559_945_3
        var term = 1.0
        var sum = 1.0
        for n in 1...25 {
            term *= r / Double(n)
            sum += term
        }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }
}
