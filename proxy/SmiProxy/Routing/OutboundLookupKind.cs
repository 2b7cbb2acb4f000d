namespace SmiProxy.Routing;

/// <summary>What the outbound side made of a request's host and port.</summary>
internal enum OutboundLookupKind
{
    /// <summary>A reachable service and one of its ports.</summary>
    Found,

    /// <summary>No usable Host (or absolute-form authority).</summary>
    BadHost,

    /// <summary>The host names no service this identity knows.</summary>
    UnknownService,

    /// <summary>The host names a mesh service no TrafficTarget lets this identity reach.</summary>
    DeniedService,

    /// <summary>The service exists but has no such port.</summary>
    UnknownPort,
}
