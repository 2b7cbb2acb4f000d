using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Smi.Operator.Telemetry;

namespace Smi.Operator.Tests.Operator;

/// <summary>
/// The counters of one operator replica, as its /metrics would show them. Read through a
/// <see cref="MeterListener"/> restricted to the replica's own <see cref="IMeterFactory"/>, not by
/// scraping: the Prometheus exporter subscribes to meters by name across the whole process, so with
/// several replicas (of parallel tests) in one process each /metrics mixes in — and loses, as they
/// stop — the others' series. Labels are written <c>key=value</c>.
/// </summary>
internal sealed class OperatorMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Labels), long> _sums = new();

    /// <summary>Listens from now on (start it before the replica, so that no measurement is missed).</summary>
    public OperatorMeasurements(IMeterFactory replica)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OperatorMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, replica))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var labels = new List<string>();
            foreach (var tag in tags)
            {
                labels.Add($"{tag.Key}={tag.Value}");
            }

            labels.Sort(StringComparer.Ordinal);
            _sums.AddOrUpdate((instrument.Name, string.Join(",", labels)), value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="counter"/> over every series carrying each of <paramref name="labels"/>, e.g. <c>Sum("smi_operator_reconcile", "result=error")</c>.</summary>
    public long Sum(string counter, params string[] labels) =>
        _sums.Where(kv => kv.Key.Instrument == counter && labels.All(l => kv.Key.Labels.Split(',').Contains(l, StringComparer.Ordinal))).Sum(kv => kv.Value);

    public void Dispose() => _listener.Dispose();
}
