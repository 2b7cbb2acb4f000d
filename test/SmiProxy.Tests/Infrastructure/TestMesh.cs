using Smi.Certificates;
using Smi.ProxyConfig;
using SmiProxy.Hosting;
using SmiProxy.Settings;

namespace SmiProxy.Tests.Infrastructure;

/// <summary>
/// A mesh for one test: a root CA, a temporary directory, and the proxies and apps started in it
/// (all disposed with it). Proxies bind port 0 on their own loopback address.
/// </summary>
internal sealed class TestMesh : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public TestMesh()
    {
        Root = Path.Combine(Path.GetTempPath(), "smi-proxy-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Ca = MeshCertificateAuthority.Create("cluster.local");
    }

    public string Root { get; }

    public MeshCertificateAuthority Ca { get; }

    public async Task<EchoServer> StartAppAsync(string name)
    {
        var app = await EchoServer.StartAsync(name);
        _owned.Add(app);
        return app;
    }

    /// <summary>
    /// Starts a proxy for <paramref name="identity"/> with a certificate from this mesh's CA (unless
    /// <paramref name="withCertificate"/> is false) and, if given, <paramref name="config"/> already in
    /// place; waits until it is ready when both are present.
    /// </summary>
    public async Task<TestProxy> StartProxyAsync(ProxyIdentity identity, MeshProxyConfig? config = null, EchoServer? app = null, bool withCertificate = true, Func<SidecarProxyOptions, SidecarProxyOptions>? customize = null)
    {
        var name = $"{identity.Namespace}-{identity.ServiceAccount}-{Guid.NewGuid():N}"[..24];
        var configDirectory = Path.Combine(Root, name, "config");
        var certificateDirectory = Path.Combine(Root, name, "certs");
        Directory.CreateDirectory(configDirectory);
        var address = Loopback.Next();
        var options = new SidecarProxyOptions
        {
            ConfigDirectory = configDirectory,
            CertificateDirectory = certificateDirectory,
            OutboundEndpoint = new(address, 0),
            InboundEndpoint = new(address, 0),
            AdminEndpoint = new(address, 0),
            AppAddress = app?.Endpoint.Address ?? System.Net.IPAddress.Loopback,
            PodName = $"{identity.ServiceAccount}-7d4b9c8f6d-x2kqz",
            PollInterval = TimeSpan.FromMilliseconds(200),
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        };
        options = customize?.Invoke(options) ?? options;
        var host = await SidecarProxyHost.StartAsync(options, TestContext.Current.CancellationToken).WithTimeout();
        var proxy = new TestProxy(host, identity, configDirectory, options.CertificateDirectory);
        _owned.Add(proxy);
        if (withCertificate && options.CertificateDirectory is not null)
        {
            proxy.WriteCertificate(Ca);
        }

        if (config is not null)
        {
            proxy.WriteConfig(config);
            if (withCertificate || options.CertificateDirectory is null)
            {
                await host.WaitUntilReadyAsync(TestTimeouts.Token()).WithTimeout();
                await host.WaitForRevisionAsync(config.Revision, TestTimeouts.Token()).WithTimeout();
            }
        }

        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        Ca.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }
}
