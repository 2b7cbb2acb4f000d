using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Smi.ProxyConfig;
using Smi.Testing;
using SmiProxy.Tests.Infrastructure;

namespace SmiProxy.Tests.Policies;

/// <summary>TrafficPolicy enforcement by real proxies on loopback: rate limits, faults, mirroring, access logs.</summary>
public sealed class PolicyEnforcementTests
{
    private static readonly ProxyIdentity Other = new("demo", "other");

    [Fact]
    public async Task RateLimit_CallerOverItsLimit_Gets429WithRetryAfter_OtherIdentityUnaffected()
    {
        await using var mesh = new TestMesh();
        var app = await mesh.StartAppAsync("web");
        var limit = new RateLimitPolicy { Id = "demo/client-limit#0", Sources = ["demo/client"], Requests = 5, PeriodMs = 60_000, Burst = 5 };
        var serverConfig = WithInboundPolicy(MeshPair.ServerConfig(app, b => b.Permissive()), new InboundPolicy { Origins = ["TrafficPolicy demo/client-limit"], RateLimits = [limit] });
        var server = await mesh.StartProxyAsync(MeshPair.ServerIdentity, serverConfig, app);
        var client = await mesh.StartProxyAsync(MeshPair.ClientIdentity, MeshPair.ClientConfig(server, app));
        var other = await mesh.StartProxyAsync(Other, new ConfigBuilder(Other).PlainService("web", 80, server.EndpointFor(app)).Build());

        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync("http://web.demo/");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter ??= response.Headers.GetValues("Retry-After").Single();
                Assert.Contains("demo/client-limit#0", response.Headers.GetValues("x-smi-reason").Single(), StringComparison.Ordinal);
            }
        }

        for (var i = 0; i < 20; i++)
        {
            using var response = await other.GetAsync("http://web.demo/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(15, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.True(int.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("smi_rate_limited_total{limit=\"demo/client-limit#0\",source_identity=\"demo/client\"} 15", await server.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_TokensComeBackAtTheConfiguredRate()
    {
        await using var mesh = new TestMesh();
        var app = await mesh.StartAppAsync("web");
        var limit = new RateLimitPolicy { Id = "demo/rate#0", Requests = 20, PeriodMs = 1000, Burst = 1 };
        var server = await mesh.StartProxyAsync(MeshPair.ServerIdentity, WithInboundPolicy(MeshPair.ServerConfig(app, b => b.Permissive()), new InboundPolicy { Origins = ["TrafficPolicy demo/rate"], RateLimits = [limit] }), app);
        var client = await mesh.StartProxyAsync(MeshPair.ClientIdentity, MeshPair.ClientConfig(server, app));

        var ok = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            using var response = await client.GetAsync("http://web.demo/");
            ok += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        // 20 per second for 2 s plus the burst of 1: about 41; the replenishment timer batches every 100 ms.
        Assert.InRange(ok, 30, 46);
    }

    [Fact]
    public async Task Fault_AbortThirtyPercent_ShareWithinStatisticalBounds_AndMarked()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Permissive());
        await pair.Client.ApplyAsync(WithOutboundPolicy(MeshPair.ClientConfig(pair.Server, pair.App), new OutboundPolicy
        {
            Origins = ["TrafficPolicy demo/chaos"],
            Fault = new FaultPolicy { Abort = new AbortFault(30, 503) },
        }));

        var aborted = 0;
        for (var i = 0; i < 1000; i++)
        {
            using var response = await pair.Client.GetAsync("http://web.demo/");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("abort", response.Headers.GetValues("x-smi-fault").Single());
                aborted++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        // Binomial(1000, 0.3): sd 14.5; 5 sd either side fails once in millions of runs.
        Assert.InRange(aborted, 300 - 73, 300 + 73);
        Assert.Equal(1000 - aborted, pair.App.Requests);
    }

    [Fact]
    public async Task Fault_DelayTwentyPercent_DelayedShareWithinBounds()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Permissive());
        await pair.Client.ApplyAsync(WithOutboundPolicy(MeshPair.ClientConfig(pair.Server, pair.App), new OutboundPolicy
        {
            Origins = ["TrafficPolicy demo/chaos"],
            Matches = [ConfigBuilder.Match("HTTPRouteGroup demo/routes#slow", "^(?:/slow)")],
            Fault = new FaultPolicy { Delay = new DelayFault(20, 30) },
        }));

        var delayed = 0;
        for (var i = 0; i < 300; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await pair.Client.GetAsync("http://web.demo/slow");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (response.Headers.TryGetValues("x-smi-fault", out var values))
            {
                Assert.Equal("delay", values.Single());
                // Timers may fire a millisecond or two early; the header says the delay was applied.
                Assert.True(clock.ElapsedMilliseconds >= 25, $"a delayed request took {clock.ElapsedMilliseconds} ms");
                delayed++;
            }
        }

        // Binomial(300, 0.2): sd 6.9.
        Assert.InRange(delayed, 60 - 35, 60 + 35);

        // Requests the policy's matches do not take are never touched.
        using var other = await pair.Client.GetAsync("http://web.demo/fast");
        Assert.False(other.Headers.Contains("x-smi-fault"));
    }

    [Fact]
    public async Task Mirror_TenPercentOfThousand_LandOnTheMirror_CallerSeesOnlyPrimary()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Permissive());
        await using var shadow = await EchoServer.StartAsync("shadow", Loopback.Next());
        await pair.Client.ApplyAsync(WithMirror(MeshPair.ClientConfig(pair.Server, pair.App), ConfigBuilder.Plain(shadow), percent: 10));

        for (var i = 0; i < 1000; i++)
        {
            using var response = await pair.Client.GetAsync("http://web.demo/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("web", response.Headers.GetValues("x-echo-name").Single());
        }

        // Copies are fire-and-forget: give the last ones a moment to land.
        var clock = Stopwatch.StartNew();
        var last = -1;
        while (clock.Elapsed < TimeSpan.FromSeconds(5) && shadow.Requests != last)
        {
            last = shadow.Requests;
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        // Binomial(1000, 0.1): sd 9.5.
        Assert.InRange(shadow.Requests, 100 - 48, 100 + 48);
        Assert.Equal(1000, pair.App.Requests);
    }

    [Fact]
    public async Task Mirror_BlackHoleMirror_AddsNoLatencyAndCopiesAreBounded()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Permissive());

        // A mirror that accepts connections and never answers.
        var blackHoleAddress = Loopback.Next();
        using var blackHole = new TcpListener(blackHoleAddress, 0);
        blackHole.Start(1000);
        var accepted = new List<Socket>();
        using var stop = new CancellationTokenSource();
        var acceptor = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                accepted.Add(await blackHole.AcceptSocketAsync(stop.Token));
            }
        });
        var blackHolePort = ((IPEndPoint)blackHole.LocalEndpoint).Port;
        await pair.Client.ApplyAsync(WithMirror(MeshPair.ClientConfig(pair.Server, pair.App), ConfigBuilder.Plain(blackHoleAddress, blackHolePort, "black-hole"), percent: 100, maxConcurrent: 4));

        var times = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await pair.Client.GetAsync("http://web.demo/");
            times.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        times.Sort();
        Assert.True(times[(int)(times.Count * 0.99)] < 500, $"p99 {times[(int)(times.Count * 0.99)]:F0} ms with a hanging mirror");
        var metrics = await pair.Client.MetricsAsync();
        Assert.Contains("smi_mirror_requests_total{mirror_service=\"shadow.demo\",result=\"dropped\"} 196", metrics, StringComparison.Ordinal);
        await stop.CancelAsync();
        foreach (var socket in accepted)
        {
            socket.Dispose();
        }

        try
        {
            await acceptor.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [Fact]
    public async Task AccessLog_SwitchedOn_OneJsonLinePerRequestOnBothSides()
    {
        await using var mesh = new TestMesh();
        var app = await mesh.StartAppAsync("web");
        var serverLog = Path.Combine(mesh.Root, "server-access.log");
        var clientLog = Path.Combine(mesh.Root, "client-access.log");
        var server = await mesh.StartProxyAsync(MeshPair.ServerIdentity, ProxyConfigSerializer.WithRevision(MeshPair.ServerConfig(app, b => b.Permissive()) with { AccessLog = true }), app, customize: o => o with { AccessLogPath = serverLog });
        var client = await mesh.StartProxyAsync(MeshPair.ClientIdentity, ProxyConfigSerializer.WithRevision(MeshPair.ClientConfig(server, app) with { AccessLog = true }), customize: o => o with { AccessLogPath = clientLog });

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("http://web.demo/items?page=2");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        foreach (var (path, side) in new[] { (clientLog, "outbound"), (serverLog, "inbound") })
        {
            var lines = await Eventually.MatchAsync(
                () => File.Exists(path) ? File.ReadAllLines(path) : [],
                l => l.Length >= 5,
                $"five {side} access log lines",
                TimeSpan.FromSeconds(10),
                TimeSpan.FromMilliseconds(50),
                cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(5, lines.Length);
            using var line = JsonDocument.Parse(lines[0]);
            var root = line.RootElement;
            Assert.Equal(side, root.GetProperty("side").GetString());
            Assert.Equal("demo/client", root.GetProperty("source").GetString());
            Assert.Equal("demo/web", root.GetProperty("destination").GetString());
            Assert.Equal("web.demo", root.GetProperty("service").GetString());
            Assert.Equal("GET", root.GetProperty("method").GetString());
            Assert.Equal("/items", root.GetProperty("path").GetString());
            Assert.Equal(200, root.GetProperty("status").GetInt32());
            Assert.True(root.GetProperty("durationMs").GetDouble() >= 0);
            foreach (var field in new[] { "time", "backend", "route", "bytesSent", "bytesReceived", "traceId", "policy" })
            {
                Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
            }
        }
    }

    private static MeshProxyConfig WithInboundPolicy(MeshProxyConfig config, InboundPolicy policy) =>
        ProxyConfigSerializer.WithRevision(config with { Inbound = config.Inbound with { Services = [config.Inbound.Services[0] with { Policies = [policy] }] } });

    private static MeshProxyConfig WithOutboundPolicy(MeshProxyConfig config, OutboundPolicy policy, params BackendCluster[] extraClusters)
    {
        var service = config.Outbound.Services[0];
        return ProxyConfigSerializer.WithRevision(config with
        {
            Outbound = config.Outbound with
            {
                Services = [service with { Ports = [service.Ports[0] with { Policies = [policy] }] }],
                Clusters = [.. config.Outbound.Clusters, .. extraClusters],
            },
        });
    }

    private static MeshProxyConfig WithMirror(MeshProxyConfig config, Smi.ProxyConfig.Endpoint shadow, double percent, int maxConcurrent = 64) =>
        WithOutboundPolicy(
            config,
            new OutboundPolicy { Origins = ["TrafficPolicy demo/shadow"], Mirror = new MirrorPolicy(new ServiceKey("demo", "shadow"), "demo/shadow:80", percent, maxConcurrent) },
            new BackendCluster { Id = "demo/shadow:80", Namespace = "demo", Service = "shadow", Port = 80, Endpoints = [shadow] });
}
