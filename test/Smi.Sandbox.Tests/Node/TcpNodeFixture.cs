using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Smi.Sandbox.Tests.Node;

/// <summary>One <c>sandbox --netns</c> node with <see cref="TcpManifests.Mesh"/> shared by the tests of a class (it takes a while to start), and the HTTPS servers' certificate.</summary>
public sealed class TcpNodeFixture : IAsyncLifetime
{
    private readonly string _certDir = Path.Combine(Path.GetTempPath(), $"smi-netns-certs-{Guid.NewGuid():N}");
    private NetnsRun? _sandbox;

    /// <summary>The certificate the HTTPS pods serve (names secure.ext, secure.ext.svc.cluster.local, outside.example), as PEM: clients verify against it.</summary>
    public string CertificatePath => Path.Combine(_certDir, "cert.pem");

    internal NetnsRun Sandbox => _sandbox ?? throw new InvalidOperationException(NetnsRun.Unsupported ?? "the sandbox did not start");

    public async ValueTask InitializeAsync()
    {
        if (NetnsRun.Unsupported is not null)
        {
            return;
        }

        await WriteCertificateAsync(_certDir);
        _sandbox = await NetnsRun.StartAsync(TcpManifests.Mesh(_certDir));
    }

    public async ValueTask DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        if (Directory.Exists(_certDir))
        {
            Directory.Delete(_certDir, recursive: true);
        }
    }

    /// <summary>Writes cert.pem and key.pem into <paramref name="directory"/>: a self-signed certificate for secure.ext, secure.ext.svc.cluster.local and outside.example.</summary>
    public static async Task WriteCertificateAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=secure.ext", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("secure.ext");
        names.AddDnsName("secure.ext.svc.cluster.local");
        names.AddDnsName("outside.example");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>An address of a pod, for the tests that call a pod IP.</summary>
    public IPAddress PodIp(string pod) => IPAddress.Parse(Sandbox.Pod(pod).Ip!);
}
