using Smi.Certificates;

namespace Smi.Operator.Certificates;

/// <summary>Where the CA lives and what the webhook certificate must name.</summary>
internal sealed record CertificateOptions
{
    public string Namespace { get; init; } = "smi-system";

    public string TrustDomain { get; init; } = "cluster.local";

    public string WebhookServiceName { get; init; } = "smi-operator-webhook";

    /// <summary>More names for the webhook certificate, for an API server that calls the webhooks by URL (development setups).</summary>
    public IReadOnlyList<string> WebhookExtraDnsNames { get; init; } = [];

    /// <summary>Lifetime of proxy certificates (rotated at two thirds).</summary>
    public TimeSpan ProxyCertificateLifetime { get; init; } = MeshCertificateAuthority.DefaultLeafLifetime;
}
