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
            CheckMetadata(metadata);
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

        var intOrString = Bool(node, "x-kubernetes-int-or-string", location) ?? false;
        var preserveValue = Bool(node, "x-kubernetes-preserve-unknown-fields", location);
        if (preserveValue == false)
        {
            Problems.Add($"{location}.x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined");
        }

        var preserve = preserveValue ?? false;
        var type = String(node, "type", location);
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

        CheckAnyOf(node, location, intOrString);
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

        var schema = new StructuralSchema
        {
            Location = location,
            Type = type,
            Properties = properties.ToImmutable(),
            AdditionalProperties = additional,
            Items = items,
            Required = [.. Strings(node, "required", location)],
            Enum = node["enum"] is JsonArray values ? [.. values.Select(v => v?.DeepClone())] : default,
            Minimum = Number(node, "minimum", location),
            Maximum = Number(node, "maximum", location),
            ExclusiveMinimum = Bool(node, "exclusiveMinimum", location) ?? false,
            ExclusiveMaximum = Bool(node, "exclusiveMaximum", location) ?? false,
            MultipleOf = Number(node, "multipleOf", location),
            MinLength = Count(node, "minLength", location),
            MaxLength = Count(node, "maxLength", location),
            MinItems = Count(node, "minItems", location),
            MaxItems = Count(node, "maxItems", location),
            MinProperties = Count(node, "minProperties", location),
            MaxProperties = Count(node, "maxProperties", location),
            PatternText = String(node, "pattern", location),
            Pattern = Compile(String(node, "pattern", location), location),
            Format = String(node, "format", location),
            Nullable = Bool(node, "nullable", location) ?? false,
            IntOrString = intOrString,
            PreserveUnknownFields = preserve,
            EmbeddedResource = Bool(node, "x-kubernetes-embedded-resource", location) ?? false,
            ListType = String(node, "x-kubernetes-list-type", location),
            ListMapKeys = [.. Strings(node, "x-kubernetes-list-map-keys", location)],
            Description = String(node, "description", location),
        };
        CheckListType(schema);
        if (schema.MultipleOf is <= 0)
        {
            Problems.Add($"{location}.multipleOf: Invalid value: must be greater than zero");
        }

        return schema;
    }

    // The one anyOf a structural schema may carry types in: controller-gen's int-or-string form.
    private void CheckAnyOf(JsonObject node, string location, bool intOrString)
    {
        if (node["anyOf"] is not { } anyOf)
        {
            return;
        }

        var types = anyOf is JsonArray array
            ? array.Select(a => a is JsonObject o && o.Count == 1 && o["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null).ToList()
            : [];
        if (!intOrString || types.Count != 2 || !types.Contains("integer") || !types.Contains("string"))
        {
            Problems.Add($"{location}.anyOf: Forbidden: only the int-or-string form [{{type: integer}}, {{type: string}}] with x-kubernetes-int-or-string is implemented by Smi.Testing.Crds");
        }
    }

    private void CheckListType(StructuralSchema schema)
    {
        var location = schema.Location;
        switch (schema.ListType)
        {
            case null:
                if (!schema.ListMapKeys.IsEmpty)
                {
                    Problems.Add($"{location}.x-kubernetes-list-map-keys: Forbidden: only allowed with x-kubernetes-list-type: map");
                }

                return;
            case "atomic":
                return;
            case "set":
                if (schema.Items?.Type is "object" or "array")
                {
                    Problems.Add($"{location}.items.type: Invalid value: {Quote(schema.Items.Type)}: must be a scalar type if x-kubernetes-list-type is set");
                }

                return;
            case "map":
                if (schema.ListMapKeys.IsEmpty)
                {
                    Problems.Add($"{location}.x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map");
                }

                if (schema.Items?.Type != "object")
                {
                    Problems.Add($"{location}.items.type: Invalid value: must be object if x-kubernetes-list-type is map");
                    return;
                }

                foreach (var key in schema.ListMapKeys)
                {
                    if (!schema.Items.Properties.TryGetValue(key, out var keySchema))
                    {
                        Problems.Add($"{location}.x-kubernetes-list-map-keys: Invalid value: {Quote(key)}: entries must all be names of item properties");
                    }
                    else if (keySchema.Type is "object" or "array")
                    {
                        Problems.Add($"{location}.items.properties[{key}].type: Invalid value: must be a scalar type if it is a list map key");
                    }
                    else if (!schema.Items.Required.Contains(key))
                    {
                        Problems.Add($"{location}.items.required: Required value: list map key {Quote(key)} must be required (defaults are not implemented)");
                    }
                }

                return;
            default:
                Problems.Add($"{location}.x-kubernetes-list-type: Unsupported value: {Quote(schema.ListType)}: supported values: \"atomic\", \"map\", \"set\"");
                return;
        }
    }

    // Structural rule: below metadata only restrictions on name and generateName are allowed.
    private void CheckMetadata(StructuralSchema metadata)
    {
        if (metadata.Type != "object")
        {
            Problems.Add($"{metadata.Location}.type: Invalid value: {Quote(metadata.Type)}: must be object");
        }

        foreach (var name in metadata.Properties.Keys.Where(k => k is not ("name" or "generateName")))
        {
            Problems.Add($"{metadata.Location}.properties[{name}]: Forbidden: must not be specified");
        }

        if (metadata.AdditionalProperties is not null || metadata.Items is not null || !metadata.Required.IsEmpty)
        {
            Problems.Add($"{metadata.Location}: Forbidden: must not specify anything other than name and generateName");
        }
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

    private string? String(JsonObject node, string key, string location)
    {
        if (node[key] is not JsonValue value)
        {
            return null;
        }

        if (value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        Problems.Add($"{location}.{key}: Invalid value: must be a string");
        return null;
    }

    private bool? Bool(JsonObject node, string key, string location)
    {
        if (node[key] is not JsonValue value)
        {
            return null;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                Problems.Add($"{location}.{key}: Invalid value: must be a boolean");
                return null;
        }
    }

    private double? Number(JsonObject node, string key, string location)
    {
        if (node[key] is not JsonValue value)
        {
            return null;
        }

        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return JsonValues.ToDouble(value);
        }

        Problems.Add($"{location}.{key}: Invalid value: must be a number");
        return null;
    }

    private long? Count(JsonObject node, string key, string location)
    {
        if (node[key] is not JsonValue value)
        {
            return null;
        }

        if (JsonValues.KindOf(value) == JsonKind.Integer && JsonValues.ToInt64(value) >= 0)
        {
            return JsonValues.ToInt64(value);
        }

        Problems.Add($"{location}.{key}: Invalid value: must be a non-negative integer");
        return null;
    }

    private IEnumerable<string> Strings(JsonObject node, string key, string location)
    {
        if (node[key] is null)
        {
            return [];
        }

        if (node[key] is JsonArray array && array.All(v => v is JsonValue s && s.GetValueKind() == JsonValueKind.String))
        {
            return array.Select(v => v!.GetValue<string>()).ToList();
        }

        Problems.Add($"{location}.{key}: Invalid value: must be a list of strings");
        return [];
    }

    private static string Quote(string? text) => text is null ? "\"\"" : GoFormat.Quote(text);
}
