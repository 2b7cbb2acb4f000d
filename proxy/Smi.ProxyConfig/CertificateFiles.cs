namespace Smi.ProxyConfig;

/// <summary>
/// File names in a proxy's certificate directory: the keys of a Kubernetes TLS Secret plus the
/// mesh trust bundle. The control plane writes them (a Secret volume, or
/// <see cref="AtomicDirectoryWriter"/> in local mode); the proxy watches and reloads them.
/// </summary>
public static class CertificateFiles
{
    /// <summary>PEM certificate chain of the proxy: the leaf first, then any intermediates.</summary>
    public const string Certificate = "tls.crt";

    /// <summary>PEM private key (PKCS#8) of the leaf certificate.</summary>
    public const string PrivateKey = "tls.key";

    /// <summary>PEM trust bundle: the mesh root certificate(s) peers must chain to.</summary>
    public const string TrustBundle = "ca.crt";
}
