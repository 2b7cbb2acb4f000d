namespace Smi.TrafficMetrics;

/// <summary>Reads every meshed pod's proxy metrics at once. Tests feed scrapes through it; the operator and the sandbox scrape over HTTP.</summary>
internal interface IMeshMetricsSource
{
    Task<MeshScrape> ScrapeAsync(CancellationToken cancellationToken);
}
