using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Smi.ProxyConfig;

/// <summary>A Service served (at least partly) by pods of this identity.</summary>
public sealed record InboundService
{
    /// <summary>Service namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Service name.</summary>
    public required string Name { get; init; }

    /// <summary>The Service as a key (not written: it is <see cref="Namespace"/> and <see cref="Name"/>).</summary>
    [JsonIgnore]
    public ServiceKey Key => new(Namespace, Name);

    /// <summary>
    /// Other Services whose traffic may arrive here because they split to this one (TrafficSplit
    /// roots): clients keep addressing the apex, so the apex host is accepted too. Sorted.
    /// </summary>
    public ImmutableArray<string> ApexServices { get; init; } = [];

    /// <summary>The Service's ports and the container ports they map to on this identity's pods.</summary>
    public ImmutableArray<ServicePortMapping> Ports { get; init; } = [];

    /// <summary>TrafficPolicy entries enforced here (rate limits, access logs).</summary>
    public ImmutableArray<InboundPolicy> Policies { get; init; } = [];
}
