using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Smi.Operator.Runtime;
using Smi.Testing;

namespace Smi.Operator.Tests.Runtime;

public sealed class ResourceInformerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Run_ListsThenAppliesWatchEvents()
    {
        var client = new ScriptedResourceClient { ListVersion = "10" };
        client.ListItems.Add(ScriptedResourceClient.Map("a", "5"));
        using var cts = new CancellationTokenSource();
        var informer = new ResourceInformer<V1ConfigMap>(client, TimeProvider.System, NullLogger.Instance);
        var run = informer.RunAsync(cts.Token);

        await informer.WaitForSyncAsync(cts.Token).WaitAsync(Timeout);
        await Eventually.TrueAsync(() => client.WatchedFrom.Contains("10"));
        client.Push(WatchEventType.Added, "b", "11");
        client.Push(WatchEventType.Modified, "a", "12");
        client.Push(WatchEventType.Deleted, "b", "13");

        await Eventually.TrueAsync(() => informer.Items.Count == 1 && informer.Items["ns/a"].Metadata.ResourceVersion == "12");
        await cts.CancelAsync();
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Run_BookmarkThenWatchEnds_ResumesFromBookmark()
    {
        var client = new ScriptedResourceClient { ListVersion = "10" };
        using var cts = new CancellationTokenSource();
        var informer = new ResourceInformer<V1ConfigMap>(client, TimeProvider.System, NullLogger.Instance);
        var run = informer.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => client.WatchedFrom.Contains("10"));

        client.Push(WatchEventType.Bookmark, "ignored", "42");
        client.EndWatch();

        await Eventually.TrueAsync(() => client.WatchedFrom.Contains("42"));
        Assert.Equal(1, client.ListCalls);
        await cts.CancelAsync();
        await run.WaitAsync(Timeout);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_Gone_Relists(bool asStatusEvent)
    {
        var client = new ScriptedResourceClient { ListVersion = "10" };
        client.ListItems.Add(ScriptedResourceClient.Map("a", "5"));
        using var cts = new CancellationTokenSource();
        var informer = new ResourceInformer<V1ConfigMap>(client, TimeProvider.System, NullLogger.Instance);
        var changes = 0;
        informer.Changed += () => Interlocked.Increment(ref changes);
        var run = informer.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => client.WatchedFrom.Contains("10"));

        // Meanwhile "a" was deleted and "c" created; the watch history is gone.
        client.ListItems.Clear();
        client.ListItems.Add(ScriptedResourceClient.Map("c", "30"));
        client.ListVersion = "31";
        client.Fail(asStatusEvent
            ? new KubernetesException(new V1Status { Code = 410, Reason = "Expired" })
            : new HttpOperationException { Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.Gone), string.Empty) });

        await Eventually.TrueAsync(() => client.WatchedFrom.Contains("31"));
        Assert.Equal(2, client.ListCalls);
        Assert.Equal(["ns/c"], informer.Items.Keys);
        Assert.True(changes >= 2);
        await cts.CancelAsync();
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Run_OtherError_RewatchesFromLastVersionWithoutRelist()
    {
        var client = new ScriptedResourceClient { ListVersion = "10" };
        using var cts = new CancellationTokenSource();
        var informer = new ResourceInformer<V1ConfigMap>(client, TimeProvider.System, NullLogger.Instance);
        var run = informer.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => client.WatchedFrom.Contains("10"));
        client.Push(WatchEventType.Added, "b", "11");

        client.Fail(new IOException("connection reset"));

        await Eventually.TrueAsync(() => client.WatchedFrom.Contains("11"));
        Assert.Equal(1, client.ListCalls);
        await cts.CancelAsync();
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Run_DuplicateEvent_NoChangeRaised()
    {
        var client = new ScriptedResourceClient { ListVersion = "10" };
        using var cts = new CancellationTokenSource();
        var informer = new ResourceInformer<V1ConfigMap>(client, TimeProvider.System, NullLogger.Instance);
        var run = informer.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => client.WatchedFrom.Contains("10"));
        var changes = 0;
        informer.Changed += () => Interlocked.Increment(ref changes);

        client.Push(WatchEventType.Added, "b", "11");
        client.Push(WatchEventType.Modified, "b", "11");
        client.Push(WatchEventType.Bookmark, "x", "12");
        client.Push(WatchEventType.Modified, "b", "13");

        await Eventually.TrueAsync(() => informer.Items.TryGetValue("ns/b", out var b) && b.Metadata.ResourceVersion == "13");
        Assert.Equal(2, changes);
        await cts.CancelAsync();
        await run.WaitAsync(Timeout);
    }
}
