using System.Diagnostics.Metrics;

namespace Smi.Operator.Telemetry;

/// <summary>
/// The operator's own metrics (meter <c>SmiOperator</c>, exported on /metrics): reconcile counts,
/// durations and errors, queue depth, leadership, SMI objects it cannot read, and how long a change takes from the first
/// event to the ConfigMaps being written.
/// </summary>
internal sealed class OperatorMetrics
{
    public const string MeterName = "SmiOperator";
    private readonly Counter<long> _reconciles;
    private readonly Histogram<double> _reconcileDuration;
    private readonly Histogram<double> _pushLatency;
    private readonly Counter<long> _writes;
    private readonly Counter<long> _decodeFailures;
    private long _leader;
    private long _identities;

    public OperatorMetrics(IMeterFactory meters, Func<int> queueDepth)
    {
        var meter = meters.Create(MeterName);
        _reconciles = meter.CreateCounter<long>("smi_operator_reconcile", description: "Reconciles by result (success, error, skipped_unsynced).");
        _reconcileDuration = meter.CreateHistogram<double>("smi_operator_reconcile_duration", "s", "Duration of a reconcile (snapshot, compile, writes).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _pushLatency = meter.CreateHistogram<double>("smi_operator_config_push_latency", "s", "Time from the first cluster event of a batch to its ConfigMaps being written.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _writes = meter.CreateCounter<long>("smi_operator_writes", description: "API writes by kind (configmap, configmap_delete, status, event, secret, secret_delete).");
        _decodeFailures = meter.CreateCounter<long>("smi_operator_decode_failures", description: "SMI objects (each resourceVersion once) the operator could not read and left out of the mesh, by kind.");
        meter.CreateObservableGauge("smi_operator_queue_depth", queueDepth, description: "Keys waiting in the work queue.");
        meter.CreateObservableGauge("smi_operator_leader", () => Interlocked.Read(ref _leader), description: "1 while this replica holds the leader lease.");
        meter.CreateObservableGauge("smi_operator_proxy_identities", () => Interlocked.Read(ref _identities), description: "Proxy identities in the last compile.");
    }

    public void Reconciled(string result, double seconds)
    {
        _reconciles.Add(1, new KeyValuePair<string, object?>("result", result));
        _reconcileDuration.Record(seconds, new KeyValuePair<string, object?>("result", result));
    }

    public void Pushed(double seconds) => _pushLatency.Record(seconds);

    public void Wrote(string kind, int count)
    {
        if (count > 0)
        {
            _writes.Add(count, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    /// <summary>An SMI object of <paramref name="kind"/> could not be decoded.</summary>
    public void DecodeFailed(string kind) => _decodeFailures.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void SetLeader(bool leader) => Interlocked.Exchange(ref _leader, leader ? 1 : 0);

    public void SetIdentities(int count) => Interlocked.Exchange(ref _identities, count);
}
