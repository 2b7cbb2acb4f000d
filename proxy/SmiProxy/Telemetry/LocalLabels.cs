using SmiProxy.Settings;

namespace SmiProxy.Telemetry;

/// <summary>This proxy's own labels (its identity and workload), fixed per config.</summary>
/// <param name="Identity">"namespace/serviceaccount".</param>
/// <param name="Principal">The SPIFFE ID of the identity.</param>
/// <param name="Workload">Pod and workload.</param>
/// <param name="WorkloadLabelName">Linkerd's label for the workload: the lower-cased kind (deployment, statefulset, ...).</param>
internal sealed record LocalLabels(string Identity, string Principal, WorkloadInfo Workload, string WorkloadLabelName)
{
    /// <summary>The <c>x-smi-source-workload</c> value this proxy sends: "Kind/name".</summary>
    public string WorkloadHeader { get; } = $"{Workload.Kind}/{Workload.Name}";

    public static LocalLabels Create(string identity, string principal, WorkloadInfo workload) =>
        new(identity, principal, workload, workload.Kind.ToLowerInvariant());
}
