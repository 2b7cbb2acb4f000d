using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Certificates;

namespace Smi.Operator.Certificates;

/// <summary>
/// The mesh CA in a cluster: its root lives in the Secret <c>smi-operator-ca</c> in the operator's
/// namespace, created by whichever replica finds it missing first (creation is the lock: a 409
/// means another replica won, and its root is read instead).
/// </summary>
internal static class OperatorCertificateAuthority
{
    public const string SecretName = "smi-operator-ca";

    public static async Task<MeshCertificateAuthority> LoadOrCreateAsync(IKubernetes client, string @namespace, string trustDomain, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await ReadAsync(client, @namespace, cancellationToken).ConfigureAwait(false);
            if (existing?.Data is { } data && data.TryGetValue("tls.crt", out var cert) && data.TryGetValue("tls.key", out var key))
            {
                return MeshCertificateAuthority.Load(Encoding.ASCII.GetString(cert), Encoding.ASCII.GetString(key), trustDomain, time);
            }

            var created = MeshCertificateAuthority.Create(trustDomain, time);
            var secret = new V1Secret
            {
                Metadata = new V1ObjectMeta
                {
                    Name = SecretName,
                    NamespaceProperty = @namespace,
                    Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "smi-operator" },
                },
                Type = "kubernetes.io/tls",
                Data = new Dictionary<string, byte[]>
                {
                    ["tls.crt"] = Encoding.ASCII.GetBytes(created.CertificatePem),
                    ["tls.key"] = Encoding.ASCII.GetBytes(created.ExportPrivateKeyPem()),
                    ["ca.crt"] = Encoding.ASCII.GetBytes(created.CertificatePem),
                },
            };
            try
            {
                await client.CoreV1.CreateNamespacedSecretAsync(secret, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                return created;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict && attempt < 3)
            {
                created.Dispose();
            }
        }
    }

    private static async Task<V1Secret?> ReadAsync(IKubernetes client, string @namespace, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(SecretName, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
