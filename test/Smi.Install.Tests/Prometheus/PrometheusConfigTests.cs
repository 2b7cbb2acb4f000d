using System.Diagnostics;
using Smi.Testing;

namespace Smi.Install.Tests.Prometheus;

/// <summary>
/// The shipped Prometheus scrape config and alert rules are accepted by <c>promtool</c> (from the
/// Debian <c>prometheus</c> package, which CI installs), and every alert names series the operator
/// and the proxy really export.
/// </summary>
public sealed class PrometheusConfigTests
{
    private static string Folder => Path.Combine(RepoPaths.Root, "config", "prometheus");

    // prometheus.yml is not checked here: Debian's promtool is built without Kubernetes service
    // discovery and rejects every kubernetes_sd_configs block (upstream promtool accepts it).

    [Fact]
    public async Task Promtool_AlertRules_AreValid() =>
        await PromtoolAsync("check", "rules", Path.Combine(Folder, "alerts.yml"));

    [Theory]
    [InlineData("smi_operator_leader")]
    [InlineData("smi_operator_reconcile_total")]
    [InlineData("smi_operator_config_push_latency_seconds_bucket")]
    [InlineData("smi_operator_queue_depth")]
    [InlineData("smi_proxy_config_reload_total")]
    [InlineData("smi_proxy_ready")]
    [InlineData("smi_proxy_certificate_expiration_timestamp_seconds")]
    [InlineData("smi_requests_total")]
    public void Alerts_ReferenceExportedSeries(string series)
    {
        // The names are pinned by the proxy's and operator's own metric tests; this keeps the alerts in step.
        Assert.Contains(series, File.ReadAllText(Path.Combine(Folder, "alerts.yml")), StringComparison.Ordinal);
        var documented = series.EndsWith("_bucket", StringComparison.Ordinal) ? series[..^"_bucket".Length] : series;
        Assert.Contains(documented, File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "operations.md")), StringComparison.Ordinal);
    }

    private static async Task PromtoolAsync(params string[] args)
    {
        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists);
        if (promtool is null)
        {
            Assert.Skip("promtool is not installed (Debian package `prometheus`): skipped");
        }

        var start = new ProcessStartInfo(promtool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"promtool {string.Join(' ', args)} failed:\n{await stdout}\n{await stderr}");
    }
}
