using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Smi.Sandbox.Node;

/// <summary>
/// One container's process, run as a real process inside its pod's network namespace
/// (<c>ip netns exec</c>, which also bind-mounts the pod's /etc/hosts), optionally as another user
/// (<c>setpriv</c>), with its output appended to a log file. Stopping sends SIGTERM, then SIGKILL
/// after the grace period, as kubelet does.
/// </summary>
internal sealed partial class PodProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Task _pump;

    private PodProcess(string name, Process process, StreamWriter log, Task pump)
    {
        Name = name;
        _process = process;
        _log = log;
        _pump = pump;
    }

    /// <summary>The container name.</summary>
    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="argv"/> in namespace <paramref name="netns"/>.</summary>
    /// <param name="runAs">A uid (and gid) to run as; the process keeps only CAP_DAC_READ_SEARCH, so it can read the state directory's root-owned certificate files the way a mounted Secret is readable in a pod.</param>
    public static PodProcess Start(string name, string netns, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, long? runAs, string? workingDirectory, string logFile)
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory is { } dir && Directory.Exists(dir) ? dir : "/",
        };
        foreach (var arg in (string[])["netns", "exec", netns])
        {
            start.ArgumentList.Add(arg);
        }

        if (runAs is { } uid && uid != 0)
        {
            foreach (var arg in (string[])["setpriv", $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search", "--"])
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in argv)
        {
            start.ArgumentList.Add(arg);
        }

        // A container sees only its own environment, not the sandbox's.
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["HOME"] = "/tmp";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new NodeException($"could not start container {name}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            log.Dispose();
            throw new NodeException($"could not start container {name} ({string.Join(' ', argv)}): {ex.Message}", ex);
        }

        process.StandardInput.Close();
        var sink = TextWriter.Synchronized(log);
        var pump = Task.WhenAll(PumpAsync(process.StandardOutput, sink), PumpAsync(process.StandardError, sink));
        return new PodProcess(name, process, log, pump);
    }

    /// <summary>Waits for the process to exit; returns its exit code.</summary>
    public async Task<int> WaitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, then SIGKILL (with its children) once <paramref name="grace"/> has passed.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }

            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        await _log.DisposeAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private static async Task PumpAsync(StreamReader from, TextWriter to)
    {
        while (await from.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            await to.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
