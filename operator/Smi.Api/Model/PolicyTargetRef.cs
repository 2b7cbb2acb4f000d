namespace Smi.Api.Model;

/// <summary>A TrafficPolicy's target: a Service in the policy's namespace.</summary>
/// <param name="Kind">Kind as written (only <c>Service</c> is allowed).</param>
/// <param name="Name">The Service name.</param>
public sealed record PolicyTargetRef(string Kind, string Name);
