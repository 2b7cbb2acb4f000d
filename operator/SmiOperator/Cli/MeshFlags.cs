using System.CommandLine;
using Smi.Core.Cluster;

namespace SmiOperator.Cli;

/// <summary>The mesh-wide flags shared by render, local, explain and sandbox.</summary>
internal sealed class MeshFlags
{
    public Option<bool> Permissive { get; } = new("--permissive") { Description = "Switch SMI default deny off for the whole mesh." };

    public Option<bool> AccessLog { get; } = new("--access-log") { Description = "Access logs for the whole mesh: every proxy writes one JSON line per request (per namespace: label or annotation smi-operator.io/access-log=true; per Service: a TrafficPolicy's spec.accessLog)." };

    public Option<bool> RegistryOnly { get; } = new("--registry-only") { Description = "Proxies refuse connections to destinations outside the mesh instead of passing them through to where they were going." };

    public Option<string> TrustDomain { get; } = new("--trust-domain") { Description = "SPIFFE trust domain.", DefaultValueFactory = _ => "cluster.local" };

    public Option<string> ClusterDomain { get; } = new("--cluster-domain") { Description = "Cluster DNS domain.", DefaultValueFactory = _ => "cluster.local" };

    public void AddTo(Command command)
    {
        command.Options.Add(Permissive);
        command.Options.Add(AccessLog);
        command.Options.Add(RegistryOnly);
        command.Options.Add(TrustDomain);
        command.Options.Add(ClusterDomain);
    }

    public MeshOptions Read(ParseResult parse) => new()
    {
        Permissive = parse.GetValue(Permissive),
        AccessLog = parse.GetValue(AccessLog),
        RegistryOnly = parse.GetValue(RegistryOnly),
        TrustDomain = parse.GetValue(TrustDomain)!,
        ClusterDomain = parse.GetValue(ClusterDomain)!,
        MeshUnlabelledNamespaces = true,
    };
}
