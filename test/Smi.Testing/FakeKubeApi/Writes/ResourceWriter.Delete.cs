using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Http;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Storage;

namespace Smi.Testing.FakeKubeApi.Writes;

/// <summary>
/// Deletion: preconditions, finalizers (deletionTimestamp first, removal when the last finalizer
/// goes), and what controllers of a real cluster do right after: a Namespace takes its contents
/// with it, a CRD its custom resources, and the garbage collector removes dependents whose owners
/// are all gone (or orphans them with <c>propagationPolicy=Orphan</c>).
/// </summary>
internal sealed partial class ResourceWriter
{
    public WriteResult Delete(ResourceType type, string version, string? ns, string name, JsonObject? deleteOptions, WriteOptions options)
    {
        var preconditions = deleteOptions?["preconditions"] as JsonObject;
        var orphan = Meta.Str(deleteOptions?["propagationPolicy"]) == "Orphan" || deleteOptions?["orphanDependents"]?.GetValue<bool>() == true;
        var result = store.Mutate(type.Key, ns, name, current =>
        {
            if (current is null)
            {
                throw ApiException.NotFound(type.Plural, name, type.Group);
            }

            var uid = Meta.Str(preconditions?["uid"]);
            if (uid is not null && uid != Meta.Uid(current))
            {
                throw ApiException.Conflict(type.Plural, name, type.Group, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Meta.Uid(current)}");
            }

            var rv = Meta.Str(preconditions?["resourceVersion"]);
            if (rv is not null && rv != Meta.ResourceVersion(current))
            {
                throw ApiException.Conflict(type.Plural, name, type.Group, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {Meta.ResourceVersion(current)}");
            }

            if (Meta.IsDeleting(current) && Meta.Finalizers(current).Count > 0)
            {
                return Mutation.None(current);
            }

            var old = converter.ToVersion(type, current, version);
            MutatingAdmission("DELETE", type, version, null, null, old, options);
            ValidatingAdmission("DELETE", type, version, null, null, old, options);
            if (Meta.Finalizers(current).Count == 0)
            {
                return Mutation.Delete(current);
            }

            var metadata = Meta.Of(current);
            metadata["deletionTimestamp"] = Meta.Timestamp(Now);
            metadata["deletionGracePeriodSeconds"] = 0;
            return Mutation.Put(current);
        }, options.DryRun);

        if (!options.DryRun && result.Kind == MutationKind.Delete)
        {
            Cascade(type, result.Object!, orphan);
        }

        return new WriteResult(200, converter.ToVersion(type, result.Object!, version));
    }

    /// <summary>Deletes everything a list with these filters would return (<c>deletecollection</c>).</summary>
    public JsonObject DeleteCollection(ResourceType type, string version, string? ns, Func<JsonObject, bool> matches, JsonObject? deleteOptions, WriteOptions options)
    {
        var deleted = new JsonArray();
        foreach (var obj in store.List(type.Key, ns).Items.Where(matches))
        {
            try
            {
                deleted.Add(Delete(type, version, Meta.Namespace(obj), Meta.Name(obj)!, deleteOptions, options).Body);
            }
            catch (ApiException ex) when (ex.Code == 404)
            {
                // Deleted concurrently (or by a cascade of an earlier item): nothing left to do.
            }
        }

        return new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.ApiVersionFor(version),
            ["metadata"] = new JsonObject { ["resourceVersion"] = store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = deleted,
        };
    }

    private void Cascade(ResourceType type, JsonObject deleted, bool orphan)
    {
        if (type.Key == "namespaces")
        {
            var ns = Meta.Name(deleted)!;
            foreach (var namespaced in registry.All.Where(t => t.Namespaced).ToList())
            {
                foreach (var obj in store.List(namespaced.Key, ns).Items)
                {
                    TryDelete(namespaced, obj, orphan: false);
                }
            }
        }
        else if (type.Key == CrdKey && registry.ByKey(CrdReader.Read(deleted).Key) is { IsCustom: true } custom)
        {
            // The CRD's finalizer removes every custom resource regardless of their finalizers.
            foreach (var obj in store.List(custom.Key, null).Items)
            {
                store.Mutate(custom.Key, Meta.Namespace(obj), Meta.Name(obj)!, current => current is null ? Mutation.None(null) : Mutation.Delete(current));
            }

            store.DropWatches(custom.Key);
            registry.Unregister(custom.Key);
        }

        CollectGarbage(Meta.Uid(deleted), orphan);
    }

    private void CollectGarbage(string? ownerUid, bool orphan)
    {
        if (ownerUid is null)
        {
            return;
        }

        var all = registry.All.SelectMany(t => store.List(t.Key, null).Items.Select(o => (Type: t, Object: o))).ToList();
        var live = all.Select(p => Meta.Uid(p.Object)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (dependentType, dependent) in all.Where(p => Meta.OwnerUids(p.Object).Contains(ownerUid)))
        {
            if (orphan)
            {
                store.Mutate(dependentType.Key, Meta.Namespace(dependent), Meta.Name(dependent)!, current =>
                {
                    if (current?["metadata"]?["ownerReferences"] is not JsonArray refs)
                    {
                        return Mutation.None(current);
                    }

                    var kept = refs.Where(r => Meta.Str(r?["uid"]) != ownerUid).Select(r => r?.DeepClone()).ToArray();
                    if (kept.Length == 0)
                    {
                        Meta.Of(current).Remove("ownerReferences");
                    }
                    else
                    {
                        Meta.Of(current)["ownerReferences"] = new JsonArray(kept);
                    }

                    return Mutation.Put(current);
                });
            }
            else if (Meta.OwnerUids(dependent).All(uid => !live.Contains(uid) || uid == ownerUid))
            {
                TryDelete(dependentType, dependent, orphan: false);
            }
        }
    }

    private void TryDelete(ResourceType type, JsonObject obj, bool orphan)
    {
        try
        {
            var options = orphan ? new JsonObject { ["propagationPolicy"] = "Orphan" } : null;
            Delete(type, type.StorageVersion.Name, Meta.Namespace(obj), Meta.Name(obj)!, options, WriteOptions.Default);
        }
        catch (ApiException ex) when (ex.Code == 404)
        {
            // Already gone through another path of the cascade.
        }
    }
}
