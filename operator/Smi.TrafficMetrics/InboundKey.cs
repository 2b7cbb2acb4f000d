namespace Smi.TrafficMetrics;

/// <summary>
/// What one inbound series of a pod's proxy is about: who called (from the <c>source_*</c> labels,
/// "unknown" for a caller without a verified identity) and which Service it addressed and was routed to.
/// </summary>
/// <param name="SourceNamespace">Caller's namespace (from <c>source_identity</c> ns/sa).</param>
/// <param name="SourceKind">Caller's workload kind.</param>
/// <param name="SourceWorkload">Caller's workload name.</param>
/// <param name="SourcePod">Caller's pod.</param>
/// <param name="DestinationService">The Service the caller addressed, <c>name.namespace</c> (a split's apex).</param>
/// <param name="Backend">The Service the request was routed to, <c>name.namespace</c>.</param>
internal sealed record InboundKey(string SourceNamespace, string SourceKind, string SourceWorkload, string SourcePod, string DestinationService, string Backend);
