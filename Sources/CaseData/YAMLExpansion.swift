import CYaml

/// Measures what a YAML text expands to, aliases included, before Yams composes it.
///
/// Yams replaces every alias (`*name`) by the node it names while it composes, and hashes mapping
/// keys to find duplicates: a few lines that alias each other ten times over, or a 1 MB text named
/// 2,000 times, would take minutes and gigabytes before a single value reached us. This pass reads
/// libyaml's events (the parser Yams itself uses), keeps the expanded size of every anchor, and
/// adds it at each alias, so it costs one reading of the text, however much the aliases repeat.
enum YAMLExpansion {
    /// The size of a document once every alias is replaced by what it names.
    struct Size: Equatable {
        /// Scalars, lists and groups.
        var values = 0
        /// The bytes of every scalar (keys and values).
        var bytes = 0
    }

    /// The limits a case file must stay within, once expanded.
    struct Limits {
        var values: Int
        var bytes: Int
    }

    /// Reads `text` until its expanded size passes `limits`; returns the size reached (past a
    /// limit, or the whole size) and where the reading stopped. A syntax error ends the reading
    /// quietly: Yams reports it.
    static func measure(_ text: String, limits: Limits) -> (size: Size, at: SourcePosition?) {
        var text = text
        return text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return (Size(), nil) }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

            var size = Size()
            var position: SourcePosition?
            var anchors: [String: Size] = [:]
            // The open lists and groups: their anchor and the size when they started.
            var open: [(anchor: String?, start: Size)] = []
            func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                anchor.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            }
            while size.values <= limits.values, size.bytes <= limits.bytes {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { break }
                defer { yaml_event_delete(&event) }
                position = SourcePosition(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return (size, nil)
                case YAML_SCALAR_EVENT:
                    let start = size
                    size.values += 1
                    size.bytes += event.data.scalar.length
                    if let anchor = name(event.data.scalar.anchor) {
                        anchors[anchor] = Size(values: size.values - start.values, bytes: size.bytes - start.bytes)
                    }
                case YAML_ALIAS_EVENT:
                    if let anchor = name(event.data.alias.anchor), let named = anchors[anchor] {
                        size.values += named.values
                        size.bytes += named.bytes
                    }
                case YAML_SEQUENCE_START_EVENT:
                    open.append((name(event.data.sequence_start.anchor), size))
                    size.values += 1
                case YAML_MAPPING_START_EVENT:
                    open.append((name(event.data.mapping_start.anchor), size))
                    size.values += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let (anchor, start) = open.popLast(), let anchor {
                        anchors[anchor] = Size(values: size.values - start.values, bytes: size.bytes - start.bytes)
                    }
                default:
                    break
                }
            }
            return (size, position)
        }
    }
}
