using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Smi.ProxyConfig;

namespace Smi.Certificates.Tests;

public sealed class MeshCertificateAuthorityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_NewRoot_IsSelfSignedP256Ca()
    {
        using var ca = MeshCertificateAuthority.Create("cluster.local", new FakeTimeProvider(Now));

        Assert.Equal(ca.Certificate.Subject, ca.Certificate.Issuer);
        Assert.Equal("ECC", ca.Certificate.PublicKey.Oid.FriendlyName);
        Assert.True(ca.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(Now - MeshCertificateAuthority.ClockSkewAllowance, new DateTimeOffset(ca.Certificate.NotBefore.ToUniversalTime()));
    }

    [Fact]
    public void Issue_Identity_HasSpiffeUriSanBothEkusAndChainsToRoot()
    {
        var time = new FakeTimeProvider(Now);
        using var ca = MeshCertificateAuthority.Create("mesh.example", time);

        var leaf = ca.Issue(new ProxyIdentity("demo", "web"), TimeSpan.FromHours(1));

        Assert.Equal("spiffe://mesh.example/ns/demo/sa/web", leaf.SpiffeId);
        Assert.True(SpiffeCertificate.TryGetSpiffeId(leaf.Certificate, out var spiffeId));
        Assert.Equal(leaf.SpiffeId, spiffeId);
        var ekus = leaf.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToArray();
        Assert.Contains("1.3.6.1.5.5.7.3.1", ekus);
        Assert.Contains("1.3.6.1.5.5.7.3.2", ekus);
        Assert.False(leaf.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True(leaf.Certificate.HasPrivateKey);
        Assert.Equal(Now + TimeSpan.FromHours(1), leaf.NotAfter);

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime;
        Assert.True(chain.Build(leaf.Certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public void Issue_LifetimeBeyondRoot_IsCappedAtRootExpiry()
    {
        using var ca = MeshCertificateAuthority.Create("cluster.local", new FakeTimeProvider(Now), TimeSpan.FromDays(1));

        var leaf = ca.Issue(new ProxyIdentity("demo", "web"), TimeSpan.FromDays(30));

        Assert.Equal(new DateTimeOffset(ca.Certificate.NotAfter.ToUniversalTime()), leaf.NotAfter);
    }

    [Fact]
    public void Issue_ExpiredRoot_Throws()
    {
        var time = new FakeTimeProvider(Now);
        using var ca = MeshCertificateAuthority.Create("cluster.local", time, TimeSpan.FromHours(1));
        time.Advance(TimeSpan.FromHours(2));

        var error = Assert.Throws<InvalidOperationException>(() => ca.Issue(new ProxyIdentity("demo", "web")));
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExportedPem_IssuesCertificatesTheOriginalTrusts()
    {
        var time = new FakeTimeProvider(Now);
        using var original = MeshCertificateAuthority.Create("cluster.local", time);
        using var loaded = MeshCertificateAuthority.Load(original.CertificatePem, original.ExportPrivateKeyPem(), "cluster.local", time);

        var leaf = loaded.Issue(new ProxyIdentity("demo", "client"));

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(original.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime;
        Assert.True(chain.Build(leaf.Certificate));
    }

    [Fact]
    public void Load_LeafInsteadOfCa_ThrowsWithReason()
    {
        using var ca = MeshCertificateAuthority.Create("cluster.local", new FakeTimeProvider(Now));
        var leaf = ca.Issue(new ProxyIdentity("demo", "web"));

        var error = Assert.Throws<ArgumentException>(() => MeshCertificateAuthority.Load(leaf.CertificatePem, leaf.PrivateKeyPem, "cluster.local"));
        Assert.Contains("certificate authority", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Cluster.Local")]
    [InlineData("has space")]
    public void Create_InvalidTrustDomain_Throws(string trustDomain)
    {
        Assert.Throws<ArgumentException>(() => MeshCertificateAuthority.Create(trustDomain));
    }
}
