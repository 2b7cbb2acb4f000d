namespace SmiProxy.Telemetry;

/// <summary>Who called the inbound side, as labels. Workload and pod come from the peer proxy's headers and are trusted only over mTLS.</summary>
internal sealed record PeerLabels(string Identity, string Principal, string Namespace, string WorkloadKind, string Workload, string Pod, bool MutualTls)
{
    public const string Unknown = "unknown";

    /// <summary>"Kind/name" (<c>smi_requests_total</c>'s <c>source_workload</c>), or "unknown"; built once per peer, not per request.</summary>
    public string WorkloadRef { get; } = Workload == Unknown ? Unknown : $"{WorkloadKind}/{Workload}";

    public static readonly PeerLabels Anonymous = new(Unknown, Unknown, Unknown, Unknown, Unknown, Unknown, MutualTls: false);
}
