using System.Text.Json.Nodes;

namespace Smi.Testing.Crds;

/// <summary>
/// CRD validation ratcheting (KEP-4008; beta and on by default since Kubernetes 1.30, the version
/// the fake reports): an update is accepted although the object fails its schema, as long as every
/// part that fails was not changed by the update — "any invalid part of the resource that remains
/// invalid must have already been wrong". So a controller can still write the status of an object
/// stored before a stricter schema (or with validation bypassed). Errors under <c>metadata</c> never
/// ratchet. Objects correlate with their old selves through object keys only: an error inside a
/// list item is judged by the whole list (the real server also correlates map-list items by key;
/// judging by the list is the stricter reading).
/// </summary>
internal static class ValidationRatcheting
{
    /// <summary>True when the error at <paramref name="fieldPath"/> concerns a part of <paramref name="updated"/> equal to the same part of <paramref name="old"/>.</summary>
    public static bool IsUnchanged(JsonObject old, JsonObject updated, string fieldPath)
    {
        var keys = Keys(fieldPath);
        if (keys.Count == 0 || keys[0] == "metadata")
        {
            return false;
        }

        // The deepest node the path reaches in the new object: for a missing required field, its parent.
        for (var depth = keys.Count; depth >= 1; depth--)
        {
            if (TryGet(updated, keys, depth, out var now))
            {
                return TryGet(old, keys, depth, out var before) && JsonNode.DeepEquals(now, before);
            }
        }

        return false;
    }

    /// <summary>The object keys of a path like <c>spec.backends[0].weight</c> or <c>metadata.labels["a/b"]</c>, up to its first list index.</summary>
    private static List<string> Keys(string path)
    {
        var keys = new List<string>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '"')
            {
                var end = i + 2;
                var key = new System.Text.StringBuilder();
                while (end < path.Length && path[end] != '"')
                {
                    key.Append(path[end] == '\\' && end + 1 < path.Length ? path[++end] : path[end]);
                    end++;
                }

                keys.Add(key.ToString());
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                break;
            }
            else
            {
                var end = path.IndexOfAny(['.', '['], i);
                end = end < 0 ? path.Length : end;
                keys.Add(path[i..end]);
                i = end;
            }
        }

        return keys;
    }

    private static bool TryGet(JsonObject root, List<string> keys, int depth, out JsonNode? node)
    {
        node = root;
        for (var i = 0; i < depth; i++)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(keys[i], out node))
            {
                node = null;
                return false;
            }
        }

        return true;
    }
}
