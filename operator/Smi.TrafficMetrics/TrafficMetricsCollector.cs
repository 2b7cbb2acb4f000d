using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Smi.TrafficMetrics.Api;

namespace Smi.TrafficMetrics;

/// <summary>
/// Scrapes every proxy periodically and keeps the scrapes of the last window, so that a request
/// is answered from the difference between the newest scrape and the one about a window older.
/// A request finding the newest scrape stale scrapes first; with no older scrape yet it scrapes
/// twice a second apart, so every answer covers a real, stated window. Scraping runs only while
/// the API is in use (a request within <see cref="TrafficMetricsOptions.IdleAfter"/>): a mesh
/// nobody asks about costs its proxies nothing.
/// </summary>
internal sealed partial class TrafficMetricsCollector(IMeshMetricsSource source, TrafficMetricsOptions options, TimeProvider time, ILogger<TrafficMetricsCollector> logger) : BackgroundService, ITrafficWindowSource
{
    private readonly List<MeshScrape> _history = [];
    private readonly SemaphoreSlim _scraping = new(1, 1);
    private long _lastQueriedTicks = DateTimeOffset.MinValue.UtcTicks;

    public async Task<TrafficWindow> WindowAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastQueriedTicks, time.GetUtcNow().UtcTicks);
        var latest = Latest();
        if (latest is null || time.GetUtcNow() - latest.Time > options.ScrapeInterval)
        {
            latest = await ScrapeAsync(cancellationToken).ConfigureAwait(false);
        }

        var earlier = Baseline(latest);
        if (earlier is null)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
            earlier = latest;
            latest = await ScrapeAsync(cancellationToken).ConfigureAwait(false);
        }

        return TrafficWindow.Between(earlier, latest);
    }

    public override void Dispose()
    {
        _scraping.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ScrapeInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastQueriedTicks) > options.IdleAfter.Ticks)
            {
                continue;
            }

            try
            {
                await ScrapeAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogScrapeFailed(logger, ex);
            }
        }
    }

    private MeshScrape? Latest()
    {
        lock (_history)
        {
            return _history.Count == 0 ? null : _history[^1];
        }
    }

    /// <summary>The older scrape closest to a window before <paramref name="latest"/>.</summary>
    private MeshScrape? Baseline(MeshScrape latest)
    {
        lock (_history)
        {
            var target = latest.Time - options.Window;
            return _history.Where(s => s.Time < latest.Time).OrderBy(s => Math.Abs((s.Time - target).Ticks)).FirstOrDefault();
        }
    }

    private async Task<MeshScrape> ScrapeAsync(CancellationToken cancellationToken)
    {
        await _scraping.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var scrape = await source.ScrapeAsync(cancellationToken).ConfigureAwait(false);
            lock (_history)
            {
                _history.Add(scrape);
                var keep = scrape.Time - options.Window - (2 * options.ScrapeInterval);
                _history.RemoveAll(s => s.Time < keep);
            }

            return scrape;
        }
        finally
        {
            _scraping.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "TrafficMetrics: scraping the proxies failed")]
    private static partial void LogScrapeFailed(ILogger logger, Exception exception);
}
