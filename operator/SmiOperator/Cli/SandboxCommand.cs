using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Smi.Sandbox;

namespace SmiOperator.Cli;

/// <summary>
/// <c>sandbox &lt;folder&gt; [--state dir] [--load pod url] [--rate n] [--duration s] [--traffic-metrics addr]</c>: the whole
/// mesh on loopback — local control plane, and per simulated pod an echo app and a real proxy on
/// its own 127.x.y.z address. Pods and their listener URLs are in <c>&lt;state&gt;/sandbox.json</c>.
/// </summary>
internal static class SandboxCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "Folder of manifests (Deployments, Services, SMI objects)." };
        var state = new Option<string?>("--state") { Description = "State directory (proxy configs, certificates, sandbox.json); default: a folder under the temp directory." };
        var load = new Option<string[]>("--load") { Description = "Send steady load from POD to URL and show where it lands: --load client http://web.demo/", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var rate = new Option<double>("--rate") { Description = "Requests per second for --load.", DefaultValueFactory = _ => 10 };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log pod starts/stops and proxy warnings." };
        var trafficMetrics = new Option<string?>("--traffic-metrics") { Description = "Serve the SMI TrafficMetrics API (metrics.smi-spec.io/v1alpha1) over HTTP at this loopback address:port, e.g. 127.0.0.1:15090." };
        var netns = new Option<bool>("--netns") { Description = "Run the pods on a node built from network namespaces (needs root): pod IPs, ClusterIPs with kube-proxy DNAT, iptables interception, the injected proxy as its own process, containers' commands as real processes." };
        var flags = new MeshFlags();
        var command = new Command("sandbox", "Run a whole mesh on this machine: control plane, and per pod an echo app with a real proxy sidecar.") { folder, state, load, rate, duration, verbose, trafficMetrics, netns };
        flags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(folder)!;
            if (!Directory.Exists(path))
            {
                await stderr.WriteLineAsync($"sandbox: no such folder: {path}").ConfigureAwait(false);
                return 2;
            }

            var loadArgs = parse.GetValue(load);
            Uri? url = null;
            if (loadArgs is { Length: 2 } && !Uri.TryCreate(loadArgs[1], UriKind.Absolute, out url))
            {
                await stderr.WriteLineAsync($"sandbox: --load: \"{loadArgs[1]}\" is not an absolute URL (e.g. http://web.demo/)").ConfigureAwait(false);
                return 2;
            }

            System.Net.IPEndPoint? metricsEndpoint = null;
            if (parse.GetValue(trafficMetrics) is { } metricsAddress
                && (!System.Net.IPEndPoint.TryParse(metricsAddress, out metricsEndpoint) || !System.Net.IPAddress.IsLoopback(metricsEndpoint.Address) || metricsEndpoint.Port == 0))
            {
                await stderr.WriteLineAsync($"sandbox: --traffic-metrics: \"{metricsAddress}\" is not a loopback address:port (e.g. 127.0.0.1:15090)").ConfigureAwait(false);
                return 2;
            }

            using var logging = LoggerFactory.Create(b => b
                .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
                .SetMinimumLevel(parse.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning));
            var options = new SandboxOptions
            {
                Folder = path,
                StateDir = parse.GetValue(state) ?? DefaultState(path),
                Mesh = flags.Read(parse),
                LoadFrom = loadArgs is { Length: 2 } ? loadArgs[0] : null,
                LoadUrl = url,
                Rate = Math.Max(0.1, parse.GetValue(rate)),
                Duration = parse.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                TrafficMetricsEndpoint = metricsEndpoint,
                Netns = parse.GetValue(netns),
            };
            if (options.Netns && (options.LoadFrom is not null || metricsEndpoint is not null))
            {
                await stderr.WriteLineAsync("sandbox: --load and --traffic-metrics are not available with --netns yet; send traffic from a pod with `ip netns exec <netns> curl ...` (netns names are in sandbox.json)").ConfigureAwait(false);
                return 2;
            }

            return await new SandboxHost(options, logging, parse.InvocationConfiguration.Output, stderr).RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static string DefaultState(string folder)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(folder))))[..8];
        return Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"smi-sandbox-{hash}"));
    }
}
