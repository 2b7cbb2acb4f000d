using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Smi.TrafficMetrics.Api;

namespace Smi.TrafficMetrics.Tests;

public sealed class FrontProxyTrustTests
{
    [Fact]
    public void Reject_FrontProxyCertificate_Accepted()
    {
        using var ca = Ca("front-proxy-ca");
        using var client = Leaf(ca, "front-proxy-client", clientAuth: true);
        var trust = Trust(ca, """["front-proxy-client"]""");

        Assert.Null(trust.Reject(client));
    }

    [Fact]
    public void Reject_NoAllowedNamesConfigured_AnyNameFromTheCaAccepted()
    {
        using var ca = Ca("front-proxy-ca");
        using var client = Leaf(ca, "aggregator", clientAuth: true);

        Assert.Null(Trust(ca, allowedNames: null).Reject(client));
    }

    [Fact]
    public void Reject_OtherCaNameNotAllowedNoCertificateOrServerOnlyUsage_RefusedWithReason()
    {
        using var ca = Ca("front-proxy-ca");
        using var other = Ca("someone-else");
        using var foreign = Leaf(other, "front-proxy-client", clientAuth: true);
        using var wrongName = Leaf(ca, "mallory", clientAuth: true);
        using var serverOnly = Leaf(ca, "front-proxy-client", clientAuth: false);
        var trust = Trust(ca, """["front-proxy-client"]""");

        Assert.Contains("not signed by the API server's request-header CA", trust.Reject(foreign), StringComparison.Ordinal);
        Assert.Contains("CN \"mallory\" is not in requestheader-allowed-names", trust.Reject(wrongName), StringComparison.Ordinal);
        Assert.Contains("no client certificate", trust.Reject(null), StringComparison.Ordinal);
        Assert.NotNull(trust.Reject(serverOnly));
    }

    [Theory]
    [InlineData(null, "has no requestheader-client-ca-file")]
    [InlineData("not pem", "holds no certificate")]
    public void FromConfigMap_NoUsableCa_NullWithProblem(string? pem, string problem)
    {
        var data = pem is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["requestheader-client-ca-file"] = pem };

        Assert.Null(FrontProxyTrust.FromConfigMap(data, out var reason));
        Assert.Contains(problem, reason, StringComparison.Ordinal);
    }

    private static FrontProxyTrust Trust(X509Certificate2 ca, string? allowedNames)
    {
        var data = new Dictionary<string, string> { ["requestheader-client-ca-file"] = ca.ExportCertificatePem() };
        if (allowedNames is not null)
        {
            data["requestheader-allowed-names"] = allowedNames;
        }

        return FrontProxyTrust.FromConfigMap(data, out var problem) ?? throw new InvalidOperationException(problem);
    }

    private static X509Certificate2 Ca(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Leaf(X509Certificate2 ca, string name, bool clientAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(clientAuth ? "1.3.6.1.5.5.7.3.2" : "1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1), [1, 2, 3, 4]);
        return issued.CopyWithPrivateKey(key);
    }
}
