using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Smi.Core.Cluster;
using Smi.Core.Compilation;
using Smi.Operator.Kubernetes;

namespace SmiOperator.Cli;

/// <summary>
/// Lets one-shot commands (`render`, `explain`) read a cluster instead of a folder: the same
/// objects the operator reads (listed once), compiled the same way.
/// </summary>
internal sealed class ClusterSource
{
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "Read the mesh from this cluster instead of a folder." };

    public Option<string?> Context { get; } = new("--context") { Description = "kubeconfig context." };

    public void AddTo(Command command)
    {
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
    }

    public bool Requested(ParseResult parse) => parse.GetValue(Kubeconfig) is not null || parse.GetValue(Context) is not null;

    /// <summary>Lists every resource the operator watches and compiles; null (after a message) when the cluster cannot be read.</summary>
    public async Task<CompileResult?> CompileAsync(ParseResult parse, MeshOptions mesh, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!Requested(parse))
        {
            await stderr.WriteLineAsync("name a folder of manifests, or --kubeconfig to read a cluster").ConfigureAwait(false);
            return null;
        }

        try
        {
            var config = ClientConfig.Load(parse.GetValue(Kubeconfig), parse.GetValue(Context));
            using var client = new k8s.Kubernetes(config);
            var state = new ClusterState(client, TimeProvider.System, NullLoggerFactory.Instance, SmiDecoder.Decode);
            await Task.WhenAll(state.All.Select(i => i.ListOnceAsync(cancellationToken))).ConfigureAwait(false);
            var (snapshot, unreadable) = state.Read(mesh with { MeshUnlabelledNamespaces = false });
            foreach (var failure in unreadable)
            {
                // What the operator reports as InvalidObject: left out here as there, but never silently.
                await stderr.WriteLineAsync($"warning: {failure.Object.Kind} {failure.Object.Namespace}/{failure.Object.Name} left out: {failure.Message}").ConfigureAwait(false);
            }

            return MeshCompiler.Compile(snapshot);
        }
        catch (Exception ex) when (ex is k8s.Autorest.HttpOperationException or HttpRequestException or k8s.Exceptions.KubeConfigException or IOException)
        {
            await stderr.WriteLineAsync($"cannot read the cluster: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }
}
