using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Smi.Operator.Runtime;

namespace Smi.Operator.Tests.Runtime;

/// <summary>An in-memory API for one resource: tests set the list result and push watch events or errors.</summary>
internal sealed class ScriptedResourceClient : IResourceClient<V1ConfigMap>
{
    private readonly ConcurrentQueue<Channel<object>> _watches = new();

    public string Name => "configmaps";

    public List<V1ConfigMap> ListItems { get; } = [];

    public string ListVersion { get; set; } = "1";

    public ConcurrentQueue<string> WatchedFrom { get; } = new();

    public int ListCalls;

    public Task<(IReadOnlyList<V1ConfigMap> Items, string? ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref ListCalls);
        return Task.FromResult<(IReadOnlyList<V1ConfigMap>, string?)>(([.. ListItems], ListVersion));
    }

    public async IAsyncEnumerable<(WatchEventType Type, V1ConfigMap Object)> WatchAsync(string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        WatchedFrom.Enqueue(resourceVersion);
        var channel = Channel.CreateUnbounded<object>();
        _watches.Enqueue(channel);
        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
        {
            if (item is Exception ex)
            {
                throw ex;
            }

            yield return ((WatchEventType, V1ConfigMap))item;
        }
    }

    /// <summary>Sends to the most recent watch.</summary>
    public void Push(WatchEventType type, string name, string version) =>
        Current().Writer.TryWrite((type, Map(name, version)));

    public void Fail(Exception ex) => Current().Writer.TryWrite(ex);

    public void EndWatch() => Current().Writer.TryComplete();

    public static V1ConfigMap Map(string name, string version) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", ResourceVersion = version } };

    private Channel<object> Current() => _watches.Last();
}
