using k8s;
using Smi.Certificates;
using Smi.Operator.Runtime;

namespace Smi.Operator.Certificates;

/// <summary>
/// Loads (or creates) the mesh CA from its Secret at start, retrying with backoff until the API
/// answers, and hands out the CA and this replica's webhook serving certificate. Readiness waits
/// for it: a replica without its certificates cannot serve webhooks.
/// </summary>
internal sealed partial class CertificateService(
    IKubernetes client,
    CertificateOptions options,
    TimeProvider time,
    ILogger<CertificateService> logger) : BackgroundService
{
    private static readonly BackoffPolicy Backoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), 0.2);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MeshCertificateAuthority? Authority { get; private set; }

    public WebhookCertificate? Webhook { get; private set; }

    public bool IsLoaded => _loaded.Task.IsCompleted;

    public Task WaitAsync(CancellationToken cancellationToken) => _loaded.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 0; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                Authority = await OperatorCertificateAuthority.LoadOrCreateAsync(client, options.Namespace, options.TrustDomain, time, stoppingToken).ConfigureAwait(false);
                Webhook = new WebhookCertificate(Authority, options.WebhookServiceName, options.Namespace, options.WebhookExtraDnsNames, time);
                _loaded.TrySetResult();
                LogLoaded(logger, options.Namespace, OperatorCertificateAuthority.SecretName);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is k8s.Autorest.HttpOperationException or HttpRequestException or System.Security.Cryptography.CryptographicException)
            {
                var delay = Backoff.Delay(attempt);
                LogRetry(logger, ex, delay.TotalMilliseconds);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    public override void Dispose()
    {
        Authority?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mesh CA loaded from {Namespace}/{Secret}")]
    private static partial void LogLoaded(ILogger logger, string @namespace, string secret);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the mesh CA; retrying in {DelayMs:F0} ms")]
    private static partial void LogRetry(ILogger logger, Exception exception, double delayMs);
}
