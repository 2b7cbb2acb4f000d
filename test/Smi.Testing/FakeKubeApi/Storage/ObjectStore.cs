using System.Globalization;
using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Storage;

/// <summary>
/// The fake's etcd: objects per type and key, one global monotonic resourceVersion, a bounded
/// history of changes for watch resumption, and the open watchers. Every read hands out deep
/// copies and every write runs under one lock, so list/watch registration and writes are
/// linearizable exactly like a single etcd member.
/// </summary>
internal sealed class ObjectStore
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

    /// <summary>How many watches are open right now.</summary>
    public int WatchCount
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
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
    public (List<JsonObject> Items, long ResourceVersion) List(string typeKey, string? ns, string? startAfterKey = null)
    {
        lock (_gate)
        {
            var items = new List<JsonObject>();
            if (_objects.TryGetValue(typeKey, out var byKey))
            {
                foreach (var (key, obj) in byKey)
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
            }

            return (items, _resourceVersion);
        }
    }

    /// <summary>
    /// Reads the object at <paramref name="typeKey"/>/<paramref name="ns"/>/<paramref name="name"/>,
    /// lets <paramref name="decide"/> compute the change (it may throw to reject the write), then
    /// stamps the new resourceVersion, records the event and notifies watchers, all atomically. A
    /// Put whose content equals the current object is a no-op, as in the real API server.
    /// </summary>
    public Mutation Mutate(string typeKey, string? ns, string name, Func<JsonObject?, Mutation> decide, bool dryRun = false)
    {
        lock (_gate)
        {
            var key = KeyOf(ns, name);
            var current = Find(typeKey, key);
            var mutation = decide(current?.DeepClone().AsObject());
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
    }

    /// <summary>
    /// Opens a watch. With <paramref name="fromVersion"/> null the watcher first receives a synthetic
    /// ADDED for every current object ("get state and start at most recent"); otherwise it receives
    /// every retained change after that version.
    /// </summary>
    /// <exception cref="ResourceVersionTooOldException">The history no longer reaches back to <paramref name="fromVersion"/>.</exception>
    public Watcher Watch(string typeKey, string? ns, long? fromVersion, Func<JsonObject, bool> matches)
    {
        lock (_gate)
        {
            var watcher = new Watcher(typeKey, ns, matches);
            if (fromVersion is null)
            {
                if (_objects.TryGetValue(typeKey, out var byKey))
                {
                    foreach (var obj in byKey.Values)
                    {
                        var rv = long.Parse(obj["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                        watcher.Offer(new WatchEvent(WatchEvent.Added, rv, typeKey, obj, null));
                    }
                }
            }
            else
            {
                if (fromVersion.Value < _historyStart)
                {
                    throw new ResourceVersionTooOldException(fromVersion.Value, _historyStart + 1);
                }

                foreach (var e in _history)
                {
                    if (e.ResourceVersion > fromVersion.Value)
                    {
                        watcher.Offer(e);
                    }
                }
            }

            _watchers.Add(watcher);
            return watcher;
        }
    }

    public void StopWatch(Watcher watcher)
    {
        lock (_gate)
        {
            _watchers.Remove(watcher);
            watcher.Complete();
        }
    }

    /// <summary>Queues a BOOKMARK at the current resourceVersion behind everything already queued.</summary>
    public void Bookmark(Watcher watcher, Func<long, JsonObject> bookmarkObject)
    {
        lock (_gate)
        {
            var rv = Math.Max(_resourceVersion, watcher.LastResourceVersion);
            watcher.Send(new WatchEvent(WatchEvent.Bookmark, rv, watcher.TypeKey, bookmarkObject(rv), null));
        }
    }

    /// <summary>Ends every open watch cleanly (the stream closes after what was already queued).</summary>
    public void DropWatches()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Complete();
            }

            _watchers.Clear();
        }
    }

    /// <summary>Ends the watches of one type (its CRD was deleted).</summary>
    public void DropWatches(string typeKey)
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers.Where(w => w.TypeKey == typeKey).ToList())
            {
                watcher.Complete();
                _watchers.Remove(watcher);
            }
        }
    }

    /// <summary>Forgets the event history: watches and continue tokens from older versions now get 410 Gone.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _historyStart = _resourceVersion;
        }
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
