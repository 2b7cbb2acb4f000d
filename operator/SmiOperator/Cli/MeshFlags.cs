using System.CommandLine;
using Smi.Core.Cluster;

namespace SmiOperator.Cli;

/// <summary>The mesh-wide flags shared by render, local, explain and sandbox.</summary>
internal sealed class MeshFlags
{
    public Option<bool> Permissive { get; } = new("--permissive") { Description = "Switch SMI default deny off for the whole mesh." };

    public Option<string> TrustDomain { get; } = new("--trust-domain") { Description = "SPIFFE trust domain.", DefaultValueFactory = _ => "cluster.local" };

    public Option<string> ClusterDomain { get; } = new("--cluster-domain") { Description = "Cluster DNS domain.", DefaultValueFactory = _ => "cluster.local" };

    public void AddTo(Command command)
    {
        command.Options.Add(Permissive);
        command.Options.Add(TrustDomain);
        command.Options.Add(ClusterDomain);
    }

    public MeshOptions Read(ParseResult parse) => new()
    {
        Permissive = parse.GetValue(Permissive),
        TrustDomain = parse.GetValue(TrustDomain)!,
        ClusterDomain = parse.GetValue(ClusterDomain)!,
        MeshUnlabelledNamespaces = true,
    };
}
