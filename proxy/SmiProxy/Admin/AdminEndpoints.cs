using System.Text;
using System.Text.Json;
using Smi.ProxyConfig;
using SmiProxy.Configuration;
using SmiProxy.Probes;
using SmiProxy.Settings;
using Yarp.ReverseProxy;

namespace SmiProxy.Admin;

/// <summary>
/// The admin listener (metrics are served by the OpenTelemetry Prometheus middleware in front):
/// <list type="bullet">
/// <item><c>/ready</c>: 200 once a config (and, with mTLS, a certificate) is loaded; 503 with what is missing before.</item>
/// <item><c>/config</c>: the revision being served and the whole document, as JSON.</item>
/// <item><c>/stats</c>: readiness, certificate, and every cluster's endpoints with their health and in-flight requests.</item>
/// </list>
/// </summary>
internal sealed class AdminEndpoints
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    private readonly ProxyState _state;
    private readonly SidecarProxyOptions _options;
    private readonly IProxyStateLookup _lookup;
    private readonly AppProbeRunner _probes;

    public AdminEndpoints(ProxyState state, SidecarProxyOptions options, IProxyStateLookup lookup, AppProbeRunner probes)
    {
        _state = state;
        _options = options;
        _lookup = lookup;
        _probes = probes;
    }

    public Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        return context.Request.Path.Value switch
        {
            "/ready" or "/ready/" => ReadyAsync(context),
            "/config" or "/config/" => ConfigAsync(context),
            "/stats" or "/stats/" => StatsAsync(context),
            { } path when path.StartsWith("/app-health/", StringComparison.Ordinal) => AppHealthAsync(context, path),
            _ => NotFoundAsync(context),
        };
    }

    /// <summary>
    /// One of the app's probes the injector moved here: the proxy runs it against the app locally
    /// and answers kubelet with the app's result (2xx/3xx pass, anything else fails).
    /// </summary>
    private async Task AppHealthAsync(HttpContext context, string path)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (!_probes.TryGet(path, out var probe))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync($"no app probe at {path} (the proxy was started with {_probes.Count} app probes)\n").ConfigureAwait(false);
            return;
        }

        var (status, reason) = await _probes.RunAsync(probe, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(reason + "\n").ConfigureAwait(false);
    }

    private Task ReadyAsync(HttpContext context)
    {
        var missing = new List<string>();
        if (_state.Active is null)
        {
            missing.Add($"no valid config in {_options.ConfigDirectory} yet");
        }

        if (_state.RequiresCertificate && _state.Certificate is null)
        {
            missing.Add($"no valid certificate in {_options.CertificateDirectory} yet");
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.StatusCode = missing.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        return context.Response.WriteAsync(missing.Count == 0 ? "ready\n" : "not ready: " + string.Join("; ", missing) + "\n");
    }

    private async Task ConfigAsync(HttpContext context)
    {
        var active = _state.Active;
        context.Response.ContentType = "application/json";
        if (active is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            writer.WriteStartObject();
            writer.WriteString("revision", active?.Revision);
            writer.WriteString("source", active?.SourcePath);
            if (active?.AppliedAt is { } applied)
            {
                writer.WriteString("appliedAt", applied);
            }

            writer.WritePropertyName("config");
            if (active is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(ProxyConfigSerializer.Serialize(active.Document), skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task StatsAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ready", _state.IsReady);
            writer.WriteString("revision", _state.Active?.Revision);
            if (_state.Certificate is { } certificate)
            {
                writer.WriteStartObject("certificate");
                writer.WriteString("spiffeId", certificate.SpiffeId);
                writer.WriteString("notAfter", certificate.NotAfter);
                writer.WriteEndObject();
            }

            writer.WriteStartArray("clusters");
            foreach (var cluster in _lookup.GetClusters().OrderBy(c => c.ClusterId, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("id", cluster.ClusterId);
                writer.WriteString("loadBalancing", cluster.Model.Config.LoadBalancingPolicy);
                writer.WriteStartArray("endpoints");
                foreach (var destination in cluster.DestinationsState.AllDestinations)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", destination.DestinationId);
                    writer.WriteString("address", destination.Model.Config.Address);
                    writer.WriteString("passiveHealth", destination.Health.Passive.ToString());
                    writer.WriteBoolean("available", cluster.DestinationsState.AvailableDestinations.Contains(destination));
                    writer.WriteNumber("inFlight", destination.ConcurrentRequestCount);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("admin endpoints: /ready /config /metrics /stats\n", Encoding.UTF8);
    }
}
