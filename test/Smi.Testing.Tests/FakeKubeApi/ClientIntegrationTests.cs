using System.Collections.Concurrent;
using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;

namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>Library code paths of KubernetesClient the operator relies on, run unchanged against the fake.</summary>
public sealed class ClientIntegrationTests : FakeKubeApiTest
{
    [Fact]
    public async Task LeaseLock_SecondCandidate_LosesCreateAndStaleUpdate()
    {
        using var deadline = Deadline.After();
        using var clientA = Server.CreateClient();
        using var clientB = Server.CreateClient();
        var lockA = new LeaseLock(clientA, "default", "smi-operator", "a");
        var lockB = new LeaseLock(clientB, "default", "smi-operator", "b");
        var now = DateTime.UtcNow;

        Assert.True(await lockA.CreateAsync(new LeaderElectionRecord { HolderIdentity = "a", LeaseDurationSeconds = 10, AcquireTime = now, RenewTime = now }, deadline.Token));
        Assert.False(await lockB.CreateAsync(new LeaderElectionRecord { HolderIdentity = "b", LeaseDurationSeconds = 10, AcquireTime = now, RenewTime = now }, deadline.Token));
        var seenByB = await lockB.GetAsync(deadline.Token);
        Assert.True(await lockA.UpdateAsync(new LeaderElectionRecord { HolderIdentity = "a", LeaseDurationSeconds = 10, AcquireTime = now, RenewTime = now.AddSeconds(1) }, deadline.Token));
        Assert.Equal("a", seenByB.HolderIdentity);
        seenByB.HolderIdentity = "b";
        var stolen = await lockB.UpdateAsync(seenByB, deadline.Token);

        Assert.False(stolen);
        Assert.Equal("a", Server.Get("coordination.k8s.io", "v1", "leases", "default", "smi-operator")!["spec"]!["holderIdentity"]!.GetValue<string>());
    }

    [Fact]
    public async Task LeaderElection_LeaderStops_OtherCandidateTakesOver()
    {
        using var deadline = Deadline.After(TimeSpan.FromSeconds(25));
        using var clientA = Server.CreateClient();
        using var clientB = Server.CreateClient();
        var leaders = new ConcurrentQueue<string>();
        using var electorA = Elector(clientA, "a", leaders);
        using var electorB = Elector(clientB, "b", leaders);
        using var stopA = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        using var stopB = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);

        var runA = electorA.RunUntilLeadershipLostAsync(stopA.Token);
        await Eventually.TrueAsync(() => !leaders.IsEmpty, "a to lead", timeout: TimeSpan.FromSeconds(25), cancellationToken: deadline.Token);

        var runB = electorB.RunUntilLeadershipLostAsync(stopB.Token);
        await Task.Delay(500, deadline.Token);
        Assert.Equal(["a"], leaders);

        // A stops renewing (a crash); B takes over once the lease it observed expires.
        await stopA.CancelAsync();
        await WaitQuietlyAsync(runA);
        await Eventually.TrueAsync(() => leaders.Count >= 2, "b to take over", timeout: TimeSpan.FromSeconds(25), cancellationToken: deadline.Token);

        Assert.Equal(["a", "b"], leaders);
        var lease = Server.Get("coordination.k8s.io", "v1", "leases", "default", "smi-operator")!;
        Assert.Equal("b", lease["spec"]!["holderIdentity"]!.GetValue<string>());
        await stopB.CancelAsync();
        await WaitQuietlyAsync(runB);
    }

    [Fact]
    public async Task ConcurrentReadModifyWrite_WithConflictRetries_NoLostUpdatesAndOrderedEvents()
    {
        using var deadline = Deadline.After(TimeSpan.FromSeconds(20));
        using var client = Server.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "counter" }, Data = new Dictionary<string, string> { ["n"] = "0" } }, "default", cancellationToken: deadline.Token);
        var from = Server.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        await using var watch = new WatchCollector<V1ConfigMap>(
            (onError, ct) => client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: from, onError: onError, cancellationToken: ct),
            deadline.Token);
        var conflicts = 0;

        async Task IncrementAsync(int times)
        {
            using var own = Server.CreateClient();
            for (var i = 0; i < times; i++)
            {
                while (true)
                {
                    var map = await own.CoreV1.ReadNamespacedConfigMapAsync("counter", "default", cancellationToken: deadline.Token);
                    map.Data["n"] = (int.Parse(map.Data["n"], CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
                    try
                    {
                        await own.CoreV1.ReplaceNamespacedConfigMapAsync(map, "counter", "default", cancellationToken: deadline.Token);
                        break;
                    }
                    catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => IncrementAsync(10)));

        Assert.Equal("40", Server.Get(string.Empty, "v1", "configmaps", "default", "counter")!["data"]!["n"]!.GetValue<string>());
        var seen = new List<(long Version, int Value)>();
        while (seen.Count < 40)
        {
            var (_, map) = await watch.NextAsync(deadline.Token);
            seen.Add((long.Parse(map.ResourceVersion(), CultureInfo.InvariantCulture), int.Parse(map.Data["n"], CultureInfo.InvariantCulture)));
        }

        Assert.Equal(Enumerable.Range(1, 40), seen.Select(s => s.Value));
        Assert.Equal(seen.Select(s => s.Version).Order(), seen.Select(s => s.Version));
        TestContext.Current.SendDiagnosticMessage($"{conflicts} conflicts retried");
    }

    private static async Task WaitQuietlyAsync(Task run)
    {
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }
    }

    private static LeaderElector Elector(Kubernetes client, string identity, ConcurrentQueue<string> leaders)
    {
        var config = new LeaderElectionConfig(new LeaseLock(client, "default", "smi-operator", identity))
        {
            // Whole seconds on the wire (leaseDurationSeconds; sub-second values round to 0), and a
            // renew deadline generous enough for a loaded CI machine.
            LeaseDuration = TimeSpan.FromSeconds(3),
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(250),
        };
        var elector = new LeaderElector(config);
        elector.OnStartedLeading += () => leaders.Enqueue(identity);
        return elector;
    }
}
