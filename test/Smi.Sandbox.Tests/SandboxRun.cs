using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Smi.Testing;
using Smi.TrafficMetrics;

namespace Smi.Sandbox.Tests;

/// <summary>
/// A running <c>sandbox</c> on a private copy of a folder: the real local control plane, echo apps
/// and proxy sidecars on loopback addresses, exactly as <c>smi-operator sandbox</c> runs them.
/// Tests edit the copy like a user edits the sample and send requests through the pods' outbound
/// listeners as listed in <c>sandbox.json</c>; the Flagger walk also reads the sandbox's
/// TrafficMetrics API and the pods' admin endpoints.
/// </summary>
internal sealed class SandboxRun : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long one readiness probe of a pod's admin /ready may take before it counts as not ready.</summary>
    private static readonly TimeSpan ReadyProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly string _root;
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;
    private readonly StringWriter _messages;
    private readonly HttpClient _admin = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    private SandboxRun(string root, Task<int> run, CancellationTokenSource stop, StringWriter messages, Uri? trafficMetrics)
    {
        _root = root;
        _run = run;
        _stop = stop;
        _messages = messages;
        TrafficMetrics = trafficMetrics;
    }

    public string Folder => Path.Combine(_root, "folder");

    public string StateDir => Path.Combine(_root, "state");

    /// <summary>sandbox.json as last waited for: every pod it lists was ready then.</summary>
    public SandboxFile File { get; private set; } = null!;

    public IReadOnlyList<SandboxPod> Pods => File.Pods;

    /// <summary>The sandbox's TrafficMetrics API (10 s window, scraping every 2 s), when started with it.</summary>
    public Uri? TrafficMetrics { get; }

    /// <summary>
    /// Copies <paramref name="sample"/> (a folder under config/samples, or null for an empty
    /// folder), lets <paramref name="prepare"/> edit the copy, starts the sandbox on it and waits
    /// until sandbox.json lists pods (all of them ready) that satisfy <paramref name="ready"/>.
    /// </summary>
    public static async Task<SandboxRun> StartAsync(
        string? sample,
        Action<string>? prepare = null,
        Func<SandboxFile, bool>? ready = null,
        bool trafficMetrics = false,
        CancellationToken cancellationToken = default)
    {
        var root = Path.Combine(Path.GetTempPath(), $"smi-sandbox-{Guid.NewGuid():N}");
        var folder = Path.Combine(root, "folder");
        Directory.CreateDirectory(folder);
        if (sample is not null)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Samples, sample), "*.yaml"))
            {
                if (Path.GetFileName(file) != "kustomization.yaml")
                {
                    System.IO.File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
                }
            }
        }

        prepare?.Invoke(folder);
        var options = new SandboxOptions
        {
            Folder = folder,
            StateDir = Path.Combine(root, "state"),
            TerminationGrace = TimeSpan.FromMilliseconds(200),
        };
        Uri? metricsApi = null;
        if (trafficMetrics)
        {
            var endpoint = new IPEndPoint(IPAddress.Loopback, FreeTcpPort.OnLoopback());
            options = options with
            {
                TrafficMetricsEndpoint = endpoint,
                TrafficMetrics = new TrafficMetricsOptions { Window = TimeSpan.FromSeconds(10), ScrapeInterval = TimeSpan.FromSeconds(2) },
            };
            metricsApi = new Uri($"http://{endpoint}/apis/metrics.smi-spec.io/v1alpha1/");
        }

        var stop = new CancellationTokenSource();
        var messages = new StringWriter();
        var host = new SandboxHost(options, NullLoggerFactory.Instance, TextWriter.Null, TextWriter.Synchronized(messages));
        var run = Task.Run(() => host.RunAsync(stop.Token), CancellationToken.None);
        var sandbox = new SandboxRun(root, run, stop, messages, metricsApi);
        try
        {
            await sandbox.WaitForPodsAsync(ready ?? (_ => true), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return sandbox;
    }

    /// <summary>Waits until sandbox.json satisfies <paramref name="condition"/> and every listed proxy is ready.</summary>
    public async Task WaitForPodsAsync(Func<SandboxFile, bool> condition, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(StateDir, "sandbox.json");
        File = await Eventually.ValueAsync(
            async () =>
            {
                if (_run.IsCompleted)
                {
                    throw new InvalidOperationException($"the sandbox stopped: {await DescribeStopAsync().ConfigureAwait(false)}");
                }

                return TryRead(path) is { Pods.Count: > 0 } file && condition(file) && await AllReadyAsync(file, cancellationToken).ConfigureAwait(false) ? file : null;
            },
            "sandbox.json to list the expected pods, every proxy ready",
            timeout: StartTimeout,
            pollInterval: TimeSpan.FromMilliseconds(50),
            details: () => $"sandbox messages:\n{_messages}",
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public SandboxPod Pod(string workload) =>
        File.Pods.FirstOrDefault(p => WorkloadName(p) == workload || p.Name == workload)
        ?? throw new InvalidOperationException($"no pod of {workload} in sandbox.json: {string.Join(", ", File.Pods.Select(p => p.Name))}");

    /// <summary>The workload (Deployment) of a pod named in an echo reply.</summary>
    public string WorkloadOf(string pod) =>
        (File.Pods.FirstOrDefault(p => p.Name == pod) is { } found ? WorkloadName(found) : null) ?? throw new InvalidOperationException($"unknown pod {pod}");

    /// <summary>An HTTP client whose requests leave from <paramref name="workload"/>'s first pod, through its outbound listener.</summary>
    public HttpClient From(string workload)
    {
        var pod = Pod(workload);
        if (!_clients.TryGetValue(pod.Name, out var client))
        {
            var handler = new SocketsHttpHandler
            {
                Proxy = new WebProxy(new Uri(pod.Outbound)),
                UseProxy = true,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            };
            client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
            _clients[pod.Name] = client;
        }

        return client;
    }

    /// <summary>Sends one request and returns its status and, for echo replies, the workload that answered.</summary>
    public async Task<(HttpStatusCode Status, string? Workload, string Body)> SendAsync(string from, HttpRequestMessage request)
    {
        using var response = await From(from).SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        string? workload = null;
        if (response.IsSuccessStatusCode && body.StartsWith('{'))
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("pod", out var pod) && pod.GetString() is { } name)
            {
                workload = File.Pods.FirstOrDefault(p => p.Name == name) is { } found ? WorkloadName(found) : name;
            }
        }

        return (response.StatusCode, workload, body);
    }

    public Task<(HttpStatusCode Status, string? Workload, string Body)> GetAsync(string from, string url) =>
        SendAsync(from, new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>Writes a file into the sandbox's folder (atomically, as editors and kubectl-style tools do).</summary>
    public void Write(string name, string content)
    {
        var temp = Path.Combine(_root, name + ".tmp");
        System.IO.File.WriteAllText(temp, content);
        System.IO.File.Move(temp, Path.Combine(Folder, name), overwrite: true);
    }

    public string Read(string name) => System.IO.File.ReadAllText(Path.Combine(Folder, name));

    public void Delete(string name) => System.IO.File.Delete(Path.Combine(Folder, name));

    /// <summary>The config revision <paramref name="workload"/>'s first pod's proxy serves (its admin /config).</summary>
    public Task<string?> RevisionAsync(string workload, CancellationToken cancellationToken = default) =>
        RevisionAsync(Pod(workload), cancellationToken);

    /// <summary>The config revision <paramref name="pod"/>'s proxy serves (its admin /config).</summary>
    public async Task<string?> RevisionAsync(SandboxPod pod, CancellationToken cancellationToken = default)
    {
        var body = await _admin.GetStringAsync(new Uri(new Uri(pod.Admin), "/config"), cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("revision").GetString();
    }

    /// <summary>GET a path of the TrafficMetrics API (relative to …/v1alpha1/).</summary>
    public async Task<JsonNode> TrafficMetricsAsync(string path, CancellationToken cancellationToken)
    {
        Assert.NotNull(TrafficMetrics);
        using var response = await _admin.GetAsync(new Uri(TrafficMetrics, path), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
        _admin.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }

    /// <summary>The Deployment (or other owner) name of a pod: sandbox.json says "Deployment/web-v1".</summary>
    public static string WorkloadName(SandboxPod pod) =>
        pod.Workload is { } w ? w[(w.IndexOf('/', StringComparison.Ordinal) + 1)..] : pod.Name;

    private static SandboxFile? TryRead(string path)
    {
        try
        {
            return System.IO.File.Exists(path) ? JsonSerializer.Deserialize<SandboxFile>(System.IO.File.ReadAllText(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null; // mid-replace: read again
        }
    }

    private async Task<bool> AllReadyAsync(SandboxFile file, CancellationToken cancellationToken)
    {
        foreach (var pod in file.Pods)
        {
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            probe.CancelAfter(ReadyProbeTimeout);
            try
            {
                using var response = await _admin.GetAsync(new Uri(new Uri(pod.Admin), "/ready"), probe.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<string> DescribeStopAsync()
    {
        try
        {
            return $"exit {await _run.ConfigureAwait(false)}; messages:\n{_messages}";
        }
        catch (Exception ex)
        {
            return $"{ex}; messages:\n{_messages}";
        }
    }
}
