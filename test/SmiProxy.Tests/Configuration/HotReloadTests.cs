using System.Net;
using Microsoft.Extensions.Logging;
using Smi.ProxyConfig;
using Smi.Testing;
using SmiProxy.Tests.Infrastructure;

namespace SmiProxy.Tests.Configuration;

public sealed class HotReloadTests
{
    [Fact]
    public async Task Ready_BeforeFirstConfig_Is503ThenTurns200()
    {
        await using var mesh = new TestMesh();
        var web = await mesh.StartAppAsync("web");
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity);

        using (var before = await proxy.Admin.GetAsync("/ready", TestContext.Current.CancellationToken).WithTimeout())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
            Assert.Contains("no valid config", await before.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using (var early = await proxy.GetAsync("http://web.demo/"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
            Assert.True(early.Headers.Contains("x-smi-reason"));
        }

        var config = new ConfigBuilder(MeshPair.ClientIdentity).PlainService("web", 80, ConfigBuilder.Plain(web)).Build();
        await proxy.ApplyAsync(config);
        await proxy.Host.WaitUntilReadyAsync(TestTimeouts.Token()).WithTimeout();

        using var after = await proxy.Admin.GetAsync("/ready", TestContext.Current.CancellationToken).WithTimeout();
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        using var routed = await proxy.GetAsync("http://web.demo/");
        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
    }

    [Fact]
    public async Task Ready_ConfigButNoCertificate_Stays503()
    {
        await using var mesh = new TestMesh();
        var config = new ConfigBuilder(MeshPair.ClientIdentity).Build();
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, withCertificate: false);
        proxy.WriteConfig(config);
        await proxy.Host.WaitForRevisionAsync(config.Revision, TestTimeouts.Token()).WithTimeout();

        using var response = await proxy.Admin.GetAsync("/ready", TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("no valid certificate", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_MalformedConfig_RejectedWithMetricAndPreviousRoutingKeepsWorking()
    {
        await using var mesh = new TestMesh();
        var web = await mesh.StartAppAsync("web");
        var good = new ConfigBuilder(MeshPair.ClientIdentity).PlainService("web", 80, ConfigBuilder.Plain(web)).Build();
        var logs = new CapturingLoggerProvider();
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, good, customize: o => o with { ConfigureLogging = l => l.AddProvider(logs) });
        var invalid = good with { Outbound = good.Outbound with { Services = [good.Outbound.Services[0] with { Ports = [good.Outbound.Services[0].Ports[0] with { Routes = [] }] }] } };

        proxy.WriteConfigBytes("{ \"schemaVersion\": 1, \"identity\": "u8.ToArray());
        await WaitForMetricAsync(proxy, "smi_proxy_config_reload_total{result=\"failure\"} 1");
        proxy.WriteConfigBytes(ProxyConfigSerializer.Serialize(ProxyConfigSerializer.WithRevision(invalid)));
        await WaitForMetricAsync(proxy, "smi_proxy_config_reload_total{result=\"failure\"} 2");

        Assert.Equal(good.Revision, proxy.Host.ServedRevision);
        using var response = await proxy.GetAsync("http://web.demo/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var config = await proxy.Admin.GetStringAsync("/config", TestContext.Current.CancellationToken).WithTimeout();
        Assert.Contains($"\"revision\": \"{good.Revision}\"", config, StringComparison.Ordinal);
        Assert.Contains("smi_proxy_config_reload_total{result=\"success\"} 1", await proxy.MetricsAsync(), StringComparison.Ordinal);
        var errors = logs.Lines.Where(l => l.Level == LogLevel.Error).Select(l => l.Message).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.Contains("not a valid ProxyConfig document", errors[0], StringComparison.Ordinal);
        Assert.Contains("outbound.services[0].ports[0].routes: a port needs at least one route", errors[1], StringComparison.Ordinal);
        Assert.All(errors, e => Assert.Contains($"still serving revision {good.Revision}", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reload_GzipDocument_IsServed()
    {
        await using var mesh = new TestMesh();
        var web = await mesh.StartAppAsync("web");
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity);
        var config = new ConfigBuilder(MeshPair.ClientIdentity).PlainService("web", 80, ConfigBuilder.Plain(web)).Build();

        AtomicDirectoryWriter.Write(proxy.ConfigDirectory, [new AtomicFile(ProxyConfigSerializer.GzipFileName, ProxyConfigSerializer.Gzip(ProxyConfigSerializer.Serialize(config)))]);
        await proxy.Host.WaitForRevisionAsync(config.Revision, TestTimeouts.Token()).WithTimeout();

        using var response = await proxy.GetAsync("http://web.demo/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Reload_HundredKubeletSwapsUnderLoad_ZeroFailedRequests()
    {
        await using var mesh = new TestMesh();
        var a = await mesh.StartAppAsync("web-a");
        var b = await mesh.StartAppAsync("web-b");
        MeshProxyConfig Config(int generation)
        {
            var builder = new ConfigBuilder(MeshPair.ClientIdentity);
            return builder
                .Cluster("web-a", 80, ConfigBuilder.Plain(a))
                .Cluster("web-b", 80, ConfigBuilder.Plain(b))
                .Service("web", 80, null, ConfigBuilder.Route($"split:demo/web-{generation}", builder.Backend("web-a", 80, 1 + (generation % 3)), builder.Backend("web-b", 80, 1)))
                .Defaults(ResilienceSettings.Default with { RequestTimeoutMs = 10_000 + generation })
                .Build();
        }

        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, Config(0));
        using var load = new LoadGenerator(proxy.Client, "http://web.demo/", workers: 4);

        for (var generation = 1; generation <= 100; generation++)
        {
            proxy.WriteConfig(Config(generation));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        var last = Config(100);
        await proxy.Host.WaitForRevisionAsync(last.Revision, TestTimeouts.Token()).WithTimeout();
        await load.RunForAsync(TimeSpan.FromMilliseconds(200));
        var result = await load.StopAsync();

        Assert.Empty(result.Failures);
        Assert.True(result.Succeeded > 100, $"only {result.Succeeded} requests completed");
        Assert.True(a.Connections + b.Connections <= 16, $"connection pools were rebuilt on reload: {a.Connections + b.Connections} connections");
    }

    internal static Task WaitForMetricAsync(TestProxy proxy, string line) =>
        Eventually.MatchAsync(
            () => proxy.MetricsAsync(),
            metrics => metrics.Contains(line, StringComparison.Ordinal),
            $"metric line \"{line}\" appears in a scrape",
            TestTimeouts.Default,
            TimeSpan.FromMilliseconds(50),
            cancellationToken: TestContext.Current.CancellationToken);
}
