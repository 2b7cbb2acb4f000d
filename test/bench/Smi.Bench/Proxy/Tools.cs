using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Smi.Bench.Proxy;

/// <summary>Runs an external command to completion and captures its output.</summary>
internal static class Tools
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{output}");
        }

        return output;
    }

    public static string Require(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"]))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"{name} is not installed: run test/bench/run.sh (it installs wrk, nghttp2-client, nginx, haproxy and caddy) or apt-get install it");
    }
}

/// <summary>One closed-loop wrk run.</summary>
internal sealed record WrkResult(double RequestsPerSecond, double P50Us, double P90Us, double P99Us, long Requests, long Non2xx, long SocketErrors)
{
    public bool Clean => Non2xx == 0 && SocketErrors == 0 && Requests > 0;

    public static async Task<WrkResult> RunAsync(string url, string? host, int connections, TimeSpan duration)
    {
        var args = new List<string> { "-t", connections == 1 ? "1" : "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{Math.Max(1, (int)duration.TotalSeconds)}s", "--latency", "--timeout", "5s" };
        if (host is not null)
        {
            args.AddRange(["-H", $"Host: {host}"]);
        }

        args.Add(url);
        var output = await Tools.RunAsync(Tools.Require("wrk"), args, duration + TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return Parse(output);
    }

    public static WrkResult Parse(string output)
    {
        double Latency(string label)
        {
            var m = Regex.Match(output, $@"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!m.Success)
            {
                throw new InvalidOperationException($"wrk output has no {label}% latency:\n{output}");
            }

            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => value, "ms" => value * 1000, _ => value * 1_000_000 };
        }

        long Count(string pattern) => Regex.Match(output, pattern) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var rps = Regex.Match(output, @"Requests/sec:\s+([\d.]+)");
        var errors = Regex.Match(output, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)");
        var socketErrors = errors.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(errors.Groups[i].Value, CultureInfo.InvariantCulture)) : 0;
        return new WrkResult(
            double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            Latency("50"),
            Latency("90"),
            Latency("99"),
            Count(@"(\d+) requests in"),
            Count(@"Non-2xx or 3xx responses:\s+(\d+)"),
            socketErrors);
    }
}

/// <summary>One fixed-rate h2load run (HTTP/1.1), with per-request latencies from its log file.</summary>
internal sealed record RateResult(double OfferedRps, double AchievedRps, double P50Us, double P90Us, double P99Us, long Succeeded, long Failed)
{
    public bool Saturated => AchievedRps < OfferedRps * 0.97;

    public bool Clean => Failed == 0 && Succeeded > 0;

    public static async Task<RateResult> RunAsync(string url, string? host, double rps, TimeSpan duration, string scratch)
    {
        // h2load paces per client: 4 clients (connections) at rps/4 each.
        const int clients = 4;
        var log = Path.Combine(scratch, $"h2load-{Guid.NewGuid():N}.log");
        var args = new List<string>
        {
            "--h1", "-c", clients.ToString(CultureInfo.InvariantCulture), "-t", "1",
            "--rps", (rps / clients).ToString("F1", CultureInfo.InvariantCulture),
            "-D", Math.Max(1, (int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "--log-file", log,
        };
        if (host is not null)
        {
            args.AddRange(["-H", $":authority: {host}"]);
        }

        args.Add(url);
        var output = await Tools.RunAsync(Tools.Require("h2load"), args, duration + TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        var m = Regex.Match(output, @"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored");
        if (!m.Success)
        {
            throw new InvalidOperationException($"unexpected h2load output:\n{output}");
        }

        // Log lines: start time (us since epoch) \t status \t duration (us).
        var durations = new List<double>();
        var statusFailures = 0L;
        foreach (var line in File.ReadLines(log))
        {
            var parts = line.Split('\t');
            if (parts.Length >= 3)
            {
                durations.Add(double.Parse(parts[2], CultureInfo.InvariantCulture));
                if (!parts[1].StartsWith('2'))
                {
                    statusFailures++;
                }
            }
        }

        File.Delete(log);
        durations.Sort();
        var done = long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        return new RateResult(
            rps,
            done / duration.TotalSeconds,
            Stats.Percentile(durations, 0.50),
            Stats.Percentile(durations, 0.90),
            Stats.Percentile(durations, 0.99),
            long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) - statusFailures,
            long.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture) + long.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture) + statusFailures);
    }
}

/// <summary>CPU time and resident memory of a process, from /proc.</summary>
internal static class ProcStats
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static double CpuSeconds(IEnumerable<int> pids) => pids.Sum(CpuSeconds);

    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields after the command: state is [0], utime [11], stime [12].
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static double RssMiB(IEnumerable<int> pids) => pids.Sum(RssMiB);

    public static double RssMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(Regex.Match(line, @"(\d+)").Groups[1].Value, CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>A process and all its descendants (nginx and haproxy fork workers).</summary>
    public static IReadOnlyList<int> Tree(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
            }
        }

        var result = new List<int> { root };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(children.GetValueOrDefault(result[i]) ?? []);
        }

        return result;
    }
}

internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
