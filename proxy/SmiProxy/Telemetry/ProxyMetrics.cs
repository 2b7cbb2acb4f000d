using System.Diagnostics;
using System.Diagnostics.Metrics;
using Smi.ProxyConfig.Sidecar;

namespace SmiProxy.Telemetry;

/// <summary>
/// The proxy's instruments, on a meter whose name is unique to this instance. Instrument names are
/// the Prometheus names minus the <c>_total</c> suffix the exporter adds to counters; no instrument
/// has a unit, so no unit suffix is appended (docs/proxy.md lists every series and label).
/// </summary>
internal sealed class ProxyMetrics
{
    /// <summary>Buckets of the proxy's own <c>smi_*</c> histograms, in milliseconds: modest, one series per bucket per label set.</summary>
    public static readonly IReadOnlyList<double> DurationBucketsMs = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];

    /// <summary>
    /// Envoy's default histogram bounds (ms), which Istio's <c>istio_request_duration_milliseconds</c>
    /// and OSM's <c>osm_request_duration_ms</c> (Envoy stats) expose: dashboards and recording rules
    /// written for those meshes see the same <c>le</c> values.
    /// </summary>
    public static readonly IReadOnlyList<double> EnvoyBucketsMs = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];

    /// <summary>linkerd2-proxy's <c>response_latency_ms</c> bounds (ms).</summary>
    public static readonly IReadOnlyList<double> LinkerdBucketsMs = [1, 10, 50, 100, 200, 300, 400, 500, 1000, 5000, 10000];

    private readonly MetricShapes _shapes;
    private readonly Counter<long> _inboundRequests;
    private readonly Histogram<double> _inboundDuration;
    private readonly Counter<long> _outboundRequests;
    private readonly Histogram<double> _outboundDuration;
    private readonly Counter<long> _istioRequests;
    private readonly Histogram<double> _istioDuration;
    private readonly Counter<long> _osmRequests;
    private readonly Histogram<double> _osmDuration;
    private readonly Counter<long> _linkerdResponses;
    private readonly Histogram<double> _linkerdLatency;
    private readonly Counter<long> _configReloads;
    private readonly Counter<long> _certificateReloads;
    private readonly Counter<long> _mirrored;
    private readonly Counter<long> _faults;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _grpcResponses;

    public ProxyMetrics(IMeterFactory meterFactory, ProxyInstance instance, IServingStatus state)
    {
        _shapes = instance.Options.MetricShapes;
        var meter = meterFactory.Create(new MeterOptions(instance.MeterName));
        var buckets = new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBucketsMs };
        var envoyBuckets = new InstrumentAdvice<double> { HistogramBucketBoundaries = EnvoyBucketsMs };
        var linkerdBuckets = new InstrumentAdvice<double> { HistogramBucketBoundaries = LinkerdBucketsMs };

        _inboundRequests = meter.CreateCounter<long>("smi_requests", description: "Requests received by the inbound listener.");
        _inboundDuration = meter.CreateHistogram("smi_request_duration_ms", unit: null, description: "Inbound request duration in milliseconds.", tags: null, advice: buckets);
        _outboundRequests = meter.CreateCounter<long>("smi_outbound_requests", description: "Requests sent by the app through the outbound listener.");
        _outboundDuration = meter.CreateHistogram("smi_outbound_request_duration_ms", unit: null, description: "Outbound request duration in milliseconds.", tags: null, advice: buckets);
        _istioRequests = meter.CreateCounter<long>("istio_requests", description: "Istio-shaped request count (reporter=destination) for Flagger.");
        _istioDuration = meter.CreateHistogram("istio_request_duration_milliseconds", unit: null, description: "Istio-shaped request duration for Flagger.", tags: null, advice: envoyBuckets);
        _osmRequests = meter.CreateCounter<long>("osm_request", description: "OSM-shaped request count for Flagger.");
        _osmDuration = meter.CreateHistogram("osm_request_duration_ms", unit: null, description: "OSM-shaped request duration for Flagger.", tags: null, advice: envoyBuckets);
        _linkerdResponses = meter.CreateCounter<long>("response", description: "Linkerd-shaped response count (direction=inbound) for Flagger.");
        _linkerdLatency = meter.CreateHistogram("response_latency_ms", unit: null, description: "Linkerd-shaped response latency for Flagger.", tags: null, advice: linkerdBuckets);
        _configReloads = meter.CreateCounter<long>("smi_proxy_config_reload", description: "Config documents read, by outcome.");
        _certificateReloads = meter.CreateCounter<long>("smi_proxy_certificate_reload", description: "Certificate directory loads, by outcome.");
        _mirrored = meter.CreateCounter<long>("smi_mirror_requests", description: "Request copies for TrafficPolicy mirroring, by mirror service and result (sent, failed, dropped, skipped_body, no_endpoints).");
        _faults = meter.CreateCounter<long>("smi_faults_injected", description: "Requests delayed or aborted by TrafficPolicy fault injection.");
        _rateLimited = meter.CreateCounter<long>("smi_rate_limited", description: "Requests answered 429 by a TrafficPolicy rate limit, by limit and caller.");
        _grpcResponses = meter.CreateCounter<long>("smi_grpc_responses", description: "gRPC calls answered through the inbound listener, by grpc_status (from the trailers, or the headers of a trailers-only answer; unknown when the call broke off without one).");

        // Both outcomes exist from the start, so rate() and alerts see a zero instead of no series.
        foreach (var counter in new[] { _configReloads, _certificateReloads })
        {
            counter.Add(0, new KeyValuePair<string, object?>("result", "success"));
            counter.Add(0, new KeyValuePair<string, object?>("result", "failure"));
        }

        meter.CreateObservableGauge("smi_proxy_config_info", () => ObserveRevision(state), description: "1 for the config revision being served.");
        meter.CreateObservableGauge("smi_proxy_ready", () => state.IsReady ? 1 : 0, description: "1 once a config (and certificate, with mTLS) is loaded.");
        meter.CreateObservableGauge("smi_proxy_certificate_expiration_timestamp_seconds", () => ObserveCertificateExpiry(state), description: "Expiry of the proxy certificate, Unix seconds.");
    }

    public void Mirrored(string service, string result) =>
        _mirrored.Add(1, new KeyValuePair<string, object?>("mirror_service", service), new KeyValuePair<string, object?>("result", result));

    public void FaultInjected(string kind, string policy) =>
        _faults.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("policy", policy));

    /// <summary>Counts a gRPC call (content type application/grpc) with its status; other requests are ignored.</summary>
    public void GrpcResponse(HttpContext context, string source, string destinationService)
    {
        if (context.Request.ContentType is not { } type || !type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var status = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseTrailersFeature>()?.Trailers?["grpc-status"].ToString();
        if (string.IsNullOrEmpty(status))
        {
            status = context.Response.Headers["grpc-status"].ToString();
        }

        _grpcResponses.Add(
            1,
            new KeyValuePair<string, object?>("source_identity", source),
            new KeyValuePair<string, object?>("destination_service", destinationService),
            new KeyValuePair<string, object?>("grpc_status", string.IsNullOrEmpty(status) ? "unknown" : status));
    }

    public void RateLimited(string limit, string source) =>
        _rateLimited.Add(1, new KeyValuePair<string, object?>("limit", limit), new KeyValuePair<string, object?>("source_identity", source));

    public void ConfigReload(bool success) => _configReloads.Add(1, new KeyValuePair<string, object?>("result", success ? "success" : "failure"));

    public void CertificateReload(bool success) => _certificateReloads.Add(1, new KeyValuePair<string, object?>("result", success ? "success" : "failure"));

    public void RecordOutbound(in OutboundRecord record, LocalLabels local)
    {
        var status = StatusCodeLabels.Get(record.StatusCode);
        var tags = new TagList
        {
            { "source_identity", local.Identity },
            { "destination_identity", record.DestinationIdentity },
            { "destination_service", record.DestinationService },
            { "backend", record.Backend },
            { "status_code", status },
            { "classification", StatusCodeLabels.Classify(record.StatusCode) },
        };
        _outboundRequests.Add(1, tags);
        _outboundDuration.Record(record.DurationMs, tags);
    }

    public void RecordInbound(in InboundRecord record, LocalLabels local)
    {
        var status = StatusCodeLabels.Get(record.StatusCode);
        var classification = StatusCodeLabels.Classify(record.StatusCode);
        var source = record.Source;
        // Source workload and pod let the operator's TrafficMetrics API build pod and workload edges.
        // Eight tags: TagList keeps up to eight inline, so recording allocates no tag array.
        var tags = new TagList
        {
            { "source_identity", source.Identity },
            { "source_workload", source.WorkloadRef },
            { "source_pod", source.Pod },
            { "destination_identity", local.Identity },
            { "destination_service", record.DestinationService.Key },
            { "backend", record.Backend.Key },
            { "status_code", status },
            { "classification", classification },
        };
        _inboundRequests.Add(1, tags);
        _inboundDuration.Record(record.DurationMs, tags);

        var workload = local.Workload;
        if ((_shapes & MetricShapes.Istio) != 0)
        {
            var istio = new TagList
            {
                { "reporter", "destination" },
                { "source_workload", source.Workload },
                { "source_workload_namespace", source.Namespace },
                { "source_principal", source.Principal },
                { "destination_workload", workload.Name },
                { "destination_workload_namespace", workload.Namespace },
                { "destination_principal", local.Principal },
                { "destination_service", record.Backend.Fqdn },
                { "destination_service_name", record.Backend.Name },
                { "destination_service_namespace", record.Backend.Namespace },
                { "request_protocol", "http" },
                { "response_code", status },
                { "connection_security_policy", source.MutualTls ? "mutual_tls" : "none" },
            };
            _istioRequests.Add(1, istio);
            _istioDuration.Record(record.DurationMs, istio);
        }

        if ((_shapes & MetricShapes.Osm) != 0)
        {
            var osm = new TagList
            {
                { "source_namespace", source.Namespace },
                { "source_kind", source.WorkloadKind },
                { "source_name", source.Workload },
                { "source_pod", source.Pod },
                { "destination_namespace", workload.Namespace },
                { "destination_kind", workload.Kind },
                { "destination_name", workload.Name },
                { "destination_pod", workload.Pod },
            };
            _osmDuration.Record(record.DurationMs, osm);
            osm.Add("response_code", status);
            _osmRequests.Add(1, osm);
        }

        if ((_shapes & MetricShapes.Linkerd) != 0)
        {
            var linkerd = new TagList
            {
                { "direction", "inbound" },
                { "namespace", workload.Namespace },
                { local.WorkloadLabelName, workload.Name },
                { "pod", workload.Pod },
                { "tls", source.MutualTls ? "true" : "no_identity" },
                { "client_id", source.Principal },
                { "status_code", status },
            };
            _linkerdLatency.Record(record.DurationMs, linkerd);
            linkerd.Add("classification", classification);
            _linkerdResponses.Add(1, linkerd);
        }
    }

    private static IEnumerable<Measurement<int>> ObserveRevision(IServingStatus state)
    {
        if (state.ServedRevision is { } revision)
        {
            yield return new Measurement<int>(1, new KeyValuePair<string, object?>("revision", revision));
        }
    }

    private static IEnumerable<Measurement<double>> ObserveCertificateExpiry(IServingStatus state)
    {
        if (state.CertificateNotAfter is { } notAfter)
        {
            yield return new Measurement<double>(notAfter.ToUnixTimeSeconds());
        }
    }
}
