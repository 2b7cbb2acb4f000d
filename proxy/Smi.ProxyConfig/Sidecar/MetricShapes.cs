namespace Smi.ProxyConfig.Sidecar;

/// <summary>
/// Which Flagger-compatible metric families the inbound side records besides its own
/// <c>smi_*</c> series. Flagger has no SMI-specific queries: <c>smi:*</c> providers (and any
/// provider it does not know) query the Istio shape, <c>osm</c> the OSM shape, <c>linkerd</c> the
/// Linkerd shape (docs/proxy.md, "Metrics").
/// </summary>
[Flags]
public enum MetricShapes
{
    /// <summary>Only the proxy's own <c>smi_*</c> series.</summary>
    None = 0,

    /// <summary><c>istio_requests_total</c> and <c>istio_request_duration_milliseconds</c> with <c>reporter="destination"</c>.</summary>
    Istio = 1,

    /// <summary><c>osm_request_total</c> and <c>osm_request_duration_ms</c>.</summary>
    Osm = 2,

    /// <summary>Linkerd's <c>response_total</c> and <c>response_latency_ms</c> with <c>direction="inbound"</c>.</summary>
    Linkerd = 4,

    /// <summary>All three shapes.</summary>
    All = Istio | Osm | Linkerd,
}
