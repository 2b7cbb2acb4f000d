namespace Smi.ProxyConfig.Matching;

/// <summary>
/// The headers of the request an HTTP match is evaluated on. Callers pass value types (the proxy
/// wraps the live request, explain its <c>ExplainRequest</c>), so evaluation is specialised per
/// caller and allocates nothing.
/// </summary>
public interface IRequestHeaders
{
    /// <summary>The value of header <paramref name="name"/> (repeated headers joined with ",", as Envoy does), or null when absent.</summary>
    string? Get(string name);
}
