using System.Net;
using SmiProxy.Tests.Infrastructure;

namespace SmiProxy.Tests.Pipeline;

public sealed class AccessControlTests
{
    [Fact]
    public async Task Inbound_DefaultDeny_Returns403WithReasonNamingSourceDestinationPortMethodPath()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh);

        using var response = await pair.Client.GetAsync("http://web.demo/api/items");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var reason = response.Headers.GetValues("x-smi-reason").Single();
        Assert.Equal($"denied: demo/client -> demo/web port {pair.App.Port} GET /api/items: no TrafficTarget allows this source", reason);
        Assert.Equal(reason + "\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, pair.App.Requests);
    }

    [Fact]
    public async Task Inbound_RuleSwappedInAndOut_AllowsExactlyTheListedRoutesMethodsAndPorts()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh);
        var port = pair.App.Port;

        await pair.ApplyServerAsync(b => b.Allow(
            "TrafficTarget demo/allow-client",
            ["demo/client"],
            [port],
            ConfigBuilder.Match("HTTPRouteGroup demo/routes#api", "^(?:/api)", ["GET"])));

        using (var allowed = await pair.Client.GetAsync("http://web.demo/api/items"))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using (var otherPath = await pair.Client.GetAsync("http://web.demo/admin"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, otherPath.StatusCode);
            Assert.Contains("TrafficTarget demo/allow-client allows this source, but not this port or route", otherPath.Headers.GetValues("x-smi-reason").Single(), StringComparison.Ordinal);
        }

        using (var post = await pair.Client.Client.PostAsync("http://web.demo/api/items", new StringContent("{}"), TestContext.Current.CancellationToken).WithTimeout())
        {
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        // The same route on a port the rule does not list is denied.
        await pair.ApplyServerAsync(b => b.Allow(
            "TrafficTarget demo/allow-client",
            ["demo/client"],
            [port + 1],
            ConfigBuilder.Match("HTTPRouteGroup demo/routes#api", "^(?:/api)", ["GET"])));
        using (var wrongPort = await pair.Client.GetAsync("http://web.demo/api/items"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrongPort.StatusCode);
        }

        // Removing the rule denies again.
        await pair.ApplyServerAsync(b => b);
        using (var denied = await pair.Client.GetAsync("http://web.demo/api/items"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        Assert.Equal(1, pair.App.Requests);
    }

    [Fact]
    public async Task Inbound_OtherSourceListed_Denies()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Allow("TrafficTarget demo/allow-other", ["demo/other"]));

        using var response = await pair.Client.GetAsync("http://web.demo/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Inbound_Permissive_AllowsAnyMeshedPeer()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Permissive());

        using var response = await pair.Client.GetAsync("http://web.demo/anything");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Outbound_DeniedService_Returns403WithoutCallingIt()
    {
        await using var mesh = new TestMesh();
        var proxy = await mesh.StartProxyAsync(MeshPair.ClientIdentity, new ConfigBuilder(MeshPair.ClientIdentity).Deny("secrets.vault").Build());

        using var response = await proxy.GetAsync("http://secrets.vault.svc.cluster.local/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("demo/client may not call secrets.vault: no TrafficTarget allows it", response.Headers.GetValues("x-smi-reason").Single());
    }
}
