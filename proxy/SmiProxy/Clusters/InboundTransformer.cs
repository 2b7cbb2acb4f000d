using Yarp.ReverseProxy.Forwarder;

namespace SmiProxy.Clusters;

/// <summary>The inbound request transform: the request goes to the app as it arrived (headers copied as YARP's empty transformer does), in the same HTTP version.</summary>
internal sealed class InboundTransformer : HttpTransformer
{
    public static readonly InboundTransformer Instance = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        HttpVersions.KeepIncoming(httpContext, proxyRequest);
    }
}
