using System.Globalization;
using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Storage;

/// <summary>The watch side of the store: opening watches from a version, bookmarks, dropping and compaction.</summary>
internal sealed partial class ObjectStore
{
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
}
