using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Printing;

/// <summary>
/// The "simple JSON path" CRD printer columns allow: <c>.a.b</c>, <c>.a[0].b</c>, <c>.a[*].b</c>,
/// <c>.a['x.y']</c>. Returns every match in document order.
/// </summary>
internal static class SimpleJsonPath
{
    public static List<JsonNode?> Find(JsonNode? root, string path)
    {
        var current = new List<JsonNode?> { root };
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1];
        }

        if (text.StartsWith('$'))
        {
            text = text[1..];
        }

        var i = 0;
        while (i < text.Length && current.Count > 0)
        {
            if (text[i] == '.')
            {
                var end = i + 1;
                while (end < text.Length && text[end] != '.' && text[end] != '[')
                {
                    end++;
                }

                var name = text[(i + 1)..end];
                current = current.Select(n => n is JsonObject o && o.TryGetPropertyValue(name, out var v) ? v : Missing).Where(n => !ReferenceEquals(n, Missing)).ToList();
                i = end;
            }
            else if (text[i] == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0)
                {
                    return [];
                }

                var inside = text[(i + 1)..end].Trim();
                current = inside switch
                {
                    "*" => current.SelectMany(n => n switch
                    {
                        JsonArray a => a.ToList(),
                        JsonObject o => o.Select(p => p.Value).ToList(),
                        _ => [],
                    }).ToList(),
                    _ when inside.StartsWith('\'') && inside.EndsWith('\'') => current
                        .Select(n => n is JsonObject o && o.TryGetPropertyValue(inside[1..^1], out var v) ? v : Missing)
                        .Where(n => !ReferenceEquals(n, Missing)).ToList(),
                    _ when int.TryParse(inside, System.Globalization.CultureInfo.InvariantCulture, out var index) => current
                        .Select(n => n is JsonArray a && Normalize(index, a.Count) is var k && k >= 0 && k < a.Count ? a[k] : Missing)
                        .Where(n => !ReferenceEquals(n, Missing)).ToList(),
                    _ => [],
                };
                i = end + 1;
            }
            else
            {
                return [];
            }
        }

        return current;
    }

    private static readonly JsonNode Missing = JsonValue.Create("<missing>")!;

    private static int Normalize(int index, int count) => index < 0 ? count + index : index;
}
