using SmiProxy.Clusters;
using SmiProxy.Identity;
using SmiProxy.Settings;
using Yarp.ReverseProxy.Forwarder;

namespace SmiProxy.Pipeline;

/// <summary>
/// The outbound request transform. The base copies the app's headers — including Host, because
/// clients address the apex and the destination must see it — minus hop-by-hop ones (the app's
/// <c>x-smi-*</c> headers were already stripped). For a meshed endpoint it adds the mesh headers and
/// tells the connect callback which identity the endpoint must prove.
/// </summary>
internal sealed class OutboundTransformer : HttpTransformer
{
    private readonly string _sourcePod;

    public OutboundTransformer(SidecarProxyOptions options) =>
        _sourcePod = string.IsNullOrEmpty(options.PodName) ? WorkloadInfo.Unknown : options.PodName;

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        HttpVersions.KeepIncoming(httpContext, proxyRequest);
        var state = httpContext.Features.Get<OutboundRequestState>()!;
        var destination = httpContext.GetReverseProxyFeature().ProxiedDestination!;
        var endpoint = MeshEndpoint.For(destination.Model);
        state.Endpoint = endpoint;
        var config = state.Config;
        proxyRequest.Options.Set(MeshConnectionInfo.Key, endpoint.ConnectionInfo(state.Route.Resilience.ConnectTimeout, config.TrustDomain));
        if (endpoint.SpiffeId is null)
        {
            // An unmeshed endpoint is the app itself: it gets the request as the client sent it.
            return;
        }

        var headers = proxyRequest.Headers;
        headers.TryAddWithoutValidation(MeshHeaders.DestinationPort, endpoint.ContainerPort);
        headers.TryAddWithoutValidation(MeshHeaders.DestinationService, state.Backend.Service);
        headers.TryAddWithoutValidation(MeshHeaders.ApexService, state.Service.Key);
        headers.TryAddWithoutValidation(MeshHeaders.SourceWorkload, config.Local.WorkloadHeader);
        headers.TryAddWithoutValidation(MeshHeaders.SourcePod, _sourcePod);
    }

    public override ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is not null)
        {
            httpContext.Features.Get<OutboundRequestState>()?.Deadline?.ResponseStarted();
        }

        return base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }
}
