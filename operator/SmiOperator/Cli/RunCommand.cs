using System.CommandLine;
using k8s;
using Microsoft.Extensions.Logging;
using Smi.Core.Cluster;
using SmiOperator.Hosting;
using SmiOperator.Kubernetes;
using SmiOperator.Leadership;

namespace SmiOperator.Cli;

/// <summary>`run`: the operator against a cluster (in-cluster config or --kubeconfig). The container's default command.</summary>
internal static class RunCommand
{
    public static Command Create(Func<UnstructuredObject, Smi.Api.Model.SmiObject?> decodeSmi)
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Path to a kubeconfig; default: in-cluster config, else $KUBECONFIG or ~/.kube/config." };
        var context = new Option<string?>("--context") { Description = "kubeconfig context to use." };
        var health = new Option<string>("--health-address") { Description = "Address for /healthz, /readyz and /metrics.", DefaultValueFactory = _ => "http://0.0.0.0:8080" };
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Elect a leader among replicas (only the leader writes).", DefaultValueFactory = _ => true };
        var leaseNamespace = new Option<string>("--leader-election-namespace") { Description = "Namespace of the leader Lease.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "smi-system" };
        var identity = new Option<string?>("--identity") { Description = "This replica's name in the Lease (default: $POD_NAME or host name)." };
        var permissive = new Option<bool>("--permissive") { Description = "Switch SMI default deny off for the whole mesh." };
        var trustDomain = new Option<string>("--trust-domain") { Description = "SPIFFE trust domain of mesh certificates.", DefaultValueFactory = _ => "cluster.local" };
        var clusterDomain = new Option<string>("--cluster-domain") { Description = "Cluster DNS domain.", DefaultValueFactory = _ => "cluster.local" };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Minimum log level.", DefaultValueFactory = _ => LogLevel.Information };

        var command = new Command("run", "Run the operator against a Kubernetes cluster.")
        {
            kubeconfig, context, health, leaderElect, leaseNamespace, identity, permissive, trustDomain, clusterDomain, logLevel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var config = ClientConfig.Load(parse.GetValue(kubeconfig), parse.GetValue(context));
            using var client = new k8s.Kubernetes(config);
            var options = new OperatorOptions
            {
                Mesh = new MeshOptions
                {
                    Permissive = parse.GetValue(permissive),
                    TrustDomain = parse.GetValue(trustDomain)!,
                    ClusterDomain = parse.GetValue(clusterDomain)!,
                },
                HealthAddress = parse.GetValue(health)!,
                LogLevel = parse.GetValue(logLevel),
                LeaderElection = new LeaderElectionOptions
                {
                    Enabled = parse.GetValue(leaderElect),
                    Namespace = parse.GetValue(leaseNamespace)!,
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
