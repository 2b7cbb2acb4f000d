using System.Diagnostics;

namespace Smi.Testing.FakeKubeApi;

/// <summary>
/// Runs the real <c>kubectl</c> against a <see cref="FakeKubeApiServer"/>: its own kubeconfig and
/// discovery cache directory (so runs never share stale discovery), a timeout, and stdout/stderr
/// captured for assertion messages.
/// </summary>
public sealed class Kubectl : IDisposable
{
    private readonly string _directory;
    private readonly string _kubeconfig;

    public Kubectl(FakeKubeApiServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _directory = Directory.CreateTempSubdirectory("fake-kubectl-").FullName;
        _kubeconfig = server.WriteKubeconfig(Path.Combine(_directory, "kubeconfig"));
    }

    /// <summary>The kubectl on PATH, or null when there is none (tests then skip with a message).</summary>
    public static string? Binary { get; } = FindOnPath("kubectl");

    /// <summary>The working directory (manifests written by <see cref="WriteFile"/> go there).</summary>
    public string WorkingDirectory => _directory;

    /// <summary>Writes <paramref name="content"/> to a file in <see cref="WorkingDirectory"/> and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs kubectl with <paramref name="arguments"/>; kills it after <paramref name="timeout"/> (default 20 s).</summary>
    public async Task<KubectlResult> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var binary = Binary ?? throw new InvalidOperationException("kubectl is not on PATH");
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(_kubeconfig);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(Path.Combine(_directory, "cache"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECONFIG"] = _kubeconfig;
        start.Environment["HOME"] = _directory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(20));
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        var args = string.Join(' ', start.ArgumentList.Skip(4));
        return new KubectlResult(args, timedOut ? -1 : process.ExitCode, await stdout, await stderr, timedOut);
    }

    /// <summary>Runs kubectl with the arguments split on spaces (no quoting).</summary>
    public Task<KubectlResult> RunAsync(string arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        RunAsync(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), timeout, cancellationToken);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A kubectl that was killed may still hold its cache open for a moment; the temp dir is harmless.
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
