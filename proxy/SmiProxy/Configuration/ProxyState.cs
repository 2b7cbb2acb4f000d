using SmiProxy.Identity;
using SmiProxy.Telemetry;

namespace SmiProxy.Configuration;

/// <summary>
/// What this proxy is serving right now: the published config and certificate. Both are swapped
/// atomically (a volatile reference); a request reads each once and keeps that snapshot.
/// </summary>
internal sealed class ProxyState : IServingStatus
{
    private volatile CompiledConfig? _active;
    private volatile CertificateBundle? _certificate;
    private TaskCompletionSource _changed = NewSignal();

    public ProxyState(bool requiresCertificate) => RequiresCertificate = requiresCertificate;

    /// <summary>The config being served; null until the first good one is applied.</summary>
    public CompiledConfig? Active => _active;

    /// <summary>The certificate in use for new connections; null until one loads.</summary>
    public CertificateBundle? Certificate => _certificate;

    /// <summary>False when the proxy runs without a certificate directory (no mTLS).</summary>
    public bool RequiresCertificate { get; }

    public bool IsReady => _active is not null && (!RequiresCertificate || _certificate is not null);

    string? IServingStatus.ServedRevision => _active?.Revision;

    DateTimeOffset? IServingStatus.CertificateNotAfter => _certificate?.NotAfter;

    /// <summary>Completes at the next change of <see cref="Active"/> or <see cref="Certificate"/>.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public void Publish(CompiledConfig config)
    {
        _active = config;
        Signal();
    }

    public void SetCertificate(CertificateBundle certificate)
    {
        _certificate = certificate;
        Signal();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking at every change.</summary>
    public async Task WaitUntilAsync(Func<ProxyState, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = Changed;
            if (condition(this))
            {
                return;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
