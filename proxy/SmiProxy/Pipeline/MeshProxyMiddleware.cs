using SmiProxy.Settings;

namespace SmiProxy.Pipeline;

/// <summary>
/// The first step of YARP's proxy pipeline (before load balancing, passive health and the
/// forwarder): sends each request to the outbound or inbound handler by the listener it came in on.
/// </summary>
internal sealed class MeshProxyMiddleware
{
    private readonly RequestDelegate _next;
    private readonly OutboundHandler _outbound;
    private readonly InboundHandler _inbound;

    public MeshProxyMiddleware(RequestDelegate next, OutboundHandler outbound, InboundHandler inbound)
    {
        _next = next;
        _outbound = outbound;
        _inbound = inbound;
    }

    public Task InvokeAsync(HttpContext context) =>
        context.Features.Get<ListenerFeature>()?.Kind == ListenerKind.Inbound
            ? _inbound.HandleAsync(context, _next)
            : _outbound.HandleAsync(context, _next);
}
