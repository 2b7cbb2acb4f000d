using System.Globalization;
using System.Text.RegularExpressions;

namespace Smi.Bench.Proxy;

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
