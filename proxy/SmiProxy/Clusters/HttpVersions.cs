using System.Net;

namespace SmiProxy.Clusters;

/// <summary>
/// Forwarded requests keep the HTTP version they arrived with: an HTTP/2 request (h2c from the app,
/// or HTTP/2 over mTLS from a peer proxy) leaves as HTTP/2 — over mTLS with ALPN h2 to a peer proxy,
/// as h2c (prior knowledge) to an app — so gRPC, its trailers and its streams cross the mesh as they
/// are; HTTP/1.1 stays HTTP/1.1 (and WebSocket upgrades with it).
/// </summary>
internal static class HttpVersions
{
    public static void KeepIncoming(HttpContext context, HttpRequestMessage proxyRequest)
    {
        if (HttpProtocol.IsHttp2(context.Request.Protocol))
        {
            proxyRequest.Version = HttpVersion.Version20;
            proxyRequest.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
    }
}
