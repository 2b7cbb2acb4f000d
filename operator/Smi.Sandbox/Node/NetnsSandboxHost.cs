using Microsoft.Extensions.Logging;
using Smi.Manifests;
using Smi.Operator.Local;
using Smi.Operator.Webhooks.Injection;

namespace Smi.Sandbox.Node;

/// <summary>
/// <c>sandbox --netns</c>: the folder's mesh on a node built from network namespaces. Pods get pod
/// IPs (10.244.0.0/16 and fd00:10:244::/64), Services ClusterIPs (10.96.0.0/16, fd00:10:96::/112)
/// that kube-proxy-like DNAT in the node namespace serves, meshed pods the real iptables
/// interception and the injected proxy as a separate process, and containers with a command run
/// it. Everything it creates is removed when it stops, SIGTERM included.
/// </summary>
internal sealed class NetnsSandboxHost(SandboxOptions options, ILoggerFactory logging, TextWriter messages)
{
    /// <summary>The injector's settings for the node: transparent interception, every Flagger metric shape (as the loopback sandbox records them).</summary>
    public static readonly InjectionOptions Injection = new() { Transparent = true, MetricShapes = "istio,osm,linkerd" };

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (NodeNetwork.Unsupported() is { } why)
        {
            await messages.WriteLineAsync($"sandbox: {why}").ConfigureAwait(false);
            return 2;
        }

        Directory.CreateDirectory(options.StateDir);
        var clusterIps = new ClusterIpAllocator();
        using var plane = new LocalControlPlane(options.Folder, options.StateDir, options.Mesh, TimeProvider.System, options.CertificateLifetime, new SimulationOptions
        {
            PodAddresses = AddressRange.PodCidr,
            AllocateClusterIps = key => clusterIps.AllocateDualStack(key),
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        var logger = logging.CreateLogger("Smi.Sandbox.Node");
        await using var network = await NodeNetwork.CreateAsync(cancellationToken).ConfigureAwait(false);
        using var prober = new Prober(network.Name);
        var node = new NodeContext(network, prober, Path.GetFullPath(options.StateDir), Injection, logger);
        await using var supervisor = new NetnsSupervisor(node, options.Folder, options.Mesh.ClusterDomain, options.TerminationGrace);
        var reporter = new StepReporter(messages);
        await messages.WriteLineAsync($"sandbox: {plane.Folder} -> {plane.StateDir} on netns node {network.Name}; pods listed in {supervisor.SandboxFile} (Ctrl+C to stop)").ConfigureAwait(false);
        var refresh = RefreshAsync(supervisor, stop.Token);
        var first = true;
        await plane.WatchAsync(async step =>
        {
            reporter.Report(step);
            await supervisor.ReconcileAsync(step, stop.Token).ConfigureAwait(false);
            if (first)
            {
                first = false;
                await messages.WriteLineAsync($"sandbox: {supervisor.Running.Count} pods running").ConfigureAwait(false);
            }
        }, stop.Token).ConfigureAwait(false);
        await refresh.ConfigureAwait(false);
        return 0;
    }

    // Readiness changes between control-plane steps: sandbox.json follows it every second.
    private static async Task RefreshAsync(NetnsSupervisor supervisor, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await supervisor.RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
