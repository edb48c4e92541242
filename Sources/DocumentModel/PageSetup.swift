/// Paper, margins and type for a document. Lengths are in points (1/72 inch).
public struct PageSetup: Sendable, Equatable {
    /// The paper size.
    public var paper: Paper
    /// Top, right, bottom and left margins in points.
    public var margins: Margins
    /// The body font family, e.g. "Liberation Serif".
    public var fontFamily: String
    /// The body font size in points.
    public var fontSize: Double
    /// Space between lines.
    public var lineSpacing: LineSpacing

    public init(
        paper: Paper = .letter, margins: Margins = Margins(all: 72),
        fontFamily: String = "Liberation Serif", fontSize: Double = 12, lineSpacing: LineSpacing = .single
    ) {
        self.paper = paper
        self.margins = margins
        self.fontFamily = fontFamily
        self.fontSize = fontSize
        self.lineSpacing = lineSpacing
    }

    /// The size of the running header (the marking) and footer (page numbers): two points below
    /// the body's, from 8 to 12 points, so that they fit a half-inch margin at any body size.
    public var runningFontSize: Double { min(12, max(8, fontSize - 2)) }
}

/// A paper size.
public enum Paper: String, Sendable, Equatable, CaseIterable {
    case letter, legal, a4

    /// Width and height in points.
    public var size: (width: Double, height: Double) {
        switch self {
        case .letter: return (612, 792)
        case .legal: return (612, 1008)
        case .a4: return (595.28, 841.89)
        }
    }
}

/// Page margins in points.
public struct Margins: Sendable, Equatable {
    public var top: Double, right: Double, bottom: Double, left: Double

    public init(top: Double, right: Double, bottom: Double, left: Double) {
        self.top = top
        self.right = right
        self.bottom = bottom
        self.left = left
    }

    /// The same margin on all four sides.
    public init(all: Double) { self.init(top: all, right: all, bottom: all, left: all) }
}

/// Line spacing as word processors offer it.
public enum LineSpacing: String, Sendable, Equatable, CaseIterable {
    case single
    case oneAndHalf = "1.5"
    case double

    /// The factor applied to the font's natural line height.
    public var factor: Double {
        switch self {
        case .single: return 1
        case .oneAndHalf: return 1.5
        case .double: return 2
        }
    }
}
