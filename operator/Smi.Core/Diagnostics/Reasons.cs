namespace Smi.Core.Diagnostics;

/// <summary>
/// Reasons used in conditions and diagnostics (stable: users alert on them). Reasons and messages
/// speak SMI's language to the user who wrote the object — "root Service" for the TrafficSplit's
/// <c>spec.service</c> — which the code and the ProxyConfig call the apex.
/// </summary>
public static class Reasons
{
    /// <summary>Accepted.</summary>
    public const string Accepted = "Accepted";

    /// <summary>All references resolved.</summary>
    public const string ResolvedRefs = "ResolvedRefs";

    /// <summary>The object fails validation.</summary>
    public const string Invalid = "Invalid";

    /// <summary>Another object already claims what this one claims.</summary>
    public const string Conflict = "Conflict";

    /// <summary>The split's apex (SMI: root) Service does not exist.</summary>
    public const string RootServiceNotFound = "RootServiceNotFound";

    /// <summary>A backend Service does not exist.</summary>
    public const string BackendNotFound = "BackendNotFound";

    /// <summary>A backend Service lacks a port of the apex Service.</summary>
    public const string BackendPortMismatch = "BackendPortMismatch";

    /// <summary>A backend has no ready endpoints; its share goes to the other backends.</summary>
    public const string BackendHasNoEndpoints = "BackendHasNoEndpoints";

    /// <summary>A backend has weight zero and receives nothing.</summary>
    public const string ZeroWeightBackend = "ZeroWeightBackend";

    /// <summary>Weights sum to zero.</summary>
    public const string ZeroTotalWeight = "ZeroTotalWeight";

    /// <summary>No backend can take traffic: the apex Service's own endpoints do.</summary>
    public const string FallbackToRootService = "FallbackToRootService";

    /// <summary>The apex Service is also one of its backends.</summary>
    public const string SelfReferential = "SelfReferential";

    /// <summary>A referenced route object does not exist.</summary>
    public const string RouteNotFound = "RouteNotFound";

    /// <summary>A referenced match name does not exist in its HTTPRouteGroup.</summary>
    public const string MatchNotFound = "MatchNotFound";

    /// <summary>A referenced HTTPRouteGroup has no matches.</summary>
    public const string EmptyRouteGroup = "EmptyRouteGroup";

    /// <summary>A TrafficTarget grants no traffic at all.</summary>
    public const string GrantsNothing = "GrantsNothing";

    /// <summary>A split sends traffic to an identity the caller may not reach.</summary>
    public const string BackendDenied = "BackendDenied";

    /// <summary>A TrafficPolicy sets a field an older policy of the same specificity already sets; the older one wins.</summary>
    public const string Conflicted = "Conflicted";

    /// <summary>A TrafficPolicy's target Service does not exist.</summary>
    public const string TargetNotFound = "TargetNotFound";

    /// <summary>A TrafficPolicy's port is not a port of its target Service.</summary>
    public const string PortNotFound = "PortNotFound";

    /// <summary>A TrafficPolicy's mirror Service (or its port) does not exist.</summary>
    public const string MirrorNotFound = "MirrorNotFound";

    /// <summary>A setting has no effect where it is written (e.g. load balancing on a policy with matches).</summary>
    public const string Ignored = "Ignored";

    /// <summary>The object's namespace is not part of the mesh.</summary>
    public const string NamespaceNotMeshed = "NamespaceNotMeshed";
}
