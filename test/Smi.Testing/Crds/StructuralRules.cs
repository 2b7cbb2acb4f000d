using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Testing.Crds;

/// <summary>
/// Structural-schema rules that look at more than one keyword: the int-or-string <c>anyOf</c>,
/// <c>x-kubernetes-list-type</c> with its keys, and what may be said about <c>metadata</c>.
/// </summary>
internal static class StructuralRules
{
    // The one anyOf a structural schema may carry types in: controller-gen's int-or-string form.
    public static void CheckAnyOf(JsonObject node, string location, bool intOrString, List<string> problems)
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
            problems.Add($"{location}.anyOf: Forbidden: only the int-or-string form [{{type: integer}}, {{type: string}}] with x-kubernetes-int-or-string is implemented by Smi.Testing.Crds");
        }
    }

    public static void CheckListType(StructuralSchema schema, List<string> problems)
    {
        var location = schema.Location;
        switch (schema.ListType)
        {
            case null:
                if (!schema.ListMapKeys.IsEmpty)
                {
                    problems.Add($"{location}.x-kubernetes-list-map-keys: Forbidden: only allowed with x-kubernetes-list-type: map");
                }

                return;
            case "atomic":
                return;
            case "set":
                if (schema.Items?.Type is "object" or "array")
                {
                    problems.Add($"{location}.items.type: Invalid value: {StructuralSchemaParser.Quote(schema.Items.Type)}: must be a scalar type if x-kubernetes-list-type is set");
                }

                return;
            case "map":
                if (schema.ListMapKeys.IsEmpty)
                {
                    problems.Add($"{location}.x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map");
                }

                if (schema.Items?.Type != "object")
                {
                    problems.Add($"{location}.items.type: Invalid value: must be object if x-kubernetes-list-type is map");
                    return;
                }

                foreach (var key in schema.ListMapKeys)
                {
                    if (!schema.Items.Properties.TryGetValue(key, out var keySchema))
                    {
                        problems.Add($"{location}.x-kubernetes-list-map-keys: Invalid value: {StructuralSchemaParser.Quote(key)}: entries must all be names of item properties");
                    }
                    else if (keySchema.Type is "object" or "array")
                    {
                        problems.Add($"{location}.items.properties[{key}].type: Invalid value: must be a scalar type if it is a list map key");
                    }
                    else if (!schema.Items.Required.Contains(key))
                    {
                        problems.Add($"{location}.items.required: Required value: list map key {StructuralSchemaParser.Quote(key)} must be required (defaults are not implemented)");
                    }
                }

                return;
            default:
                problems.Add($"{location}.x-kubernetes-list-type: Unsupported value: {StructuralSchemaParser.Quote(schema.ListType)}: supported values: \"atomic\", \"map\", \"set\"");
                return;
        }
    }

    // Structural rule: below metadata only restrictions on name and generateName are allowed.
    public static void CheckMetadata(StructuralSchema metadata, List<string> problems)
    {
        if (metadata.Type != "object")
        {
            problems.Add($"{metadata.Location}.type: Invalid value: {StructuralSchemaParser.Quote(metadata.Type)}: must be object");
        }

        foreach (var name in metadata.Properties.Keys.Where(k => k is not ("name" or "generateName")))
        {
            problems.Add($"{metadata.Location}.properties[{name}]: Forbidden: must not be specified");
        }

        if (metadata.AdditionalProperties is not null || metadata.Items is not null || !metadata.Required.IsEmpty)
        {
            problems.Add($"{metadata.Location}: Forbidden: must not specify anything other than name and generateName");
        }
    }
}
