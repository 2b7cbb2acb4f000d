using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Testing.Crds;

/// <summary>
/// Reads JSON values the way the API server's unstructured decoding sees them: a number written
/// without fraction or exponent that fits in 64 bits is an integer, any other number a float.
/// </summary>
internal static class JsonValues
{
    public static JsonKind KindOf(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JsonKind.Null;
            case JsonObject:
                return JsonKind.Object;
            case JsonArray:
                return JsonKind.Array;
        }

        var value = node.AsValue();
        return value.GetValueKind() switch
        {
            JsonValueKind.String => JsonKind.String,
            JsonValueKind.True or JsonValueKind.False => JsonKind.Boolean,
            JsonValueKind.Null => JsonKind.Null,
            JsonValueKind.Number => long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? JsonKind.Integer
                : JsonKind.Number,
            _ => JsonKind.Null,
        };
    }

    /// <summary>The OpenAPI type name of a kind.</summary>
    public static string TypeName(JsonKind kind) => kind switch
    {
        JsonKind.Null => "null",
        JsonKind.Object => "object",
        JsonKind.Array => "array",
        JsonKind.String => "string",
        JsonKind.Integer => "integer",
        JsonKind.Number => "number",
        JsonKind.Boolean => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The value of a number node as a double (the API server compares bounds as float64).</summary>
    public static double ToDouble(JsonNode node) =>
        double.Parse(node.AsValue().ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The value of an integer node.</summary>
    public static long ToInt64(JsonNode node) =>
        long.Parse(node.AsValue().ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>The string of a string node.</summary>
    public static string ToText(JsonNode node) => node.GetValue<string>();

    /// <summary>
    /// The Go value the API server would hold for this node, for messages: long, double, bool,
    /// string, or the node itself for objects and arrays (rendered as JSON).
    /// </summary>
    public static object? ToGoValue(JsonNode? node) => KindOf(node) switch
    {
        // The casts matter: JsonNode converts implicitly from every primitive, so without them the
        // switch would be typed JsonNode and box every value back into a node.
        JsonKind.Null => (object?)null,
        JsonKind.Integer => (object)ToInt64(node!),
        JsonKind.Number => (object)ToDouble(node!),
        JsonKind.Boolean => (object)node!.GetValue<bool>(),
        JsonKind.String => (object)ToText(node!),
        _ => (object)node!,
    };

    /// <summary>Length in Unicode code points, as the OpenAPI validator counts string lengths.</summary>
    public static int RuneLength(string text) => text.EnumerateRunes().Count();

    /// <summary>Structural equality with numbers compared by value (1 equals 1.0).</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        var kindA = KindOf(a);
        var kindB = KindOf(b);
        var numeric = kindA is JsonKind.Integer or JsonKind.Number && kindB is JsonKind.Integer or JsonKind.Number;
        if (kindA != kindB && !numeric)
        {
            return false;
        }

        switch (kindA)
        {
            case JsonKind.Null:
                return true;
            case JsonKind.Integer or JsonKind.Number:
                return kindA == JsonKind.Integer && kindB == JsonKind.Integer
                    ? ToInt64(a!) == ToInt64(b!)
                    : ToDouble(a!).Equals(ToDouble(b!));
            case JsonKind.String:
                return string.Equals(ToText(a!), ToText(b!), StringComparison.Ordinal);
            case JsonKind.Boolean:
                return a!.GetValue<bool>() == b!.GetValue<bool>();
            case JsonKind.Array:
                {
                    var x = a!.AsArray();
                    var y = b!.AsArray();
                    return x.Count == y.Count && x.Zip(y).All(pair => DeepEquals(pair.First, pair.Second));
                }

            default:
                {
                    var x = a!.AsObject();
                    var y = b!.AsObject();
                    return x.Count == y.Count && x.All(pair => y.TryGetPropertyValue(pair.Key, out var other) && DeepEquals(pair.Value, other));
                }
        }
    }
}
