using Microsoft.Extensions.Logging.Abstractions;
using SmiOperator.Metrics;

namespace SmiOperator.Tests.Metrics;

public sealed class TrafficMetricsCollectorTests
{
    [Fact]
    public async Task Window_NoHistoryYet_ScrapesTwiceASecondApart_AndReportsThatWindow()
    {
        var source = new CountingSource();
        using var collector = new TrafficMetricsCollector(source, new TrafficMetricsOptions(), TimeProvider.System, NullLogger<TrafficMetricsCollector>.Instance);

        var window = await collector.WindowAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, source.Scrapes);
        Assert.InRange(window.Window, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        var edge = Assert.Single(window.Edges);
        Assert.Equal(10, edge.Series.Success);
    }

    /// <summary>Each scrape: one pod whose success counter grew by 10.</summary>
    private sealed class CountingSource : IMeshMetricsSource
    {
        public int Scrapes { get; private set; }

        public Task<MeshScrape> ScrapeAsync(CancellationToken cancellationToken)
        {
            Scrapes++;
            var series = new InboundSeries(MetricsSamples.Key, 10 * Scrapes, 0, [(double.PositiveInfinity, 10 * Scrapes)]);
            return Task.FromResult(new MeshScrape(DateTimeOffset.UtcNow, [new PodTraffic(new PodRef("demo", "podinfo-0", "Deployment", "podinfo"), [series])]));
        }
    }
}
