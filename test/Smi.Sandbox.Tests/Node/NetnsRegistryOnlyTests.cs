using Smi.Core.Cluster;

namespace Smi.Sandbox.Tests.Node;

/// <summary>
/// The mesh setting <c>outboundTrafficPolicy: registry-only</c> (<c>--registry-only</c>) through
/// <c>sandbox --netns</c>: a destination that is neither a Service nor an endpoint of the mesh is
/// refused, where the default (allow-any, <see cref="NetnsTcpTests"/>) passes it through.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class NetnsRegistryOnlyTests
{
    [Fact]
    public async Task Https_ToAnAddressOutsideTheRegistry_IsRefused_AServiceOfTheMeshStillAnswers()
    {
        Assert.SkipWhen(NetnsRun.Unsupported is not null, NetnsRun.Unsupported ?? string.Empty);
        var certDir = Path.Combine(Path.GetTempPath(), $"smi-netns-certs-{Guid.NewGuid():N}");
        try
        {
            await TcpNodeFixture.WriteCertificateAsync(certDir);
            await using var sandbox = await NetnsRun.StartAsync(TcpManifests.Mesh(certDir), new MeshOptions { RegistryOnly = true });
            var cert = Path.Combine(certDir, "cert.pem");

            var outside = await sandbox.ExecAsync("client-0", "curl", "-sS", "-m", "10", "--cacert", cert, "--resolve", $"outside.example:8443:{sandbox.Pod("outside").Ip}", "https://outside.example:8443/");
            var service = await sandbox.ExecAsync("client-0", "curl", "-sS", "-m", "10", "--cacert", cert, "https://secure.ext/");
            var http = await sandbox.ExecAsync("client-0", "curl", "-sS", "-m", "10", $"http://{sandbox.Pod("outside").Ip}:8443/");

            Assert.NotEqual(0, outside.ExitCode);
            Assert.DoesNotContain("s_server", outside.Output, StringComparison.Ordinal);
            Assert.True(service.ExitCode == 0, $"secure.ext: {service.Error}");
            Assert.Contains("registry-only", http.Output, StringComparison.Ordinal);
            Assert.Contains("registry_only", sandbox.Log("client-0", "smi-proxy"), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(certDir))
            {
                Directory.Delete(certDir, recursive: true);
            }
        }
    }
}
