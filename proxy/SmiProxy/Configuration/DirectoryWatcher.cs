using Smi.ProxyConfig;
using SmiProxy.Telemetry;

namespace SmiProxy.Configuration;

/// <summary>
/// Watches a directory written the way kubelet writes a ConfigMap/Secret volume. .NET's
/// reloadOnChange misses the atomic <c>..data</c> symlink swap, so this combines a
/// FileSystemWatcher on the directory (fast) with polling a fingerprint — the <c>..data</c> link
/// target and each watched file's size and modification time — every poll interval (the fallback
/// that cannot miss a swap). Either calls <c>onChange</c>; the consumer re-reads and compares content.
/// </summary>
internal sealed class DirectoryWatcher : IDisposable
{
    private readonly string _directory;
    private readonly string[] _fileNames;
    private readonly Action _onChange;
    private readonly ILogger _logger;
    private readonly TimeSpan _interval;
    private readonly Timer _timer;
    private readonly Lock _sync = new();
    private bool _useFileSystemWatcher;
    private FileSystemWatcher? _watcher;
    private string _fingerprint;
    private bool _disposed;

    public DirectoryWatcher(string directory, IEnumerable<string> fileNames, TimeSpan pollInterval, bool useFileSystemWatcher, Action onChange, ILogger logger)
    {
        _directory = directory;
        _fileNames = [.. fileNames];
        _onChange = onChange;
        _logger = logger;
        _interval = pollInterval;
        _useFileSystemWatcher = useFileSystemWatcher;
        _fingerprint = Fingerprint();
        TryStartWatcher();
        _timer = new Timer(_ => Poll(), null, pollInterval, pollInterval);
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
            _timer.Dispose();
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    private void Poll()
    {
        if (!_sync.TryEnter())
        {
            return;
        }

        var changed = false;
        try
        {
            if (_disposed)
            {
                return;
            }

            if (_useFileSystemWatcher && _watcher is null)
            {
                TryStartWatcher();
            }

            var fingerprint = Fingerprint();
            changed = fingerprint != _fingerprint;
            _fingerprint = fingerprint;
        }
        catch (Exception ex)
        {
            // A timer callback must never throw (it would take the process down); poll again next tick.
            _logger.WatcherUnavailable(_directory, ex.Message, _interval);
        }
        finally
        {
            _sync.Exit();
        }

        if (changed)
        {
            _onChange();
        }
    }

    private string Fingerprint()
    {
        try
        {
            var parts = new List<string> { new FileInfo(Path.Combine(_directory, AtomicDirectoryWriter.DataLinkName)).LinkTarget ?? "-" };
            foreach (var name in _fileNames)
            {
                var file = new FileInfo(Path.Combine(_directory, name));
                parts.Add(file.Exists ? $"{file.LinkTarget}|{file.Length}|{file.LastWriteTimeUtc.Ticks}" : "-");
            }

            return string.Join('/', parts);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "error:" + ex.Message;
        }
    }

    private void TryStartWatcher()
    {
        if (!_useFileSystemWatcher || !Directory.Exists(_directory))
        {
            return;
        }

        try
        {
            var watcher = new FileSystemWatcher(_directory)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => _onChange();
            watcher.Created += (_, _) => _onChange();
            watcher.Deleted += (_, _) => _onChange();
            watcher.Renamed += (_, _) => _onChange();
            watcher.Error += (_, _) => RestartWatcher();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // Typically the inotify instance limit (fs.inotify.max_user_instances): polling still works.
            _useFileSystemWatcher = false;
            _logger.WatcherUnavailable(_directory, ex.Message, _interval);
        }
    }

    private void RestartWatcher()
    {
        lock (_sync)
        {
            _watcher?.Dispose();
            _watcher = null;
        }

        _onChange();
    }
}
