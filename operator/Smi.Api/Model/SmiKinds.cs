namespace Smi.Api.Model;

/// <summary>The kinds and API groups of SMI.</summary>
public static class SmiKinds
{
    /// <summary>split.smi-spec.io TrafficSplit.</summary>
    public const string TrafficSplit = "TrafficSplit";

    /// <summary>access.smi-spec.io TrafficTarget.</summary>
    public const string TrafficTarget = "TrafficTarget";

    /// <summary>specs.smi-spec.io HTTPRouteGroup.</summary>
    public const string HttpRouteGroup = "HTTPRouteGroup";

    /// <summary>specs.smi-spec.io TCPRoute.</summary>
    public const string TcpRoute = "TCPRoute";

    /// <summary>specs.smi-spec.io UDPRoute.</summary>
    public const string UdpRoute = "UDPRoute";

    /// <summary>policy.smi-operator.io TrafficPolicy: our own extension (mirroring, rate limits, faults, load balancing, access logs).</summary>
    public const string TrafficPolicy = "TrafficPolicy";

    /// <summary>The core kind a TrafficPolicy targets.</summary>
    public const string Service = "Service";

    /// <summary>The only identity kind SMI defines.</summary>
    public const string ServiceAccount = "ServiceAccount";

    /// <summary>API group of TrafficSplit.</summary>
    public const string SplitGroup = "split.smi-spec.io";

    /// <summary>API group of TrafficTarget.</summary>
    public const string AccessGroup = "access.smi-spec.io";

    /// <summary>API group of HTTPRouteGroup, TCPRoute and UDPRoute.</summary>
    public const string SpecsGroup = "specs.smi-spec.io";

    /// <summary>API group of our own extension kinds (TrafficPolicy); not part of SMI.</summary>
    public const string PolicyGroup = "policy.smi-operator.io";
}
