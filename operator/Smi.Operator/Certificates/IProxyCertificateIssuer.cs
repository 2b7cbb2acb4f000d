using Smi.Certificates;
using Smi.ProxyConfig;

namespace Smi.Operator.Certificates;

/// <summary>
/// Issues proxy certificates and judges the ones a cluster already holds. The desired-state step
/// depends on this seam rather than on the CA, so that when a certificate is (re)issued can be
/// tested without keys or a clock of its own.
/// </summary>
internal interface IProxyCertificateIssuer
{
    /// <summary>The PEM of the CA certificate proxies trust (the Secret's <c>ca.crt</c>).</summary>
    string TrustBundlePem { get; }

    /// <summary>
    /// True when <paramref name="certificatePem"/> (with <paramref name="trustBundlePem"/> beside it)
    /// was issued by the current CA for <paramref name="identity"/> and is not yet due for rotation.
    /// </summary>
    bool IsCurrent(ProxyIdentity identity, string certificatePem, string trustBundlePem);

    /// <summary>A new certificate and key for <paramref name="identity"/>.</summary>
    IssuedCertificate Issue(ProxyIdentity identity);
}
