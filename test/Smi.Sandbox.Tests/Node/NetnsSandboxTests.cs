namespace Smi.Sandbox.Tests.Node;

/// <summary>
/// <c>sandbox --netns</c> end to end: pods in their own network namespaces, ClusterIPs through the
/// node's DNAT, meshed pods with the real iptables interception and the injected proxy, real
/// clients inside pods. Needs root (CI runs as root); elsewhere these tests are skipped and say so.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class NetnsSandboxTests
{
    [Fact]
    public async Task Http_ByServiceName_ThroughInterceptionAndMtls_ReachesTheBackendWithTheCallersIdentity()
    {
        Assert.SkipWhen(NetnsRun.Unsupported is not null, NetnsRun.Unsupported ?? string.Empty);
        await using var sandbox = await NetnsRun.StartAsync(NetnsManifests.ClientAndWeb);

        var (exit, output, error) = await sandbox.ExecAsync("client-0", "curl", "-sS", "-m", "5", "http://web.demo/hello");

        Assert.True(exit == 0, $"curl failed ({exit}): {error}");
        Assert.Contains("\"serviceAccount\":\"web\"", output, StringComparison.Ordinal);
        Assert.Contains("\"x-smi-client-id\":\"spiffe://cluster.local/ns/demo/sa/client\"", output, StringComparison.Ordinal);
        Assert.Equal(sandbox.Service("web").ClusterIp, (await sandbox.ExecAsync("client-0", "getent", "hosts", "web")).Output.Split(' ', '\t')[0]);
    }

    [Fact]
    public async Task Stop_RemovesEveryNamespaceVethAndFile()
    {
        Assert.SkipWhen(NetnsRun.Unsupported is not null, NetnsRun.Unsupported ?? string.Empty);
        var sandbox = await NetnsRun.StartAsync(NetnsManifests.ClientAndWeb);
        var names = sandbox.File.Pods.Select(p => p.Netns!).Append(sandbox.File.Node!).ToList();
        Assert.All(names, n => Assert.True(File.Exists($"/var/run/netns/{n}"), n));

        await sandbox.DisposeAsync();

        Assert.All(names, n => Assert.False(File.Exists($"/var/run/netns/{n}"), $"{n} is left"));
        Assert.All(names, n => Assert.False(Directory.Exists($"/etc/netns/{n}"), $"/etc/netns/{n} is left"));
    }
}
