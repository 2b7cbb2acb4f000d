using System.Net;
using Smi.ProxyConfig;
using Smi.ProxyConfig.Sidecar;
using SmiProxy.Tests.Infrastructure;

namespace SmiProxy.Tests.Routing;

public sealed class MeshedSplitTests
{
    [Fact]
    public async Task Split_ApexAddressedToMeshedBackend_InboundAcceptsApexAndLabelsBoth()
    {
        await using var mesh = new TestMesh();
        var app = await mesh.StartAppAsync("web-v2");
        var serverIdentity = new ProxyIdentity("demo", "web");
        var serverConfig = new ConfigBuilder(serverIdentity)
            .Serves("web-v2", 80, app.Port, "web.demo")
            .Allow("TrafficTarget demo/allow", ["demo/client"])
            .Build();
        var server = await mesh.StartProxyAsync(serverIdentity, serverConfig, app, customize: o => o with { MetricShapes = MetricShapes.All, WorkloadName = "web-v2" });
        var builder = new ConfigBuilder(MeshPair.ClientIdentity);
        var clientConfig = builder
            .Cluster("web-v2", 80, server.EndpointFor(app))
            .Service("web", 80, null, ConfigBuilder.Route("split:demo/web", builder.Backend("web-v2", 80, 1)))
            .Build();
        var client = await mesh.StartProxyAsync(MeshPair.ClientIdentity, clientConfig);

        using var response = await client.GetAsync("http://web.demo/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await EchoReply.ReadAsync(response);
        Assert.Equal("web.demo", reply.Host);
        var metrics = await server.MetricsAsync();
        Assert.Contains("destination_service=\"web.demo\"", metrics, StringComparison.Ordinal);
        Assert.Contains("backend=\"web-v2.demo\"", metrics, StringComparison.Ordinal);
        Assert.Contains("destination_service=\"web-v2.demo.svc.cluster.local\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forward_IncomingTraceparent_ReachesTheAppThroughBothProxies()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Permissive());
        const string traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        using var request = new HttpRequestMessage(HttpMethod.Get, "http://web.demo/");
        request.Headers.TryAddWithoutValidation("traceparent", traceparent);
        using var response = await pair.Client.Client.SendAsync(request, TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(traceparent, (await EchoReply.ReadAsync(response)).Headers["traceparent"]);
    }

    [Fact]
    public async Task Admin_ConfigAndStats_DescribeWhatIsServed()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Permissive());
        (await pair.Client.GetAsync("http://web.demo/")).Dispose();

        var config = await pair.Client.Admin.GetStringAsync("/config", TestContext.Current.CancellationToken).WithTimeout();
        var stats = await pair.Client.Admin.GetStringAsync("/stats", TestContext.Current.CancellationToken).WithTimeout();
        using var missing = await pair.Client.Admin.GetAsync("/nope", TestContext.Current.CancellationToken).WithTimeout();

        Assert.Contains($"\"revision\": \"{pair.Client.Host.ServedRevision}\"", config, StringComparison.Ordinal);
        Assert.Contains("\"serviceAccount\":\"client\"", config, StringComparison.Ordinal);
        Assert.Contains("\"id\": \"outbound/demo/web:80\"", stats, StringComparison.Ordinal);
        Assert.Contains($"/mtls", stats, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
