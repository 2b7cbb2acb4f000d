using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using Smi.Operator.Runtime;

namespace Smi.Operator.Kubernetes;

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
