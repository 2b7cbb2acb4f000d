using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Http;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Storage;

namespace Smi.Testing.FakeKubeApi.Apply;

/// <summary>
/// Server-side apply with field ownership: the applied configuration's fields are set and become
/// the manager's; fields the manager applied before and no longer applies are removed unless
/// someone else owns them; setting a field another manager owns to a different value is a 409
/// conflict naming the field and the owner, unless <c>force=true</c> takes it over.
/// </summary>
internal static class ServerSideApply
{
    /// <summary>Computes the object after applying <paramref name="config"/> onto <paramref name="live"/> (both in the request version).</summary>
    public static JsonObject Merge(JsonObject live, JsonObject config, string manager, bool force, string? subresource, ResourceType type, string version, DateTimeOffset now)
    {
        var lists = new ListSemantics(type, version);
        var include = ManagedFields.Include(subresource);
        var entries = ManagedFields.Read(live);
        var applied = FieldSet.Leaves(config, lists, include);

        var conflicts = new List<(string Path, ManagedFieldsEntry Owner)>();
        foreach (var entry in entries.Where(e => !e.SameOwner(manager, "Apply", subresource)))
        {
            // Owning a list item itself never conflicts; only differing values of fields do.
            foreach (var path in applied.Where(p => entry.Fields.Contains(p) && !FieldSet.IsItem(p)))
            {
                var same = FieldSet.TryGet(live, path, out var current) && FieldSet.TryGet(config, path, out var wanted) && JsonNode.DeepEquals(current, wanted);
                if (!same)
                {
                    conflicts.Add((path, entry));
                }
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            throw Conflict(conflicts);
        }

        foreach (var (path, owner) in conflicts)
        {
            owner.Fields.Remove(path);
        }

        var mine = entries.FirstOrDefault(e => e.SameOwner(manager, "Apply", subresource));
        var previous = mine?.Fields ?? [];
        var result = (JsonObject)MergeNode(live, config, [], lists)!;
        // Parents first: removing a list item takes its fields with it (its key fields included).
        foreach (var path in previous.Where(p => !applied.Contains(p)).OrderBy(p => p.Length))
        {
            if (!entries.Any(e => e != mine && e.Fields.Contains(path)))
            {
                FieldSet.Remove(result, path);
            }
        }

        var apiVersion = type.ApiVersionFor(version);
        var unchanged = SameIgnoringManagedFields(live, result) && mine is not null && mine.Fields.SetEquals(applied);
        if (unchanged)
        {
            return live;
        }

        var updated = new ManagedFieldsEntry(manager, "Apply", apiVersion, Meta.Timestamp(now), subresource, applied);
        if (mine is null)
        {
            entries.Add(updated);
        }
        else
        {
            entries[entries.IndexOf(mine)] = updated;
        }

        ManagedFields.Write(result, entries);
        return result;
    }

    private static JsonNode? MergeNode(JsonNode? live, JsonNode? applied, List<string> fields, ListSemantics lists)
    {
        switch (applied)
        {
            case JsonObject appliedMap when live is JsonObject liveMap:
                var merged = liveMap.DeepClone().AsObject();
                foreach (var (key, value) in appliedMap)
                {
                    merged[key] = MergeNode(liveMap[key], value, fields.Count == 0 && key == "metadata" ? ["metadata"] : [.. fields, key], lists);
                }

                return merged;
            case JsonArray appliedList when live is JsonArray liveList:
                var keys = lists.KeysFor(fields, appliedList);
                if (keys is null)
                {
                    return appliedList.DeepClone();
                }

                var items = liveList.Select(i => i?.DeepClone()).ToList();
                foreach (var item in appliedList)
                {
                    var index = keys.Length == 0 || item is not JsonObject o
                        ? items.FindIndex(i => JsonNode.DeepEquals(i, item))
                        : items.FindIndex(i => i is JsonObject existing && FieldSet.KeyOf(existing, keys) == FieldSet.KeyOf(o, keys));
                    if (index < 0)
                    {
                        items.Add(item?.DeepClone());
                    }
                    else
                    {
                        items[index] = MergeNode(items[index], item, fields, lists);
                    }
                }

                return new JsonArray(items.ToArray());
            default:
                return applied?.DeepClone();
        }
    }

    private static bool SameIgnoringManagedFields(JsonObject a, JsonObject b)
    {
        var x = a.DeepClone().AsObject();
        var y = b.DeepClone().AsObject();
        Meta.Of(x).Remove("managedFields");
        Meta.Of(y).Remove("managedFields");
        return JsonNode.DeepEquals(x, y);
    }

    private static ApiException Conflict(List<(string Path, ManagedFieldsEntry Owner)> conflicts)
    {
        var causes = conflicts.Select(c => (FieldSet.Display(c.Path), $"conflict with \"{c.Owner.Manager}\" using {c.Owner.ApiVersion}")).ToList();
        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: {causes[0].Item2}: {causes[0].Item1}";
        }
        else
        {
            var byOwner = conflicts.GroupBy(c => (c.Owner.Manager, c.Owner.ApiVersion)).Select(g =>
                g.Count() == 1
                    ? $"conflict with \"{g.Key.Manager}\" using {g.Key.ApiVersion}: {FieldSet.Display(g.First().Path)}"
                    : $"conflicts with \"{g.Key.Manager}\" using {g.Key.ApiVersion}:\n" + string.Join("\n", g.Select(c => "- " + FieldSet.Display(c.Path))));
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", byOwner)}";
        }

        return ApiException.ApplyConflict(message, causes);
    }
}
