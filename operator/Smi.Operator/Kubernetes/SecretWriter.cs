using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Certificates;
using Smi.Core.Compilation;
using Smi.ProxyConfig;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// Keeps one TLS Secret per proxy identity (<c>smi-proxy-&lt;sa&gt;-tls</c>: tls.crt, tls.key,
/// ca.crt) with a certificate from the mesh CA for the identity's SPIFFE ID: issued when missing,
/// reissued when it is not from the current CA or reaches two thirds of its lifetime (kubelet then
/// updates the mounted volume and the proxy picks the new certificate up without dropping
/// connections). Secrets of identities that disappear are deleted.
/// </summary>
internal sealed partial class SecretWriter(IKubernetes client, ClusterState state, TimeProvider time, ILogger<SecretWriter> logger)
{
    public async Task<(int Written, int Deleted)> ApplyAsync(CompileResult result, MeshCertificateAuthority ca, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var existing = state.Secrets.Items;
        var accounts = state.ServiceAccounts.Items;
        var desired = new HashSet<string>(StringComparer.Ordinal);
        var written = 0;
        foreach (var identity in result.Configs.Keys)
        {
            var name = ProxyConfigMaps.SecretNameFor(identity.ServiceAccount);
            var key = $"{identity.Namespace}/{name}";
            desired.Add(key);
            existing.TryGetValue(key, out var current);
            if (current is not null && IsCurrent(current, identity, ca))
            {
                continue;
            }

            var issued = ca.Issue(identity, lifetime);
            var secret = new V1Secret
            {
                ApiVersion = "v1",
                Kind = "Secret",
                Type = "kubernetes.io/tls",
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    NamespaceProperty = identity.Namespace,
                    ResourceVersion = current?.Metadata.ResourceVersion,
                    Labels = new Dictionary<string, string>
                    {
                        [ClusterState.ManagedByLabel] = ClusterState.ManagedByValue,
                        [ProxyConfigMaps.ServiceAccountLabel] = identity.ServiceAccount.Length <= 63 ? identity.ServiceAccount : identity.ServiceAccount[..63],
                    },
                    OwnerReferences = accounts.GetValueOrDefault(identity.Key)?.Metadata.Uid is { } uid
                        ? [new V1OwnerReference { ApiVersion = "v1", Kind = "ServiceAccount", Name = identity.ServiceAccount, Uid = uid }]
                        : null,
                },
                Data = new Dictionary<string, byte[]>
                {
                    [CertificateFiles.Certificate] = Encoding.ASCII.GetBytes(issued.CertificatePem),
                    [CertificateFiles.PrivateKey] = Encoding.ASCII.GetBytes(issued.PrivateKeyPem),
                    [CertificateFiles.TrustBundle] = Encoding.ASCII.GetBytes(ca.CertificatePem),
                },
            };
            try
            {
                if (current is null)
                {
                    await client.CoreV1.CreateNamespacedSecretAsync(secret, identity.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await client.CoreV1.ReplaceNamespacedSecretAsync(secret, name, identity.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                written++;
                LogIssued(logger, identity.Key, issued.NotAfter);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
                // Raced with another writer or the namespace went away: the next reconcile sees the new state.
                LogSkipped(logger, identity.Key, (int)ex.Response.StatusCode);
            }
        }

        var deleted = 0;
        foreach (var (key, stale) in existing)
        {
            if (desired.Contains(key) || stale.Type != "kubernetes.io/tls" || stale.Metadata.Labels?.ContainsKey(ProxyConfigMaps.ServiceAccountLabel) != true)
            {
                continue;
            }

            try
            {
                await client.CoreV1.DeleteNamespacedSecretAsync(stale.Metadata.Name, stale.Metadata.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // Already gone.
            }
        }

        return (written, deleted);
    }

    private bool IsCurrent(V1Secret secret, ProxyIdentity identity, MeshCertificateAuthority ca)
    {
        if (secret.Data?.TryGetValue(CertificateFiles.Certificate, out var pem) != true || secret.Data?.TryGetValue(CertificateFiles.TrustBundle, out var bundle) != true)
        {
            return false;
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(pem!));
            return Encoding.ASCII.GetString(bundle!) == ca.CertificatePem
                && certificate.Issuer == ca.Certificate.Subject
                && SpiffeCertificate.TryGetSpiffeId(certificate, out var id) && id == identity.SpiffeId(ca.TrustDomain)
                && !CertificateRotation.NeedsRotation(certificate, time.GetUtcNow());
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued the certificate of {Identity}, valid until {NotAfter:O}")]
    private static partial void LogIssued(ILogger logger, string identity, DateTimeOffset notAfter);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Certificate Secret of {Identity} not written (HTTP {Status}); retrying on the next reconcile")]
    private static partial void LogSkipped(ILogger logger, string identity, int status);
}
