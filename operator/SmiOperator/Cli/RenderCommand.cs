using System.CommandLine;
using Smi.ProxyConfig;
using SmiOperator.Local;

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

    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "Folder (or file) of manifests: Namespaces, Services, Deployments, Pods and SMI objects." };
        var output = new Option<string?>("--out") { Description = "Write one JSON file per proxy identity and diagnostics.txt here (the folder is replaced)." };
        var flags = new MeshFlags();
        var command = new Command("render", "Compile manifests into the per-identity proxy configuration, offline.") { folder, output };
        flags.AddTo(command);
        command.SetAction(parse => Run(parse.GetValue(folder)!, parse.GetValue(output), flags.Read(parse), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string folder, string? output, Smi.Core.Cluster.MeshOptions mesh, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(folder) && !File.Exists(folder))
        {
            stderr.WriteLine($"render: no such file or folder: {folder}");
            return 2;
        }

        using var plane = new LocalControlPlane(folder, stateDir: null, mesh, TimeProvider.System);
        var step = plane.Step();
        var report = DiagnosticsReport.Describe(step.Result, step.Problems);
        if (output is null)
        {
            stdout.Write(DiagnosticsReport.Summarize(step.Result));
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
            foreach (var (identity, config) in step.Result.Configs)
            {
                var dir = Path.Combine(output, identity.Namespace);
                Directory.CreateDirectory(dir);
                File.WriteAllBytes(Path.Combine(dir, identity.ServiceAccount + ".json"), ProxyConfigSerializer.SerializeIndented(config));
            }

            File.WriteAllText(Path.Combine(output, "diagnostics.txt"), report);
            stdout.WriteLine($"rendered {step.Result.Configs.Count} proxy identities to {output} ({step.Problems.Count(p => p.Severity == "error")} manifest errors, {step.Result.Diagnostics.Count(d => d.Severity >= Smi.Core.Diagnostics.Severity.Warning)} warnings)");
        }

        foreach (var problem in step.Problems.Where(p => p.Severity == "error"))
        {
            stderr.WriteLine(problem);
        }

        return step.Problems.Any(p => p.Severity == "error") ? 1 : 0;
    }
}
