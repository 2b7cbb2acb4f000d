using System.CommandLine;
using Smi.Core.Cluster;
using Smi.Operator.Certificates;
using Smi.Operator.Hosting;
using Smi.Operator.Kubernetes;
using Smi.Operator.Leadership;
using Smi.Operator.Webhooks.Injection;
using Smi.ProxyConfig.Sidecar;

namespace SmiOperator.Cli;

/// <summary>`run`: the operator against a cluster (in-cluster config or --kubeconfig). The container's default command.</summary>
internal static class RunCommand
{
    public static Command Create(Func<UnstructuredObject, SmiDecodeResult> decodeSmi)
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Path to a kubeconfig; default: in-cluster config, else $KUBECONFIG or ~/.kube/config." };
        var context = new Option<string?>("--context") { Description = "kubeconfig context to use." };
        var health = new Option<string>("--health-address") { Description = "Address for /healthz, /readyz and /metrics.", DefaultValueFactory = _ => "http://0.0.0.0:8080" };
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Elect a leader among replicas (only the leader writes).", DefaultValueFactory = _ => true };
        var operatorNamespace = new Option<string>("--namespace") { Description = "The operator's namespace: leader Lease and mesh CA Secret.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "smi-system" };
        var webhookPort = new Option<int>("--webhook-port") { Description = "HTTPS port of the admission, injection and conversion webhooks.", DefaultValueFactory = _ => 9443 };
        var proxyImage = new Option<string>("--proxy-image") { Description = "Image of the injected proxy sidecar.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SMI_PROXY_IMAGE") ?? new InjectionOptions().ProxyImage };
        var transparent = new Option<bool>("--transparent") { Description = "Inject the iptables init container (transparent interception); pods opt out with smi-operator.io/transparent: \"false\".", DefaultValueFactory = _ => true };
        var webhookNames = new Option<string[]>("--webhook-dns-name") { Description = "Extra DNS name in the webhook certificate (repeatable), for API servers that call the webhooks by URL." };
        var certificateHours = new Option<double>("--proxy-certificate-hours") { Description = "Lifetime of proxy certificates (rotated at two thirds).", DefaultValueFactory = _ => 24 };
        var identity = new Option<string?>("--identity") { Description = "This replica's name in the Lease (default: $POD_NAME or host name)." };
        var permissive = new Option<bool>("--permissive") { Description = "Switch SMI default deny off for the whole mesh." };
        var trustDomain = new Option<string>("--trust-domain") { Description = "SPIFFE trust domain of mesh certificates.", DefaultValueFactory = _ => "cluster.local" };
        var clusterDomain = new Option<string>("--cluster-domain") { Description = "Cluster DNS domain.", DefaultValueFactory = _ => "cluster.local" };
        var metricShapes = new Option<string>("--proxy-metric-shapes") { Description = "Flagger metric shapes injected proxies record: comma list of istio, osm, linkerd, all, none (pods override with smi-operator.io/metric-shapes).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SMI_PROXY_METRIC_SHAPES") ?? new InjectionOptions().MetricShapes };
        var registryOnly = new Option<bool>("--registry-only") { Description = "Proxies refuse connections to destinations outside the mesh instead of passing them through to where they were going." };
        var accessLog = new Option<bool>("--access-log") { Description = "Access logs for the whole mesh: every proxy writes one JSON line per request (per namespace: label or annotation smi-operator.io/access-log=true; per Service: a TrafficPolicy's spec.accessLog)." };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Minimum log level.", DefaultValueFactory = _ => LogLevel.Information };

        var command = new Command("run", "Run the operator against a Kubernetes cluster.")
        {
            kubeconfig, context, health, leaderElect, operatorNamespace, webhookPort, proxyImage, transparent, webhookNames, certificateHours, identity, permissive, registryOnly, accessLog, trustDomain, clusterDomain, metricShapes, logLevel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!MetricShapeNames.TryParse(parse.GetValue(metricShapes)!, out var shapes, out var shapesError))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"run: --proxy-metric-shapes: {shapesError}").ConfigureAwait(false);
                return 2;
            }

            var config = ClientConfig.Load(parse.GetValue(kubeconfig), parse.GetValue(context));
            using var client = new k8s.Kubernetes(config);
            var options = new OperatorOptions
            {
                Mesh = new MeshOptions
                {
                    Permissive = parse.GetValue(permissive),
                    AccessLog = parse.GetValue(accessLog),
                    RegistryOnly = parse.GetValue(registryOnly),
                    TrustDomain = parse.GetValue(trustDomain)!,
                    ClusterDomain = parse.GetValue(clusterDomain)!,
                },
                HealthAddress = parse.GetValue(health)!,
                LogLevel = parse.GetValue(logLevel),
                WebhookPort = parse.GetValue(webhookPort),
                Certificates = new CertificateOptions
                {
                    Namespace = parse.GetValue(operatorNamespace)!,
                    TrustDomain = parse.GetValue(trustDomain)!,
                    ProxyCertificateLifetime = TimeSpan.FromHours(Math.Max(1, parse.GetValue(certificateHours))),
                    WebhookExtraDnsNames = parse.GetValue(webhookNames) ?? [],
                },
                Injection = new InjectionOptions { ProxyImage = parse.GetValue(proxyImage)!, Transparent = parse.GetValue(transparent), MetricShapes = MetricShapeNames.Format(shapes) },
                LeaderElection = new LeaderElectionOptions
                {
                    Enabled = parse.GetValue(leaderElect),
                    Namespace = parse.GetValue(operatorNamespace)!,
                    Identity = parse.GetValue(identity) ?? Environment.GetEnvironmentVariable("POD_NAME") ?? new LeaderElectionOptions().Identity,
                },
            };
            await using var app = OperatorHost.Build(options, client, decodeSmi);
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
