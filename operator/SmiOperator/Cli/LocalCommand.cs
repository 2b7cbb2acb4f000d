using System.CommandLine;
using Smi.Operator.Local;

namespace SmiOperator.Cli;

/// <summary>
/// <c>local &lt;folder&gt; --out &lt;state-dir&gt;</c>: the control plane without a cluster. Watches the
/// folder; every change recompiles and rewrites only the identities whose revision changed, as
/// mounted-volume directories (<c>&lt;state&gt;/&lt;namespace&gt;/&lt;serviceaccount&gt;/</c>) that
/// proxies read with <c>--config-dir</c>. Acts as the mesh CA, issuing and rotating certificates.
/// </summary>
internal static class LocalCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "Folder of manifests to watch." };
        var output = new Option<string>("--out") { Description = "State directory to write.", Required = true };
        var once = new Option<bool>("--once") { Description = "Compile and write once, then exit." };
        var flags = new MeshFlags();
        var command = new Command("local", "Run the control plane on a folder of manifests, writing proxy configs and certificates to a state directory.") { folder, output, once };
        flags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(folder)!;
            if (!Directory.Exists(path))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"local: no such folder: {path}").ConfigureAwait(false);
                return 2;
            }

            using var plane = new LocalControlPlane(path, parse.GetValue(output)!, flags.Read(parse), TimeProvider.System);
            var reporter = new StepReporter(stdout);
            if (parse.GetValue(once))
            {
                var step = plane.Step();
                reporter.Report(step);
                return step.Problems.Any(p => p.Severity == "error") ? 1 : 0;
            }

            await stdout.WriteLineAsync($"local: watching {plane.Folder}, writing {plane.StateDir} (Ctrl+C to stop)").ConfigureAwait(false);
            await plane.WatchAsync(step => { reporter.Report(step); return Task.CompletedTask; }, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
