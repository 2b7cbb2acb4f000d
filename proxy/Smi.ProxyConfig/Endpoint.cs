namespace Smi.ProxyConfig;

/// <summary>
/// A ready endpoint. A meshed endpoint is reached over mTLS at <see cref="Address"/>:<see cref="InboundPort"/>
/// (its proxy's inbound listener), which forwards to <see cref="Port"/> on the pod; the server
/// certificate must assert <see cref="Identity"/>. An unmeshed endpoint is reached in plain text at
/// <see cref="Address"/>:<see cref="Port"/>.
/// </summary>
public sealed record Endpoint
{
    /// <summary>Pod IP address.</summary>
    public required string Address { get; init; }

    /// <summary>Container (target) port.</summary>
    public required int Port { get; init; }

    /// <summary>Pod name, when known (for metrics and explain).</summary>
    public string? Pod { get; init; }

    /// <summary>Identity of the pod ("namespace/serviceaccount"), when meshed.</summary>
    public string? Identity { get; init; }

    /// <summary>Port of the pod's proxy inbound listener; null when the pod has no proxy.</summary>
    public int? InboundPort { get; init; }
}
