using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Smi.Sandbox.Tests.Flagger;

/// <summary>Steady load from one pod's outbound proxy (as Flagger's load tester would send it), recording every outcome.</summary>
internal sealed class CanaryLoad : IAsyncDisposable
{
    private readonly ConcurrentQueue<LoadOutcome> _outcomes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _client;
    private readonly Task _loop;

    public CanaryLoad(string outboundProxy, Uri target, double requestsPerSecond)
    {
        _client = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy(outboundProxy), UseProxy = true }) { Timeout = TimeSpan.FromSeconds(10) };
        _loop = Task.Run(() => RunAsync(target, requestsPerSecond, _stop.Token));
    }

    /// <summary>Outcomes of requests that finished between two <see cref="Stopwatch"/> timestamps.</summary>
    public IReadOnlyList<LoadOutcome> Between(long from, long to) => _outcomes.Where(o => o.Timestamp >= from && o.Timestamp < to).ToList();

    public IReadOnlyList<LoadOutcome> All => _outcomes.ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(30));
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(Uri target, double requestsPerSecond, CancellationToken cancellationToken)
    {
        var interval = Stopwatch.Frequency / requestsPerSecond;
        var next = (double)Stopwatch.GetTimestamp();
        var inFlight = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            inFlight.Add(SendAsync(target));
            inFlight.RemoveAll(t => t.IsCompleted);
            next += interval;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), (long)next);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await Task.WhenAll(inFlight).WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
    }

    private async Task SendAsync(Uri target)
    {
        try
        {
            using var response = await _client.GetAsync(target);
            var body = await response.Content.ReadAsStringAsync();
            string? pod = null;
            try
            {
                using var json = JsonDocument.Parse(body);
                pod = json.RootElement.TryGetProperty("pod", out var p) ? p.GetString() : null;
            }
            catch (JsonException)
            {
                // Not the echo app's answer (e.g. a proxy error): no pod.
            }

            _outcomes.Enqueue(new LoadOutcome(Stopwatch.GetTimestamp(), (int)response.StatusCode, pod, pod is null ? body : null));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            _outcomes.Enqueue(new LoadOutcome(Stopwatch.GetTimestamp(), 0, null, ex.Message));
        }
    }
}
