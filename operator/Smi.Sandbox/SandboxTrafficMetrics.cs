using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smi.TrafficMetrics;
using Smi.TrafficMetrics.Api;

namespace Smi.Sandbox;

/// <summary>
/// The TrafficMetrics API in the sandbox: the same collector and API as the operator's, scraping
/// every simulated pod's admin listener (its loopback address, port 15000), served over plain HTTP
/// on a loopback address — e.g. <c>curl http://127.0.0.1:15090/apis/metrics.smi-spec.io/v1alpha1/namespaces/demo/deployments</c>.
/// </summary>
internal sealed class SandboxTrafficMetrics : IAsyncDisposable
{
    private const int AdminPort = 15000;
    private readonly WebApplication _app;

    private SandboxTrafficMetrics(WebApplication app) => _app = app;

    public static async Task<SandboxTrafficMetrics> StartAsync(IPEndPoint endpoint, SandboxInventory inventory, TrafficMetricsOptions options, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<IMeshInventorySource>(inventory);
        services.AddSingleton<IMeshMetricsSource>(sp => new HttpMeshMetricsSource(inventory, new HttpClient(new SocketsHttpHandler { UseProxy = false }), AdminPort, TimeProvider.System, logging.CreateLogger<HttpMeshMetricsSource>()));
        services.AddSingleton(sp => new TrafficMetricsCollector(sp.GetRequiredService<IMeshMetricsSource>(), options, TimeProvider.System, logging.CreateLogger<TrafficMetricsCollector>()));
        services.AddSingleton<ITrafficWindowSource>(sp => sp.GetRequiredService<TrafficMetricsCollector>());
        services.AddHostedService(sp => sp.GetRequiredService<TrafficMetricsCollector>());
        services.AddSingleton<TrafficMetricsApi>();
        var app = builder.Build();
        app.MapTrafficMetrics(httpsOnly: false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new SandboxTrafficMetrics(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
