using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Http;

namespace Smi.Testing.FakeKubeApi.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for built-in types: a
/// merge patch whose lists of named things merge by their patch merge key (containers, env,
/// volumes and ownerReferences by name/uid, container ports by containerPort, service ports by
/// port, conditions by type) and which understands the directives kubectl's client-side apply
/// sends: <c>$patch</c> (replace/delete/merge), <c>$retainKeys</c>, <c>$setElementOrder/…</c>
/// and <c>$deleteFromPrimitiveList/…</c>. Lists without a merge key are replaced, as in Go.
/// </summary>
internal static class StrategicMergePatch
{
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    private static readonly Dictionary<string, string> _mergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["imagePullSecrets"] = "name",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["hostAliases"] = "ip",
        ["resourceClaims"] = "name",
    };

    /// <summary>Primitive lists whose patch strategy is merge (set union) rather than replace.</summary>
    private static readonly HashSet<string> _mergedPrimitiveLists = new(StringComparer.Ordinal) { "finalizers" };

    public static JsonObject Apply(JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            throw ApiException.BadRequest("strategic merge patch must be a JSON object");
        }

        return MergeMap(target, patchObject) ?? new JsonObject();
    }

    private static JsonObject? MergeMap(JsonObject? target, JsonObject patch)
    {
        var directive = patch["$patch"]?.GetValue<string>();
        if (directive == "delete")
        {
            return null;
        }

        if (directive == "replace")
        {
            var replaced = patch.DeepClone().AsObject();
            replaced.Remove("$patch");
            return StripDirectives(replaced);
        }

        var result = target?.DeepClone().AsObject() ?? new JsonObject();
        var orders = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (key == "$patch" || key == "$retainKeys")
            {
                continue;
            }

            if (key.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                if (value is JsonArray order)
                {
                    orders[key[SetElementOrder.Length..]] = order;
                }

                continue;
            }

            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveList.Length..];
                if (result[field] is JsonArray list && value is JsonArray remove)
                {
                    result[field] = new JsonArray(list.Where(i => !remove.Any(r => JsonNode.DeepEquals(r, i))).Select(i => i?.DeepClone()).ToArray());
                }

                continue;
            }

            switch (value)
            {
                case null:
                    result.Remove(key);
                    break;
                case JsonObject child:
                    var merged = MergeMap(result[key] as JsonObject, child);
                    if (merged is null)
                    {
                        result.Remove(key);
                    }
                    else
                    {
                        result[key] = merged;
                    }

                    break;
                case JsonArray array:
                    result[key] = MergeList(key, result[key] as JsonArray, array);
                    break;
                default:
                    result[key] = value.DeepClone();
                    break;
            }
        }

        foreach (var (field, order) in orders)
        {
            if (result[field] is JsonArray list)
            {
                result[field] = Reorder(field, list, order);
            }
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }

        return result;
    }

    private static JsonArray MergeList(string field, JsonArray? target, JsonArray patch)
    {
        if (patch.Any(i => i is JsonObject o && o["$patch"]?.GetValue<string>() == "replace"))
        {
            return new JsonArray(patch.Where(i => !(i is JsonObject o && o.ContainsKey("$patch"))).Select(i => StripDirectives(i?.DeepClone())).ToArray());
        }

        var mergeKey = MergeKeyFor(field, target, patch);
        if (mergeKey is null)
        {
            if (_mergedPrimitiveLists.Contains(field) && target is not null)
            {
                var union = target.Select(i => i?.DeepClone()).ToList();
                union.AddRange(patch.Where(p => !target.Any(t => JsonNode.DeepEquals(t, p))).Select(p => p?.DeepClone()));
                return new JsonArray(union.ToArray());
            }

            return new JsonArray(patch.Select(i => StripDirectives(i?.DeepClone())).ToArray());
        }

        var result = target?.Select(i => i?.DeepClone()).ToList() ?? [];
        foreach (var item in patch.OfType<JsonObject>())
        {
            var keyValue = item[mergeKey];
            var index = result.FindIndex(e => e is JsonObject o && JsonNode.DeepEquals(o[mergeKey], keyValue));
            var directive = item["$patch"]?.GetValue<string>();
            if (directive == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }

                continue;
            }

            if (index >= 0)
            {
                result[index] = MergeMap(result[index] as JsonObject, item);
            }
            else
            {
                result.Add(MergeMap(null, item));
            }
        }

        return new JsonArray(result.ToArray());
    }

    private static string? MergeKeyFor(string field, JsonArray? target, JsonArray patch)
    {
        if (field == "ports")
        {
            // Container ports merge by containerPort, Service ports by port.
            var sample = patch.OfType<JsonObject>().Concat(target?.OfType<JsonObject>() ?? []).FirstOrDefault();
            return sample is null ? null : sample.ContainsKey("containerPort") ? "containerPort" : "port";
        }

        return _mergeKeys.TryGetValue(field, out var key) && patch.All(i => i is JsonObject) ? key : null;
    }

    private static JsonArray Reorder(string field, JsonArray list, JsonArray order)
    {
        var mergeKey = MergeKeyFor(field, list, order);
        int Position(JsonNode? item)
        {
            for (var i = 0; i < order.Count; i++)
            {
                var matches = mergeKey is null
                    ? JsonNode.DeepEquals(order[i], item)
                    : item is JsonObject o && JsonNode.DeepEquals(o[mergeKey], order[i]?[mergeKey]);
                if (matches)
                {
                    return i;
                }
            }

            return int.MaxValue;
        }

        var sorted = list.Select((item, i) => (item, i)).OrderBy(p => Position(p.item)).ThenBy(p => p.i).Select(p => p.item?.DeepClone());
        return new JsonArray(sorted.ToArray());
    }

    private static JsonObject StripDirectives(JsonObject obj) => (JsonObject)StripDirectives((JsonNode)obj)!;

    private static JsonNode? StripDirectives(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).Where(k => k.StartsWith('$')).ToList())
                {
                    o.Remove(key);
                }

                foreach (var (_, child) in o.ToList())
                {
                    StripDirectives(child);
                }

                return o;
            case JsonArray a:
                foreach (var child in a)
                {
                    StripDirectives(child);
                }

                return a;
            default:
                return node;
        }
    }
}
