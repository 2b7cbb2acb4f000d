using k8s;
using k8s.Models;
using Smi.Testing.FakeKubeApi;

namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>The KubernetesClient list+watch path against the fake: bookmarks, resume, 410, dropped watches, restarts.</summary>
public sealed class ClientWatchTests : FakeKubeApiTest
{
    protected override ValueTask<FakeKubeApiOptions?> CreateOptionsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<FakeKubeApiOptions?>(new FakeKubeApiOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });

    [Fact]
    public async Task ListThenWatch_WithBookmarks_DeliversChangesAndBookmarksAtNewerVersions()
    {
        using var deadline = Deadline.After();
        await CreateConfigMapAsync("a", deadline.Token);
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default", cancellationToken: deadline.Token);
        Assert.Equal("a", Assert.Single(list.Items).Name());
        var listVersion = long.Parse(list.ResourceVersion(), System.Globalization.CultureInfo.InvariantCulture);

        await using var watch = Watch(list.ResourceVersion(), deadline.Token);
        await WaitForWatchAsync(deadline.Token);
        await CreateConfigMapAsync("b", deadline.Token);

        var added = await watch.NextMatchingAsync(e => e.Type != WatchEventType.Bookmark, deadline.Token);
        Assert.Equal((WatchEventType.Added, "b"), (added.Type, added.Object.Name()));
        var bookmark = await watch.NextMatchingAsync(e => e.Type == WatchEventType.Bookmark, deadline.Token);
        Assert.True(long.Parse(bookmark.Object.ResourceVersion(), System.Globalization.CultureInfo.InvariantCulture) > listVersion);
    }

    [Fact]
    public async Task Watch_FromResourceVersion_ReplaysOnlyLaterChanges()
    {
        using var deadline = Deadline.After();
        await CreateConfigMapAsync("before", deadline.Token);
        var resumeFrom = Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await CreateConfigMapAsync("after", deadline.Token);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("before", "default", cancellationToken: deadline.Token);

        await using var watch = Watch(resumeFrom, deadline.Token, bookmarks: false);

        var first = await watch.NextAsync(deadline.Token);
        var second = await watch.NextAsync(deadline.Token);
        Assert.Equal((WatchEventType.Added, "after"), (first.Type, first.Object.Name()));
        Assert.Equal((WatchEventType.Deleted, "before"), (second.Type, second.Object.Name()));
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_StartsWithSyntheticAddedForEveryObject()
    {
        using var deadline = Deadline.After();
        await CreateConfigMapAsync("x", deadline.Token);
        await CreateConfigMapAsync("y", deadline.Token);

        await using var watch = Watch(null, deadline.Token, bookmarks: false);

        Assert.Equal("x", (await watch.NextAsync(deadline.Token)).Object.Name());
        Assert.Equal("y", (await watch.NextAsync(deadline.Token)).Object.Name());
    }

    [Fact]
    public async Task Watch_SendInitialEvents_StateThenInitialEventsEndBookmark()
    {
        using var deadline = Deadline.After();
        await CreateConfigMapAsync("x", deadline.Token);

        await using var watch = new WatchCollector<V1ConfigMap>(
            (onError, ct) => Client.CoreV1.WatchListNamespacedConfigMapAsync("default", allowWatchBookmarks: true, sendInitialEvents: true, resourceVersionMatch: "NotOlderThan", onError: onError, cancellationToken: ct),
            deadline.Token);

        var added = await watch.NextAsync(deadline.Token);
        var end = await watch.NextAsync(deadline.Token);
        Assert.Equal((WatchEventType.Added, "x"), (added.Type, added.Object.Name()));
        Assert.Equal(WatchEventType.Bookmark, end.Type);
        Assert.Equal("true", end.Object.Annotations()["k8s.io/initial-events-end"]);
    }

    [Fact]
    public async Task Watch_FromVersionOlderThanCompactedHistory_Fails410Expired()
    {
        using var deadline = Deadline.After();
        await CreateConfigMapAsync("a", deadline.Token);
        var old = Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await CreateConfigMapAsync("b", deadline.Token);
        Server.Compact();

        await using var watch = Watch(old, deadline.Token, bookmarks: false);

        var error = await watch.EndAsync(deadline.Token);
        var status = Assert.IsType<KubernetesException>(error).Status;
        Assert.Equal((410, "Expired"), (status.Code, status.Reason));
        Assert.StartsWith("too old resource version", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_FromCurrentVersionAfterCompact_StillWorks()
    {
        using var deadline = Deadline.After();
        await CreateConfigMapAsync("a", deadline.Token);
        Server.Compact();
        var now = Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await using var watch = Watch(now, deadline.Token, bookmarks: false);
        await WaitForWatchAsync(deadline.Token);
        await CreateConfigMapAsync("b", deadline.Token);

        Assert.Equal("b", (await watch.NextAsync(deadline.Token)).Object.Name());
    }

    [Fact]
    public async Task DropWatches_StreamThatDeliveredEvents_EndsCleanly()
    {
        using var deadline = Deadline.After();
        await using var watch = Watch(Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), deadline.Token, bookmarks: false);
        await WaitForWatchAsync(deadline.Token);
        await CreateConfigMapAsync("a", deadline.Token);
        Assert.Equal("a", (await watch.NextAsync(deadline.Token)).Object.Name());

        Server.DropWatches();

        Assert.Null(await watch.EndAsync(deadline.Token));
        Assert.Equal(0, Server.OpenWatches);
    }

    [Fact]
    public async Task DropWatches_StreamWithoutAnyEvent_ClientReportsEndOfStream()
    {
        // KubernetesClient peeks the first line before handing out the stream, so a watch the server
        // closes before any event fails with HttpRequestException/EndOfStreamException
        // (kubernetes-client/csharp#893, #1507, #1675) — against a real API server too. Informers must
        // treat it as "watch closed, watch again"; bookmarks make it rare.
        using var deadline = Deadline.After();
        await using var watch = Watch(Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), deadline.Token, bookmarks: false);
        await WaitForWatchAsync(deadline.Token);

        Server.DropWatches();

        var error = Assert.IsType<HttpRequestException>(await watch.EndAsync(deadline.Token));
        Assert.IsType<EndOfStreamException>(error.InnerException);
    }

    [Fact]
    public async Task Watch_TimeoutSeconds_EndsStreamAfterInitialEvents()
    {
        using var deadline = Deadline.After();
        await CreateConfigMapAsync("a", deadline.Token);
        var stream = Client.CoreV1.WatchListNamespacedConfigMapAsync("default", timeoutSeconds: 1, onError: ex => throw ex, cancellationToken: deadline.Token);
        var names = new List<string>();

        await foreach (var (_, map) in stream)
        {
            names.Add(map.Name());
        }

        Assert.Equal(["a"], names);
        Assert.False(deadline.IsCancellationRequested);
    }

    [Fact]
    public async Task Restart_SamePort_KeepsStateAndDropsWatches()
    {
        using var deadline = Deadline.After();
        await CreateConfigMapAsync("survivor", deadline.Token);
        var port = Server.Port;
        var version = Server.ResourceVersion;
        await using var watch = Watch(null, deadline.Token, bookmarks: false);
        Assert.Equal("survivor", (await watch.NextAsync(deadline.Token)).Object.Name());

        await Server.RestartAsync(deadline.Token);

        Assert.Null(await watch.EndAsync(deadline.Token));
        Assert.Equal(port, Server.Port);
        Assert.Equal(version, Server.ResourceVersion);
        var map = await Client.CoreV1.ReadNamespacedConfigMapAsync("survivor", "default", cancellationToken: deadline.Token);
        Assert.Equal("survivor", map.Name());
    }

    [Fact]
    public async Task Watch_LabelSelector_ObjectLeavingSelectorArrivesAsDeleted()
    {
        using var deadline = Deadline.After();
        await CreateConfigMapAsync("m", deadline.Token, new Dictionary<string, string> { ["tier"] = "web" });
        var from = Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var watch = new WatchCollector<V1ConfigMap>(
            (onError, ct) => Client.CoreV1.WatchListNamespacedConfigMapAsync("default", labelSelector: "tier=web", resourceVersion: from, onError: onError, cancellationToken: ct),
            deadline.Token);
        await WaitForWatchAsync(deadline.Token);

        var patch = new V1Patch("""{"metadata":{"labels":{"tier":"db"}}}""", V1Patch.PatchType.MergePatch);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(patch, "m", "default", cancellationToken: deadline.Token);

        var e = await watch.NextAsync(deadline.Token);
        Assert.Equal(WatchEventType.Deleted, e.Type);
        Assert.Equal("web", e.Object.Labels()["tier"]);
    }

    private WatchCollector<V1ConfigMap> Watch(string? resourceVersion, CancellationToken cancellationToken, bool bookmarks = true) =>
        new((onError, ct) => Client.CoreV1.WatchListNamespacedConfigMapAsync("default", allowWatchBookmarks: bookmarks, resourceVersion: resourceVersion, onError: onError, cancellationToken: ct), cancellationToken);
}
