using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Smi.Core.Cluster;
using Smi.Manifests;
using Smi.Operator.Local;

namespace Smi.Sandbox.Node;

/// <summary>
/// Kubelet and kube-proxy for the netns node: at every control-plane step it programs the node's
/// ClusterIP rules from the snapshot's Services and EndpointSlices, gives every pod an /etc/hosts
/// with the Services' names, starts pods that are new, restarts pods whose template changed and
/// stops pods that are gone (after a grace period, so proxies drop them from their endpoints
/// first), then writes <c>sandbox.json</c>.
/// </summary>
internal sealed partial class NetnsSupervisor(NodeContext node, string folder, string clusterDomain, TimeSpan terminationGrace) : IAsyncDisposable
{
    private readonly Dictionary<string, NetnsPod> _running = new(StringComparer.Ordinal);
    private readonly List<Task> _terminating = [];
    private IReadOnlyList<(string Namespace, string Name, string ClusterIp)> _services = [];
    private IReadOnlyList<SandboxService> _listed = [];
    private IReadOnlyList<ServiceInfo> _snapshotServices = [];

    // The refresh timer and a step both read _running and write sandbox.json; a step that is still
    // starting pods must not list half of them (a harness waiting for "every listed pod ready" would
    // go on too early), nor have the dictionary enumerated while it adds to it.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IReadOnlyDictionary<string, NetnsPod> Running => _running;

    public string SandboxFile => Path.Combine(node.StateDir, "sandbox.json");

    public async Task ReconcileAsync(LocalStep step, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReconcileCoreAsync(step, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Rewrites sandbox.json (readiness changes between steps).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteSandboxFileAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_running.Values.Select(StopAsync).Concat(_terminating)).ConfigureAwait(false);
        _running.Clear();
        _gate.Dispose();
    }

    private async Task ReconcileCoreAsync(LocalStep step, CancellationToken cancellationToken)
    {
        if (step.Snapshot is { } snapshot)
        {
            var rules = KubeProxyRules.From(snapshot);
            await node.Network.ApplyNatAsync(ipv6: false, KubeProxyRules.Render(rules, ipv6: false), cancellationToken).ConfigureAwait(false);
            await node.Network.ApplyNatAsync(ipv6: true, KubeProxyRules.Render(rules, ipv6: true), cancellationToken).ConfigureAwait(false);
            _snapshotServices = snapshot.Services;
            var services = snapshot.Services.Where(s => s.ClusterIp is { } ip && IPAddress.TryParse(ip, out _)).ToList();
            _services = [.. services.Select(s => (s.Namespace, s.Name, s.ClusterIp!))];
            _listed = [.. services.OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).Select(s => new SandboxService
            {
                Name = s.Name,
                Namespace = s.Namespace,
                ClusterIp = s.ClusterIp!,
                ClusterIpv6 = ClusterIpAllocator.Ipv6Twin(IPAddress.Parse(s.ClusterIp!)).ToString(),
                Ports = [.. s.Ports.Select(p => p.Port).Distinct().Order()],
            })];
        }

        var wanted = step.Pods.ToDictionary(p => p.Key, StringComparer.Ordinal);
        foreach (var (key, running) in _running.ToList())
        {
            if (!wanted.TryGetValue(key, out var spec))
            {
                _running.Remove(key);
                _terminating.Add(StopLaterAsync(running));
                LogStopping(node.Logger, key);
            }
            else if ((!ReferenceEquals(spec, running.Spec) && !spec.SameAs(running.Spec)) || !EchoProtocols.Plan(running.EchoContainerPorts, spec.Pod, _snapshotServices).SequenceEqual(running.EchoPorts))
            {
                // A changed template, or a Service that changed which echo ports speak h2c.
                _running.Remove(key);
                LogStopping(node.Logger, key);
                await StopAsync(running).ConfigureAwait(false);
            }
        }

        foreach (var running in _running.Values)
        {
            WriteEtc(running.Network, running.Spec);
        }

        foreach (var (key, spec) in wanted)
        {
            if (!_running.ContainsKey(key))
            {
                await StartAsync(spec, cancellationToken).ConfigureAwait(false);
            }
        }

        await WriteSandboxFileAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task StartAsync(SimulatedPod spec, CancellationToken cancellationToken)
    {
        var ipv4 = IPAddress.Parse(spec.Pod.Ip!);
        var network = await node.Network.AddPodAsync(spec.Key, ipv4, PodAddresses.Ipv6Of(ipv4), cancellationToken).ConfigureAwait(false);
        try
        {
            WriteEtc(network, spec);
            var pod = await NetnsPod.StartAsync(spec, network, node, _snapshotServices, cancellationToken).ConfigureAwait(false);
            _running[spec.Key] = pod;
            foreach (var warning in pod.Warnings)
            {
                LogWarning(node.Logger, spec.Key, warning);
            }

            LogStarted(node.Logger, spec.Key, spec.Pod.Ip!, network.Netns);
        }
        catch (NodeException ex)
        {
            // A pod that cannot start (its init container failed, say) is left out; the next step retries it.
            await node.Network.RemovePodAsync(network).ConfigureAwait(false);
            LogStartFailed(node.Logger, spec.Key, ex.Message);
        }
    }

    private async Task StopAsync(NetnsPod pod)
    {
        await pod.DisposeAsync().ConfigureAwait(false);
        await node.Network.RemovePodAsync(pod.Network).ConfigureAwait(false);
    }

    private async Task StopLaterAsync(NetnsPod pod)
    {
        await Task.Delay(terminationGrace).ConfigureAwait(false);
        await StopAsync(pod).ConfigureAwait(false);
    }

    private void WriteEtc(PodNetwork network, SimulatedPod spec)
    {
        NodeNetwork.WriteEtc(network, "hosts", HostsFile.Render(spec.Pod.Name, spec.Pod.Namespace, network.Ipv4.ToString(), _services, clusterDomain));
        NodeNetwork.WriteEtc(network, "resolv.conf", HostsFile.ResolvConf);
    }

    private async Task WriteSandboxFileAsync(CancellationToken cancellationToken)
    {
        var file = new SandboxFile
        {
            Folder = Path.GetFullPath(folder),
            State = Path.GetFullPath(node.StateDir),
            Node = node.Network.Name,
            Services = _listed,
            Pods = [.. _running.Values.OrderBy(p => p.Spec.Pod.Namespace, StringComparer.Ordinal).ThenBy(p => p.Spec.Pod.Name, StringComparer.Ordinal).Select(Describe)],
        };
        var temp = SandboxFile + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(file, SandboxJson.Options), cancellationToken).ConfigureAwait(false);
        File.Move(temp, SandboxFile, overwrite: true);
    }

    private SandboxPod Describe(NetnsPod pod)
    {
        var info = pod.Spec.Pod;
        var ip = pod.Network.Ipv4.ToString();
        var options = node.Injection;
        return new SandboxPod
        {
            Name = info.Name,
            Namespace = info.Namespace,
            ServiceAccount = info.ServiceAccount,
            Workload = info.Workload is { } w ? $"{w.Kind}/{w.Name}" : null,
            Address = ip,
            Ports = [.. info.ContainerPorts.Select(p => p.Port).Distinct().Order()],
            H2cPorts = pod.EchoPorts.Any(p => p.H2c) ? [.. pod.EchoPorts.Where(p => p.H2c).Select(p => p.Port)] : null,
            Outbound = $"http://{ip}:{options.OutboundPort}",
            Inbound = $"https://{ip}:{options.InboundPort}",
            Admin = $"http://{ip}:{options.AdminPort}",
            Ip = ip,
            Ipv6 = pod.Network.Ipv6.ToString(),
            Netns = pod.Network.Netns,
            Ready = pod.Ready,
            Meshed = info.HasProxy,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started pod {Pod} on {Address} (netns {Netns})")]
    private static partial void LogStarted(ILogger logger, string pod, string address, string netns);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping pod {Pod}")]
    private static partial void LogStopping(ILogger logger, string pod);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod {Pod} could not start: {Reason}; retrying on the next change")]
    private static partial void LogStartFailed(ILogger logger, string pod, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod {Pod}: {Warning}")]
    private static partial void LogWarning(ILogger logger, string pod, string warning);
}
