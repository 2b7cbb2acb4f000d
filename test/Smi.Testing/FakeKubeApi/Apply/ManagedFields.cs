using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Storage;

namespace Smi.Testing.FakeKubeApi.Apply;

/// <summary>
/// Field ownership across writes, as the API server's field manager keeps it: every create,
/// update and patch makes its manager (the <c>fieldManager</c> parameter, else the client's
/// User-Agent) the owner of the fields it changed; server-side apply owns exactly what its
/// configuration sets.
/// </summary>
internal static class ManagedFields
{
    public static List<ManagedFieldsEntry> Read(JsonObject obj) =>
        (obj["metadata"]?["managedFields"] as JsonArray)?.OfType<JsonObject>().Select(e => new ManagedFieldsEntry(
            Meta.Str(e["manager"]) ?? string.Empty,
            Meta.Str(e["operation"]) ?? "Update",
            Meta.Str(e["apiVersion"]) ?? string.Empty,
            Meta.Str(e["time"]) ?? string.Empty,
            Meta.Str(e["subresource"]),
            FieldSet.Decode(e["fieldsV1"] as JsonObject))).ToList() ?? [];

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var e in entries.Where(e => e.Fields.Count > 0))
        {
            var entry = new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
                ["time"] = e.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = FieldSet.Encode(e.Fields),
            };
            if (e.Subresource is not null)
            {
                entry["subresource"] = e.Subresource;
            }

            array.Add(entry);
        }

        if (array.Count == 0)
        {
            Meta.Of(obj).Remove("managedFields");
        }
        else
        {
            Meta.Of(obj)["managedFields"] = array;
        }
    }

    /// <summary>
    /// Records a non-apply write: fields that <paramref name="next"/> sets differently from
    /// <paramref name="current"/> (null on create) move to <paramref name="manager"/>; fields that
    /// disappeared leave every owner.
    /// </summary>
    public static void RecordUpdate(JsonObject? current, JsonObject next, string manager, string? subresource, ListSemantics lists, DateTimeOffset now)
    {
        var entries = current is null ? [] : Read(current);
        var before = current is null ? new HashSet<string>(StringComparer.Ordinal) : FieldSet.Leaves(current, lists, Include(subresource));
        var after = FieldSet.Leaves(next, lists, Include(subresource));
        var changed = after.Where(p => !before.Contains(p) || !SameValue(current, next, p)).ToHashSet(StringComparer.Ordinal);
        var gone = before.Where(p => !after.Contains(p)).ToHashSet(StringComparer.Ordinal);
        if (changed.Count == 0 && gone.Count == 0)
        {
            Write(next, entries);
            return;
        }

        foreach (var entry in entries)
        {
            entry.Fields.ExceptWith(changed);
            entry.Fields.ExceptWith(gone);
        }

        var apiVersion = Meta.Str(next["apiVersion"]) ?? string.Empty;
        var mine = entries.FirstOrDefault(e => e.SameOwner(manager, "Update", subresource));
        if (mine is null)
        {
            mine = new ManagedFieldsEntry(manager, "Update", apiVersion, Meta.Timestamp(now), subresource, new HashSet<string>(StringComparer.Ordinal));
            entries.Add(mine);
        }
        else
        {
            entries[entries.IndexOf(mine)] = mine = mine with { Time = Meta.Timestamp(now), ApiVersion = apiVersion };
        }

        mine.Fields.UnionWith(changed);
        Write(next, entries);
    }

    /// <summary>Which top-level fields a write through <paramref name="subresource"/> touches.</summary>
    public static Func<string, bool> Include(string? subresource) =>
        subresource == "status" ? key => key == "status" : key => key != "status";

    private static bool SameValue(JsonObject? a, JsonObject b, string path)
    {
        // A list item's identity is its key: changing a field inside it does not change who added it.
        if (FieldSet.IsItem(path))
        {
            return FieldSet.TryGet(a, path, out _) && FieldSet.TryGet(b, path, out _);
        }

        return FieldSet.TryGet(a, path, out var x) && FieldSet.TryGet(b, path, out var y) && JsonNode.DeepEquals(x, y);
    }
}
