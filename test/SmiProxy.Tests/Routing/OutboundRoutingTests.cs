using System.Net;
using Smi.ProxyConfig;
using SmiProxy.Tests.Infrastructure;

namespace SmiProxy.Tests.Routing;

public sealed class OutboundRoutingTests
{
    [Fact]
    public async Task Split_NinetyTen_ThousandRequestsLandExactly900And100()
    {
        await using var mesh = new TestMesh();
        var v1 = await mesh.StartAppAsync("web-v1");
        var v2 = await mesh.StartAppAsync("web-v2");
        var builder = new ConfigBuilder("demo", "client");
        var config = builder
            .Cluster("web-v1", 80, ConfigBuilder.Plain(v1))
            .Cluster("web-v2", 80, ConfigBuilder.Plain(v2))
            .Service("web", 80, null, ConfigBuilder.Route("split:demo/web", builder.Backend("web-v1", 80, 9), builder.Backend("web-v2", 80, 1)))
            .Build();
        var proxy = await mesh.StartProxyAsync(new ProxyIdentity("demo", "client"), config);

        var counts = await SendAsync(proxy.Client, "http://web.demo/", 1000, concurrency: 4);

        Assert.Equal(900, counts.GetValueOrDefault("web-v1"));
        Assert.Equal(100, counts.GetValueOrDefault("web-v2"));
    }

    [Fact]
    public async Task Split_HeaderMatchRoute_SendsMatchingRequestsToCanaryAndTheRestToRoot()
    {
        await using var mesh = new TestMesh();
        var primary = await mesh.StartAppAsync("web-primary");
        var canary = await mesh.StartAppAsync("web-canary");
        var builder = new ConfigBuilder("demo", "client");
        var firefox = ConfigBuilder.Match("HTTPRouteGroup demo/ab#firefox", headers: new HeaderCondition("user-agent", "^(?:.*Firefox.*)$"));
        var config = builder
            .Cluster("web-primary", 80, ConfigBuilder.Plain(primary))
            .Cluster("web-canary", 80, ConfigBuilder.Plain(canary))
            .Service(
                "web",
                80,
                null,
                ConfigBuilder.Route("split:demo/web-ab#firefox", firefox, builder.Backend("web-canary", 80, 1)),
                ConfigBuilder.Route("default", builder.Backend("web-primary", 80, 1)))
            .Build();
        var proxy = await mesh.StartProxyAsync(new ProxyIdentity("demo", "client"), config);

        for (var i = 0; i < 20; i++)
        {
            using var matching = new HttpRequestMessage(HttpMethod.Get, "http://web.demo/");
            matching.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 Firefox/120.0");
            using var hit = await proxy.Client.SendAsync(matching, TestContext.Current.CancellationToken).WithTimeout();
            Assert.Equal("web-canary", (await EchoReply.ReadAsync(hit)).Name);

            using var other = new HttpRequestMessage(HttpMethod.Get, "http://web.demo/");
            other.Headers.TryAddWithoutValidation("User-Agent", "curl/8.0");
            using var miss = await proxy.Client.SendAsync(other, TestContext.Current.CancellationToken).WithTimeout();
            Assert.Equal("web-primary", (await EchoReply.ReadAsync(miss)).Name);
        }
    }

    [Theory]
    [InlineData("http://web/x")]
    [InlineData("http://web.demo/x")]
    [InlineData("http://web.demo.svc/x")]
    [InlineData("http://web.demo.svc.cluster.local/x")]
    [InlineData("http://web.demo.svc.cluster.local./x")]
    [InlineData("http://WEB.Demo:80/x")]
    [InlineData("http://10.96.0.10/x")]
    public async Task Resolve_EveryServiceNameForm_ReachesTheServiceAndKeepsHost(string url)
    {
        await using var mesh = new TestMesh();
        var web = await mesh.StartAppAsync("web");
        var builder = new ConfigBuilder("demo", "client");
        var config = builder
            .Cluster("web", 80, ConfigBuilder.Plain(web))
            .Service("web", 80, "10.96.0.10", ConfigBuilder.Route("default", builder.Backend("web", 80, 1)))
            .Build();
        var proxy = await mesh.StartProxyAsync(new ProxyIdentity("demo", "client"), config);

        using var response = await proxy.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await EchoReply.ReadAsync(response);
        Assert.Equal("web", reply.Name);
        Assert.Equal("/x", reply.Path);
        Assert.Equal(new Uri(url).Authority, reply.Host, ignoreCase: true);
    }

    [Fact]
    public async Task Resolve_OriginFormWithHostHeader_RoutesLikeTransparentMode()
    {
        await using var mesh = new TestMesh();
        var web = await mesh.StartAppAsync("web");
        var config = new ConfigBuilder("demo", "client").PlainService("web", 8080, ConfigBuilder.Plain(web)).Build();
        var proxy = await mesh.StartProxyAsync(new ProxyIdentity("demo", "client"), config);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/hello?q=1");
        request.Headers.Host = "web.demo.svc.cluster.local:8080";
        using var response = await proxy.Transparent.SendAsync(request, TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await EchoReply.ReadAsync(response);
        Assert.Equal("/hello", reply.Path);
        Assert.Equal("web.demo.svc.cluster.local:8080", reply.Host);
    }

    [Fact]
    public async Task Resolve_ShortNameInOtherNamespace_IsUnknown()
    {
        await using var mesh = new TestMesh();
        var web = await mesh.StartAppAsync("web");
        var config = new ConfigBuilder("demo", "client")
            .Cluster("other", "web", 80, ConfigBuilder.Plain(web))
            .Service("other", "web", 80, null, ConfigBuilder.Route("default", new WeightedBackend(new ServiceKey("other", "web"), "other/web:80", 1)))
            .Build();
        var proxy = await mesh.StartProxyAsync(new ProxyIdentity("demo", "client"), config);

        using var shortName = await proxy.GetAsync("http://web/");
        using var qualified = await proxy.GetAsync("http://web.other/");

        Assert.Equal(HttpStatusCode.BadGateway, shortName.StatusCode);
        Assert.Equal(HttpStatusCode.OK, qualified.StatusCode);
    }

    [Fact]
    public async Task Forward_AppSendsMeshHeaders_TheyAreStripped()
    {
        await using var mesh = new TestMesh();
        var web = await mesh.StartAppAsync("web");
        var config = new ConfigBuilder("demo", "client").PlainService("web", 80, ConfigBuilder.Plain(web)).Build();
        var proxy = await mesh.StartProxyAsync(new ProxyIdentity("demo", "client"), config);

        using var request = new HttpRequestMessage(HttpMethod.Get, "http://web.demo/");
        request.Headers.TryAddWithoutValidation("x-smi-client-id", "spiffe://cluster.local/ns/demo/sa/admin");
        request.Headers.TryAddWithoutValidation("X-SMI-Destination-Port", "22");
        request.Headers.TryAddWithoutValidation("x-keep", "yes");
        using var response = await proxy.Client.SendAsync(request, TestContext.Current.CancellationToken).WithTimeout();

        var reply = await EchoReply.ReadAsync(response);
        Assert.DoesNotContain(reply.Headers.Keys, k => k.StartsWith("x-smi-", StringComparison.Ordinal));
        Assert.Equal("yes", reply.Headers["x-keep"]);
    }

    internal static async Task<Dictionary<string, int>> SendAsync(HttpClient client, string url, int total, int concurrency)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < total)
            {
                using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
                response.EnsureSuccessStatusCode();
                var name = response.Headers.GetValues("x-echo-name").Single();
                lock (counts)
                {
                    counts[name] = counts.GetValueOrDefault(name) + 1;
                }
            }
        });
        await Task.WhenAll(workers).WithTimeout();
        return counts;
    }
}
