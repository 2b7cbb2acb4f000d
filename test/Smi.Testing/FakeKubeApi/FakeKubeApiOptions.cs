namespace Smi.Testing.FakeKubeApi;

/// <summary>How a <see cref="FakeKubeApiServer"/> behaves. Defaults suit unit tests.</summary>
public sealed class FakeKubeApiOptions
{
    /// <summary>How often watches that asked for bookmarks (<c>allowWatchBookmarks=true</c>) get a BOOKMARK. The real server uses about a minute.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many changes the event history keeps; watches from older resourceVersions get 410 Gone.</summary>
    public int HistoryCapacity { get; set; } = 10_000;

    /// <summary>
    /// Converts custom resources between versions of a multi-version CRD. When null, a CRD with
    /// <c>conversion.strategy: Webhook</c> has its conversion webhook called with a ConversionReview,
    /// and any other CRD gets apiVersion rewritten (conversion strategy None).
    /// </summary>
    public CustomResourceConverter? Converter { get; set; }

    /// <summary>Validates/prunes custom resources against their CRD schema. Default: store as sent.</summary>
    public CustomResourceValidator? Validator { get; set; }

    /// <summary>
    /// Whether stored Mutating/ValidatingWebhookConfigurations are called on writes, as the real
    /// server does (default). A test that installs webhook configurations without running the
    /// webhook server can turn this off instead of relying on <c>failurePolicy: Ignore</c>.
    /// </summary>
    public bool AdmissionWebhooks { get; set; } = true;

    /// <summary>Where webhooks configured with <c>clientConfig.service</c> (admission and CRD conversion) are reached.</summary>
    public WebhookServiceResolver? WebhookServiceResolver { get; set; }

    /// <summary>The clock for creationTimestamp, deletionTimestamp and AGE columns.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// What <c>/version</c> reports. The kubectl on PATH may be a dispatcher that picks the kubectl
    /// binary matching the server's minor version, so this decides which kubectl really runs.
    /// </summary>
    public string ServerVersion { get; set; } = "v1.32.4";

    /// <summary>
    /// Whether <c>/api</c> and <c>/apis</c> answer aggregated discovery (apidiscovery.k8s.io/v2) to
    /// clients that ask for it, as Kubernetes 1.30+ does. Turn off to exercise the legacy
    /// per-group-version discovery that older clients use.
    /// </summary>
    public bool AggregatedDiscovery { get; set; } = true;

    /// <summary>The namespaces that exist from the start, as in a new cluster.</summary>
    public IReadOnlyList<string> InitialNamespaces { get; set; } = ["default", "kube-system", "kube-public", "kube-node-lease"];
}
