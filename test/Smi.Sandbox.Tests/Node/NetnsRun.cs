using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Smi.Core.Cluster;
using Smi.Sandbox.Node;

namespace Smi.Sandbox.Tests.Node;

/// <summary>
/// A running <c>sandbox --netns</c> on a folder holding one manifest: the real local control plane
/// and the netns node, exactly as <c>smi-operator sandbox --netns</c> runs them. Tests send traffic
/// with real clients inside pods' namespaces (<see cref="ExecAsync"/>), as a user would with
/// <c>ip netns exec</c>, or with .NET clients (HTTP, gRPC, WebSocket, raw TCP) whose connections
/// start in a pod's namespace (<see cref="From"/>).
/// </summary>
internal sealed class NetnsRun : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly string _root;
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;
    private readonly StringWriter _messages;
    private readonly string _clusterDomain;
    private readonly List<PodClient> _clients = [];

    private NetnsRun(string root, Task<int> run, CancellationTokenSource stop, StringWriter messages, string clusterDomain)
    {
        _root = root;
        _run = run;
        _stop = stop;
        _messages = messages;
        _clusterDomain = clusterDomain;
    }

    /// <summary>Why these tests cannot run here (not root, tools missing), or null.</summary>
    public static string? Unsupported => NodeNetwork.Unsupported();

    public string Folder => Path.Combine(_root, "folder");

    public string StateDir => Path.Combine(_root, "state");

    public SandboxFile File { get; private set; } = null!;

    /// <summary>What the sandbox printed (step reports, errors).</summary>
    public string Messages => _messages.ToString();

    public static async Task<NetnsRun> StartAsync(string manifests, MeshOptions? mesh = null)
    {
        var root = Path.Combine(Path.GetTempPath(), $"smi-netns-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(root, "folder"));
        await System.IO.File.WriteAllTextAsync(Path.Combine(root, "folder", "mesh.yaml"), manifests);
        var options = new SandboxOptions
        {
            Folder = Path.Combine(root, "folder"),
            StateDir = Path.Combine(root, "state"),
            Mesh = mesh ?? new MeshOptions(),
            Netns = true,
            TerminationGrace = TimeSpan.FromMilliseconds(500),
        };
        var stop = new CancellationTokenSource();
        var messages = new StringWriter();
        var host = new SandboxHost(options, NullLoggerFactory.Instance, TextWriter.Null, TextWriter.Synchronized(messages));
        var run = Task.Run(() => host.RunAsync(stop.Token));
        var sandbox = new NetnsRun(root, run, stop, messages, options.Mesh.ClusterDomain);
        try
        {
            // sandbox.json grows as pods start: the sandbox says when all of them run.
            await sandbox.WaitAsync(file => file.Pods.Count > 0 && file.Pods.All(p => p.Ready == true) && sandbox.Messages.Contains("pods running", StringComparison.Ordinal), "every pod running and ready");
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }

        return sandbox;
    }

    /// <summary>Waits until sandbox.json satisfies <paramref name="condition"/>.</summary>
    public async Task WaitAsync(Func<SandboxFile, bool> condition, string what)
    {
        var path = Path.Combine(StateDir, "sandbox.json");
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_run.IsCompleted)
            {
                throw new InvalidOperationException($"the sandbox stopped (exit {await _run}): {Messages}");
            }

            if (System.IO.File.Exists(path))
            {
                try
                {
                    var file = JsonSerializer.Deserialize<SandboxFile>(await System.IO.File.ReadAllTextAsync(path))!;
                    File = file;
                    if (condition(file))
                    {
                        return;
                    }
                }
                catch (JsonException)
                {
                    // Being replaced.
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"sandbox --netns: {what} not reached in {StartTimeout.TotalSeconds:0} s; sandbox.json: {(System.IO.File.Exists(path) ? await System.IO.File.ReadAllTextAsync(path) : "(none)")}; messages: {Messages}");
            }

            await Task.Delay(250);
        }
    }

    public SandboxPod Pod(string name) => File.Pods.Single(p => p.Name == name);

    public SandboxService Service(string name) => File.Services!.Single(s => s.Name == name);

    /// <summary>Clients whose connections start inside pod <paramref name="pod"/>'s network namespace, names resolved as in the pod; disposed with the sandbox.</summary>
    public PodClient From(string pod)
    {
        var info = Pod(pod);
        var client = new PodClient(info.Netns!, host => Resolve(host, info.Namespace));
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>
    /// An address literal, or a Service name as a pod of <paramref name="fromNamespace"/> resolves
    /// it through the /etc/hosts the node writes (<c>web</c>, <c>web.demo</c>, <c>web.demo.svc</c>,
    /// <c>web.demo.svc.cluster.local</c>): its IPv4 ClusterIP.
    /// </summary>
    public IPAddress Resolve(string host, string fromNamespace)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return address;
        }

        var labels = host.TrimEnd('.').Split('.');
        var suffix = string.Join('.', labels.Skip(2));
        var ns = labels.Length > 1 ? labels[1] : fromNamespace;
        var service = suffix is "" or "svc" || suffix == "svc." + _clusterDomain
            ? File.Services?.SingleOrDefault(s => s.Name == labels[0] && s.Namespace == ns)
            : null;
        return service is null
            ? throw new SocketException((int)SocketError.HostNotFound, $"{host}: no such Service in sandbox.json (from namespace {fromNamespace})")
            : IPAddress.Parse(service.ClusterIp);
    }

    /// <summary>Runs <paramref name="argv"/> inside pod <paramref name="pod"/>'s network namespace (a real client, as <c>ip netns exec</c> runs it).</summary>
    public async Task<(int ExitCode, string Output, string Error)> ExecAsync(string pod, params string[] argv)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in (string[])["netns", "exec", Pod(pod).Netns!, .. argv])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', argv)} in {pod} did not finish in 60 s");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>A container's log (<c>&lt;state&gt;/pods/&lt;ns&gt;_&lt;pod&gt;/&lt;container&gt;.log</c>).</summary>
    public string Log(string pod, string container)
    {
        var p = Pod(pod);
        var path = Path.Combine(StateDir, "pods", $"{p.Namespace}_{p.Name}", container + ".log");
        return System.IO.File.Exists(path) ? System.IO.File.ReadAllText(path) : string.Empty;
    }

    /// <summary>Stops the sandbox and waits until it has removed what it made.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
            _clients.Clear();
        }

        await _stop.CancelAsync();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (OperationCanceledException)
        {
            // Cancelled mid-start.
        }

        _stop.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
