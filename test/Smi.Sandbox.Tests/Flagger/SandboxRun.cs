using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Smi.TrafficMetrics;

namespace Smi.Sandbox.Tests.Flagger;

/// <summary>The `sandbox` command run in-process on a folder, until disposed; reads its sandbox.json.</summary>
internal sealed class SandboxRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _run;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private SandboxRun(string stateDir, Task<int> run, CancellationTokenSource stop)
    {
        StateDir = stateDir;
        _run = run;
        _stop = stop;
    }

    public string StateDir { get; }

    public IReadOnlyList<SandboxPod> Pods { get; private set; } = [];

    /// <summary>The sandbox's TrafficMetrics API (10 s window, scraping every 2 s).</summary>
    public Uri? TrafficMetrics { get; private init; }

    public static async Task<SandboxRun> StartAsync(string folder, string stateDir, int expectedPods, CancellationToken cancellationToken)
    {
        var stop = new CancellationTokenSource();
        var metricsEndpoint = new IPEndPoint(IPAddress.Loopback, FreePort());
        var host = new SandboxHost(
            new SandboxOptions
            {
                Folder = folder,
                StateDir = stateDir,
                TerminationGrace = TimeSpan.FromSeconds(1),
                TrafficMetricsEndpoint = metricsEndpoint,
                TrafficMetrics = new TrafficMetricsOptions { Window = TimeSpan.FromSeconds(10), ScrapeInterval = TimeSpan.FromSeconds(2) },
            },
            NullLoggerFactory.Instance,
            TextWriter.Null,
            TextWriter.Null);
        var run = Task.Run(() => host.RunAsync(stop.Token), CancellationToken.None);
        var sandbox = new SandboxRun(stateDir, run, stop) { TrafficMetrics = new Uri($"http://{metricsEndpoint}/apis/metrics.smi-spec.io/v1alpha1/") };
        try
        {
            await sandbox.WaitForPodsAsync(expectedPods, cancellationToken);
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }

        return sandbox;
    }

    public SandboxPod Pod(string name) => Pods.Single(p => p.Name == name);

    /// <summary>The config revision a pod's proxy serves (admin /config).</summary>
    public async Task<string?> RevisionAsync(SandboxPod pod, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(new Uri(pod.Admin), "/config"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("revision").GetString();
    }

    /// <summary>GET a path of the TrafficMetrics API (relative to …/v1alpha1/).</summary>
    public async Task<JsonNode> TrafficMetricsAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(TrafficMetrics!, path), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
        _http.Dispose();
    }

    private async Task WaitForPodsAsync(int expected, CancellationToken cancellationToken)
    {
        var file = Path.Combine(StateDir, "sandbox.json");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_run.IsCompleted)
            {
                throw new InvalidOperationException($"sandbox stopped early: {(_run.IsFaulted ? _run.Exception : _run.Result)}");
            }

            if (File.Exists(file))
            {
                try
                {
                    var listed = JsonSerializer.Deserialize<SandboxFile>(await File.ReadAllTextAsync(file, cancellationToken));
                    if (listed is not null && listed.Pods.Count == expected && await AllReadyAsync(listed.Pods, cancellationToken))
                    {
                        Pods = listed.Pods;
                        return;
                    }
                }
                catch (JsonException)
                {
                    // Being written.
                }
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"sandbox did not run {expected} ready pods within 60 s");
    }

    private async Task<bool> AllReadyAsync(IEnumerable<SandboxPod> pods, CancellationToken cancellationToken)
    {
        foreach (var pod in pods)
        {
            try
            {
                using var response = await _http.GetAsync(new Uri(new Uri(pod.Admin), "/ready"), cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }

        return true;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
