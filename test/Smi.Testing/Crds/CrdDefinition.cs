using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Api.Manifests;

namespace Smi.Testing.Crds;

/// <summary>
/// A CustomResourceDefinition (apiextensions.k8s.io/v1) read from its manifest: names, versions with
/// their structural schemas, and the raw object for anything else (conversion, labels).
/// </summary>
public sealed class CrdDefinition
{
    /// <summary>metadata.name: <c>&lt;plural&gt;.&lt;group&gt;</c>.</summary>
    public required string Name { get; init; }

    public required string Group { get; init; }

    public required string Kind { get; init; }

    public required string ListKind { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    /// <summary>Namespaced or Cluster.</summary>
    public required string Scope { get; init; }

    public required ImmutableArray<string> ShortNames { get; init; }

    public required ImmutableArray<string> Categories { get; init; }

    public required ImmutableArray<CrdVersion> Versions { get; init; }

    /// <summary>The manifest as read.</summary>
    public required JsonObject Source { get; init; }

    /// <summary>The one version objects are stored in.</summary>
    public CrdVersion StorageVersion => Versions.Single(v => v.Storage);

    /// <summary>The qualified kind the API server names in errors: <c>TrafficSplit.split.smi-spec.io</c>.</summary>
    public string QualifiedKind => $"{Kind}.{Group}";

    /// <summary>A version by name, or null.</summary>
    public CrdVersion? Version(string name) => Versions.FirstOrDefault(v => v.Name == name);

    /// <summary>Reads every CustomResourceDefinition in a YAML stream; other documents are ignored.</summary>
    public static IReadOnlyList<CrdDefinition> ReadAll(string yaml) =>
        [.. YamlJsonReader.ReadAll(yaml)
            .Select(d => d.Root)
            .OfType<JsonObject>()
            .Where(o => Text(o["kind"]) == "CustomResourceDefinition")
            .Select(Parse)];

    /// <summary>Reads one CRD manifest.</summary>
    /// <exception cref="CrdSchemaException">The CRD is malformed or a schema is not structural.</exception>
    public static CrdDefinition Parse(JsonObject crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var name = Text(crd["metadata"]?["name"]) ?? throw new CrdSchemaException("metadata.name: Required value");
        if (Text(crd["apiVersion"]) != "apiextensions.k8s.io/v1")
        {
            throw new CrdSchemaException($"{name}: apiVersion: Unsupported value: {Text(crd["apiVersion"])}: supported values: \"apiextensions.k8s.io/v1\"");
        }

        var spec = crd["spec"] as JsonObject ?? throw new CrdSchemaException($"{name}: spec: Required value");
        var names = spec["names"] as JsonObject ?? throw new CrdSchemaException($"{name}: spec.names: Required value");
        var problems = new List<string>();
        var versions = ImmutableArray.CreateBuilder<CrdVersion>();
        var index = 0;
        foreach (var node in spec["versions"] as JsonArray ?? [])
        {
            var location = $"spec.versions[{index++}]";
            if (node is not JsonObject version || Text(version["name"]) is not { } versionName)
            {
                problems.Add($"{location}.name: Required value");
                continue;
            }

            if (version["schema"]?["openAPIV3Schema"] is not JsonObject schemaNode)
            {
                problems.Add($"{location}.schema.openAPIV3Schema: Required value: schemas are required");
                continue;
            }

            try
            {
                versions.Add(new CrdVersion
                {
                    Name = versionName,
                    Served = Bool(version["served"]),
                    Storage = Bool(version["storage"]),
                    Schema = StructuralSchema.Parse(schemaNode, $"{location}.schema.openAPIV3Schema"),
                    HasStatusSubresource = version["subresources"]?["status"] is JsonObject,
                    PrinterColumns = [.. (version["additionalPrinterColumns"] as JsonArray ?? [])
                        .OfType<JsonObject>()
                        .Select(c => new CrdPrinterColumn(Text(c["name"]) ?? string.Empty, Text(c["type"]) ?? string.Empty, Text(c["jsonPath"]) ?? string.Empty))],
                });
            }
            catch (CrdSchemaException ex)
            {
                problems.AddRange(ex.Problems);
            }
        }

        if (problems.Count == 0 && versions.Count(v => v.Storage) != 1)
        {
            problems.Add("spec.versions: Invalid value: must have exactly one version marked as storage version");
        }

        if (problems.Count > 0)
        {
            throw new CrdSchemaException([.. problems.Select(p => $"{name}: {p}")]);
        }

        return new CrdDefinition
        {
            Name = name,
            Group = Text(spec["group"]) ?? string.Empty,
            Kind = Text(names["kind"]) ?? string.Empty,
            ListKind = Text(names["listKind"]) ?? string.Empty,
            Plural = Text(names["plural"]) ?? string.Empty,
            Singular = Text(names["singular"]) ?? string.Empty,
            Scope = Text(spec["scope"]) ?? string.Empty,
            ShortNames = [.. Strings(names["shortNames"])],
            Categories = [.. Strings(names["categories"])],
            Versions = versions.ToImmutable(),
            Source = crd,
        };
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static bool Bool(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(Text).OfType<string>();
}
