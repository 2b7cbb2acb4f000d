using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Smi.Api.Manifests;

/// <summary>
/// Turns System.Text.Json deserialization errors into what a user can act on:
/// <c>spec.backends[0].weight</c> + <c>expected a whole number, got 1.5</c>, naming fields the way
/// the document does instead of .NET types and byte offsets.
/// </summary>
public static partial class JsonErrorTranslator
{
    /// <summary>The field path and message for <paramref name="error"/>, raised while reading <paramref name="root"/>.</summary>
    public static (string Path, string Message) Translate(JsonException error, JsonNode? root)
    {
        ArgumentNullException.ThrowIfNull(error);
        var segments = ParsePath(error.Path);
        var path = ToFieldPath(segments);
        var message = error.Message;

        var missing = MissingRequired().Match(message);
        if (missing.Success)
        {
            var names = QuotedName().Matches(missing.Groups["names"].Value).Select(m => $"\"{m.Groups[1].Value}\"").ToList();
            return (path, names.Count == 1 ? $"missing required field {names[0]}" : $"missing required fields {string.Join(", ", names)}");
        }

        var conversion = CouldNotConvert().Match(message);
        if (conversion.Success)
        {
            return (path, $"expected {DescribeType(conversion.Groups["type"].Value)}, got {DescribeNode(Navigate(root, segments), root, segments)}");
        }

        // Our converters' messages are already user-facing; strip the location suffix System.Text.Json may append.
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (path, cut >= 0 ? message[..cut] : message);
    }

    /// <summary>Parses a System.Text.Json path (<c>$.spec.backends[0]['odd.key']</c>) into keys and indexes.</summary>
    public static IReadOnlyList<object> ParsePath(string? jsonPath)
    {
        var segments = new List<object>();
        if (string.IsNullOrEmpty(jsonPath))
        {
            return segments;
        }

        var i = jsonPath.StartsWith('$') ? 1 : 0;
        while (i < jsonPath.Length)
        {
            if (jsonPath[i] == '.')
            {
                var end = i + 1;
                while (end < jsonPath.Length && jsonPath[end] is not '.' and not '[')
                {
                    end++;
                }

                segments.Add(jsonPath[(i + 1)..end]);
                i = end;
            }
            else if (jsonPath[i] == '[' && i + 1 < jsonPath.Length && jsonPath[i + 1] == '\'')
            {
                var end = jsonPath.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? jsonPath.Length : end;
                segments.Add(jsonPath[(i + 2)..end]);
                i = Math.Min(end + 2, jsonPath.Length);
            }
            else if (jsonPath[i] == '[')
            {
                var end = jsonPath.IndexOf(']', i);
                end = end < 0 ? jsonPath.Length : end;
                segments.Add(int.TryParse(jsonPath.AsSpan(i + 1, end - i - 1), out var index) ? index : jsonPath[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                i++;
            }
        }

        return segments;
    }

    /// <summary>The segments as a <see cref="FieldPath"/>.</summary>
    public static string ToFieldPath(IEnumerable<object> segments) =>
        segments.Aggregate(string.Empty, (path, s) => s is int index ? FieldPath.Index(path, index) : FieldPath.Key(path, (string)s));

    private static JsonNode? Navigate(JsonNode? node, IEnumerable<object> segments)
    {
        foreach (var segment in segments)
        {
            node = (segment, node) switch
            {
                (int index, JsonArray array) when index < array.Count => array[index],
                (string key, JsonObject obj) when obj.TryGetPropertyValue(key, out var child) => child,
                _ => null,
            };
        }

        return node;
    }

    private static string DescribeNode(JsonNode? node, JsonNode? root, IReadOnlyList<object> segments) => node switch
    {
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue value when value.TryGetValue(out string? text) => $"\"{text}\"",
        JsonValue value => value.ToJsonString(),
        null when segments.Count > 0 && Navigate(root, segments.Take(segments.Count - 1)) is not null => "null",
        _ => "something else",
    };

    private static string DescribeType(string type)
    {
        var nullable = NullableOf().Match(type);
        if (nullable.Success)
        {
            type = nullable.Groups["inner"].Value;
        }

        var name = type.Split('[')[0];
        return name switch
        {
            "System.Int16" or "System.Int32" or "System.Int64" or "System.UInt16" or "System.UInt32" or "System.UInt64" or "System.Byte" => "a whole number",
            "System.Decimal" or "System.Double" or "System.Single" => "a number",
            "System.String" => "a string",
            "System.Boolean" => "true or false",
            "System.DateTime" or "System.DateTimeOffset" => "a timestamp (RFC 3339, e.g. 2024-01-02T03:04:05Z)",
            "k8s.Models.IntOrString" or "k8s.Models.IntstrIntOrString" => "a number or a string",
            "k8s.Models.ResourceQuantity" => "a Kubernetes quantity such as 1, 500m or 10m",
            _ when name.Contains("Dictionary", StringComparison.Ordinal) => "a map",
            _ when name.EndsWith("[]", StringComparison.Ordinal) || name.Contains("List`", StringComparison.Ordinal) || name.Contains("Collection`", StringComparison.Ordinal) || name.Contains("Enumerable`", StringComparison.Ordinal) || name.Contains("ImmutableArray`", StringComparison.Ordinal) => "a list",
            _ => "an object",
        };
    }

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.(\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex CouldNotConvert();

    [GeneratedRegex(@"missing required properties(,)? including( the following)?: (?<names>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"'([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"^System\.Nullable`1\[\[?(?<inner>[^,\]]+)", RegexOptions.CultureInvariant)]
    private static partial Regex NullableOf();
}
