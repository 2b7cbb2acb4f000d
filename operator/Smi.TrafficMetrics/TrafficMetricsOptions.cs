namespace Smi.TrafficMetrics;

/// <summary>How the TrafficMetrics API collects: a scrape of every proxy each <see cref="ScrapeInterval"/>, answers over <see cref="Window"/>.</summary>
internal sealed record TrafficMetricsOptions
{
    /// <summary>The window metrics cover (sdk-go's default is 30 s).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Periodic scraping stops this long after the last request (and restarts with the next).</summary>
    public TimeSpan IdleAfter { get; init; } = TimeSpan.FromMinutes(5);
}
