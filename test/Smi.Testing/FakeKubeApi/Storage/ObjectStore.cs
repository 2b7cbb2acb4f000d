using System.Globalization;
using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Storage;

/// <summary>
/// The fake's etcd: objects per type and key, one global monotonic resourceVersion, a bounded
/// history of changes for watch resumption, and the open watchers. Every read hands out deep
/// copies and every write runs under one lock, so list/watch registration and writes are
/// linearizable exactly like a single etcd member.
/// </summary>
internal sealed partial class ObjectStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly LinkedList<WatchEvent> _history = new();
    private readonly List<Watcher> _watchers = [];
    private readonly int _historyCapacity;
    private long _resourceVersion;
    private long _historyStart;

    public ObjectStore(int historyCapacity, long initialResourceVersion = 0)
    {
        _historyCapacity = Math.Max(1, historyCapacity);
        _resourceVersion = initialResourceVersion;
        _historyStart = initialResourceVersion;
    }

    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Every change with a resourceVersion above this one is still in the history.</summary>
    public long OldestResumableVersion
    {
        get
        {
            lock (_gate)
            {
                return _historyStart;
            }
        }
    }

    public static string KeyOf(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    public JsonObject? Get(string typeKey, string? ns, string name)
    {
        lock (_gate)
        {
            return Find(typeKey, KeyOf(ns, name))?.DeepClone().AsObject();
        }
    }

    /// <summary>All objects of a type (optionally one namespace) in key order, with the list's resourceVersion.</summary>
    public (List<JsonObject> Items, long ResourceVersion) List(string typeKey, string? ns, string? startAfterKey = null, long? atVersion = null)
    {
        lock (_gate)
        {
            var version = atVersion is { } at && at < _resourceVersion ? at : _resourceVersion;
            var items = new List<JsonObject>();
            foreach (var (key, obj) in Snapshot(typeKey, version))
            {
                if (startAfterKey is not null && string.CompareOrdinal(key, startAfterKey) <= 0)
                {
                    continue;
                }

                if (ns is null || obj["metadata"]?["namespace"]?.GetValue<string>() == ns)
                {
                    items.Add(obj.DeepClone().AsObject());
                }
            }

            return (items, version);
        }
    }

    /// <summary>
    /// The objects of a type as they were at <paramref name="version"/>: the current ones with every
    /// later change undone from the history (how paged lists stay consistent, like etcd's MVCC reads).
    /// </summary>
    /// <exception cref="ResourceVersionTooOldException">The history no longer reaches back that far.</exception>
    private SortedDictionary<string, JsonObject> Snapshot(string typeKey, long version)
    {
        var snapshot = _objects.TryGetValue(typeKey, out var byKey)
            ? new SortedDictionary<string, JsonObject>(byKey, StringComparer.Ordinal)
            : new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        if (version >= _resourceVersion)
        {
            return snapshot;
        }

        if (version < _historyStart)
        {
            throw new ResourceVersionTooOldException(version, _historyStart + 1);
        }

        for (var node = _history.Last; node is not null && node.Value.ResourceVersion > version; node = node.Previous)
        {
            var e = node.Value;
            if (e.TypeKey != typeKey)
            {
                continue;
            }

            var key = KeyOf(Meta.Namespace(e.Object), Meta.Name(e.Object)!);
            if (e.Type == WatchEvent.Added)
            {
                snapshot.Remove(key);
            }
            else if (e.OldObject is not null)
            {
                snapshot[key] = e.OldObject;
            }
        }

        return snapshot;
    }

    /// <summary>
    /// Optimistic read-modify-write, like the API server's <c>GuaranteedUpdate</c>: reads the object,
    /// lets <paramref name="decide"/> compute the change outside the lock (it may throw to reject the
    /// write, and may call converters, validators and admission webhooks that call back into this
    /// server), then commits only if the object did not change meanwhile — otherwise it decides again
    /// on the new state. A commit stamps the next resourceVersion, records the event and notifies
    /// watchers atomically. A Put whose content equals the current object is a no-op.
    /// </summary>
    public Mutation Mutate(string typeKey, string? ns, string name, Func<JsonObject?, Mutation> decide, bool dryRun = false)
    {
        var key = KeyOf(ns, name);
        for (var attempt = 1; ; attempt++)
        {
            JsonObject? snapshot;
            lock (_gate)
            {
                snapshot = Find(typeKey, key)?.DeepClone().AsObject();
            }

            var seen = snapshot is null ? null : Meta.ResourceVersion(snapshot);
            var mutation = decide(snapshot);
            lock (_gate)
            {
                var current = Find(typeKey, key);
                if ((current is null ? null : Meta.ResourceVersion(current)) != seen)
                {
                    if (attempt < MaxAttempts)
                    {
                        continue;
                    }

                    throw Http.ApiException.Conflict(typeKey, name, string.Empty, "the object keeps changing; please apply your changes to the latest version and try again");
                }

                return Commit(typeKey, key, current, mutation, dryRun);
            }
        }
    }

    private const int MaxAttempts = 20;

    private Mutation Commit(string typeKey, string key, JsonObject? current, Mutation mutation, bool dryRun)
    {
        if (mutation.Kind == MutationKind.None || mutation.Object is null)
        {
            return Mutation.None(current?.DeepClone().AsObject());
        }

        if (mutation.Kind == MutationKind.Put && current is not null && SameContent(current, mutation.Object))
        {
            return Mutation.None(current.DeepClone().AsObject());
        }

        if (mutation.Kind == MutationKind.Delete && current is null)
        {
            return Mutation.None(null);
        }

        var next = mutation.Object.DeepClone().AsObject();
        if (dryRun)
        {
            return mutation with { Object = next };
        }

        var rv = ++_resourceVersion;
        next["metadata"]!["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        var byKey = Bucket(typeKey);
        string type;
        if (mutation.Kind == MutationKind.Delete)
        {
            byKey.Remove(key);
            type = WatchEvent.Deleted;
        }
        else
        {
            byKey[key] = next;
            type = current is null ? WatchEvent.Added : WatchEvent.Modified;
        }

        Record(new WatchEvent(type, rv, typeKey, next, current));
        return mutation with { Object = next.DeepClone().AsObject() };
    }

    private void Record(WatchEvent e)
    {
        _history.AddLast(e);
        while (_history.Count > _historyCapacity)
        {
            _historyStart = _history.First!.Value.ResourceVersion;
            _history.RemoveFirst();
        }

        foreach (var watcher in _watchers)
        {
            watcher.Offer(e);
        }
    }

    private JsonObject? Find(string typeKey, string key) =>
        _objects.TryGetValue(typeKey, out var byKey) && byKey.TryGetValue(key, out var obj) ? obj : null;

    private SortedDictionary<string, JsonObject> Bucket(string typeKey)
    {
        if (!_objects.TryGetValue(typeKey, out var byKey))
        {
            byKey = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[typeKey] = byKey;
        }

        return byKey;
    }

    private static bool SameContent(JsonObject current, JsonObject next)
    {
        var a = current.DeepClone().AsObject();
        var b = next.DeepClone().AsObject();
        a["metadata"]?.AsObject().Remove("resourceVersion");
        b["metadata"]?.AsObject().Remove("resourceVersion");
        return JsonNode.DeepEquals(a, b);
    }
}
