using System.Net;
using k8s;
using k8s.Autorest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Smi.TrafficMetrics.Api;

/// <summary>
/// Accepts only the API server's front proxy (see <see cref="FrontProxyTrust"/>), reading the
/// request-header CA from <c>kube-system/extension-apiserver-authentication</c> at start and every
/// minute (the API server rotates it). Until it could be read, every request is refused with the reason.
/// </summary>
internal sealed partial class FrontProxyAuthenticator(IKubernetes client, TimeProvider time, ILogger<FrontProxyAuthenticator> logger) : BackgroundService, IRequestAuthenticator
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);
    private volatile FrontProxyTrust? _trust;
    private volatile string _problem = $"the request-header CA was not read from {FrontProxyTrust.ConfigMapNamespace}/{FrontProxyTrust.ConfigMapName} yet";

    public async Task<string?> RejectAsync(HttpContext context)
    {
        var certificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted).ConfigureAwait(false);
        return _trust is { } trust ? trust.Reject(certificate) : _problem;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh, time);
        do
        {
            await LoadAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var map = await client.CoreV1.ReadNamespacedConfigMapAsync(FrontProxyTrust.ConfigMapName, FrontProxyTrust.ConfigMapNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            var trust = FrontProxyTrust.FromConfigMap(map.Data, out var problem);
            if (trust is null)
            {
                Fail(problem!);
                return;
            }

            _trust = trust;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            Fail($"cannot read ConfigMap {FrontProxyTrust.ConfigMapNamespace}/{FrontProxyTrust.ConfigMapName} ({(int)ex.Response.StatusCode}); the operator needs the RoleBinding smi-operator-authentication-reader (config/metrics-api)");
        }
        catch (Exception ex) when (ex is HttpRequestException or HttpOperationException or TimeoutException)
        {
            // Keep the last good trust through API server hiccups.
            LogReadFailed(logger, ex.Message);
        }
    }

    private void Fail(string problem)
    {
        _trust = null;
        _problem = problem;
        LogUnavailable(logger, problem);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "TrafficMetrics API refuses every request: {Problem}")]
    private static partial void LogUnavailable(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TrafficMetrics: reading the request-header CA failed, keeping the last one: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string reason);
}
