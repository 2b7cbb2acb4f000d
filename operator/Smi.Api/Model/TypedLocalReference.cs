namespace Smi.Api.Model;

/// <summary>A reference to another SMI object by kind and name, in the referring object's namespace.</summary>
/// <param name="Kind">Referenced kind, e.g. <c>HTTPRouteGroup</c>, <c>TCPRoute</c>, <c>UDPRoute</c>.</param>
/// <param name="Name">Referenced object's name.</param>
/// <param name="ApiGroup">Optional API group as written (TrafficSplit v1alpha3+ <c>matches[].apiGroup</c>).</param>
public sealed record TypedLocalReference(string Kind, string Name, string? ApiGroup = null);
