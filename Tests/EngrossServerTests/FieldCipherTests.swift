import EngrossServer
import Foundation
import Testing

/// AES-GCM sealing of the stores' sensitive values, and the key file it takes its key from.
struct FieldCipherTests {
    private let clear = Array(#"{"client": {"fullName": "Quellwater Example", "aNumber": "A000000001"}}"#.utf8)

    @Test func aSealedValueOpensWithItsKeyAndContext() throws {
        let cipher = FieldCipher.random()
        let sealed = cipher.seal(clear, context: "caseFile.json:c1")
        #expect(sealed.count == clear.count + FieldCipher.overhead)
        #expect(sealed[0] == 1)
        #expect(!String(decoding: sealed, as: UTF8.self).contains("Quellwater"))
        #expect(try cipher.open(sealed, context: "caseFile.json:c1") == clear)
        // A fresh nonce each time: the same value never seals to the same bytes.
        #expect(cipher.seal(clear, context: "caseFile.json:c1") != sealed)
        #expect(try cipher.openText(cipher.seal("", context: "t"), context: "t") == "")
    }

    @Test func anotherKeyCannotOpenIt() throws {
        let sealed = FieldCipher.random().seal(clear, context: "caseFile.json:c1")
        #expect(throws: FieldCipherError.cannotOpen) { try FieldCipher.random().open(sealed, context: "caseFile.json:c1") }
    }

    @Test func everyChangedByteIsRefused() throws {
        let cipher = FieldCipher.random()
        let sealed = cipher.seal(clear, context: "caseFile.json:c1")
        for index in 1..<sealed.count {
            var tampered = sealed
            tampered[index] ^= 0x01
            #expect(throws: FieldCipherError.cannotOpen) { try cipher.open(tampered, context: "caseFile.json:c1") }
        }
        var version = sealed
        version[0] = 2
        #expect(throws: FieldCipherError.unknownVersion(2)) { try cipher.open(version, context: "caseFile.json:c1") }
        #expect(throws: FieldCipherError.malformed) { try cipher.open(Array(sealed.prefix(20)), context: "caseFile.json:c1") }
        #expect(throws: FieldCipherError.cannotOpen) { try cipher.open(Array(sealed.dropLast()), context: "caseFile.json:c1") }
    }

    @Test func aValueMovedToAnotherRowOrColumnIsRefused() throws {
        let cipher = FieldCipher.random()
        let sealed = cipher.seal(clear, context: "caseFile.json:c1")
        #expect(throws: FieldCipherError.cannotOpen) { try cipher.open(sealed, context: "caseFile.json:c2") }
        #expect(throws: FieldCipherError.cannotOpen) { try cipher.open(sealed, context: "caseFile.title:c1") }
    }

    @Test func aKeyMustHave32Bytes() {
        #expect(throws: FieldCipherError.wrongKeyLength(16)) { try FieldCipher(key: Array(repeating: 7, count: 16)) }
    }
}

struct KeyFileTests {
    private static func withFolder(_ body: (String) throws -> Void) throws {
        let folder = NSTemporaryDirectory() + "engross-key-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    private static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func theFirstRunMakesAPrivateKeyInAPrivateFolderAndLaterRunsReadIt() throws {
        try Self.withFolder { folder in
            let path = folder + "/keys/engross.key"
            let key = try KeyFile.loadOrCreate(path: path)
            #expect(key.count == 32)
            #expect(try Self.mode(path) == 0o600)
            #expect(try Self.mode(folder + "/keys") == 0o700)
            #expect(try KeyFile.loadOrCreate(path: path) == key)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("# Engross field key"))
            #expect(text.contains(Data(key).base64EncodedString()))
            #expect(try KeyFile.loadOrCreate(path: folder + "/other.key") != key)
        }
    }

    @Test func aKeyFileOthersMayReadIsRefused() throws {
        try Self.withFolder { folder in
            let path = folder + "/engross.key"
            _ = try KeyFile.loadOrCreate(path: path)
            for mode in [0o640, 0o604, 0o620] {
                chmod(path, mode_t(mode))
                #expect(throws: KeyFileError.tooOpen(path: path, mode: mode)) { try KeyFile.loadOrCreate(path: path) }
            }
            chmod(path, 0o644)
            do {
                _ = try KeyFile.load(path: path)
                Issue.record("a key file of mode 644 was accepted")
            } catch let error as KeyFileError {
                #expect(error.description.contains("run chmod 600 \(path)"))
            }
            chmod(path, 0o400)
            #expect(try KeyFile.load(path: path).count == 32)
        }
    }

    @Test func aMalformedKeyFileIsRefusedWithoutQuotingIt() throws {
        try Self.withFolder { folder in
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let path = folder + "/engross.key"
            let short = Data(Array(repeating: UInt8(9), count: 16)).base64EncodedString()
            let two = Data(KeyFile.randomKey()).base64EncodedString()
            for text in ["", "# only a comment\n", "not base64 at all\n", short + "\n", two + "\n" + two + "\n"] {
                try? FileManager.default.removeItem(atPath: path)
                #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]))
                do {
                    _ = try KeyFile.loadOrCreate(path: path)
                    Issue.record("accepted \(text.debugDescription)")
                } catch let error as KeyFileError {
                    #expect(error == .malformed(path: path))
                    #expect(error.description.contains("32 bytes in base64"))
                    #expect(text.isEmpty || !error.description.contains(text.trimmingCharacters(in: .whitespacesAndNewlines)))
                }
            }
            // A key with a comment and blank lines, as the server writes it, is read.
            let key = KeyFile.randomKey()
            try? FileManager.default.removeItem(atPath: path)
            FileManager.default.createFile(atPath: path, contents: Data("# mine\n\n\(Data(key).base64EncodedString())\n".utf8), attributes: [.posixPermissions: 0o600])
            #expect(try KeyFile.load(path: path) == key)
        }
    }
}
