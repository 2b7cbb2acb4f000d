using SmiProxy.Clusters;
using SmiProxy.Configuration;
using SmiProxy.Policies;
using SmiProxy.Resilience;
using SmiProxy.Routing;

namespace SmiProxy.Pipeline;

/// <summary>Per-request state of an outbound request, shared by the handler and the transformer (a request feature).</summary>
internal sealed class OutboundRequestState
{
    public OutboundRequestState(CompiledConfig config, OutboundServiceEntry service, OutboundRouteEntry route, BackendEntry backend)
    {
        Config = config;
        Service = service;
        Route = route;
        Backend = backend;
    }

    public CompiledConfig Config { get; }

    public OutboundServiceEntry Service { get; }

    public OutboundRouteEntry Route { get; }

    public BackendEntry Backend { get; }

    public RequestDeadline? Deadline { get; set; }

    /// <summary>The TrafficPolicy entry applying to the request, if any.</summary>
    public OutboundPolicyEntry? Policy { get; init; }

    /// <summary>The endpoint of the latest attempt (set by the transformer once YARP has picked it).</summary>
    public MeshEndpoint? Endpoint { get; set; }
}
