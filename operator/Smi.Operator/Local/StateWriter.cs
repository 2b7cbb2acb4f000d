using System.Security.Cryptography.X509Certificates;
using System.Text;
using Smi.Certificates;
using Smi.Core.Compilation;
using Smi.ProxyConfig;

namespace Smi.Operator.Local;

/// <summary>
/// Writes each identity's proxy configuration and certificate to
/// <c>&lt;state&gt;/&lt;namespace&gt;/&lt;serviceaccount&gt;/</c> exactly as kubelet writes a mounted
/// volume (timestamped data directory, <c>..data</c> symlink swapped atomically, files linked
/// through it): <c>config.json</c>, <c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>. An identity is
/// rewritten only when its revision changed or its certificate is due for rotation; the
/// directories of identities that disappear are removed.
/// </summary>
internal sealed class StateWriter(string stateDir, MeshCertificateAuthority ca, TimeProvider time, TimeSpan certificateLifetime)
{
    private const UnixFileMode KeyMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly Dictionary<ProxyIdentity, (string Revision, IssuedCertificate Certificate)> _written = [];

    public string StateDir { get; } = Path.GetFullPath(stateDir);

    public static string DirectoryOf(string stateDir, ProxyIdentity identity) => Path.Combine(stateDir, identity.Namespace, identity.ServiceAccount);

    /// <summary>Writes what changed; returns the identities whose directory was swapped.</summary>
    public IReadOnlyList<ProxyIdentity> Write(CompileResult result)
    {
        var changed = new List<ProxyIdentity>();
        foreach (var (identity, config) in result.Configs)
        {
            var dir = DirectoryOf(StateDir, identity);
            _written.TryGetValue(identity, out var previous);
            var certificate = previous.Certificate is { } held && !CertificateRotation.NeedsRotation(held.Certificate, time.GetUtcNow())
                ? held
                : ReuseFromDisk(dir, identity) ?? ca.Issue(identity, certificateLifetime);
            if (previous.Revision == config.Revision && ReferenceEquals(previous.Certificate, certificate))
            {
                continue;
            }

            AtomicFile[] files =
            [
                new(ProxyConfigSerializer.FileName, ProxyConfigSerializer.SerializeIndented(config)),
                new(CertificateFiles.Certificate, Encoding.ASCII.GetBytes(certificate.CertificatePem)),
                new(CertificateFiles.PrivateKey, Encoding.ASCII.GetBytes(certificate.PrivateKeyPem), KeyMode),
                new(CertificateFiles.TrustBundle, Encoding.ASCII.GetBytes(ca.CertificatePem)),
            ];
            if (AtomicDirectoryWriter.Write(dir, files, time))
            {
                changed.Add(identity);
            }

            _written[identity] = (config.Revision, certificate);
        }

        foreach (var gone in _written.Keys.Where(i => !result.Configs.ContainsKey(i)).ToList())
        {
            _written.Remove(gone);
            var dir = DirectoryOf(StateDir, gone);
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            var nsDir = Path.GetDirectoryName(dir)!;
            if (Directory.Exists(nsDir) && !Directory.EnumerateFileSystemEntries(nsDir).Any())
            {
                Directory.Delete(nsDir);
            }

            changed.Add(gone);
        }

        return changed;
    }

    /// <summary>Whether any certificate held is due for rotation (the caller then writes again).</summary>
    public bool RotationDue() => _written.Values.Any(w => CertificateRotation.NeedsRotation(w.Certificate.Certificate, time.GetUtcNow()));

    /// <summary>A certificate left by a previous run, if it is ours, for this identity, and not due for rotation.</summary>
    private IssuedCertificate? ReuseFromDisk(string dir, ProxyIdentity identity)
    {
        try
        {
            var certPath = Path.Combine(dir, CertificateFiles.Certificate);
            var keyPath = Path.Combine(dir, CertificateFiles.PrivateKey);
            if (!File.Exists(certPath) || !File.Exists(keyPath))
            {
                return null;
            }

            var certPem = File.ReadAllText(certPath);
            var keyPem = File.ReadAllText(keyPath);
            var certificate = X509Certificate2.CreateFromPem(certPem, keyPem);
            var spiffeId = identity.SpiffeId(ca.TrustDomain);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (!chain.Build(certificate)
                || !SpiffeCertificate.TryGetSpiffeId(certificate, out var id) || id != spiffeId
                || CertificateRotation.NeedsRotation(certificate, time.GetUtcNow()))
            {
                certificate.Dispose();
                return null;
            }

            return new IssuedCertificate(certificate, certPem, keyPem, spiffeId);
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return null;
        }
    }
}
