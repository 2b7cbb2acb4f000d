using System.Collections.Immutable;

namespace Smi.ProxyConfig;

/// <summary>
/// What the inbound listener of a proxy needs: the ports its app serves and the access rules.
/// Access is decided per request from the verified peer identity, the destination (container)
/// port and the HTTP request; see <see cref="AccessRule"/> for the exact rule.
/// </summary>
public sealed record InboundConfig
{
    /// <summary>
    /// When true, any peer may call any port and route (SMI's default deny is switched off for this
    /// identity's namespace or the whole mesh). Peers without a mesh certificate are admitted too,
    /// with no identity.
    /// </summary>
    public bool Permissive { get; init; }

    /// <summary>The Services whose endpoints include pods of this identity (sorted by namespace, name).</summary>
    public ImmutableArray<InboundService> Services { get; init; } = [];

    /// <summary>
    /// Access rules (sorted by origin). A request is allowed iff <see cref="Permissive"/> or at least
    /// one rule allows it; otherwise it is denied with 403.
    /// </summary>
    public ImmutableArray<AccessRule> Rules { get; init; } = [];
}

/// <summary>A Service served (at least partly) by pods of this identity.</summary>
public sealed record InboundService
{
    /// <summary>Service namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Service name.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Other Services whose traffic may arrive here because they split to this one (TrafficSplit
    /// roots): clients keep addressing the apex, so the apex host is accepted too. Sorted.
    /// </summary>
    public ImmutableArray<string> ApexServices { get; init; } = [];

    /// <summary>The Service's ports and the container ports they map to on this identity's pods.</summary>
    public ImmutableArray<ServicePortMapping> Ports { get; init; } = [];

    /// <summary>TrafficPolicy entries enforced here (rate limits, access logs).</summary>
    public ImmutableArray<InboundPolicy> Policies { get; init; } = [];
}

/// <summary>A Service port and the container port it maps to.</summary>
/// <param name="Port">Service port.</param>
/// <param name="TargetPort">Container port on the pod (after resolving named target ports).</param>
/// <param name="Name">Service port name, if any.</param>
/// <param name="Protocol">Application protocol: <see cref="AppProtocol.Http"/> or <see cref="AppProtocol.Tcp"/>.</param>
public sealed record ServicePortMapping(int Port, int TargetPort, string? Name, string Protocol);

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
