using System.Collections.Immutable;

namespace Smi.TrafficMetrics;

/// <summary>One pod's inbound series at one scrape.</summary>
internal sealed record PodTraffic(PodRef Pod, ImmutableArray<InboundSeries> Series);
