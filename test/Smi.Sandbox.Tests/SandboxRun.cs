using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Smi.Testing;

namespace Smi.Sandbox.Tests;

/// <summary>
/// A running <c>sandbox</c> on a private copy of a folder: the real local control plane, echo apps
/// and proxy sidecars on loopback addresses, exactly as <c>smi-operator sandbox</c> runs them.
/// Tests edit the copy like a user edits the sample and send requests through the pods' outbound
/// listeners as listed in <c>sandbox.json</c>.
/// </summary>
internal sealed class SandboxRun : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _root;
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;
    private readonly StringWriter _messages;
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    private SandboxRun(string root, Task<int> run, CancellationTokenSource stop, StringWriter messages)
    {
        _root = root;
        _run = run;
        _stop = stop;
        _messages = messages;
    }

    public string Folder => Path.Combine(_root, "folder");

    public string StateDir => Path.Combine(_root, "state");

    public SandboxFile File { get; private set; } = null!;

    /// <summary>Copies <paramref name="sample"/> (a folder under config/samples, or null for an empty folder) and starts the sandbox on it.</summary>
    public static async Task<SandboxRun> StartAsync(string? sample, Action<string>? prepare = null)
    {
        var root = Path.Combine(Path.GetTempPath(), $"smi-sandbox-{Guid.NewGuid():N}");
        var folder = Path.Combine(root, "folder");
        Directory.CreateDirectory(folder);
        if (sample is not null)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "config", "samples", sample), "*.yaml"))
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
        var stop = new CancellationTokenSource();
        var messages = new StringWriter();
        var host = new SandboxHost(options, NullLoggerFactory.Instance, TextWriter.Null, TextWriter.Synchronized(messages));
        var run = Task.Run(() => host.RunAsync(stop.Token));
        var sandbox = new SandboxRun(root, run, stop, messages);
        await sandbox.WaitForPodsAsync(_ => true).ConfigureAwait(false);
        return sandbox;
    }

    /// <summary>Waits until sandbox.json satisfies <paramref name="condition"/> and every listed proxy is ready.</summary>
    public async Task WaitForPodsAsync(Func<SandboxFile, bool> condition)
    {
        var path = Path.Combine(StateDir, "sandbox.json");
        using var admin = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_run.IsCompleted)
            {
                throw new InvalidOperationException($"the sandbox stopped: {await DescribeStopAsync().ConfigureAwait(false)}");
            }

            if (TryRead(path) is { Pods.Count: > 0 } file && condition(file) && await AllReadyAsync(admin, file).ConfigureAwait(false))
            {
                File = file;
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"sandbox not ready within {StartTimeout}; messages:\n{_messages}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
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

    /// <summary>The config revision <paramref name="workload"/>'s first pod's proxy serves (its admin /config).</summary>
    public async Task<string?> RevisionAsync(string workload)
    {
        using var admin = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var body = await admin.GetStringAsync(new Uri(new Uri(Pod(workload).Admin), "/config")).ConfigureAwait(false);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("revision").GetString();
    }

    public string Read(string name) => System.IO.File.ReadAllText(Path.Combine(Folder, name));

    public void Delete(string name) => System.IO.File.Delete(Path.Combine(Folder, name));

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
        }

        _stop.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
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

    private static async Task<bool> AllReadyAsync(HttpClient admin, SandboxFile file)
    {
        foreach (var pod in file.Pods)
        {
            try
            {
                using var response = await admin.GetAsync(new Uri(new Uri(pod.Admin), "/ready")).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
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
