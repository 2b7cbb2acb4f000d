using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Testing.Crds;

/// <summary>Reads typed keyword values from a schema node, recording a problem for each value of the wrong type.</summary>
internal sealed class SchemaKeywordReader(List<string> problems)
{
    private readonly List<string> _problems = problems;

    public string? String(JsonObject node, string key, string location)
    {
        if (node[key] is not JsonValue value)
        {
            return null;
        }

        if (value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        _problems.Add($"{location}.{key}: Invalid value: must be a string");
        return null;
    }

    public bool? Bool(JsonObject node, string key, string location)
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
                _problems.Add($"{location}.{key}: Invalid value: must be a boolean");
                return null;
        }
    }

    public double? Number(JsonObject node, string key, string location)
    {
        if (node[key] is not JsonValue value)
        {
            return null;
        }

        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return JsonValues.ToDouble(value);
        }

        _problems.Add($"{location}.{key}: Invalid value: must be a number");
        return null;
    }

    public long? Count(JsonObject node, string key, string location)
    {
        if (node[key] is not JsonValue value)
        {
            return null;
        }

        if (JsonValues.KindOf(value) == JsonKind.Integer && JsonValues.ToInt64(value) >= 0)
        {
            return JsonValues.ToInt64(value);
        }

        _problems.Add($"{location}.{key}: Invalid value: must be a non-negative integer");
        return null;
    }

    public IEnumerable<string> Strings(JsonObject node, string key, string location)
    {
        if (node[key] is null)
        {
            return [];
        }

        if (node[key] is JsonArray array && array.All(v => v is JsonValue s && s.GetValueKind() == JsonValueKind.String))
        {
            return array.Select(v => v!.GetValue<string>()).ToList();
        }

        _problems.Add($"{location}.{key}: Invalid value: must be a list of strings");
        return [];
    }
}
