using Smi.ProxyConfig;
using SmiProxy.Configuration;
using SmiProxy.Identity;
using SmiProxy.Settings;
using SmiProxy.Telemetry;

namespace SmiProxy.Tls;

/// <summary>
/// Loads the certificate directory at start and whenever it changes (same watcher as the config:
/// kubelet swaps Secret volumes the same way). A rotated certificate is published for new
/// connections; established connections keep the one they were made with. A bad set of files is
/// rejected and the previous certificate stays in use.
/// </summary>
internal sealed class CertificateStore : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(15);

    private readonly SidecarProxyOptions _options;
    private readonly ProxyState _state;
    private readonly ProxyMetrics _metrics;
    private readonly ILogger<CertificateStore> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ChangeSignal _signal = new();
    private byte[]? _lastFailedHash;

    public CertificateStore(SidecarProxyOptions options, ProxyState state, ProxyMetrics metrics, ILogger<CertificateStore> logger, TimeProvider timeProvider)
    {
        _options = options;
        _state = state;
        _metrics = metrics;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.CertificateDirectory is not { } directory)
        {
            return;
        }

        string[] files = [CertificateFiles.Certificate, CertificateFiles.PrivateKey, CertificateFiles.TrustBundle];
        using var watcher = new DirectoryWatcher(directory, files, _options.PollInterval, _options.WatchFileSystem, _signal.Set, _logger);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    LoadOnce(directory);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The certificate in use stays; the next change is tried again.
                    _metrics.CertificateReload(success: false);
                    _logger.CertificateRejected(directory, $"unexpected {ex.GetType().Name}: {ex.Message}");
                }

                await _signal.WaitAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(Debounce, _timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal void LoadOnce(string directory)
    {
        if (!File.Exists(Path.Combine(directory, CertificateFiles.Certificate)))
        {
            return;
        }

        var bundle = CertificateLoader.TryLoad(directory, _state.Certificate?.ContentHash, out var error, out var unchanged);
        if (unchanged)
        {
            return;
        }

        if (bundle is null)
        {
            var hash = System.Text.Encoding.UTF8.GetBytes(error ?? string.Empty);
            if (_lastFailedHash is null || !hash.AsSpan().SequenceEqual(_lastFailedHash))
            {
                _lastFailedHash = hash;
                _metrics.CertificateReload(success: false);
                _logger.CertificateRejected(directory, error ?? "unknown error");
            }

            return;
        }

        _lastFailedHash = null;
        _state.SetCertificate(bundle);
        _metrics.CertificateReload(success: true);
        _logger.CertificateLoaded(bundle.SpiffeId, bundle.NotAfter, directory);
        if (bundle.NotAfter < _timeProvider.GetUtcNow())
        {
            _logger.CertificateExpired(bundle.SpiffeId, bundle.NotAfter);
        }

        if (_state.Active is { } active && bundle.SpiffeId != active.Local.Principal)
        {
            _logger.CertificateIdentityMismatch(bundle.SpiffeId, active.Document.Identity.Key);
        }
    }
}
