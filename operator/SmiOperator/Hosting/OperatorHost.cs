using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Smi.Core.Cluster;
using SmiOperator.Control;
using SmiOperator.Kubernetes;
using SmiOperator.Leadership;
using SmiOperator.Telemetry;

namespace SmiOperator.Hosting;

/// <summary>
/// Wires the operator (`run`): informers, reconcile loop, leader election, writers, and the HTTP
/// endpoints (/healthz, /readyz, /metrics). All DI registration lives here.
/// </summary>
internal static class OperatorHost
{
    public static WebApplication Build(OperatorOptions options, IKubernetes client, Func<UnstructuredObject, Smi.Api.Model.SmiObject?> decodeSmi)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.WebHost.UseUrls(options.HealthAddress);

        var services = builder.Services;
        services.AddSingleton(client);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(options.Mesh);
        services.AddSingleton(options.Controller);
        services.AddSingleton(options.LeaderElection);
        services.AddSingleton(sp => new ClusterState(client, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(), decodeSmi));
        services.AddSingleton(sp => new WorkQueue<string>(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new OperatorMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), () => sp.GetRequiredService<WorkQueue<string>>().Depth));
        services.AddSingleton<LeaderElectionService>();
        services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<LeaderElectionService>());
        services.AddHostedService(sp => sp.GetRequiredService<LeaderElectionService>());
        services.AddSingleton<ConfigMapWriter>();
        services.AddSingleton<StatusWriter>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<MeshReconciler>();
        services.AddHostedService<MeshController>();
        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(OperatorMetrics.MeterName).AddPrometheusExporter());

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (ClusterState state) => state.HasSynced
            ? Results.Text("ok\n")
            : Results.Text("informers not synced: " + string.Join(", ", state.All.Where(i => !i.HasSynced).Select(i => i.Name)) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
