using System.Text;
using Smi.ProxyConfig;

namespace Smi.Certificates;

/// <summary>
/// Writes a proxy's certificate directory (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>) the way
/// kubelet projects a Secret volume, so the proxy sees the old or the new set, never a mix.
/// </summary>
public static class CertificateDirectoryWriter
{
    private const UnixFileMode PrivateKeyMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes <paramref name="leaf"/> and <paramref name="trustBundlePem"/> (one or more PEM roots)
    /// into <paramref name="directory"/>. Returns false when the directory already held exactly these files.
    /// </summary>
    public static bool Write(string directory, IssuedCertificate leaf, string trustBundlePem, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentException.ThrowIfNullOrWhiteSpace(trustBundlePem);
        AtomicFile[] files =
        [
            new(CertificateFiles.Certificate, Encoding.ASCII.GetBytes(leaf.CertificatePem)),
            new(CertificateFiles.PrivateKey, Encoding.ASCII.GetBytes(leaf.PrivateKeyPem), PrivateKeyMode),
            new(CertificateFiles.TrustBundle, Encoding.ASCII.GetBytes(trustBundlePem)),
        ];
        return AtomicDirectoryWriter.Write(directory, files, timeProvider);
    }
}
