using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Smi.Sandbox;

/// <summary>
/// Steady traffic from one simulated pod (through its outbound proxy, as its app would) and a live
/// table of where it lands, refreshed every second like `linkerd viz stat`: per backend pod the
/// requests in the last second, success rate, latency, and per status the totals.
/// </summary>
internal sealed class LoadGenerator(string outboundProxy, Uri target, double requestsPerSecond, TextWriter output)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Window> _byPod = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _statusTotals = new(StringComparer.Ordinal);
    private long _sent;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            Proxy = new WebProxy(outboundProxy),
            UseProxy = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var interactive = !Console.IsOutputRedirected;
        var render = RenderLoopAsync(interactive, cancellationToken);
        var interval = TimeSpan.FromSeconds(1 / requestsPerSecond);
        var next = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                inFlight.Add(SendAsync(client, cancellationToken));
                inFlight.RemoveAll(t => t.IsCompleted);
                next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        await render.ConfigureAwait(false);
    }

    /// <summary>The table as text (also what tests read).</summary>
    public string Render()
    {
        var now = Stopwatch.GetTimestamp();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"GET {target} from {outboundProxy}   sent {Interlocked.Read(ref _sent)}   {DateTime.Now:HH:mm:ss}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"BACKEND POD",-32} {"RPS",6} {"SUCCESS",8} {"P50 ms",7} {"P99 ms",7} {"TOTAL",8}");
        lock (_lock)
        {
            foreach (var (pod, window) in _byPod.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var (rps, success, p50, p99) = window.Stats(now);
                text.AppendLine(CultureInfo.InvariantCulture, $"{pod,-32} {rps,6:0.0} {success,7:0.0}% {p50,7:0.0} {p99,7:0.0} {window.Total,8}");
            }

            text.AppendLine("STATUS   " + string.Join("   ", _statusTotals.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value}")));
        }

        return text.ToString();
    }

    private async Task SendAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        string pod;
        string status;
        Interlocked.Increment(ref _sent);
        try
        {
            using var response = await client.GetAsync(target, cancellationToken).ConfigureAwait(false);
            status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            pod = PodOf(body) ?? (response.Headers.TryGetValues("x-smi-reason", out var reason) ? $"(proxy: {string.Join(" ", reason)})" : "(no pod)");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            status = "error";
            pod = "(no response)";
        }

        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        lock (_lock)
        {
            if (!_byPod.TryGetValue(pod, out var window))
            {
                window = new Window();
                _byPod[pod] = window;
            }

            window.Record(Stopwatch.GetTimestamp(), elapsed, status.StartsWith('2'));
            _statusTotals[status] = _statusTotals.GetValueOrDefault(status) + 1;
        }
    }

    private async Task RenderLoopAsync(bool interactive, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var table = Render();
            await output.WriteAsync(interactive ? "\u001b[H\u001b[2J" + table : table + Environment.NewLine).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? PodOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("pod", out var pod) ? pod.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Samples of the last 10 s for one backend pod.</summary>
    private sealed class Window
    {
        private readonly Queue<(long At, double Ms, bool Ok)> _samples = new();

        public long Total { get; private set; }

        public void Record(long at, double ms, bool ok)
        {
            _samples.Enqueue((at, ms, ok));
            Total++;
        }

        public (double Rps, double Success, double P50, double P99) Stats(long now)
        {
            while (_samples.Count > 0 && Stopwatch.GetElapsedTime(_samples.Peek().At, now) > TimeSpan.FromSeconds(10))
            {
                _samples.Dequeue();
            }

            if (_samples.Count == 0)
            {
                return (0, 0, 0, 0);
            }

            var lastSecond = _samples.Count(s => Stopwatch.GetElapsedTime(s.At, now) <= TimeSpan.FromSeconds(1));
            var latencies = _samples.Select(s => s.Ms).Order().ToArray();
            return (lastSecond, 100.0 * _samples.Count(s => s.Ok) / _samples.Count, latencies[latencies.Length / 2], latencies[Math.Min(latencies.Length - 1, (int)(latencies.Length * 0.99))]);
        }
    }
}
