using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Smi.Api.Manifests;

/// <summary>
/// Finds fields a typed reader ignores: the API server prunes unknown fields of a structural CRD,
/// so a misspelt <c>weigth</c> silently does nothing. Walks the JSON alongside the type's
/// serialization metadata; values read by custom converters are opaque and not walked.
/// </summary>
internal static class UnknownFields
{
    public static IEnumerable<string> Find(JsonNode? node, Type type, JsonSerializerOptions options)
    {
        var found = new List<string>();
        Walk(node, options.GetTypeInfo(type), string.Empty, options, found);
        return found;
    }

    private static void Walk(JsonNode? node, JsonTypeInfo info, string path, JsonSerializerOptions options, List<string> found)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject obj:
                var properties = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
                foreach (var (key, value) in obj)
                {
                    var child = FieldPath.Key(path, key);
                    if (!properties.TryGetValue(key, out var property))
                    {
                        found.Add(child);
                    }
                    else if (property.CustomConverter is null)
                    {
                        Walk(value, options.GetTypeInfo(property.PropertyType), child, options, found);
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray array && info.ElementType is { } element:
                var elementInfo = options.GetTypeInfo(element);
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], elementInfo, FieldPath.Index(path, i), options, found);
                }

                break;
        }
    }
}
