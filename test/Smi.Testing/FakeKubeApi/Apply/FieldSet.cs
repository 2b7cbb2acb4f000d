using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Apply;

/// <summary>
/// A set of field paths in the structured-merge-diff notation of <c>managedFields</c>: segments
/// <c>f:name</c> (map field), <c>k:{"name":"app"}</c> (item of a map list), <c>v:"x"</c> (item of a
/// set list), joined by newlines. Leaves are scalars, atomic lists, empty maps, and list items
/// themselves (so that dropping an item from an applied config removes it).
/// </summary>
internal static class FieldSet
{
    public const char Separator = '\n';

    /// <summary>The leaf paths of <paramref name="obj"/>: metadata labels/annotations/finalizers/ownerReferences and every top-level field in <paramref name="topLevel"/>.</summary>
    public static HashSet<string> Leaves(JsonObject obj, ListSemantics lists, Func<string, bool> topLevel)
    {
        var leaves = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            if (key == "metadata")
            {
                foreach (var field in new[] { "labels", "annotations", "finalizers", "ownerReferences" })
                {
                    if (value?[field] is { } child)
                    {
                        Walk(child, $"f:metadata{Separator}f:{field}", ["metadata", field], lists, leaves);
                    }
                }

                continue;
            }

            if (topLevel(key))
            {
                Walk(value, "f:" + key, [key], lists, leaves);
            }
        }

        return leaves;
    }

    /// <summary>Finds the value at <paramref name="path"/>; false when it does not exist.</summary>
    public static bool TryGet(JsonNode? root, string path, out JsonNode? value)
    {
        value = root;
        foreach (var segment in path.Split(Separator))
        {
            if (!TryStep(value, segment, out value, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes the value at <paramref name="path"/> and any maps left empty by that (below the top level).</summary>
    public static void Remove(JsonObject root, string path)
    {
        var segments = path.Split(Separator);
        var chain = new List<JsonNode?> { root };
        JsonNode? node = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (!TryStep(node, segments[i], out node, out _))
            {
                return;
            }

            chain.Add(node);
        }

        RemoveChild(chain[^1], segments[^1]);
        for (var i = chain.Count - 1; i >= 2; i--)
        {
            if (chain[i] is JsonObject { Count: 0 })
            {
                RemoveChild(chain[i - 1], segments[i - 1]);
            }
        }
    }

    /// <summary>Turns leaf paths into a <c>fieldsV1</c> tree.</summary>
    public static JsonObject Encode(IEnumerable<string> leaves)
    {
        var root = new JsonObject();
        var leafNodes = new List<JsonObject>();
        foreach (var leaf in leaves.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var segment in leaf.Split(Separator))
            {
                if (node[segment] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[segment] = child;
                }

                node = child;
            }

            leafNodes.Add(node);
        }

        // A leaf that is also the parent of other leaves (a list item) is marked with ".".
        foreach (var node in leafNodes.Where(n => n.Count > 0 && !n.ContainsKey(".")))
        {
            node["."] = new JsonObject();
        }

        return root;
    }

    /// <summary>Reads a <c>fieldsV1</c> tree back into leaf paths.</summary>
    public static HashSet<string> Decode(JsonObject? fields)
    {
        var leaves = new HashSet<string>(StringComparer.Ordinal);
        void Visit(JsonObject node, string prefix)
        {
            foreach (var (key, child) in node)
            {
                if (key == ".")
                {
                    leaves.Add(prefix);
                    continue;
                }

                var path = prefix.Length == 0 ? key : prefix + Separator + key;
                if (child is JsonObject { Count: > 0 } inner)
                {
                    Visit(inner, path);
                }
                else
                {
                    leaves.Add(path);
                }
            }
        }

        if (fields is not null)
        {
            Visit(fields, string.Empty);
        }

        return leaves;
    }

    /// <summary>A path as users read it in conflict messages: <c>.spec.containers[name="app"].image</c>.</summary>
    public static string Display(string path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var segment in path.Split(Separator))
        {
            if (segment.StartsWith("f:", StringComparison.Ordinal))
            {
                text.Append('.').Append(segment[2..]);
            }
            else if (segment.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(segment[2..]) is JsonObject keys)
            {
                text.Append('[').Append(string.Join(",", keys.Select(k => $"{k.Key}={k.Value?.ToJsonString()}"))).Append(']');
            }
            else
            {
                text.Append('[').Append(segment[2..]).Append(']');
            }
        }

        return text.ToString();
    }

    private static void Walk(JsonNode? node, string prefix, List<string> fields, ListSemantics lists, HashSet<string> leaves)
    {
        switch (node)
        {
            case JsonObject { Count: 0 }:
                leaves.Add(prefix);
                break;
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    Walk(value, prefix + Separator + "f:" + key, [.. fields, key], lists, leaves);
                }

                break;
            case JsonArray list:
                var keys = lists.KeysFor(fields, list);
                if (keys is null)
                {
                    leaves.Add(prefix);
                    break;
                }

                foreach (var item in list)
                {
                    if (keys.Length == 0 || item is not JsonObject itemObject)
                    {
                        leaves.Add(prefix + Separator + "v:" + (item?.ToJsonString() ?? "null"));
                        continue;
                    }

                    var itemPath = prefix + Separator + "k:" + KeyOf(itemObject, keys);
                    leaves.Add(itemPath);
                    Walk(itemObject, itemPath, fields, lists, leaves);
                }

                break;
            default:
                leaves.Add(prefix);
                break;
        }
    }

    /// <summary>True for the path of a list item itself (last segment <c>k:</c> or <c>v:</c>).</summary>
    public static bool IsItem(string path)
    {
        var last = path[(path.LastIndexOf(Separator) + 1)..];
        return last.StartsWith("k:", StringComparison.Ordinal) || last.StartsWith("v:", StringComparison.Ordinal);
    }

    public static string KeyOf(JsonObject item, string[] keys)
    {
        var key = new JsonObject();
        foreach (var k in keys.Order(StringComparer.Ordinal))
        {
            key[k] = item[k]?.DeepClone();
        }

        return key.ToJsonString();
    }

    private static bool TryStep(JsonNode? node, string segment, out JsonNode? next, out int index)
    {
        next = null;
        index = -1;
        var kind = segment.Length > 2 ? segment[..2] : string.Empty;
        var rest = segment.Length > 2 ? segment[2..] : string.Empty;
        switch (kind)
        {
            case "f:" when node is JsonObject o && o.TryGetPropertyValue(rest, out var child):
                next = child;
                return true;
            case "k:" when node is JsonArray a:
                var keys = JsonNode.Parse(rest) as JsonObject;
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonObject item && keys is not null && keys.All(k => JsonNode.DeepEquals(item[k.Key], k.Value)))
                    {
                        next = item;
                        index = i;
                        return true;
                    }
                }

                return false;
            case "v:" when node is JsonArray a:
                var value = JsonNode.Parse(rest);
                for (var i = 0; i < a.Count; i++)
                {
                    if (JsonNode.DeepEquals(a[i], value))
                    {
                        next = a[i];
                        index = i;
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static void RemoveChild(JsonNode? parent, string segment)
    {
        if (parent is JsonObject o && segment.StartsWith("f:", StringComparison.Ordinal))
        {
            o.Remove(segment[2..]);
        }
        else if (parent is JsonArray a && TryStep(a, segment, out _, out var index))
        {
            a.RemoveAt(index);
        }
    }
}
