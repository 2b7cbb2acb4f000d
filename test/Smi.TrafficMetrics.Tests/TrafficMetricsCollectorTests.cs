using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Smi.TrafficMetrics.Tests;

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

    [Fact]
    public async Task Background_ScrapesOnlyWhileTheApiIsInUse()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(MetricsSamples.Now);
        var source = new CountingSource(time);
        using var collector = new TrafficMetricsCollector(source, new TrafficMetricsOptions(), time, NullLogger<TrafficMetricsCollector>.Instance);
        await collector.StartAsync(ct);

        await AdvanceAsync(time, TimeSpan.FromMinutes(1));
        Assert.Equal(0, source.Scrapes);

        var first = collector.WindowAsync(ct);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), (await first.WaitAsync(TimeSpan.FromSeconds(5), ct)).Window);

        await AdvanceAsync(time, TimeSpan.FromMinutes(1));
        Assert.InRange(source.Scrapes, 7, 9);

        // Idle for longer than IdleAfter (5 min): the periodic scrapes stop.
        await AdvanceAsync(time, TimeSpan.FromMinutes(5));
        var stopped = source.Scrapes;
        await AdvanceAsync(time, TimeSpan.FromMinutes(2));
        Assert.Equal(stopped, source.Scrapes);
        await collector.StopAsync(ct);
    }

    /// <summary>Moves fake time in scrape-interval steps, letting the background loop run after each.</summary>
    private static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan by)
    {
        for (var step = TimeSpan.Zero; step < by; step += TimeSpan.FromSeconds(10))
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Each scrape: one pod whose success counter grew by 10.</summary>
    private sealed class CountingSource(TimeProvider? time = null) : IMeshMetricsSource
    {
        private int _scrapes;

        public int Scrapes => Volatile.Read(ref _scrapes);

        public Task<MeshScrape> ScrapeAsync(CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _scrapes);
            var series = new InboundSeries(MetricsSamples.Key, 10 * n, 0, [(double.PositiveInfinity, 10 * n)]);
            return Task.FromResult(new MeshScrape((time ?? TimeProvider.System).GetUtcNow(), [new PodTraffic(new PodRef("demo", "podinfo-0", "Deployment", "podinfo"), [series])]));
        }
    }
}
