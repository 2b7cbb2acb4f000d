using System.CommandLine;
using Smi.Manifests;
using Smi.Operator.Local;
using Smi.ProxyConfig;

namespace SmiOperator.Cli;

/// <summary>
/// <c>render &lt;folder&gt; [--out dir]</c>: compiles a folder of manifests once. With --out it writes
/// one file per identity (<c>&lt;out&gt;/&lt;namespace&gt;/&lt;serviceaccount&gt;.json</c>) and
/// <c>diagnostics.txt</c>; otherwise it prints a summary and the diagnostics. Output is
/// deterministic, for diffs in GitOps pipelines. Exit codes: 0 ok, 1 a manifest could not be used, 2 usage.
/// </summary>
internal static class RenderCommand
{
    private const string Marker = ".smi-render";

    public static Command Create(ClusterSource cluster)
    {
        var folder = new Argument<string?>("folder") { Description = "Folder (or file) of manifests: Namespaces, Services, Deployments, Pods and SMI objects (omit with --kubeconfig).", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out") { Description = "Write one JSON file per proxy identity and diagnostics.txt here (the folder is replaced)." };
        var flags = new MeshFlags();
        var command = new Command("render", "Compile manifests into the per-identity proxy configuration, offline.") { folder, output };
        flags.AddTo(command);
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(folder);
            if (path is null)
            {
                var fromCluster = await cluster.CompileAsync(parse, flags.Read(parse), stderr, cancellationToken).ConfigureAwait(false);
                return fromCluster is null ? 2 : Write(fromCluster, [], parse.GetValue(output), stdout, stderr);
            }

            if (!Directory.Exists(path) && !File.Exists(path))
            {
                await stderr.WriteLineAsync($"render: no such file or folder: {path}").ConfigureAwait(false);
                return 2;
            }

            using var plane = new LocalControlPlane(path, stateDir: null, flags.Read(parse), TimeProvider.System);
            var step = plane.Step();
            return Write(step.Result, step.Problems, parse.GetValue(output), stdout, stderr);
        });
        return command;
    }

    private static int Write(Smi.Core.Compilation.CompileResult result, IReadOnlyList<LocalProblem> problems, string? output, TextWriter stdout, TextWriter stderr)
    {
        var report = DiagnosticsReport.Describe(result, problems);
        if (output is null)
        {
            stdout.Write(DiagnosticsReport.Summarize(result));
            stdout.Write(report);
        }
        else
        {
            if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !File.Exists(Path.Combine(output, Marker)))
            {
                stderr.WriteLine($"render: {output} is not empty and was not written by render; choose an empty or new folder");
                return 2;
            }

            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, Marker), "written by smi-operator render; replaced on every run\n");
            foreach (var (identity, config) in result.Configs)
            {
                var dir = Path.Combine(output, identity.Namespace);
                Directory.CreateDirectory(dir);
                File.WriteAllBytes(Path.Combine(dir, identity.ServiceAccount + ".json"), ProxyConfigSerializer.SerializeIndented(config));
            }

            File.WriteAllText(Path.Combine(output, "diagnostics.txt"), report);
            stdout.WriteLine($"rendered {result.Configs.Count} proxy identities to {output} ({problems.Count(p => p.Severity == "error")} manifest errors, {result.Diagnostics.Count(d => d.Severity >= Smi.Core.Diagnostics.Severity.Warning)} warnings)");
        }

        foreach (var problem in problems.Where(p => p.Severity == "error"))
        {
            stderr.WriteLine(problem);
        }

        return problems.Any(p => p.Severity == "error") ? 1 : 0;
    }
}
