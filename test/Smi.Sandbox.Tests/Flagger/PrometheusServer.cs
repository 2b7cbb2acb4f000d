using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Smi.Testing;

namespace Smi.Sandbox.Tests.Flagger;

/// <summary>
/// A real Prometheus (the Debian package's <c>prometheus</c> binary) on a free loopback port, with
/// a temporary config that scrapes the given targets every second and a temporary TSDB.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;
    private readonly StringBuilder _log = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private PrometheusServer(Process process, string dir, Uri address)
    {
        _process = process;
        _dir = dir;
        Address = address;
    }

    public Uri Address { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The binary on PATH or in /usr/bin, or null when Prometheus is not installed.</summary>
    public static string? FindBinary()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin")
            .Select(dir => Path.Combine(dir, "prometheus"))
            .FirstOrDefault(File.Exists);
    }

    public static async Task<PrometheusServer> StartAsync(string binary, IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"smi-prometheus-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, Config(targets), cancellationToken);
        var port = FreeTcpPort.OnLoopback();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(dir, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--storage.tsdb.retention.time=1h",
            "--log.level=warn",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        var server = new PrometheusServer(process, dir, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitReadyAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>
    /// Runs an instant query the way Flagger's Prometheus provider does (whitespace runs collapsed
    /// to one space, GET /api/v1/query) and returns its value: null when the result is empty
    /// (Flagger's ErrNoValuesFound), NaN when Prometheus says NaN.
    /// </summary>
    public async Task<double?> QueryAsync(string query, CancellationToken cancellationToken)
    {
        var trimmed = string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        using var response = await _http.GetAsync(new Uri(Address, "api/v1/query?query=" + Uri.EscapeDataString(trimmed)), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"query failed ({(int)response.StatusCode}): {body}\nquery: {trimmed}");
        using var json = JsonDocument.Parse(body);
        double? value = null;
        foreach (var result in json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            value = double.Parse(result.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }

        return value;
    }

    /// <summary>How many targets Prometheus currently sees as up.</summary>
    public async Task<int> TargetsUpAsync(CancellationToken cancellationToken) =>
        (int)(await QueryAsync("sum(up)", cancellationToken) ?? 0);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }

    private static string Config(IReadOnlyList<string> targets) => $"""
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
        - job_name: smi-proxies
          metrics_path: /metrics
          static_configs:
          - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
        """;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private Task WaitReadyAsync(CancellationToken cancellationToken) =>
        Eventually.TrueAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}:\n{Log}");
                }

                using var response = await _http.GetAsync(new Uri(Address, "-/ready"), cancellationToken);
                return response.IsSuccessStatusCode;
            },
            "prometheus answers -/ready",
            timeout: TimeSpan.FromSeconds(30),
            pollInterval: TimeSpan.FromMilliseconds(100),
            retryOn: ex => ex is HttpRequestException, // not listening yet
            details: () => Log,
            cancellationToken: cancellationToken);
}
