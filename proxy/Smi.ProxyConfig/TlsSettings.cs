namespace Smi.ProxyConfig;

/// <summary>
/// mTLS trust settings. A proxy's own certificate and key are files in its certificate directory
/// (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>: a Kubernetes TLS Secret, or files written next to
/// the config in local mode); this says which roots to trust for peers.
/// </summary>
public sealed record TlsSettings
{
    /// <summary>
    /// PEM trust anchors accepted for peer certificates, in addition to <c>ca.crt</c>. Carrying them
    /// in the config lets the control plane roll a new root out to every proxy before it issues a
    /// single certificate signed by it.
    /// </summary>
    public string? TrustAnchorsPem { get; init; }
}
