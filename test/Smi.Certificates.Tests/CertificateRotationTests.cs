using Microsoft.Extensions.Time.Testing;
using Smi.ProxyConfig;

namespace Smi.Certificates.Tests;

public sealed class CertificateRotationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NeedsRotation_BeforeTwoThirds_False_AfterTwoThirds_True()
    {
        using var ca = MeshCertificateAuthority.Create("cluster.local", new FakeTimeProvider(Now));
        var leaf = ca.Issue(new ProxyIdentity("demo", "web"), TimeSpan.FromHours(24));
        var lifetime = leaf.NotAfter - leaf.NotBefore;
        var rotationPoint = leaf.NotBefore + (lifetime * 2 / 3);

        Assert.Equal(rotationPoint, CertificateRotation.RotationPoint(leaf.Certificate), TimeSpan.FromSeconds(1));
        Assert.False(CertificateRotation.NeedsRotation(leaf.Certificate, Now));
        Assert.False(CertificateRotation.NeedsRotation(leaf.Certificate, rotationPoint - TimeSpan.FromMinutes(1)));
        Assert.True(CertificateRotation.NeedsRotation(leaf.Certificate, rotationPoint + TimeSpan.FromSeconds(1)));
        Assert.True(CertificateRotation.NeedsRotation(leaf.Certificate, leaf.NotAfter + TimeSpan.FromHours(1)));
    }

    [Fact]
    public void NeedsRotation_NotYetValid_True()
    {
        using var ca = MeshCertificateAuthority.Create("cluster.local", new FakeTimeProvider(Now));
        var leaf = ca.Issue(new ProxyIdentity("demo", "web"));

        Assert.True(CertificateRotation.NeedsRotation(leaf.Certificate, leaf.NotBefore - TimeSpan.FromMinutes(1)));
    }
}
