using System.Diagnostics;

namespace Smi.Sandbox.Node;

/// <summary>
/// Runs the host tools the node is built with (<c>ip</c>, <c>iptables-restore</c>, <c>sysctl</c>),
/// optionally inside a named network namespace, and turns a failure into an exception that names
/// the command and what it printed.
/// </summary>
internal static class HostCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/> in namespace <paramref name="netns"/> (null: the host's).</summary>
    public static async Task<string> RunAsync(string? netns, string program, IReadOnlyList<string> args, string? stdin = null, bool allowFailure = false, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo
        {
            FileName = netns is null ? program : "ip",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        if (netns is not null)
        {
            foreach (var arg in (string[])["netns", "exec", netns, program])
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new NodeException($"could not start {program}");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new NodeException($"{Describe(netns, program, args)} did not finish within {Timeout.TotalSeconds:0} s");
        }

        var stdout = await output.ConfigureAwait(false);
        var stderr = await error.ConfigureAwait(false);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new NodeException($"{Describe(netns, program, args)} failed (exit {process.ExitCode}): {stderr.Trim()}");
        }

        return stdout;
    }

    /// <summary>Runs <c>ip</c> in the host namespace or, with <paramref name="netns"/>, inside it.</summary>
    public static Task<string> IpAsync(string? netns, params string[] args) => RunAsync(netns, "ip", args);

    /// <summary>True when <paramref name="program"/> is found on PATH.</summary>
    public static bool IsInstalled(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Append("/sbin")
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    private static string Describe(string? netns, string program, IReadOnlyList<string> args) =>
        (netns is null ? string.Empty : $"[netns {netns}] ") + program + " " + string.Join(' ', args);
}
