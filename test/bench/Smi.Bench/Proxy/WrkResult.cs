using System.Globalization;
using System.Text.RegularExpressions;

namespace Smi.Bench.Proxy;

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
