using System.Net;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Smi.Core.Cluster;
using Smi.Manifests;
using Smi.Operator.Local;
using Smi.ProxyConfig;

namespace Smi.Sandbox.Node;

/// <summary>
/// A pod on the netns node, run as kubelet runs one: its own network namespace; the admitted
/// (injected) spec; init containers in order — run to completion, or, for native sidecars
/// (<c>restartPolicy: Always</c>), started and awaited through their startup probe; then the app
/// containers (their command as real processes, or the echo app); readiness from the probes.
/// Stopping reverses it: app containers first, sidecars last, then the namespace.
/// </summary>
internal sealed partial class NetnsPod : IAsyncDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private readonly NodeContext _node;
    private readonly List<ContainerState> _containers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _probes = [];
    private EchoApp? _echo;

    private NetnsPod(SimulatedPod spec, PodNetwork network, V1Pod admitted, NodeContext node, IEnumerable<ServiceInfo> services)
    {
        Spec = spec;
        Network = network;
        Admitted = admitted;
        _node = node;
        EchoContainerPorts = [.. admitted.Spec.Containers
            .Where(c => ContainerCommand.ArgvOf(c, node.Injection.ProxyImage) is null)
            .SelectMany(c => c.Ports ?? [])
            .Where(p => p.Protocol is null or "TCP")
            .Select(p => new ContainerPortInfo(p.Name, p.ContainerPort))];
        EchoPorts = EchoProtocols.Plan(EchoContainerPorts, spec.Pod, services);
    }

    public SimulatedPod Spec { get; }

    public PodNetwork Network { get; }

    /// <summary>The pod as the injector left it.</summary>
    public V1Pod Admitted { get; }

    /// <summary>The ports of the containers the echo app stands in for (no command).</summary>
    public IReadOnlyList<ContainerPortInfo> EchoContainerPorts { get; }

    /// <summary>The echo app's ports and protocols, as the Services declared them when the pod started.</summary>
    public IReadOnlyList<EchoPort> EchoPorts { get; }

    /// <summary>Every container started and every readiness probe passing.</summary>
    public bool Ready => _containers.Count > 0 && _containers.All(c => c.Running && c.Ready);

    /// <summary>Problems worth telling the user (unsupported env sources...).</summary>
    public List<string> Warnings { get; } = [];

    /// <param name="services">The Services, which say which echo ports are h2c (<see cref="EchoProtocols"/>).</param>
    public static async Task<NetnsPod> StartAsync(SimulatedPod spec, PodNetwork network, NodeContext node, IEnumerable<ServiceInfo> services, CancellationToken cancellationToken)
    {
        var pod = new NetnsPod(spec, network, PodInjection.Admit(spec, node.Injection), node, services);
        try
        {
            await pod.RunContainersAsync(cancellationToken).ConfigureAwait(false);
            return pod;
        }
        catch
        {
            await pod.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_probes).ConfigureAwait(false);

        // App containers first (the last started), sidecars after them: a native sidecar outlives its app.
        for (var i = _containers.Count - 1; i >= 0; i--)
        {
            if (_containers[i].Process is { } process)
            {
                await process.StopAsync(Grace).ConfigureAwait(false);
                await process.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (_echo is not null)
        {
            await _echo.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task RunContainersAsync(CancellationToken cancellationToken)
    {
        var spec = Admitted.Spec;
        foreach (var init in spec.InitContainers ?? [])
        {
            if (init.RestartPolicy == "Always")
            {
                var sidecar = Start(init) ?? throw new NodeException($"pod {Spec.Key}: native sidecar {init.Name} has no command and no known image");
                _containers.Add(sidecar);
                WatchReadiness(init, sidecar);
                if (init.StartupProbe is { } startup && !await ProbeUntilAsync(startup, init, sidecar, cancellationToken).ConfigureAwait(false))
                {
                    throw new NodeException($"pod {Spec.Key}: sidecar {init.Name} did not pass its startup probe; see {_node.LogFile(Spec.Pod.Namespace, Spec.Pod.Name, init.Name)}");
                }

                continue;
            }

            await using var process = Start(init)?.Process ?? throw new NodeException($"pod {Spec.Key}: init container {init.Name} has no command");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var exit = await process.WaitAsync(timeout.Token).ConfigureAwait(false);
            if (exit != 0)
            {
                var log = _node.LogFile(Spec.Pod.Namespace, Spec.Pod.Name, init.Name);
                throw new NodeException($"pod {Spec.Key}: init container {init.Name} exited with {exit}: {Tail(log)}");
            }
        }

        foreach (var container in spec.Containers)
        {
            var state = Start(container) ?? new ContainerState(container.Name, null);

            _containers.Add(state);
            WatchReadiness(container, state);
        }

        if (EchoPorts.Count > 0)
        {
            var pod = Spec.Pod;
            _echo = await EchoApp.StartAsync(new EchoIdentity(pod.Name, pod.Namespace, pod.ServiceAccount), ListenInPod(EchoPorts), EchoBehaviour.From(Spec.Annotations), cancellationToken).ConfigureAwait(false);
        }
    }

    private Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions> ListenInPod(IReadOnlyList<EchoPort> ports) => kestrel =>
    {
        foreach (var port in ports)
        {
            foreach (var address in new[] { IPAddress.Any, IPAddress.IPv6Any })
            {
                using var socket = Netns.Listen(Network.Netns, new IPEndPoint(address, port.Port));
                kestrel.ListenHandle(Netns.Duplicate(socket), listen => EchoApp.UseProtocol(listen, port));
            }
        }
    };

    private ContainerState? Start(V1Container container)
    {
        var argv = ContainerCommand.ArgvOf(container, _node.Injection.ProxyImage);
        if (argv is null)
        {
            return null;
        }

        var env = ContainerCommand.EnvironmentOf(container, Admitted, Network.Ipv4.ToString(), Network.Ipv6.ToString(), Warnings);
        if (container.Image == _node.Injection.ProxyImage && container.RestartPolicy == "Always")
        {
            // No volumes on this node: the proxy reads its identity's state directory, which the
            // sandbox writes exactly as kubelet projects the ConfigMap and Secret volumes.
            var identityDir = StateWriter.DirectoryOf(_node.StateDir, new ProxyIdentity(Spec.Pod.Namespace, Spec.Pod.ServiceAccount));
            env["SMI_CONFIG_DIR"] = identityDir;
            env["SMI_CERT_DIR"] = identityDir;
        }

        var runAs = container.SecurityContext?.RunAsUser ?? Admitted.Spec.SecurityContext?.RunAsUser;
        var process = PodProcess.Start(container.Name, Network.Netns, argv, env, runAs, container.WorkingDir, _node.LogFile(Spec.Pod.Namespace, Spec.Pod.Name, container.Name));
        LogStarted(_node.Logger, Spec.Key, container.Name, process.Pid);
        return new ContainerState(container.Name, process);
    }

    private void WatchReadiness(V1Container container, ContainerState state)
    {
        if (container.ReadinessProbe is not { } probe)
        {
            state.Ready = true;
            return;
        }

        _probes.Add(Task.Run(async () =>
        {
            var token = _stop.Token;
            var period = TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds ?? 10));
            var (successes, failures) = (0, 0);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(probe.InitialDelaySeconds ?? 0), token).ConfigureAwait(false);
                while (!token.IsCancellationRequested)
                {
                    var ok = await _node.Prober.ProbeOnceAsync(probe, container, Network, token).ConfigureAwait(false);
                    (successes, failures) = ok ? (successes + 1, 0) : (0, failures + 1);
                    if (ok && successes >= (probe.SuccessThreshold ?? 1))
                    {
                        state.Ready = true;
                    }
                    else if (!ok && failures >= (probe.FailureThreshold ?? 3))
                    {
                        state.Ready = false;
                    }

                    // Until the first success kubelet probes at the period too; the sandbox checks faster so pods come up quickly.
                    await Task.Delay(state.Ready ? period : TimeSpan.FromMilliseconds(200), token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // Pod stopping.
            }
        }, CancellationToken.None));
    }

    private async Task<bool> ProbeUntilAsync(V1Probe probe, V1Container container, ContainerState state, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds ?? 10));
        var deadline = DateTime.UtcNow + (period * Math.Max(1, probe.FailureThreshold ?? 3)) + TimeSpan.FromSeconds(probe.InitialDelaySeconds ?? 0);
        while (DateTime.UtcNow < deadline && state.Running)
        {
            if (await _node.Prober.ProbeOnceAsync(probe, container, Network, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private static string Tail(string logFile)
    {
        try
        {
            var lines = File.ReadAllLines(logFile);
            return string.Join(" | ", lines.TakeLast(5));
        }
        catch (IOException)
        {
            return "(no output)";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Pod}: started container {Container} (pid {Pid})")]
    private static partial void LogStarted(ILogger logger, string pod, string container, int pid);
}
