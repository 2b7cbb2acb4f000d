using System.Text.Json;
using Microsoft.Extensions.Logging;
using Smi.Core.Cluster;
using Smi.Manifests;

namespace Smi.Sandbox;

/// <summary>
/// Keeps the running pods equal to the simulated ones, like kubelet: starts new pods, restarts
/// pods whose template changed, and stops pods that are gone — after a short grace period, so
/// that every proxy has dropped them from its endpoints first (no request is sent to a pod that
/// is already stopped). Writes <c>sandbox.json</c> after each change.
/// </summary>
internal sealed partial class PodSupervisor(string folder, string stateDir, ILoggerFactory logging, TimeSpan terminationGrace) : IAsyncDisposable
{
    private readonly Dictionary<string, RunningPod> _running = new(StringComparer.Ordinal);
    private readonly List<Task> _terminating = [];
    private readonly ILogger _logger = logging.CreateLogger("Smi.Sandbox");

    public IReadOnlyDictionary<string, RunningPod> Running => _running;

    public string SandboxFile => Path.Combine(stateDir, "sandbox.json");

    /// <param name="services">The Services, which say which of a pod's ports its echo app serves as h2c (<see cref="EchoProtocols"/>).</param>
    public async Task ReconcileAsync(IReadOnlyList<SimulatedPod> desired, IReadOnlyList<ServiceInfo> services, CancellationToken cancellationToken)
    {
        var wanted = desired.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var watchFiles = desired.Count <= 40;
        foreach (var (key, running) in _running.ToList())
        {
            if (!wanted.TryGetValue(key, out var spec))
            {
                // Gone: give every proxy time to drop it from its endpoints before it stops answering.
                _running.Remove(key);
                _terminating.Add(StopLaterAsync(running));
                LogStopping(_logger, key);
            }
            else if ((!ReferenceEquals(spec, running.Spec) && !spec.SameAs(running.Spec)) || !RunningPod.EchoPortsOf(spec, services).SequenceEqual(running.EchoPorts))
            {
                // Changed template (or a Service changed the echo app's protocols): same name and address, so the old one must release them first.
                _running.Remove(key);
                LogStopping(_logger, key);
                await running.DisposeAsync().ConfigureAwait(false);
            }
        }

        foreach (var (key, spec) in wanted)
        {
            if (_running.ContainsKey(key))
            {
                continue;
            }

            try
            {
                _running[key] = await RunningPod.StartAsync(spec, RunningPod.EchoPortsOf(spec, services), stateDir, watchFiles, logging, cancellationToken).ConfigureAwait(false);
                LogStarted(_logger, key, spec.Pod.Ip!);
            }
            catch (IOException ex)
            {
                // Typically the address:port is still held by the pod being replaced; the next step retries.
                LogStartFailed(_logger, ex, key);
            }
        }

        await WriteSandboxFileAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_running.Values.Select(p => p.DisposeAsync().AsTask()).Concat(_terminating)).ConfigureAwait(false);
        _running.Clear();
    }

    private async Task StopLaterAsync(RunningPod pod)
    {
        await Task.Delay(terminationGrace).ConfigureAwait(false);
        await pod.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteSandboxFileAsync(CancellationToken cancellationToken)
    {
        var file = new SandboxFile
        {
            Folder = Path.GetFullPath(folder),
            State = Path.GetFullPath(stateDir),
            Pods = [.. _running.Values.Select(p => p.Describe()).OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)],
        };
        var temp = SandboxFile + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(file, SandboxJson.Options), cancellationToken).ConfigureAwait(false);
        File.Move(temp, SandboxFile, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started pod {Pod} on {Address}")]
    private static partial void LogStarted(ILogger logger, string pod, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping pod {Pod}")]
    private static partial void LogStopping(ILogger logger, string pod);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start pod {Pod}; will retry on the next change")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string pod);
}
