using System.Collections.Immutable;

namespace Smi.ProxyConfig;

/// <summary>
/// One allow rule, compiled from one TrafficTarget. A request from peer P to container port N is
/// allowed by this rule iff P is in <see cref="Sources"/>, AND (<see cref="Ports"/> is empty or
/// contains N), AND (<see cref="HttpMatches"/> is empty or one of them matches the request).
/// This is SPEC-NOTES §4's reading of TCPRoute + HTTPRouteGroup rules in one target.
/// </summary>
public sealed record AccessRule
{
    /// <summary>The object this rule comes from, e.g. <c>TrafficTarget default/api-service</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>Allowed peer identities as "namespace/serviceaccount" (sorted).</summary>
    public required ImmutableArray<string> Sources { get; init; }

    /// <summary>Allowed container ports for TCP (and so HTTP); empty means every port.</summary>
    public ImmutableArray<int> Ports { get; init; } = [];

    /// <summary>Allowed UDP ports (from UDPRoutes); informational until the proxy carries UDP.</summary>
    public ImmutableArray<int> UdpPorts { get; init; } = [];

    /// <summary>
    /// True when the target has UDP rules but no TCP or HTTP rules: it admits no TCP/HTTP traffic at all.
    /// </summary>
    public bool UdpOnly { get; init; }

    /// <summary>Allowed HTTP requests (OR); empty means every request.</summary>
    public ImmutableArray<HttpRouteMatch> HttpMatches { get; init; } = [];
}
