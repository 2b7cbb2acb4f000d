using System.Security.Cryptography.X509Certificates;

namespace Smi.Certificates;

/// <summary>
/// When to replace a certificate: once two thirds of its lifetime have passed (the rule SPIRE and
/// Istio use), so a replacement is in place long before expiry even if one issuing attempt fails.
/// </summary>
public static class CertificateRotation
{
    /// <summary>The fraction of the lifetime after which a certificate is renewed.</summary>
    public const double RenewAtFraction = 2.0 / 3.0;

    /// <summary>The instant from which <paramref name="certificate"/> should be replaced.</summary>
    public static DateTimeOffset RotationPoint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        return notBefore + ((notAfter - notBefore) * RenewAtFraction);
    }

    /// <summary>
    /// True when <paramref name="certificate"/> should be replaced at <paramref name="now"/>: past its
    /// rotation point, expired, or not valid yet (issued by a clock ahead of ours; a fresh one is usable now).
    /// </summary>
    public static bool NeedsRotation(X509Certificate2 certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        return now < notBefore || now >= RotationPoint(certificate);
    }
}
