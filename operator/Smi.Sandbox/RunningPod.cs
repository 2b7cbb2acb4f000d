using System.Net;
using Microsoft.Extensions.Logging;
using Smi.Core.Cluster;
using Smi.Manifests;
using Smi.Operator.Local;
using Smi.ProxyConfig.Sidecar;
using SmiProxy.Hosting;
using SmiProxy.Settings;

namespace Smi.Sandbox;

/// <summary>A simulated pod while it runs: its echo app and its real proxy sidecar, on the pod's own loopback address.</summary>
internal sealed class RunningPod : IAsyncDisposable
{
    private RunningPod(SimulatedPod spec, IReadOnlyList<EchoPort> echoPorts, EchoApp? app, SidecarProxyHost proxy)
    {
        Spec = spec;
        EchoPorts = echoPorts;
        App = app;
        Proxy = proxy;
    }

    public SimulatedPod Spec { get; }

    /// <summary>The echo app's ports and protocols, as the Services declared them when the pod started.</summary>
    public IReadOnlyList<EchoPort> EchoPorts { get; }

    public EchoApp? App { get; }

    public SidecarProxyHost Proxy { get; }

    /// <summary>The echo app's ports for <paramref name="spec"/>: every TCP container port, its protocol from <paramref name="services"/>.</summary>
    public static IReadOnlyList<EchoPort> EchoPortsOf(SimulatedPod spec, IEnumerable<ServiceInfo> services) => EchoProtocols.Plan(spec.Pod.ContainerPorts, spec.Pod, services);

    public static async Task<RunningPod> StartAsync(SimulatedPod spec, IReadOnlyList<EchoPort> ports, string stateDir, bool watchFiles, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        var pod = spec.Pod;
        var address = IPAddress.Parse(pod.Ip!);
        EchoApp? app = null;
        if (ports.Count > 0)
        {
            app = await EchoApp.StartAsync(new EchoIdentity(pod.Name, pod.Namespace, pod.ServiceAccount), address, ports, EchoBehaviour.From(spec.Annotations), cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var identityDir = StateWriter.DirectoryOf(stateDir, new Smi.ProxyConfig.ProxyIdentity(pod.Namespace, pod.ServiceAccount));
            var proxy = await SidecarProxyHost.StartAsync(new SidecarProxyOptions
            {
                ConfigDirectory = identityDir,
                CertificateDirectory = identityDir,
                OutboundEndpoint = new IPEndPoint(address, 15001),
                InboundEndpoint = new IPEndPoint(address, pod.InboundPort ?? 15006),
                AdminEndpoint = new IPEndPoint(address, 15000),
                AppAddress = address,
                PodName = pod.Name,
                PodNamespace = pod.Namespace,
                WorkloadKind = pod.Workload?.Kind ?? "Pod",
                WorkloadName = pod.Workload?.Name ?? pod.Name,
                MetricShapes = MetricShapes.All,
                WatchFileSystem = watchFiles,
                PollInterval = TimeSpan.FromMilliseconds(watchFiles ? 1000 : 250),
                ConfigureLogging = builder => builder.AddProvider(new PrefixedConsoleLoggerProvider($"{pod.Namespace}/{pod.Name}", logging)),
            }, cancellationToken).ConfigureAwait(false);
            return new RunningPod(spec, ports, app, proxy);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public SandboxPod Describe()
    {
        var pod = Spec.Pod;
        return new SandboxPod
        {
            Name = pod.Name,
            Namespace = pod.Namespace,
            ServiceAccount = pod.ServiceAccount,
            Workload = pod.Workload is { } w ? $"{w.Kind}/{w.Name}" : null,
            Address = pod.Ip!,
            Ports = [.. pod.ContainerPorts.Select(p => p.Port).Distinct().Order()],
            H2cPorts = EchoPorts.Any(p => p.H2c) ? [.. EchoPorts.Where(p => p.H2c).Select(p => p.Port)] : null,
            Outbound = $"http://{Proxy.OutboundEndpoint}",
            Inbound = $"https://{Proxy.InboundEndpoint}",
            Admin = $"http://{Proxy.AdminEndpoint}",
        };
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync().ConfigureAwait(false);
        if (App is not null)
        {
            await App.DisposeAsync().ConfigureAwait(false);
        }
    }
}
