using System.CommandLine;
using Smi.Operator.Kubernetes;

namespace SmiOperator.Cli;

/// <summary>
/// The operator binary's command line. Each verb lives in its own <c>*Command.cs</c> file and is
/// registered here; verbs, arguments and flags are a contract users and scripts rely on.
/// </summary>
internal static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var cluster = new ClusterSource();
        var root = new RootCommand("SMI Operator: a Service Mesh Interface control plane with a YARP sidecar proxy.")
        {
            RunCommand.Create(SmiDecoder.Decode),
            ValidateCommand.Create(),
            RenderCommand.Create(cluster),
            LocalCommand.Create(),
            ExplainCommand.Create(cluster),
            SandboxCommand.Create(),
        };
        return root;
    }

    public static Task<int> RunAsync(string[] args) => BuildRoot().Parse(args).InvokeAsync();
}
