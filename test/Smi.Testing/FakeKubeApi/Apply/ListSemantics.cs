using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Resources;

namespace Smi.Testing.FakeKubeApi.Apply;

/// <summary>
/// How server-side apply treats a list: <c>map</c> (items identified by key fields), <c>set</c>
/// (primitive items identified by value) or <c>atomic</c> (owned and replaced as a whole). Custom
/// resources take it from <c>x-kubernetes-list-type</c>/<c>x-kubernetes-list-map-keys</c> in their
/// schema; built-ins from the patch merge keys of the Kubernetes types.
/// </summary>
internal sealed class ListSemantics(ResourceType type, string version)
{
    private static readonly Dictionary<string, string[]> _builtInKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["ephemeralContainers"] = ["name"],
        ["env"] = ["name"],
        ["volumes"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
        ["imagePullSecrets"] = ["name"],
        ["conditions"] = ["type"],
        ["ownerReferences"] = ["uid"],
        ["hostAliases"] = ["ip"],
    };

    /// <summary>The key fields of a map list, an empty array for a set, or null for an atomic list.</summary>
    public string[]? KeysFor(IReadOnlyList<string> fieldPath, JsonArray list)
    {
        var field = fieldPath.Count == 0 ? string.Empty : fieldPath[^1];
        if (fieldPath is ["metadata", "finalizers"])
        {
            return [];
        }

        if (fieldPath is ["metadata", "ownerReferences"])
        {
            return ["uid"];
        }

        if (type.IsCustom)
        {
            var schema = SchemaAt(fieldPath);
            return Str(schema?["x-kubernetes-list-type"]) switch
            {
                "map" => (schema!["x-kubernetes-list-map-keys"] as JsonArray)?.Select(Str).OfType<string>().ToArray(),
                "set" => [],
                _ => null,
            };
        }

        if (field == "ports")
        {
            var sample = list.OfType<JsonObject>().FirstOrDefault();
            return sample is null ? null : sample.ContainsKey("containerPort") ? ["containerPort"] : ["port"];
        }

        return _builtInKeys.TryGetValue(field, out var keys) && list.All(i => i is JsonObject) ? keys : null;
    }

    private JsonObject? SchemaAt(IReadOnlyList<string> fieldPath)
    {
        var node = type.Served(version)?.Schema;
        foreach (var field in fieldPath)
        {
            // Field paths skip list items, so step into an array's item schema before the next field.
            if (node?["items"] is JsonObject items)
            {
                node = items;
            }

            node = node?["properties"]?[field] as JsonObject ?? node?["additionalProperties"] as JsonObject;
        }

        return node;
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
