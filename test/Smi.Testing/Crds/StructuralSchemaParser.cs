using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Smi.Testing.Crds;

/// <summary>
/// Turns <c>openAPIV3Schema</c> JSON into <see cref="StructuralSchema"/> nodes, collecting every
/// violation of the structural-schema rules the API server enforces for apiextensions.k8s.io/v1
/// (and every keyword this validator does not implement) instead of stopping at the first.
/// </summary>
internal sealed class StructuralSchemaParser
{
    private static readonly HashSet<string> IgnoredKeywords = new(StringComparer.Ordinal) { "description", "title", "example", "externalDocs", "x-kubernetes-map-type" };

    private static readonly HashSet<string> ValidatedKeywords = new(StringComparer.Ordinal)
    {
        "type", "properties", "additionalProperties", "items", "required", "enum", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems",
        "minProperties", "maxProperties", "pattern", "format", "nullable", "anyOf", "uniqueItems",
        "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
        "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
    };

    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "object", "array", "string", "integer", "number", "boolean" };

    private readonly SchemaKeywordReader _read;

    public StructuralSchemaParser() => _read = new SchemaKeywordReader(Problems);

    public List<string> Problems { get; } = [];

    public StructuralSchema ParseRoot(JsonObject node, string location)
    {
        var root = ParseNode(node, location);
        if (root.Type != "object")
        {
            Problems.Add($"{location}.type: Invalid value: {Quote(root.Type)}: must be object at the root");
        }

        if (root.Properties.TryGetValue("metadata", out var metadata))
        {
            StructuralRules.CheckMetadata(metadata, Problems);
        }

        return root;
    }

    private StructuralSchema ParseNode(JsonObject node, string location)
    {
        foreach (var (keyword, _) in node)
        {
            if (!IgnoredKeywords.Contains(keyword) && !ValidatedKeywords.Contains(keyword))
            {
                Problems.Add($"{location}.{keyword}: Forbidden: keyword is not implemented by Smi.Testing.Crds (implement it before using it in a CRD)");
            }
        }

        var intOrString = _read.Bool(node, "x-kubernetes-int-or-string", location) ?? false;
        var preserveValue = _read.Bool(node, "x-kubernetes-preserve-unknown-fields", location);
        if (preserveValue == false)
        {
            Problems.Add($"{location}.x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined");
        }

        var preserve = preserveValue ?? false;
        var type = _read.String(node, "type", location);
        if (type is not null && !Types.Contains(type))
        {
            Problems.Add($"{location}.type: Unsupported value: {Quote(type)}: supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\"");
        }

        if (intOrString && type is not null)
        {
            Problems.Add($"{location}.type: Invalid value: {Quote(type)}: must be empty if x-kubernetes-int-or-string is true");
        }

        if (type is null && !intOrString && !preserve)
        {
            Problems.Add($"{location}.type: Required value: must not be empty for specified fields");
        }

        StructuralRules.CheckAnyOf(node, location, intOrString, Problems);
        if (node["uniqueItems"] is JsonValue unique && unique.GetValueKind() == JsonValueKind.True)
        {
            Problems.Add($"{location}.uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic");
        }

        var properties = ImmutableDictionary.CreateBuilder<string, StructuralSchema>(StringComparer.Ordinal);
        if (node["properties"] is JsonObject props)
        {
            foreach (var (name, child) in props)
            {
                if (child is JsonObject childObject)
                {
                    properties[name] = ParseNode(childObject, $"{location}.properties[{name}]");
                }
                else
                {
                    Problems.Add($"{location}.properties[{name}]: Invalid value: must be a schema object");
                }
            }
        }
        else if (node.ContainsKey("properties"))
        {
            Problems.Add($"{location}.properties: Invalid value: must be an object");
        }

        StructuralSchema? additional = null;
        switch (node["additionalProperties"])
        {
            case null when !node.ContainsKey("additionalProperties"):
                break;
            case JsonObject additionalObject:
                additional = ParseNode(additionalObject, $"{location}.additionalProperties");
                break;
            case JsonValue flag when flag.GetValueKind() == JsonValueKind.False:
                Problems.Add($"{location}.additionalProperties: Forbidden: additionalProperties cannot be set to false");
                break;
            default:
                Problems.Add($"{location}.additionalProperties: Forbidden: only a schema object is implemented by Smi.Testing.Crds");
                break;
        }

        if (additional is not null && properties.Count > 0)
        {
            Problems.Add($"{location}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive");
        }

        if ((properties.Count > 0 || additional is not null) && type is not null && type != "object")
        {
            Problems.Add($"{location}.type: Invalid value: {Quote(type)}: must be object when properties or additionalProperties are specified");
        }

        StructuralSchema? items = null;
        switch (node["items"])
        {
            case null when !node.ContainsKey("items"):
                if (type == "array")
                {
                    Problems.Add($"{location}.items: Required value: must be specified");
                }

                break;
            case JsonObject itemsObject:
                items = ParseNode(itemsObject, $"{location}.items");
                if (type is not null && type != "array")
                {
                    Problems.Add($"{location}.type: Invalid value: {Quote(type)}: must be array when items is specified");
                }

                break;
            default:
                Problems.Add($"{location}.items: Forbidden: items must be a schema object and not an array");
                break;
        }

        var pattern = _read.String(node, "pattern", location);
        var schema = new StructuralSchema
        {
            Location = location,
            Type = type,
            Properties = properties.ToImmutable(),
            AdditionalProperties = additional,
            Items = items,
            Required = [.. _read.Strings(node, "required", location)],
            Enum = node["enum"] is JsonArray values ? [.. values.Select(v => v?.DeepClone())] : default,
            Minimum = _read.Number(node, "minimum", location),
            Maximum = _read.Number(node, "maximum", location),
            ExclusiveMinimum = _read.Bool(node, "exclusiveMinimum", location) ?? false,
            ExclusiveMaximum = _read.Bool(node, "exclusiveMaximum", location) ?? false,
            MultipleOf = _read.Number(node, "multipleOf", location),
            MinLength = _read.Count(node, "minLength", location),
            MaxLength = _read.Count(node, "maxLength", location),
            MinItems = _read.Count(node, "minItems", location),
            MaxItems = _read.Count(node, "maxItems", location),
            MinProperties = _read.Count(node, "minProperties", location),
            MaxProperties = _read.Count(node, "maxProperties", location),
            PatternText = pattern,
            Pattern = Compile(pattern, location),
            Format = _read.String(node, "format", location),
            Nullable = _read.Bool(node, "nullable", location) ?? false,
            IntOrString = intOrString,
            PreserveUnknownFields = preserve,
            EmbeddedResource = _read.Bool(node, "x-kubernetes-embedded-resource", location) ?? false,
            ListType = _read.String(node, "x-kubernetes-list-type", location),
            ListMapKeys = [.. _read.Strings(node, "x-kubernetes-list-map-keys", location)],
            Description = _read.String(node, "description", location),
        };
        StructuralRules.CheckListType(schema, Problems);
        if (schema.MultipleOf is <= 0)
        {
            Problems.Add($"{location}.multipleOf: Invalid value: must be greater than zero");
        }

        return schema;
    }

    private Regex? Compile(string? pattern, string location)
    {
        if (pattern is null)
        {
            return null;
        }

        try
        {
            // RE2 (Go) and .NET's non-backtracking engine accept the same practical subset.
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            Problems.Add($"{location}.pattern: Invalid value: {Quote(pattern)}: {ex.Message}");
            return null;
        }
    }

    internal static string Quote(string? text) => text is null ? "\"\"" : GoFormat.Quote(text);
}
