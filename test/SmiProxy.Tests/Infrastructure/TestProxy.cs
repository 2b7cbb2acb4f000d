using System.Net;
using Smi.Certificates;
using Smi.ProxyConfig;
using SmiProxy.Hosting;

namespace SmiProxy.Tests.Infrastructure;

/// <summary>A running proxy with its config and certificate directories, and clients for each listener.</summary>
internal sealed class TestProxy : IAsyncDisposable
{
    private readonly HttpClient _viaOutbound;
    private readonly HttpClient _toOutbound;
    private readonly HttpClient _admin;

    public TestProxy(SidecarProxyHost host, ProxyIdentity identity, string configDirectory, string? certificateDirectory)
    {
        Host = host;
        Identity = identity;
        ConfigDirectory = configDirectory;
        CertificateDirectory = certificateDirectory;
        _viaOutbound = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy($"http://{host.OutboundEndpoint}"), UseProxy = true }) { Timeout = TestTimeouts.Default };
        _toOutbound = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TestTimeouts.Default, BaseAddress = new Uri($"http://{host.OutboundEndpoint}") };
        _admin = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TestTimeouts.Default, BaseAddress = new Uri($"http://{host.AdminEndpoint}") };
    }

    public SidecarProxyHost Host { get; }

    public ProxyIdentity Identity { get; }

    public string ConfigDirectory { get; }

    public string? CertificateDirectory { get; }

    /// <summary>The app's view: the outbound listener as HTTP_PROXY (absolute-form requests).</summary>
    public HttpClient Client => _viaOutbound;

    /// <summary>Transparent mode: origin-form requests to the outbound listener, the Host header names the service.</summary>
    public HttpClient Transparent => _toOutbound;

    public HttpClient Admin => _admin;

    /// <summary>An endpoint record for <paramref name="app"/> running behind this proxy (meshed: reached at this proxy's inbound).</summary>
    public Endpoint EndpointFor(EchoServer app) => new()
    {
        Address = Host.InboundEndpoint.Address.ToString(),
        Port = app.Port,
        Pod = app.Name,
        Identity = Identity.Key,
        InboundPort = Host.InboundEndpoint.Port,
    };

    /// <summary>Writes <paramref name="config"/> the kubelet way and waits until the proxy serves it.</summary>
    public async Task ApplyAsync(MeshProxyConfig config)
    {
        WriteConfig(config);
        await Host.WaitForRevisionAsync(config.Revision, TestTimeouts.Token()).WithTimeout();
    }

    public void WriteConfig(MeshProxyConfig config) =>
        AtomicDirectoryWriter.Write(ConfigDirectory, [new AtomicFile(ProxyConfigSerializer.FileName, ProxyConfigSerializer.Serialize(config))]);

    public void WriteConfigBytes(byte[] bytes) =>
        AtomicDirectoryWriter.Write(ConfigDirectory, [new AtomicFile(ProxyConfigSerializer.FileName, bytes)]);

    public void WriteCertificate(MeshCertificateAuthority ca, string? trustBundlePem = null) =>
        CertificateDirectoryWriter.Write(CertificateDirectory!, ca.Issue(Identity, TimeSpan.FromHours(1)), trustBundlePem ?? ca.CertificatePem);

    public Task<HttpResponseMessage> GetAsync(string url) => _viaOutbound.GetAsync(url, TestContext.Current.CancellationToken).WithTimeout();

    public Task<string> MetricsAsync() => _admin.GetStringAsync("/metrics", TestContext.Current.CancellationToken).WithTimeout();

    public async ValueTask DisposeAsync()
    {
        _viaOutbound.Dispose();
        _toOutbound.Dispose();
        _admin.Dispose();
        await Host.DisposeAsync().AsTask().WithTimeout();
    }
}
