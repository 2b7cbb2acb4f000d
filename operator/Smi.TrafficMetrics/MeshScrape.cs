using System.Collections.Immutable;

namespace Smi.TrafficMetrics;

/// <summary>Every meshed pod's inbound series, scraped at (about) one instant. Pods that could not be scraped are absent.</summary>
internal sealed record MeshScrape(DateTimeOffset Time, ImmutableArray<PodTraffic> Pods);
