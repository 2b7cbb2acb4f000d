using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Smi.ProxyConfig;

namespace Smi.Certificates;

/// <summary>
/// A mesh root CA (ECDSA P-256) that issues short-lived leaf certificates per identity. Each leaf
/// carries the identity's SPIFFE ID (<c>spiffe://&lt;trust-domain&gt;/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c>) as
/// its only URI SAN and both TLS EKUs, because every proxy is a server (inbound) and a client
/// (outbound). The clock comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class MeshCertificateAuthority : IDisposable
{
    /// <summary>Lifetime of a root created by <see cref="Create"/> when none is given.</summary>
    public static readonly TimeSpan DefaultRootLifetime = TimeSpan.FromDays(365);

    /// <summary>Lifetime of a leaf when none is given (OSM's and Istio's default for workload certificates).</summary>
    public static readonly TimeSpan DefaultLeafLifetime = TimeSpan.FromHours(24);

    /// <summary>Validity starts this long before "now", so a peer whose clock lags a little accepts it.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly ECDsa _key;
    private readonly TimeProvider _timeProvider;

    private MeshCertificateAuthority(X509Certificate2 certificate, ECDsa key, string trustDomain, TimeProvider timeProvider)
    {
        Certificate = certificate;
        _key = key;
        TrustDomain = trustDomain;
        _timeProvider = timeProvider;
    }

    /// <summary>The root certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The SPIFFE trust domain this CA issues identities in.</summary>
    public string TrustDomain { get; }

    /// <summary>PEM of the root certificate: the trust bundle (<c>ca.crt</c>) every proxy verifies peers against.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Creates a new self-signed root for <paramref name="trustDomain"/>.</summary>
    /// <exception cref="ArgumentException">The trust domain is not a valid SPIFFE trust domain.</exception>
    public static MeshCertificateAuthority Create(string trustDomain, TimeProvider? timeProvider = null, TimeSpan? lifetime = null)
    {
        ValidateTrustDomain(trustDomain);
        timeProvider ??= TimeProvider.System;
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            var name = new X500DistinguishedNameBuilder();
            name.AddOrganizationName("SMI Operator");
            name.AddCommonName($"SMI mesh root CA ({trustDomain})");
            var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
            var san = new SubjectAlternativeNameBuilder();
            san.AddUri(new Uri($"spiffe://{trustDomain}"));
            request.CertificateExtensions.Add(san.Build());

            var now = timeProvider.GetUtcNow();
            var certificate = request.CreateSelfSigned(now - ClockSkewAllowance, now + (lifetime ?? DefaultRootLifetime));
            return new MeshCertificateAuthority(certificate, key, trustDomain, timeProvider);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Loads an existing root from PEM (e.g. a Secret the control plane persisted).</summary>
    /// <exception cref="ArgumentException">The PEM is not an ECDSA CA certificate with its matching key.</exception>
    public static MeshCertificateAuthority Load(string certificatePem, string privateKeyPem, string trustDomain, TimeProvider? timeProvider = null)
    {
        ValidateTrustDomain(trustDomain);
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem, privateKeyPem);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException($"The CA certificate and key PEM do not form an ECDSA certificate with its private key: {ex.Message}", nameof(certificatePem), ex);
        }

        var key = certificate.GetECDsaPrivateKey();
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (key is null || constraints is not { CertificateAuthority: true })
        {
            key?.Dispose();
            certificate.Dispose();
            throw new ArgumentException("The certificate is not an ECDSA certificate authority (basicConstraints CA:TRUE with an EC key).", nameof(certificatePem));
        }

        return new MeshCertificateAuthority(certificate, key, trustDomain, timeProvider ?? TimeProvider.System);
    }

    /// <summary>PKCS#8 PEM of the root's private key, for persisting the CA. Guard it like any CA key.</summary>
    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>
    /// Issues a leaf certificate for <paramref name="identity"/>, valid from a little before now for
    /// <paramref name="lifetime"/> (never past the root's own expiry). <paramref name="dnsNames"/>
    /// adds DNS SANs, e.g. for a webhook server certificate.
    /// </summary>
    public IssuedCertificate Issue(ProxyIdentity identity, TimeSpan? lifetime = null, IEnumerable<string>? dnsNames = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (string.IsNullOrEmpty(identity.Namespace) || string.IsNullOrEmpty(identity.ServiceAccount) || identity.Namespace.Contains('/', StringComparison.Ordinal) || identity.ServiceAccount.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"\"{identity}\" is not a namespace/serviceaccount identity.", nameof(identity));
        }

        var validFor = lifetime ?? DefaultLeafLifetime;
        if (validFor <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A certificate lifetime must be positive.");
        }

        var spiffeId = identity.SpiffeId(TrustDomain);
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddOrganizationName(TrustDomain);
        name.AddCommonName($"{identity.ServiceAccount}.{identity.Namespace}");
        var request = new CertificateRequest(name.Build(), leafKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new(ServerAuthOid), new(ClientAuthOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(spiffeId));
        foreach (var dnsName in dnsNames ?? [])
        {
            san.AddDnsName(dnsName);
        }

        request.CertificateExtensions.Add(san.Build());

        var now = _timeProvider.GetUtcNow();
        var notBefore = now - ClockSkewAllowance;
        var rootNotAfter = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime());
        var notAfter = now + validFor < rootNotAfter ? now + validFor : rootNotAfter;
        if (notAfter <= now)
        {
            throw new InvalidOperationException($"The mesh root CA expired at {rootNotAfter:O}; rotate the root before issuing certificates.");
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var signed = request.Create(Certificate, notBefore, notAfter, serial);
        var withKey = signed.CopyWithPrivateKey(leafKey);
        return new IssuedCertificate(withKey, withKey.ExportCertificatePem(), leafKey.ExportPkcs8PrivateKeyPem(), spiffeId);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }

    private static void ValidateTrustDomain(string trustDomain)
    {
        // SPIFFE: the trust domain is lower-case letters, digits, '.', '-' and '_'.
        if (string.IsNullOrEmpty(trustDomain) || !trustDomain.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_'))
        {
            throw new ArgumentException($"\"{trustDomain}\" is not a SPIFFE trust domain (lower-case letters, digits, '.', '-', '_').", nameof(trustDomain));
        }
    }
}
