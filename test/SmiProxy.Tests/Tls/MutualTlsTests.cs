using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Smi.Certificates;
using SmiProxy.Configuration;
using SmiProxy.Tests.Infrastructure;

namespace SmiProxy.Tests.Tls;

public sealed class MutualTlsTests
{
    [Fact]
    public async Task Inbound_AllowedPeer_AppSeesVerifiedClientIdAndCannotBeSpoofed()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Allow("TrafficTarget demo/allow", ["demo/client"]));

        using var request = new HttpRequestMessage(HttpMethod.Get, "http://web.demo/who");
        request.Headers.TryAddWithoutValidation("x-smi-client-id", "spiffe://cluster.local/ns/kube-system/sa/admin");
        using var response = await pair.Client.Client.SendAsync(request, TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await EchoReply.ReadAsync(response);
        Assert.Equal("spiffe://cluster.local/ns/demo/sa/client", reply.Headers["x-smi-client-id"]);
        Assert.Equal(new[] { "x-smi-client-id" }, reply.Headers.Keys.Where(k => k.StartsWith("x-smi-", StringComparison.Ordinal)));
        Assert.Equal("web.demo", reply.Host);
    }

    [Fact]
    public async Task Inbound_TlsClientWithoutCertificate_CannotReachApp()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Allow("TrafficTarget demo/allow", ["demo/client"]));

        using var client = DirectClient(pair.Server, certificate: null);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync("/", TestContext.Current.CancellationToken).WithTimeout());

        Assert.Equal(0, pair.App.Requests);
    }

    [Fact]
    public async Task Inbound_ClientCertificateFromAnotherCa_CannotReachApp()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Allow("TrafficTarget demo/allow", ["demo/client"]));
        using var rogueCa = MeshCertificateAuthority.Create("cluster.local");
        var rogue = rogueCa.Issue(MeshPair.ClientIdentity);

        using var client = DirectClient(pair.Server, rogue.Certificate);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync("/", TestContext.Current.CancellationToken).WithTimeout());

        Assert.Equal(0, pair.App.Requests);
    }

    [Fact]
    public async Task Inbound_PlaintextNotPermissive_Denied()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Allow("TrafficTarget demo/allow", ["demo/client"]));

        using var plain = new HttpClient { BaseAddress = new Uri($"http://{pair.Server.Host.InboundEndpoint}"), Timeout = TestTimeouts.Default };
        using var response = await plain.GetAsync("/", TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("mutual TLS with a mesh certificate is required", response.Headers.GetValues("x-smi-reason").Single(), StringComparison.Ordinal);
        Assert.Equal(0, pair.App.Requests);
    }

    [Fact]
    public async Task Inbound_PlaintextPermissive_ReachesAppWithoutClientId()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Permissive());

        using var plain = new HttpClient { BaseAddress = new Uri($"http://{pair.Server.Host.InboundEndpoint}"), Timeout = TestTimeouts.Default };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.TryAddWithoutValidation("x-smi-client-id", "spiffe://cluster.local/ns/demo/sa/forged");
        using var response = await plain.SendAsync(request, TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await EchoReply.ReadAsync(response);
        Assert.DoesNotContain("x-smi-client-id", reply.Headers.Keys);
    }

    [Fact]
    public async Task Inbound_MeshCertificateDirectly_IsAcceptedWithItsIdentity()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Allow("TrafficTarget demo/allow", ["demo/client"]));
        var leaf = mesh.Ca.Issue(MeshPair.ClientIdentity);

        using var client = DirectClient(pair.Server, leaf.Certificate);
        using var response = await client.GetAsync("/", TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("spiffe://cluster.local/ns/demo/sa/client", (await EchoReply.ReadAsync(response)).Headers["x-smi-client-id"]);
    }

    [Fact]
    public async Task Outbound_ServerPresentsOtherIdentity_RequestFailsWithReason()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Permissive());

        // The client expects the endpoint to be demo/payments, but the pod's proxy is demo/web.
        var wrong = pair.Server.EndpointFor(pair.App) with { Identity = "demo/payments" };
        await pair.Client.ApplyAsync(new ConfigBuilder(MeshPair.ClientIdentity).PlainService("web", 80, wrong).Build());

        using var response = await pair.Client.GetAsync("http://web.demo/");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("expected spiffe://cluster.local/ns/demo/sa/payments", response.Headers.GetValues("x-smi-reason").Single(), StringComparison.Ordinal);
        Assert.Equal(0, pair.App.Requests);
    }

    [Fact]
    public async Task Certificate_Rotated_NewConnectionsUseIt()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Allow("TrafficTarget demo/allow", ["demo/client"]));
        var state = (ProxyState)pair.Server.Host.Services.GetService(typeof(ProxyState))!;
        var before = state.Certificate!.Leaf.Thumbprint;

        pair.Server.WriteCertificate(mesh.Ca);
        await state.WaitUntilAsync(s => s.Certificate!.Leaf.Thumbprint != before, TestTimeouts.Token()).WithTimeout();

        X509Certificate2? presented = null;
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [mesh.Ca.Issue(MeshPair.ClientIdentity).Certificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    return true;
                },
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://{pair.Server.Host.InboundEndpoint}"), Timeout = TestTimeouts.Default };
        using var response = await client.GetAsync("/", TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(state.Certificate!.Leaf.Thumbprint, presented!.Thumbprint);
        Assert.NotEqual(before, presented.Thumbprint);
    }

    private static HttpClient DirectClient(TestProxy server, X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = certificate is null ? null : [certificate],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://{server.Host.InboundEndpoint}"), Timeout = TestTimeouts.Default };
    }
}
