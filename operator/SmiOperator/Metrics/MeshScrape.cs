using System.Collections.Immutable;

namespace SmiOperator.Metrics;

/// <summary>One pod's inbound series at one scrape.</summary>
internal sealed record PodTraffic(PodRef Pod, ImmutableArray<InboundSeries> Series);

/// <summary>Every meshed pod's inbound series, scraped at (about) one instant. Pods that could not be scraped are absent.</summary>
internal sealed record MeshScrape(DateTimeOffset Time, ImmutableArray<PodTraffic> Pods);
