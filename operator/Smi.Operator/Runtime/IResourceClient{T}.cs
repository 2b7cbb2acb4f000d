using k8s;

namespace Smi.Operator.Runtime;

/// <summary>List and watch of one resource across all namespaces: what an informer needs from the API.</summary>
internal interface IResourceClient<T>
    where T : class
{
    /// <summary>A display name such as <c>pods</c> or <c>trafficsplits.split.smi-spec.io/v1alpha4</c>.</summary>
    string Name { get; }

    /// <summary>Lists every object with the list's resourceVersion.</summary>
    Task<(IReadOnlyList<T> Items, string? ResourceVersion)> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Watches from <paramref name="resourceVersion"/> with bookmarks. Error events surface as
    /// exceptions (a 410 as <see cref="k8s.Autorest.HttpOperationException"/> or
    /// <see cref="KubernetesException"/> with status code 410), never as a silent end of stream.
    /// </summary>
    IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, CancellationToken cancellationToken);
}
