using System.Security.Cryptography;
using Smi.ProxyConfig;
using SmiProxy.Settings;
using SmiProxy.Telemetry;

namespace SmiProxy.Configuration;

/// <summary>
/// Loads the config directory at start and on every change: read, parse, validate and compile off
/// the request path, then hand the result to YARP. A document that fails any step is rejected with
/// an error log and <c>smi_proxy_config_reload_total{result="failure"}</c>; the config being served
/// stays. Identical bytes are not processed twice, so a bad file is reported once, not every poll.
/// </summary>
internal sealed class ConfigReloader : BackgroundService
{
    /// <summary>Lets a burst of change events (a kubelet swap raises several) settle into one read.</summary>
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(15);

    private readonly SidecarProxyOptions _options;
    private readonly MeshYarpConfigProvider _provider;
    private readonly ProxyState _state;
    private readonly ProxyMetrics _metrics;
    private readonly ILogger<ConfigReloader> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ChangeSignal _signal = new();
    private byte[]? _lastAttempt;
    private CompiledConfig? _lastSubmitted;
    private bool _reportedMissing;

    public ConfigReloader(SidecarProxyOptions options, MeshYarpConfigProvider provider, ProxyState state, ProxyMetrics metrics, ILogger<ConfigReloader> logger, TimeProvider timeProvider)
    {
        _options = options;
        _provider = provider;
        _state = state;
        _metrics = metrics;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string[] files = [ProxyConfigSerializer.FileName, ProxyConfigSerializer.GzipFileName];
        using var watcher = new DirectoryWatcher(_options.ConfigDirectory, files, _options.PollInterval, _options.WatchFileSystem, _signal.Set, _logger);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    LoadOnce();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A bug must not stop reloads or the proxy: the config being served stays.
                    Reject(_options.ConfigDirectory, $"unexpected {ex.GetType().Name}: {ex.Message}");
                }

                await _signal.WaitAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(Debounce, _timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: returns after the document (if new) is submitted to YARP or rejected.</summary>
    internal void LoadOnce()
    {
        var path = ConfigDocumentReader.FindDocument(_options.ConfigDirectory, out var ambiguous);
        if (path is null)
        {
            if (!_reportedMissing)
            {
                _reportedMissing = true;
                _logger.ConfigMissing(ProxyConfigSerializer.FileName, ProxyConfigSerializer.GzipFileName, _options.ConfigDirectory);
            }

            return;
        }

        _reportedMissing = false;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Usually a file replaced while being opened; the watcher fires again for the new one.
            _logger.ReadFailed(path, ex.Message);
            return;
        }

        var hash = SHA256.HashData(bytes);
        if (_lastAttempt is not null && hash.AsSpan().SequenceEqual(_lastAttempt))
        {
            return;
        }

        _lastAttempt = hash;
        if (ambiguous)
        {
            _logger.ConfigAmbiguous(ProxyConfigSerializer.FileName, ProxyConfigSerializer.GzipFileName, _options.ConfigDirectory);
        }

        var document = ProxyConfigSerializer.TryDeserialize(bytes, out var parseError);
        if (document is null)
        {
            Reject(path, parseError ?? "not a ProxyConfig document");
            return;
        }

        var errors = ProxyConfigValidator.Validate(document);
        if (errors.Count > 0)
        {
            var shown = string.Join("; ", errors.Take(10));
            Reject(path, errors.Count > 10 ? $"{errors.Count} problems: {shown}; ..." : shown);
            return;
        }

        var revision = document.Revision.Length > 0 ? document.Revision : ProxyConfigSerializer.ComputeRevision(document);
        var previous = _lastSubmitted ?? _state.Active;
        if (previous?.Revision == revision)
        {
            // Same content in other bytes (e.g. re-indented): nothing to switch.
            return;
        }

        CompiledConfig compiled;
        try
        {
            compiled = ConfigCompiler.Compile(document, revision, path, previous, _options, _timeProvider.GetUtcNow());
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or FormatException or InvalidOperationException)
        {
            Reject(path, ex.Message);
            return;
        }

        _lastSubmitted = compiled;
        _provider.Update(compiled);
    }

    private void Reject(string path, string reason)
    {
        _metrics.ConfigReload(success: false);
        _logger.ConfigRejected(path, reason, _state.Active?.Revision ?? "none");
    }
}
