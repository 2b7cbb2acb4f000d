using System.Net;
using System.Text.Json;
using k8s;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using OpenTelemetry.Metrics;
using Smi.Operator.Certificates;
using Smi.Operator.Control;
using Smi.Operator.Kubernetes;
using Smi.Operator.Leadership;
using Smi.Operator.Runtime;
using Smi.Operator.Telemetry;
using Smi.Operator.Webhooks;
using Smi.Operator.Webhooks.Admission;
using Smi.TrafficMetrics;
using Smi.TrafficMetrics.Api;

namespace Smi.Operator.Hosting;

/// <summary>
/// Wires the operator (`run`): informers, reconcile loop, leader election, writers, certificates,
/// and two listeners — plain HTTP for /healthz, /readyz and /metrics, and HTTPS (a certificate
/// from the mesh CA, renewed in place) for the webhooks /validate, /inject and /convert and the
/// aggregated TrafficMetrics API under /apis/metrics.smi-spec.io. All DI registration lives here.
/// </summary>
internal static class OperatorHost
{
    public static WebApplication Build(OperatorOptions options, IKubernetes client, Func<UnstructuredObject, SmiDecodeResult> decodeSmi)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");
        builder.Logging.SetMinimumLevel(options.LogLevel);
        options.ConfigureLogging?.Invoke(builder.Logging);
        var health = new Uri(options.HealthAddress);
        CertificateService? certificates = null; // set once the app is built; read on each TLS handshake
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(Address(health.Host), health.Port);
            kestrel.Listen(IPAddress.Any, options.WebhookPort, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificateSelector = (_, _) => certificates?.Webhook?.Current(),

                // The API server's front proxy authenticates to the TrafficMetrics API with a client
                // certificate, checked per request (FrontProxyAuthenticator); webhook calls bring none.
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (_, _, _) => true,
            }));
        });

        var services = builder.Services;
        services.AddSingleton(client);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(options.Mesh);
        services.AddSingleton(options.Controller);
        services.AddSingleton(options.LeaderElection);
        services.AddSingleton(options.Certificates);
        services.AddSingleton(options.Injection);
        services.AddSingleton(sp => new ClusterState(client, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(), decodeSmi));
        services.AddSingleton<SmiDecodeReporter>();
        services.AddSingleton(sp => new WorkQueue<string>(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new OperatorMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), () => sp.GetRequiredService<WorkQueue<string>>().Depth));
        services.AddSingleton<LeaderElectionService>();
        services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<LeaderElectionService>());
        services.AddHostedService(sp => sp.GetRequiredService<LeaderElectionService>());
        services.AddSingleton<CertificateService>();
        services.AddHostedService(sp => sp.GetRequiredService<CertificateService>());
        services.AddSingleton<OwnedObjectWriter>();
        services.AddSingleton<DesiredStateApplier>();
        services.AddSingleton<CaBundlePatcher>();
        services.AddSingleton<MeshReconciler>();
        services.AddHostedService<MeshController>();
        services.AddSingleton(options.TrafficMetrics);
        services.AddSingleton<IMeshInventorySource>(sp => new ClusterInventorySource(sp.GetRequiredService<ClusterState>(), options.Mesh));
        services.AddSingleton<IMeshMetricsSource>(sp => new HttpMeshMetricsSource(
            sp.GetRequiredService<IMeshInventorySource>(),
            new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) }),
            options.Injection.AdminPort,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HttpMeshMetricsSource>>()));
        services.AddSingleton<TrafficMetricsCollector>();
        services.AddSingleton<ITrafficWindowSource>(sp => sp.GetRequiredService<TrafficMetricsCollector>());
        services.AddHostedService(sp => sp.GetRequiredService<TrafficMetricsCollector>());
        services.AddSingleton<TrafficMetricsApi>();
        services.AddSingleton<FrontProxyAuthenticator>();
        services.AddSingleton<IRequestAuthenticator>(sp => sp.GetRequiredService<FrontProxyAuthenticator>());
        services.AddHostedService(sp => sp.GetRequiredService<FrontProxyAuthenticator>());
        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(OperatorMetrics.MeterName).AddPrometheusExporter());

        var app = builder.Build();
        certificates = app.Services.GetRequiredService<CertificateService>();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (ClusterState state, CertificateService certificates) =>
        {
            var waiting = state.All.Where(i => !i.HasSynced).Select(i => i.Name).ToList();
            if (!certificates.IsLoaded)
            {
                waiting.Add("mesh CA");
            }

            return waiting.Count == 0
                ? Results.Text("ok\n")
                : Results.Text("waiting for: " + string.Join(", ", waiting) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        var injection = options.Injection;
        app.MapPost("/validate", context => Answer(context, (AdmissionReview r) => ValidationWebhook.Review(r)));
        app.MapPost("/inject", context => Answer(context, (AdmissionReview r) => InjectionWebhook.Review(r, injection)));
        app.MapPost("/convert", context => Answer(context, (ConversionReview r) => ConversionWebhook.Review(r)));
        app.MapTrafficMetrics(httpsOnly: true);
        return app;
    }

    /// <summary>Reads a review, answers it; a body that is not a review is a 400 with the reason.</summary>
    private static async Task Answer<TReview>(HttpContext context, Func<TReview, TReview> review)
        where TReview : class
    {
        // Webhooks are served on the TLS listener only.
        var result = context.Request.IsHttps ? await Review(context, review).ConfigureAwait(false) : Results.NotFound();
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task<IResult> Review<TReview>(HttpContext context, Func<TReview, TReview> review)
        where TReview : class
    {
        TReview? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<TReview>(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Results.BadRequest($"not a {typeof(TReview).Name}: {ex.Message}");
        }

        if (request is null)
        {
            return Results.BadRequest($"not a {typeof(TReview).Name}");
        }

        try
        {
            return Results.Json(review(request));
        }
        catch (ArgumentException ex)
        {
            return Results.BadRequest(ex.Message);
        }
    }

    private static IPAddress Address(string host) =>
        host is "0.0.0.0" or "*" or "+" ? IPAddress.Any : IPAddress.TryParse(host, out var ip) ? ip : IPAddress.Loopback;
}
