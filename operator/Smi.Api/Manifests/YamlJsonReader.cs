using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Smi.Api.Manifests;

/// <summary>
/// Reads a multi-document YAML stream (JSON is YAML too) into JSON trees, resolving plain scalars by
/// the YAML 1.2 core schema the way the Kubernetes API machinery's YAML-to-JSON step does, and
/// recording the position of every value. Errors carry a line and column, never a stack trace.
/// </summary>
public static class YamlJsonReader
{
    /// <summary>Reads every document of <paramref name="text"/>.</summary>
    /// <exception cref="YamlSyntaxException">The text is not well-formed; documents before the fault are lost with it.</exception>
    public static IReadOnlyList<YamlDocument> ReadAll(string text)
    {
        var documents = new List<YamlDocument>();
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var start))
            {
                var positions = ImmutableDictionary.CreateBuilder<string, SourcePosition>(StringComparer.Ordinal);
                var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                JsonNode? root = null;
                if (!parser.Accept<DocumentEnd>(out _))
                {
                    root = ReadNode(parser, string.Empty, positions, anchors);
                }

                parser.Consume<DocumentEnd>();
                documents.Add(new YamlDocument(documents.Count, root, ToPosition(start.Start), positions.ToImmutable()));
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException ex)
        {
            throw new YamlSyntaxException(Clean(ex.Message), ToPosition(ex.Start), ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner reports some unterminated flow collections this way, without a mark;
            // the last event the parser produced is the best position there is.
            var at = parser.Current?.End ?? Mark.Empty;
            throw new YamlSyntaxException("malformed YAML: an unterminated flow sequence, mapping or quoted string", ToPosition(at), ex);
        }

        return documents;
    }

    private static JsonNode? ReadNode(IParser parser, string path, ImmutableDictionary<string, SourcePosition>.Builder positions, Dictionary<string, JsonNode?> anchors)
    {
        var current = parser.Current ?? throw new YamlSyntaxException("unexpected end of document", default);
        positions.TryAdd(path, ToPosition(current.Start));
        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (!anchors.TryGetValue(alias.Value.Value, out var aliased))
                {
                    throw new YamlSyntaxException($"alias *{alias.Value.Value} refers to no anchor", ToPosition(alias.Start));
                }

                return aliased?.DeepClone();
            case Scalar scalar:
                parser.MoveNext();
                var value = ResolveScalar(scalar);
                Remember(scalar.Anchor, value, anchors);
                return value;
            case SequenceStart sequenceStart:
                {
                    parser.MoveNext();
                    var array = new JsonArray();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        array.Add(ReadNode(parser, FieldPath.Index(path, array.Count), positions, anchors));
                    }

                    Remember(sequenceStart.Anchor, array, anchors);
                    return array;
                }

            case MappingStart mappingStart:
                {
                    parser.MoveNext();
                    var obj = new JsonObject();
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyEvent = parser.Current;
                        if (keyEvent is not Scalar keyScalar)
                        {
                            throw new YamlSyntaxException("only scalar mapping keys are supported", ToPosition(keyEvent?.Start ?? Mark.Empty));
                        }

                        parser.MoveNext();
                        var key = keyScalar.Value;
                        if (obj.ContainsKey(key))
                        {
                            throw new YamlSyntaxException($"duplicate key \"{key}\"", ToPosition(keyScalar.Start));
                        }

                        obj[key] = ReadNode(parser, FieldPath.Key(path, key), positions, anchors);
                    }

                    Remember(mappingStart.Anchor, obj, anchors);
                    return obj;
                }

            default:
                throw new YamlSyntaxException($"unexpected {current.GetType().Name}", ToPosition(current.Start));
        }
    }

    private static void Remember(AnchorName anchor, JsonNode? node, Dictionary<string, JsonNode?> anchors)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    /// <summary>YAML 1.2 core schema resolution for plain scalars; quoted scalars are always strings.</summary>
    private static JsonNode? ResolveScalar(Scalar scalar)
    {
        var text = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (LooksNumeric(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return JsonValue.Create(integer);
            }

            if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                return JsonValue.Create(hex);
            }

            if (text.StartsWith("0o", StringComparison.Ordinal))
            {
                try
                {
                    return JsonValue.Create(Convert.ToInt64(text[2..], 8));
                }
                catch (FormatException)
                {
                    return JsonValue.Create(text);
                }
            }

            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return JsonValue.Create(number);
            }
        }

        return JsonValue.Create(text);
    }

    // The core schema's int and float patterns start with a sign, a digit or a dot followed by a digit.
    private static bool LooksNumeric(string text)
    {
        var span = text.AsSpan();
        if (span.Length > 0 && span[0] is '+' or '-')
        {
            span = span[1..];
        }

        return span.Length > 0 && (char.IsAsciiDigit(span[0]) || (span[0] == '.' && span.Length > 1 && char.IsAsciiDigit(span[1])));
    }

    private static SourcePosition ToPosition(Mark mark) => new(mark.Line, mark.Column);

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 40) - (...): "; the position is reported separately.
    private static string Clean(string message)
    {
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith('(') ? message[(marker + 3)..] : message;
    }
}
