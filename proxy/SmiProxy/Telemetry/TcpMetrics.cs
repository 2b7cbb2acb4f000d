using System.Diagnostics.Metrics;

namespace SmiProxy.Telemetry;

/// <summary>
/// Opaque TCP through the proxy, per connection: opened and closed connections and bytes each way,
/// by direction (<c>outbound</c>, <c>inbound</c>), source and destination identity (the peer's
/// SPIFFE-derived "namespace/serviceaccount", <c>unknown</c> for a plaintext peer, <c>external</c>
/// for passthrough) and destination service; refused connections by reason.
/// </summary>
internal sealed class TcpMetrics
{
    private readonly Counter<long> _opened;
    private readonly Counter<long> _closed;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _received;
    private readonly Counter<long> _refused;

    public TcpMetrics(IMeterFactory meterFactory, ProxyInstance instance)
    {
        var meter = meterFactory.Create(new MeterOptions(instance.MeterName));
        _opened = meter.CreateCounter<long>("smi_tcp_connections_opened", description: "Opaque TCP connections opened through the proxy.");
        _closed = meter.CreateCounter<long>("smi_tcp_connections_closed", description: "Opaque TCP connections closed.");
        _sent = meter.CreateCounter<long>("smi_tcp_sent_bytes", description: "Bytes sent toward the destination on opaque TCP connections.");
        _received = meter.CreateCounter<long>("smi_tcp_received_bytes", description: "Bytes received from the destination on opaque TCP connections.");
        _refused = meter.CreateCounter<long>("smi_tcp_connections_refused", description: "Connections the proxy closed without carrying them, by reason (denied, registry_only, not_local, no_endpoints, connect_failed, no_config).");
    }

    public void Opened(in TcpLabels labels) => _opened.Add(1, labels.Tags());

    public void Closed(in TcpLabels labels, long sent, long received)
    {
        var tags = labels.Tags();
        _closed.Add(1, tags);
        _sent.Add(sent, tags);
        _received.Add(received, tags);
    }

    public void Refused(string direction, string reason, string source, string destination) =>
        _refused.Add(1, new("direction", direction), new("reason", reason), new("source_identity", source), new("destination", destination));
}
