using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Smi.ProxyConfig;
using SmiProxy.Tests.Infrastructure;

namespace SmiProxy.Tests.Resilience;

public sealed class FailureHandlingTests
{
    [Fact]
    public async Task Outbound_UnknownService_502WithReason()
    {
        await using var mesh = new TestMesh();
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, new ConfigBuilder(MeshPair.ClientIdentity).Build());

        using var response = await proxy.GetAsync("http://nowhere.demo/");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("unknown service \"nowhere.demo\": demo/client has no route to it", response.Headers.GetValues("x-smi-reason").Single());
    }

    [Fact]
    public async Task Outbound_HttpsThroughHttpProxy_405Explains()
    {
        await using var mesh = new TestMesh();
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, new ConfigBuilder(MeshPair.ClientIdentity).Build());

        using var request = new HttpRequestMessage(HttpMethod.Connect, $"http://{proxy.Host.OutboundEndpoint}/");
        request.Headers.Host = "web.demo:443";
        using var response = await proxy.Transparent.SendAsync(request, TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.StartsWith("CONNECT tunnels are not supported", response.Headers.GetValues("x-smi-reason").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbound_UnknownPort_502ListingPorts()
    {
        await using var mesh = new TestMesh();
        var web = await mesh.StartAppAsync("web");
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, new ConfigBuilder(MeshPair.ClientIdentity).PlainService("web", 8080, ConfigBuilder.Plain(web)).Build());

        using var response = await proxy.GetAsync("http://web.demo:9090/");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("service web.demo has no port 9090 (ports: 8080)", response.Headers.GetValues("x-smi-reason").Single());
    }

    [Fact]
    public async Task Outbound_BackendWithoutEndpoints_503WithReason()
    {
        await using var mesh = new TestMesh();
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, new ConfigBuilder(MeshPair.ClientIdentity).PlainService("web", 80).Build());

        using var response = await proxy.GetAsync("http://web.demo/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("no ready endpoints for web.demo:80 route default (backends: web.demo)", response.Headers.GetValues("x-smi-reason").Single());
    }

    [Fact]
    public async Task Outbound_SplitBackendWithoutEndpoints_TrafficGoesToTheOtherBackend()
    {
        await using var mesh = new TestMesh();
        var primary = await mesh.StartAppAsync("web-primary");
        var builder = new ConfigBuilder(MeshPair.ClientIdentity);
        var config = builder
            .Cluster("web-primary", 80, ConfigBuilder.Plain(primary))
            .Cluster("web-canary", 80)
            .Service("web", 80, null, ConfigBuilder.Route("split:demo/web", builder.Backend("web-canary", 80, 1), builder.Backend("web-primary", 80, 1)))
            .Build();
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, config);

        var counts = await Routing.OutboundRoutingTests.SendAsync(proxy.Client, "http://web.demo/", 10, concurrency: 1);

        Assert.Equal(10, counts["web-primary"]);
    }

    [Fact]
    public async Task Outbound_ConnectFailure_IdempotentRequestRetriedOnAnotherEndpoint()
    {
        await using var mesh = new TestMesh();
        var live = await mesh.StartAppAsync("web-live");
        var config = new ConfigBuilder(MeshPair.ClientIdentity)
            .PlainService("web", 80, ConfigBuilder.Plain(DeadAddress(), DeadPort(), "web-dead"), ConfigBuilder.Plain(live))
            .Defaults(ResilienceSettings.Default with { LoadBalancing = LoadBalancingPolicy.RoundRobin, OutlierConsecutiveFailures = 1000 })
            .Build();
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, config);

        for (var i = 0; i < 10; i++)
        {
            using var response = await proxy.GetAsync("http://web.demo/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(10, live.Requests);
    }

    [Fact]
    public async Task Outbound_ConnectFailure_RequestWithBodyNotRetried()
    {
        await using var mesh = new TestMesh();
        var live = await mesh.StartAppAsync("web-live");
        var config = new ConfigBuilder(MeshPair.ClientIdentity)
            .PlainService("web", 80, ConfigBuilder.Plain(DeadAddress(), DeadPort(), "web-dead"), ConfigBuilder.Plain(live))
            .Defaults(ResilienceSettings.Default with { LoadBalancing = LoadBalancingPolicy.RoundRobin, OutlierConsecutiveFailures = 1000 })
            .Build();
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, config);

        var failed = 0;
        for (var i = 0; i < 10; i++)
        {
            using var response = await proxy.Client.PostAsync("http://web.demo/", new StringContent("payload"), TestContext.Current.CancellationToken).WithTimeout();
            if (response.StatusCode == HttpStatusCode.BadGateway)
            {
                failed++;
                Assert.Contains("connect to", response.Headers.GetValues("x-smi-reason").Single(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(5, failed);
        Assert.Equal(5, live.Requests);
    }

    [Fact]
    public async Task Outbound_ConsecutiveFailures_EjectEndpoint()
    {
        await using var mesh = new TestMesh();
        var live = await mesh.StartAppAsync("web-live");
        var config = new ConfigBuilder(MeshPair.ClientIdentity)
            .PlainService("web", 80, ConfigBuilder.Plain(DeadAddress(), DeadPort(), "web-dead"), ConfigBuilder.Plain(live))
            .Defaults(ResilienceSettings.Default with { LoadBalancing = LoadBalancingPolicy.RoundRobin, OutlierConsecutiveFailures = 1, OutlierEjectionMs = 60_000, RetryAttempts = 0 })
            .Build();
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, config);

        var failed = 0;
        for (var i = 0; i < 10; i++)
        {
            using var response = await proxy.GetAsync("http://web.demo/");
            failed += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
        }

        Assert.Equal(1, failed);
        var stats = await proxy.Admin.GetStringAsync("/stats", TestContext.Current.CancellationToken).WithTimeout();
        Assert.Contains("\"passiveHealth\": \"Unhealthy\"", stats, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbound_SlowBackend_504AfterRouteTimeout()
    {
        await using var mesh = new TestMesh();
        var slow = await mesh.StartAppAsync("web-slow");
        var builder = new ConfigBuilder(MeshPair.ClientIdentity).Cluster("web", 80, ConfigBuilder.Plain(slow));
        var route = ConfigBuilder.Route("default", builder.Backend("web", 80, 1)) with { Resilience = new ResilienceSettings { RequestTimeoutMs = 300 } };
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, builder.Service("web", 80, null, route).Build());

        var watch = Stopwatch.StartNew();
        using var response = await proxy.GetAsync("http://web.demo/delay/5000");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
        Assert.Equal("web.demo did not answer within 300 ms (route default of web.demo)", response.Headers.GetValues("x-smi-reason").Single());
    }

    [Fact]
    public async Task Outbound_ResponseHeadersBeforeTimeout_BodyIsNotCut()
    {
        await using var mesh = new TestMesh();
        var web = await mesh.StartAppAsync("web");
        var builder = new ConfigBuilder(MeshPair.ClientIdentity).Cluster("web", 80, ConfigBuilder.Plain(web));
        var route = ConfigBuilder.Route("default", builder.Backend("web", 80, 1)) with { Resilience = new ResilienceSettings { RequestTimeoutMs = 2000 } };
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, builder.Service("web", 80, null, route).Build());

        using var response = await proxy.GetAsync("http://web.demo/delay/100");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Outbound_EndpointNeverAccepts_ConnectTimeoutGives502WithReason()
    {
        await using var mesh = new TestMesh();

        // A listener whose accept queue is full: further SYNs are dropped, so connects hang.
        using var blackhole = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        blackhole.Bind(new IPEndPoint(Loopback.Next(), 0));
        blackhole.Listen(0);
        var endpoint = (IPEndPoint)blackhole.LocalEndPoint!;
        var fillers = new List<Socket>();
        for (var i = 0; i < 4; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            fillers.Add(filler);
            _ = filler.ConnectAsync(endpoint, TestContext.Current.CancellationToken).AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
        }

        try
        {
            var config = new ConfigBuilder(MeshPair.ClientIdentity)
                .PlainService("web", 80, ConfigBuilder.Plain(endpoint.Address, endpoint.Port, "web-stuck"))
                .Defaults(ResilienceSettings.Default with { ConnectTimeoutMs = 200, RetryAttempts = 1 })
                .Build();
            var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, config);

            var watch = Stopwatch.StartNew();
            using var response = await proxy.GetAsync("http://web.demo/");

            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Contains("timed out after 200 ms", response.Headers.GetValues("x-smi-reason").Single(), StringComparison.Ordinal);
            Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(350), TimeSpan.FromSeconds(3));
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Inbound_AppNotListening_502WithReasonNamingTheApp()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Permissive());
        await pair.App.DisposeAsync();

        using var response = await pair.Client.GetAsync("http://web.demo/");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.StartsWith($"the app at {pair.App.Endpoint.Address}:{pair.App.Port} failed", response.Headers.GetValues("x-smi-reason").Single(), StringComparison.Ordinal);
    }

    private static IPAddress DeadAddress() => IPAddress.Parse("127.0.0.1");

    /// <summary>A loopback port nothing listens on (bound and released), so connects are refused at once.</summary>
    private static int DeadPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
