using System.Diagnostics;

namespace Smi.Testing.Tools;

/// <summary>
/// Runs the real <c>kubectl</c> found on PATH (tests use it for <c>kubectl kustomize</c>, which needs
/// no cluster, and later against the fake API server). Every call has a timeout.
/// </summary>
public static class Kubectl
{
    private static readonly Lazy<string?> PathOnDisk = new(() => Find("kubectl"));

    /// <summary>The kubectl executable, or null when it is not installed.</summary>
    public static string? Executable => PathOnDisk.Value;

    /// <summary>Runs kubectl with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">kubectl is not installed.</exception>
    /// <exception cref="TimeoutException">kubectl did not finish in time; it is killed.</exception>
    public static async Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var executable = Executable ?? throw new InvalidOperationException("kubectl is not on PATH");
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // kustomize needs no cluster; keep a developer's kubeconfig out of it all the same.
        info.Environment["KUBECONFIG"] = Path.Combine(Path.GetTempPath(), "smi-testing-no-kubeconfig");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', info.ArgumentList)} did not finish within {timeout}");
        }

        return new ProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary><c>kubectl kustomize &lt;directory&gt;</c>: the rendered YAML stream.</summary>
    public static async Task<string> KustomizeAsync(string directory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["kustomize", directory], directory, timeout, cancellationToken).ConfigureAwait(false);
        return result.EnsureSuccess($"kubectl kustomize {directory}");
    }

    private static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? name + ".exe" : name))
            .FirstOrDefault(File.Exists);
    }
}
