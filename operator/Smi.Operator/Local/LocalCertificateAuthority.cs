using Smi.Certificates;

namespace Smi.Operator.Local;

/// <summary>
/// The mesh CA of local mode and the sandbox: its root is kept in <c>&lt;state&gt;/ca/</c> so that a
/// restart keeps trusting the certificates proxies already hold.
/// </summary>
internal static class LocalCertificateAuthority
{
    public static MeshCertificateAuthority LoadOrCreate(string stateDir, string trustDomain, TimeProvider time)
    {
        var dir = Path.Combine(stateDir, "ca");
        var certPath = Path.Combine(dir, "ca.crt");
        var keyPath = Path.Combine(dir, "ca.key");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            try
            {
                var loaded = MeshCertificateAuthority.Load(File.ReadAllText(certPath), File.ReadAllText(keyPath), trustDomain, time);
                if (loaded.Certificate.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddDays(1))
                {
                    return loaded;
                }

                loaded.Dispose();
            }
            catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                // Unreadable or for another trust domain: start a new root (proxies get new leaves with it).
            }
        }

        var created = MeshCertificateAuthority.Create(trustDomain, time);
        Directory.CreateDirectory(dir);
        File.WriteAllText(certPath, created.CertificatePem);
        File.WriteAllText(keyPath, created.ExportPrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return created;
    }
}
