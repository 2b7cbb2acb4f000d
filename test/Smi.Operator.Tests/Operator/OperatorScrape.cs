using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Smi.Operator.Tests.Operator;

/// <summary>Reads an operator replica's /metrics as Prometheus would.</summary>
internal static class OperatorScrape
{
    /// <summary>The sum of every sample of <paramref name="metric"/> whose labels include each of <paramref name="labels"/> (e.g. <c>kind="TrafficSplit"</c>).</summary>
    public static async Task<double> SumAsync(WebApplication app, string metric, params string[] labels)
    {
        var http = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal));
        using var client = new HttpClient { BaseAddress = new Uri(http), Timeout = OperatorFixture.Timeout };
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if ((line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
                && labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            {
                var rest = line.Contains('{', StringComparison.Ordinal) ? line[(line.LastIndexOf('}') + 1)..] : line[metric.Length..];
                var value = rest.Trim().Split(' ')[0];
                sum += double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }
}
