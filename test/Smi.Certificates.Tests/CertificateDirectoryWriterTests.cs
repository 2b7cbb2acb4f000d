using System.Security.Cryptography.X509Certificates;
using Smi.ProxyConfig;

namespace Smi.Certificates.Tests;

public sealed class CertificateDirectoryWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "smi-certdir-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Write_Leaf_WritesLoadableKubeletStyleDirectory()
    {
        using var ca = MeshCertificateAuthority.Create("cluster.local");
        var leaf = ca.Issue(new ProxyIdentity("demo", "web"));

        Assert.True(CertificateDirectoryWriter.Write(_directory, leaf, ca.CertificatePem));

        Assert.NotNull(new FileInfo(Path.Combine(_directory, AtomicDirectoryWriter.DataLinkName)).LinkTarget);
        Assert.Equal("..data/tls.crt", new FileInfo(Path.Combine(_directory, CertificateFiles.Certificate)).LinkTarget);
        using var loaded = X509Certificate2.CreateFromPemFile(Path.Combine(_directory, CertificateFiles.Certificate), Path.Combine(_directory, CertificateFiles.PrivateKey));
        Assert.Equal(leaf.Certificate.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
        if (!OperatingSystem.IsWindows())
        {
            var keyMode = File.GetUnixFileMode(Path.Combine(_directory, CertificateFiles.PrivateKey));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, keyMode);
        }
    }

    [Fact]
    public void Write_SameLeafTwice_SecondIsNoOp()
    {
        using var ca = MeshCertificateAuthority.Create("cluster.local");
        var leaf = ca.Issue(new ProxyIdentity("demo", "web"));

        Assert.True(CertificateDirectoryWriter.Write(_directory, leaf, ca.CertificatePem));
        Assert.False(CertificateDirectoryWriter.Write(_directory, leaf, ca.CertificatePem));
    }
}
