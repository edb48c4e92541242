// swift-tools-version:6.0
// libFuzzer targets for Engross's parsers of untrusted input. A package of its own, so that the
// root package's `swift build` and `swift test` never see them. Build and run with `make fuzz`
// (scripts/fuzz), which passes the sanitizer flags:
//   swift build --package-path Fuzz -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

let package = Package(
    name: "EngrossFuzz",
    dependencies: [
        .package(name: "Engross", path: "..")
    ],
    targets: [
        .target(name: "CFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzer", .product(name: "Engross", package: "Engross")]),
        .executableTarget(name: "FuzzJSONCase", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzYAMLCase", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzExpression", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzTemplate", dependencies: ["FuzzSupport"]),
        // The web app's upload parser, from its own module: fuzzing it builds no Hummingbird.
        .executableTarget(name: "FuzzMultipart", dependencies: ["FuzzSupport", .product(name: "Multipart", package: "Engross")]),
    ]
)
