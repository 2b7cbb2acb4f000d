using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Api.Manifests;

namespace Smi.Install.Tests.Support;

/// <summary>Reading YAML manifests as JSON objects, and picking values out of them.</summary>
internal static class Manifests
{
    public static IReadOnlyList<JsonObject> Parse(string yaml) =>
        [.. YamlJsonReader.ReadAll(yaml).Select(d => d.Root).OfType<JsonObject>()];

    public static IReadOnlyList<JsonObject> ReadFile(string path) => Parse(File.ReadAllText(path));

    public static string? Kind(JsonObject obj) => Text(obj["kind"]);

    public static string? Name(JsonObject obj) => Text(obj["metadata"]?["name"]);

    public static string? Namespace(JsonObject obj) => Text(obj["metadata"]?["namespace"]);

    /// <summary>The API group of an object (empty for the core group).</summary>
    public static string Group(JsonObject obj)
    {
        var apiVersion = Text(obj["apiVersion"]) ?? string.Empty;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }

    public static JsonObject Single(IEnumerable<JsonObject> objects, string kind, string name)
    {
        var matches = objects.Where(o => Kind(o) == kind && Name(o) == name).ToList();
        Assert.True(matches.Count == 1, $"expected exactly one {kind} {name}, found {matches.Count}");
        return matches[0];
    }

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        [.. (node as JsonArray ?? []).Select(Text).OfType<string>()];

    /// <summary>Parses one YAML document (test input written inline).</summary>
    public static JsonObject Object(string yaml) => Parse(yaml).Single();
}
