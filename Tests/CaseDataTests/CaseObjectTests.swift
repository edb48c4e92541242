import Testing

@testable import CaseData

@Suite("Case objects")
struct CaseObjectTests {
    /// Small objects are searched key by key, larger ones through an index: both must behave alike.
    @Test(arguments: [3, 8, 9, 40])
    func keysFoundSetAndRemovedInOrder(count: Int) {
        var object = CaseObject()
        for number in 0..<count {
            let added = object.append(key: "key\(number)", keyPosition: nil, value: .number(Double(number)))
            #expect(added)
        }
        let duplicate = object.append(key: "key0", keyPosition: nil, value: .null)
        #expect(!duplicate && object["key0"] == .number(0))  // a duplicate changes nothing
        #expect(object.keys == (0..<count).map { "key\($0)" })
        for number in 0..<count { #expect(object["key\(number)"] == .number(Double(number))) }
        #expect(object["missing"] == nil)
        object["key1"] = .string("changed")
        object["added"] = .bool(true)
        #expect(object["key1"] == .string("changed") && object.keys.last == "added")
        object["key0"] = nil
        #expect(object["key0"] == nil && object.keys.first == "key1" && object.keys.count == count)
        #expect(object["added"] == .bool(true) && object.entry("key2")?.value == .number(2))
        let grown = object.modify("list", default: { .list([]) }) { value -> Int in
            value = .list([.string("a")])
            return 1
        }
        #expect(grown == 1 && object["list"] == .list([.string("a")]) && object.keys.last == "list")
        object.modify("list", default: { .null }) { $0 = .list([]) }
        #expect(object["list"] == .list([]) && object.keys.count == count + 1)
    }
}
