namespace Smi.Operator.Kubernetes;

/// <summary>The SMI custom resources (and our own TrafficPolicy) the operator reads and writes status on.</summary>
internal static class SmiResources
{
    /// <summary>Each kind in its storage version.</summary>
    public static readonly IReadOnlyList<(string Group, string Version, string Plural, string Kind)> StorageVersions =
    [
        ("split.smi-spec.io", "v1alpha4", "trafficsplits", "TrafficSplit"),
        ("access.smi-spec.io", "v1alpha3", "traffictargets", "TrafficTarget"),
        ("specs.smi-spec.io", "v1alpha4", "httproutegroups", "HTTPRouteGroup"),
        ("specs.smi-spec.io", "v1alpha4", "tcproutes", "TCPRoute"),
        ("specs.smi-spec.io", "v1alpha4", "udproutes", "UDPRoute"),
        ("policy.smi-operator.io", "v1alpha1", "trafficpolicies", "TrafficPolicy"),
    ];

    public static (string Group, string Version, string Plural, string Kind) ForKind(string kind) =>
        StorageVersions.First(r => r.Kind == kind);
}
