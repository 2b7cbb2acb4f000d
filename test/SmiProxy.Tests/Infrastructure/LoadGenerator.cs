using System.Collections.Concurrent;
using System.Net;

namespace SmiProxy.Tests.Infrastructure;

/// <summary>Closed-loop load from a few workers until stopped; records every failure (status or exception).</summary>
internal sealed class LoadGenerator : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentDictionary<string, int> _byBackend = new(StringComparer.Ordinal);
    private int _succeeded;

    public LoadGenerator(HttpClient client, string url, int workers)
    {
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync(url, CancellationToken.None);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        _failures.Enqueue($"{(int)response.StatusCode}: {string.Join(",", response.Headers.TryGetValues("x-smi-reason", out var reason) ? reason : [])}");
                        continue;
                    }

                    var name = response.Headers.TryGetValues("x-echo-name", out var names) ? names.Single() : "?";
                    _byBackend.AddOrUpdate(name, 1, (_, n) => n + 1);
                    Interlocked.Increment(ref _succeeded);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    _failures.Enqueue(ex.Message);
                }
            }
        })).ToArray();
    }

    public int Succeeded => Volatile.Read(ref _succeeded);

    public Task RunForAsync(TimeSpan duration) => Task.Delay(duration, TestContext.Current.CancellationToken);

    /// <summary>Resets the per-backend counts (e.g. after a switch, to see where traffic goes now).</summary>
    public void ResetCounts() => _byBackend.Clear();

    public async Task<LoadResult> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers).WithTimeout();
        return new LoadResult(Succeeded, [.. _failures], new Dictionary<string, int>(_byBackend));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
