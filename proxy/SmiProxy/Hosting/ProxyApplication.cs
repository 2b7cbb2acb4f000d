using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SmiProxy.Admin;
using SmiProxy.Configuration;
using SmiProxy.Intercept;
using SmiProxy.Probes;
using SmiProxy.Pipeline;
using SmiProxy.Policies;
using SmiProxy.Settings;
using SmiProxy.Telemetry;
using SmiProxy.Tls;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace SmiProxy.Hosting;

/// <summary>
/// Builds one proxy instance: a slim WebApplication with three Kestrel listeners, YARP fed by the
/// mesh config provider, and a meter provider that sees only this instance's meter.
/// </summary>
internal static class ProxyApplication
{
    public static WebApplication Build(SidecarProxyOptions options, ProxyListeners listeners, bool embedded)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // appsettings.json is not used; without this each instance would also spend an inotify
            // instance watching the content root for it.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ApplicationName = "smi-proxy",
            ContentRootPath = AppContext.BaseDirectory,
        });

        ConfigureLogging(builder.Logging, options);
        var state = new ProxyState(options.CertificateDirectory is not null);
        var instance = new ProxyInstance(options);
        ConfigureServices(builder.Services, options, state, instance, embedded);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Apps using the outbound listener as HTTP_PROXY send absolute-form requests; their
            // authority, not a possibly different Host header, names the destination.
            kestrel.AllowHostHeaderOverride = true;

            // A sidecar streams bodies through; the app, not its proxy, decides what is too large.
            kestrel.Limits.MaxRequestBodySize = null;

            // Nor does it cut slow streams: a gRPC stream or a WebSocket may be quiet for minutes.
            // Idle connections still close after Kestrel's keep-alive timeout (130 s).
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            // h2c arrives on the same listeners as HTTP/1.1 (prior knowledge, detected per connection);
            // its requests carry :scheme http on an endpoint Kestrel otherwise treats as TLS.
            kestrel.AllowAlternateSchemes = true;
            ListenOn(kestrel, options.OutboundEndpoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                var http = new HttpBranch();
                listen.Use(next => connection => listen.ApplicationServices.GetRequiredService<OutboundConnections>().HandleAsync(connection, http.Next!));

                // Never runs (every connection leaves through the branch below): it only tells Kestrel
                // that this endpoint may negotiate HTTP/2, which it then serves to h2c connections.
                listen.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = _ => throw new InvalidOperationException("the outbound listener does not terminate TLS") });
                listen.Use(next => http.Next = next);
                listeners.Outbound = listen;
            });
            ListenOn(kestrel, options.InboundEndpoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                InboundConnections.Configure(listen, state);
                listeners.Inbound = listen;
            });
            ListenOn(kestrel, options.AdminEndpoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(next => connection =>
                {
                    connection.Features.Set(ListenerFeature.Admin);
                    return next(connection);
                });
                listeners.Admin = listen;
            });
        });

        var app = builder.Build();
        var admin = app.Services.GetRequiredService<AdminEndpoints>();
        app.MapWhen(
            context => context.Features.Get<ListenerFeature>()?.Kind == ListenerKind.Admin,
            branch =>
            {
                branch.UseOpenTelemetryPrometheusScrapingEndpoint(
                    meterProvider: null,
                    predicate: context => context.Request.Path == "/metrics",
                    path: null,
                    configureBranchedPipeline: null,
                    optionsName: null);
                branch.Run(admin.HandleAsync);
            });
        app.UseRouting();
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<MeshProxyMiddleware>();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        return app;
    }

    /// <summary>
    /// The wildcard address (the default) listens on both families: <c>[::]</c> in dual-stack mode,
    /// which also accepts IPv4, where the host has IPv6; <c>0.0.0.0</c> otherwise.
    /// </summary>
    private static void ListenOn(KestrelServerOptions kestrel, System.Net.IPEndPoint endpoint, Action<ListenOptions> configure)
    {
        var address = endpoint.Address.Equals(System.Net.IPAddress.Any) && DualStack.Value ? System.Net.IPAddress.IPv6Any : endpoint.Address;
        kestrel.Listen(address, endpoint.Port, configure);
    }

    private static readonly Lazy<bool> DualStack = new(() =>
    {
        if (!System.Net.Sockets.Socket.OSSupportsIPv6)
        {
            return false;
        }

        try
        {
            using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetworkV6, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { DualMode = true };
            probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Any, 0));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    });

    private sealed class HttpBranch
    {
        public ConnectionDelegate? Next { get; set; }
    }

    private static void ConfigureLogging(ILoggingBuilder logging, SidecarProxyOptions options)
    {
        logging.ClearProviders();
        if (options.ConfigureLogging is { } configure)
        {
            configure(logging);
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            });
        }

        logging.SetMinimumLevel(options.MinimumLogLevel);

        // ASP.NET Core starts an Activity per request whenever this logger is enabled at any level;
        // nothing here needs it, and it costs ~10% of a proxy's throughput (yarp#700).
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

        // YARP logs every failed forward as a Warning with a stack trace. The caller already gets the
        // reason (x-smi-reason) and the metrics count it, so at the default level these stay quiet.
        logging.AddFilter("Yarp.ReverseProxy.Forwarder.HttpForwarder", options.MinimumLogLevel <= LogLevel.Information ? options.MinimumLogLevel : LogLevel.Error);
    }

    private static void ConfigureServices(IServiceCollection services, SidecarProxyOptions options, ProxyState state, ProxyInstance instance, bool embedded)
    {
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        if (embedded)
        {
            services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(state);
        services.AddSingleton<IServingStatus>(state);
        services.AddSingleton(instance);
        services.AddSingleton<ProxyMetrics>();
        services.AddSingleton<MeshYarpConfigProvider>();
        services.AddSingleton<MeshConnector>();
        services.AddSingleton<MeshHttpClientFactory>();
        services.AddSingleton<OutboundTransformer>();
        services.AddKeyedSingleton<HttpTransformer>(ConfigAppliedListener.OutboundTransformerKey, (sp, _) => sp.GetRequiredService<OutboundTransformer>());
        services.AddSingleton<OutboundHandler>();
        services.AddSingleton<InboundHandler>();
        services.AddSingleton<AdminEndpoints>();
        services.AddSingleton(_ => new AppProbeRunner(options.AppProbes, options.AppAddress));
        services.AddSingleton<LocalAddresses>();
        services.AddSingleton<TcpMetrics>();
        services.AddSingleton<TcpForwarder>();
        services.AddSingleton<OutboundConnections>();
        services.AddSingleton<InboundConnections>();
        services.AddHostedService<CertificateStore>();
        services.AddHostedService<ConfigReloader>();
        services.AddSingleton<RateLimiters>();
        services.AddSingleton<AccessLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessLogWriter>());
        services.AddSingleton<MirrorSender>();

        services.AddReverseProxy();

        // YARP's cookie session-affinity policies pull in Data Protection, whose hosted service
        // loads (and creates) a key ring under the user's home at start — a write, and warnings on a
        // read-only root filesystem. The mesh uses no affinity cookies: keys stay in memory, and the
        // eager load is dropped (matched by name; the type is internal).
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        foreach (var eager in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
        {
            services.Remove(eager);
        }
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<MeshYarpConfigProvider>());
        services.AddSingleton<IConfigChangeListener, ConfigAppliedListener>();
        services.AddSingleton<IPassiveHealthCheckPolicy, ConsecutiveFailuresPolicy>();

        // Registered after AddReverseProxy so it replaces YARP's default factory.
        services.AddSingleton<IForwarderHttpClientFactory>(sp => sp.GetRequiredService<MeshHttpClientFactory>());

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("smi-proxy", serviceInstanceId: options.PodName ?? instance.Id))
            .WithMetrics(metrics => metrics
                .AddMeter(instance.MeterName)
                .AddPrometheusExporter(prometheus =>
                {
                    // Exact names: no otel_scope_* labels, no target_info, no caching between scrapes.
                    prometheus.ScopeInfoEnabled = false;
                    prometheus.TargetInfoEnabled = false;
                    prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                }));
        if (options.OtlpEndpoint is { } otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource("Microsoft.AspNetCore", "Yarp.ReverseProxy", "System.Net.Http")
                .AddOtlpExporter(exporter => exporter.Endpoint = otlp));
        }
    }
}
