using Microsoft.Extensions.Logging;
using Smi.Core.Cluster;
using Smi.Manifests;
using Smi.Operator.Local;
using Smi.Sandbox.Node;

namespace Smi.Sandbox;

/// <summary>
/// The whole mesh on one machine: the local control plane on a folder, and for every simulated pod
/// an echo app and a real proxy sidecar on the pod's own loopback address, kept in step with the
/// folder as `kubectl apply` would. Optionally sends steady load from one pod and shows where it lands.
/// </summary>
internal sealed class SandboxHost(SandboxOptions options, ILoggerFactory logging, TextWriter output, TextWriter messages)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (options.Netns)
        {
            return await new NetnsSandboxHost(options, logging, messages).RunAsync(cancellationToken).ConfigureAwait(false);
        }

        Directory.CreateDirectory(options.StateDir);
        using var plane = new LocalControlPlane(options.Folder, options.StateDir, options.Mesh, TimeProvider.System, options.CertificateLifetime, new SimulationOptions { IsAddressFree = LoopbackProbe.IsFree });
        await using var supervisor = new PodSupervisor(options.Folder, options.StateDir, logging, options.TerminationGrace);
        var reporter = new StepReporter(messages);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        Task? load = null;
        var firstStep = true;
        var inventory = new SandboxInventory();
        IReadOnlyList<ServiceInfo> services = [];
        await using var trafficMetrics = options.TrafficMetricsEndpoint is { } endpoint
            ? await SandboxTrafficMetrics.StartAsync(endpoint, inventory, options.TrafficMetrics, logging, cancellationToken).ConfigureAwait(false)
            : null;
        await messages.WriteLineAsync($"sandbox: {plane.Folder} -> {plane.StateDir}; pods listed in {supervisor.SandboxFile} (Ctrl+C to stop)").ConfigureAwait(false);
        if (options.TrafficMetricsEndpoint is { } api)
        {
            await messages.WriteLineAsync($"sandbox: TrafficMetrics API at http://{api}/apis/metrics.smi-spec.io/v1alpha1").ConfigureAwait(false);
        }

        await plane.WatchAsync(async step =>
        {
            reporter.Report(step);
            services = step.Snapshot?.Services ?? services;
            await supervisor.ReconcileAsync(step.Pods, services, stop.Token).ConfigureAwait(false);
            inventory.Update(step, supervisor.Running.Values);
            if (firstStep)
            {
                firstStep = false;
                await messages.WriteLineAsync($"sandbox: {supervisor.Running.Count} pods running").ConfigureAwait(false);
                if (options.LoadFrom is { } from)
                {
                    load = StartLoad(supervisor, from, options.LoadUrl!, stop.Token);
                }
            }
        }, stop.Token).ConfigureAwait(false);

        if (load is not null)
        {
            await load.ConfigureAwait(false);
        }

        return 0;
    }

    private async Task StartLoad(PodSupervisor supervisor, string from, Uri url, CancellationToken cancellationToken)
    {
        // A pod ("name" or "namespace/name"), or a workload, whose first pod is used.
        var pod = supervisor.Running.Values.FirstOrDefault(p => p.Spec.Key == from || p.Spec.Pod.Name == from)
            ?? supervisor.Running.Values.OrderBy(p => p.Spec.Key, StringComparer.Ordinal).FirstOrDefault(p => p.Spec.Pod.Workload?.Name == from || $"{p.Spec.Pod.Namespace}/{p.Spec.Pod.Workload?.Name}" == from);
        if (pod is null)
        {
            await messages.WriteLineAsync($"sandbox: --load: no pod named {from} (pods: {string.Join(", ", supervisor.Running.Keys)})").ConfigureAwait(false);
            return;
        }

        await Task.WhenAll(supervisor.Running.Values.Select(p => p.Proxy.WaitUntilReadyAsync(cancellationToken))).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var generator = new LoadGenerator(pod.Describe().Outbound, url, options.Rate, output);
        await generator.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
