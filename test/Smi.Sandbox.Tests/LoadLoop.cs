using System.Net;
using Smi.Testing;

namespace Smi.Sandbox.Tests;

/// <summary>Steady sequential load from one pod; every response is counted, non-2xx and errors as failures.</summary>
internal sealed class LoadLoop(SandboxRun sandbox, string from, string url)
{
    private readonly Dictionary<string, int> _byWorkload = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private int _total;
    private int _failures;

    public async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            string? answered = null;
            try
            {
                var (status, workload, _) = await sandbox.GetAsync(from, url);
                answered = status == HttpStatusCode.OK ? workload : null;
            }
            catch (HttpRequestException)
            {
            }

            lock (_lock)
            {
                if (answered is null)
                {
                    _failures++;
                }
                else
                {
                    _byWorkload[answered] = _byWorkload.GetValueOrDefault(answered) + 1;
                }

                _total++;
            }
        }
    }

    public (int Total, int Failures, Dictionary<string, int> ByWorkload) Snapshot()
    {
        lock (_lock)
        {
            return (_total, _failures, new Dictionary<string, int>(_byWorkload, StringComparer.Ordinal));
        }
    }

    public Task WaitForAsync(int total) =>
        Eventually.MatchAsync(Snapshot, s => s.Total >= total, $"{total} requests answered (the load stalled)", timeout: TimeSpan.FromSeconds(30));

    public async Task StopAsync(Task running)
    {
        await _stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(15));
        _stop.Dispose();
    }
}
