// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Engross",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Engross", targets: ["Engross"]),
        .executable(name: "engross", targets: ["engross"]),
        // For the Fuzz package, which can reach the root package's modules only through products.
        .library(name: "Multipart", targets: ["Multipart"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        // The web app (`engross serve`), linked only into engross-server so the command line starts as before.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        // Accounts (`engross serve --accounts`): bcrypt password hashes.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.0.0"),
        // AES-GCM for the stores' sealed fields, SHA-256 for session ids and the packet manifest (Digest).
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        // The clinic server's PostgreSQL store (`engross serve --database postgres://…`).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Not "CZlib": ZIPFoundation, which the tests link, already has a module of that name.
        .systemLibrary(
            name: "CSystemZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev", "libpoppler-glib-dev"])]
        ),
        // libqpdf's C API: the official PDF forms' field tree (comb flags, on-states), XFA removal, page appending.
        .systemLibrary(
            name: "CQPDF",
            pkgConfig: "libqpdf",
            providers: [.apt(["libqpdf-dev"])]
        ),
        .target(name: "TextSafety"),
        .target(name: "DocumentModel"),
        .target(name: "CaseData", dependencies: ["TextSafety", .product(name: "Yams", package: "Yams")]),
        .target(name: "Templating", dependencies: ["CLibXML2", "DocumentModel", "CaseData", "TextSafety"]),
        .target(name: "WriterText", dependencies: ["DocumentModel", "TextSafety"]),
        .target(name: "WriterMarkdown", dependencies: ["DocumentModel", "TextSafety"]),
        .target(name: "WriterHTML", dependencies: ["DocumentModel", "TextSafety"]),
        .target(name: "WriterPDF", dependencies: ["DocumentModel", "CPangoCairo", "TextSafety", "PDFFinishing"]),
        // Official PDF forms (USCIS, courts): read a blank's fields, fill, flatten, append an addendum.
        .target(name: "PDFFinishing", dependencies: ["CQPDF", "CSystemZlib", "TextSafety"]),
        .target(name: "FormPDF", dependencies: ["CQPDF", "PDFFinishing", "CPangoCairo", "WriterPDF", "CaseData"]),
        .target(name: "Digest", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "WriterDOCX", dependencies: ["DocumentModel", "CSystemZlib", "TextSafety"]),
        .target(
            name: "Engross",
            dependencies: [
                "DocumentModel", "CaseData", "Templating", "WriterText", "WriterMarkdown", "WriterHTML", "WriterDOCX",
                "WriterPDF", "FormPDF", "Digest", "TextSafety", .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .executableTarget(
            name: "engross",
            dependencies: ["Engross", "FormPDF", "TextSafety", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // multipart/form-data bodies (uploads from the web app's forms); a module of its own, without
        // the server's dependencies, so that the Fuzz package fuzzes it without building Hummingbird.
        .target(name: "CByteSearch"),
        .target(name: "Multipart", dependencies: ["CByteSearch", "TextSafety"]),
        .target(
            name: "EngrossServer",
            dependencies: [
                "Engross", "CaseData", "Templating", "DocumentModel", "TextSafety", "WriterDOCX", "Multipart", "Digest",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "engross-server",
            dependencies: ["EngrossServer", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "engross-bench",
            dependencies: ["Engross", "WriterDOCX"],
            path: "Sources/engross-bench"
        ),
        .executableTarget(
            name: "engross-conformance",
            dependencies: ["Engross"],
            path: "Sources/engross-conformance"
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "DocumentModelTests", dependencies: ["DocumentModel"]),
        .testTarget(name: "TextSafetyTests", dependencies: ["TextSafety"]),
        .testTarget(name: "CaseDataTests", dependencies: ["CaseData"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating", "CaseData", "DocumentModel"]),
        .testTarget(name: "WriterTests", dependencies: ["WriterText", "WriterMarkdown", "WriterHTML", "DocumentModel", "TestSupport"]),
        .testTarget(name: "WriterPDFTests", dependencies: ["WriterPDF", "PDFFinishing", "CQPDF", "DocumentModel", "TestSupport"]),
        .testTarget(name: "FormPDFTests", dependencies: ["FormPDF", "WriterPDF", "DocumentModel", "TestSupport"]),
        .testTarget(name: "WriterDOCXTests", dependencies: ["WriterDOCX", "DocumentModel", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(
            name: "EngrossTests",
            dependencies: ["Engross", "WriterDOCX", "WriterPDF", "FormPDF", "TestSupport", .product(name: "CSV", package: "CSV.swift")]
        ),
        .testTarget(
            name: "EngrossServerTests",
            dependencies: [
                "EngrossServer", "Multipart", "TestSupport", "CaseData", "Templating",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(name: "CLITests", dependencies: ["engross", "TestSupport"]),
    ]
)
