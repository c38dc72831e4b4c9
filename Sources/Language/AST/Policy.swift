import Diagnostics

/// The parsed `runbook.policy.yaml`: roles, levels, effect rules and people.
public struct Policy: Sendable {
    public var path: String
    public var range: SourceRange
    public var version: Located<Int>
    public var roles: [Role]
    public var levels: [Level]
    public var effects: [EffectRule]
    public var people: [Person]

    public func role(named name: String) -> Role? { roles.first { $0.name.value == name } }
    public func level(_ number: Int) -> Level? { levels.first { $0.number.value == number } }
    public func person(named name: String) -> Person? { people.first { $0.name.value == name } }
    public func rule(for effect: Effect) -> EffectRule? { effects.first { $0.effect.value == effect } }
}

/// A role; `includes` gives it every power of the roles it names.
public struct Role: Sendable {
    public var name: Located<String>
    public var includes: [Located<String>]
    public var description: Located<String>?
    public var range: SourceRange
}

/// A recovery level: who runs it and whose approval it needs.
public struct Level: Sendable {
    public var number: Located<Int>
    public var title: Located<String>?
    public var executor: Located<String>?
    public var approvals: [Located<String>]
    public var range: SourceRange
}

/// Extra rules for steps of one effect (e.g. destructive: level 3 and up, with IC approval).
public struct EffectRule: Sendable {
    public var effect: Located<Effect>
    public var minLevel: Located<Int>?
    public var approvals: [Located<String>]
    public var range: SourceRange
}

/// An identity that may run or approve playbooks.
public struct Person: Sendable {
    public var name: Located<String>
    public var roles: [Located<String>]
    /// `ed25519:BASE64` public key.
    public var key: Located<String>?
    public var range: SourceRange
}
