using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace SmiOperator.Kubernetes;

/// <summary>
/// <see cref="IResourceClient{T}"/> over a generated KubernetesClient list and watch operation of
/// one resource (all namespaces). Watches must be created with <c>onError: throw</c>:
/// KubernetesClient hands a watch error event (such as 410 Expired) to onError and otherwise just
/// ends the stream, which would look like a normal server timeout.
/// </summary>
internal sealed class KubernetesResourceClient<T, TList>(
    string name,
    Func<CancellationToken, Task<TList>> list,
    Func<string, int, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch) : IResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TList : IKubernetesObject<V1ListMeta>, IItems<T>
{
    public string Name => name;

    public async Task<(IReadOnlyList<T> Items, string? ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var result = await list(cancellationToken).ConfigureAwait(false);
        return ([.. result.Items], result.Metadata?.ResourceVersion);
    }

    public IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, CancellationToken cancellationToken) =>
        watch(resourceVersion, WatchTimeout.Seconds, cancellationToken);
}

/// <summary><see cref="IResourceClient{T}"/> for a custom resource of any group/version/plural, read unstructured.</summary>
internal sealed class CustomResourceClient(IKubernetes client, string group, string version, string plural) : IResourceClient<UnstructuredObject>
{
    public string Name => $"{plural}.{group}/{version}";

    public async Task<(IReadOnlyList<UnstructuredObject> Items, string? ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListClusterCustomObjectAsync<UnstructuredList>(group, version, plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ([.. list.Items], list.Metadata?.ResourceVersion);
    }

    public async IAsyncEnumerable<(WatchEventType Type, UnstructuredObject Object)> WatchAsync(string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = client.CustomObjects.WatchListClusterCustomObjectAsync(
            group, version, plural, allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: WatchTimeout.Seconds, onError: ex => throw ex, cancellationToken: cancellationToken);
        await foreach (var (type, item) in events.ConfigureAwait(false))
        {
            var json = item is JsonElement element ? element : JsonSerializer.SerializeToElement(item);
            yield return (type, KubernetesJson.Deserialize<UnstructuredObject>(json));
        }
    }
}

/// <summary>How long the server keeps a watch open before we resume it; jittered, as client-go does.</summary>
internal static class WatchTimeout
{
    public static readonly int Seconds = 300 + Random.Shared.Next(0, 300);
}
