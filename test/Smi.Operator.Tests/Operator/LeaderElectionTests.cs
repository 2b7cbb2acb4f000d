using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Smi.Operator.Leadership;
using Smi.ProxyConfig;
using Smi.Testing;

namespace Smi.Operator.Tests.Operator;

public sealed class LeaderElectionTests
{
    private static readonly string Canary = Path.Combine(RepoPaths.Samples, "canary", "canary.yaml");

    [Fact]
    public async Task TwoReplicas_OnlyTheLeaderWrites_FollowerTakesOverWhenItDies()
    {
        await using var fixture = await OperatorFixture.StartAsync(webhooks: false);
        await fixture.KubectlOk($"apply -f {Canary}");
        ClusterSeed.SeedWorkloads(fixture.Api, Canary);
        var a = await fixture.StartOperatorAsync(leaderElection: true, identity: "replica-a");
        var b = await fixture.StartOperatorAsync(leaderElection: true, identity: "replica-b");
        var leadership = new[] { ("replica-a", a.Services.GetRequiredService<LeaderElectionService>()), ("replica-b", b.Services.GetRequiredService<LeaderElectionService>()) };
        var (leaderName, _) = await fixture.Eventually(() => leadership.Where(l => l.Item2.IsLeader).Select(l => l.Item1).FirstOrDefault() is { } name ? Tuple.Create(name, 0) : null, "a leader");
        await fixture.Eventually(() => Revision(fixture) is not null ? "written" : null, "the client's ConfigMap");

        Assert.Single(leadership, l => l.Item2.IsLeader);
        var follower = leaderName == "replica-a" ? "replica-b" : "replica-a";
        // The follower's only writes are its bids for the Lease (and, by design, bootstrapping the CA Secret if it is first).
        Assert.DoesNotContain(fixture.Api.Requests, r => r.UserAgent?.Contains(follower, StringComparison.Ordinal) == true
            && r.Verb is "create" or "update" or "patch" or "delete"
            && !r.Path.Contains("/leases", StringComparison.Ordinal)
            && !r.Path.EndsWith("/namespaces/smi-system/secrets", StringComparison.Ordinal));

        // Kill the leader; the follower takes over within the lease duration and converges on a change.
        var killed = DateTime.UtcNow;
        await fixture.StopOperatorAsync(leaderName == "replica-a" ? a : b);
        var survivor = leadership.Single(l => l.Item1 == follower).Item2;
        await fixture.Eventually(() => survivor.IsLeader ? "leader" : null, "the follower to take over");
        Assert.True(DateTime.UtcNow - killed < TimeSpan.FromSeconds(3 + 2), $"took over after {(DateTime.UtcNow - killed).TotalSeconds:F1} s (lease 3 s)");

        var before = Revision(fixture);
        var file = fixture.Kubectl.WriteFile("canary-0-100.yaml", File.ReadAllText(Canary).Replace("weight: 90", "weight: 0", StringComparison.Ordinal).Replace("weight: 10", "weight: 100", StringComparison.Ordinal));
        await fixture.KubectlOk($"apply -f {file}");
        await fixture.Eventually(() => Revision(fixture) is { } now && now != before ? now : null, "the new leader to write the new weights");
    }

    private static string? Revision(OperatorFixture fixture)
    {
        var json = fixture.Api.Get(string.Empty, "v1", "configmaps", "demo", "smi-proxy-client")?["data"]?["config.json"]?.GetValue<string>();
        return json is null ? null : ProxyConfigSerializer.TryDeserialize(Encoding.UTF8.GetBytes(json), out _)?.Revision;
    }
}
