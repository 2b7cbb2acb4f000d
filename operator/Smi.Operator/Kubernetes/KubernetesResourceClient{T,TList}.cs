using k8s;
using k8s.Models;
using Smi.Operator.Runtime;

namespace Smi.Operator.Kubernetes;

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
