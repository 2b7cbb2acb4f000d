using System.Collections.Immutable;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Smi.Operator.Runtime;

/// <summary>
/// Keeps a local cache of one resource: list, then watch from the list's resourceVersion with
/// bookmarks; a 410 Gone (history compacted) relists, any other failure re-watches from the last
/// seen resourceVersion after a backoff. The cache is an immutable snapshot replaced on every
/// event, so readers never see a half-applied change and never need a lock. <see cref="Changed"/>
/// carries no data: consumers re-read the caches (level-based).
/// </summary>
internal sealed partial class ResourceInformer<T> : IInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly BackoffPolicy WatchBackoff = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), 0.2);
    private readonly IResourceClient<T> _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableDictionary<string, T> _items = ImmutableDictionary<string, T>.Empty.WithComparers(StringComparer.Ordinal);

    public ResourceInformer(IResourceClient<T> client, TimeProvider time, ILogger logger)
    {
        _client = client;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised after every change to the cache (and once after the first list).</summary>
    public event Action? Changed;

    public string Name => _client.Name;

    /// <summary>The current cache, keyed "namespace/name" (or "name" when cluster-scoped).</summary>
    public ImmutableDictionary<string, T> Items => Volatile.Read(ref _items);

    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>Lists since start (relists after 410 included), for tests and metrics.</summary>
    public int Lists { get; private set; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>Lists once, without watching (one-shot commands such as `render --kubeconfig`).</summary>
    public Task ListOnceAsync(CancellationToken cancellationToken) => ListAsync(cancellationToken);

    public static string KeyOf(T item) =>
        string.IsNullOrEmpty(item.Metadata.NamespaceProperty) ? item.Metadata.Name : $"{item.Metadata.NamespaceProperty}/{item.Metadata.Name}";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var failures = 0;
        // Informers run for the life of the process; errors back off and retry, never end the loop.
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await ListAsync(cancellationToken).ConfigureAwait(false);
                await foreach (var (type, item) in _client.WatchAsync(resourceVersion, cancellationToken).ConfigureAwait(false))
                {
                    resourceVersion = Apply(type, item) ?? resourceVersion;
                    failures = 0;
                }

                // The server ended the watch (timeout): resume from where we are.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (IsGone(ex))
            {
                LogGone(_logger, Name, resourceVersion);
                resourceVersion = null;
            }
            catch (Exception ex)
            {
                var delay = WatchBackoff.Delay(failures++);
                LogWatchFailed(_logger, ex, Name, delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var (items, resourceVersion) = await _client.ListAsync(cancellationToken).ConfigureAwait(false);
        var fresh = items.ToImmutableDictionary(KeyOf, i => i, StringComparer.Ordinal);
        var previous = Items;
        Volatile.Write(ref _items, fresh);
        Lists++;
        LogListed(_logger, Name, fresh.Count, resourceVersion);
        var first = _synced.TrySetResult();
        if (first || !SameVersions(previous, fresh))
        {
            Changed?.Invoke();
        }

        return resourceVersion ?? string.Empty;
    }

    /// <summary>Applies one event; returns the resourceVersion to resume from.</summary>
    private string? Apply(WatchEventType type, T item)
    {
        var version = item.Metadata?.ResourceVersion;
        switch (type)
        {
            case WatchEventType.Added or WatchEventType.Modified:
                var key = KeyOf(item);
                if (Items.TryGetValue(key, out var existing) && existing.Metadata.ResourceVersion == version)
                {
                    return version;
                }

                Volatile.Write(ref _items, Items.SetItem(key, item));
                Changed?.Invoke();
                return version;
            case WatchEventType.Deleted:
                Volatile.Write(ref _items, Items.Remove(KeyOf(item)));
                Changed?.Invoke();
                return version;
            case WatchEventType.Bookmark:
                return version;
            default:
                return null;
        }
    }

    private static bool SameVersions(ImmutableDictionary<string, T> a, ImmutableDictionary<string, T> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && other.Metadata.ResourceVersion == kv.Value.Metadata.ResourceVersion);

    private static bool IsGone(Exception ex) => ex switch
    {
        KubernetesException { Status.Code: (int)HttpStatusCode.Gone } => true,
        HttpOperationException { Response.StatusCode: HttpStatusCode.Gone } => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Listed {Resource}: {Count} objects at resourceVersion {ResourceVersion}")]
    private static partial void LogListed(ILogger logger, string resource, int count, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Resource} expired at resourceVersion {ResourceVersion} (410 Gone); relisting")]
    private static partial void LogGone(ILogger logger, string resource, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Resource} failed; retrying in {DelayMs:F0} ms")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, string resource, double delayMs);
}
