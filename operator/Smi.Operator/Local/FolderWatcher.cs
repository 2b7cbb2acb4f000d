using System.Threading.Channels;

namespace Smi.Operator.Local;

/// <summary>
/// Signals changes under a folder: inotify through FileSystemWatcher for speed, plus a poll of
/// every file's size and modification time as a fallback (watchers miss events on some file
/// systems and editors that replace files). Signals are coalesced: waiting returns once per burst.
/// </summary>
internal sealed class FolderWatcher : IDisposable
{
    private readonly string _folder;
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer _poll;
    private string _fingerprint;

    public FolderWatcher(string folder, TimeProvider time, TimeSpan pollInterval)
    {
        _folder = folder;
        _fingerprint = Fingerprint();
        if (Directory.Exists(folder))
        {
            _watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
            _watcher.Changed += (_, _) => Signal();
            _watcher.Created += (_, _) => Signal();
            _watcher.Deleted += (_, _) => Signal();
            _watcher.Renamed += (_, _) => Signal();
            _watcher.EnableRaisingEvents = true;
        }

        _poll = time.CreateTimer(_ => Poll(), null, pollInterval, pollInterval);
    }

    /// <summary>
    /// Waits for the next change, then until the folder has been quiet for <paramref name="quiet"/>
    /// (at most ten times that), so that a burst of writes — an editor truncating then writing a
    /// file — is read once, complete.
    /// </summary>
    public async Task WaitAsync(TimeSpan quiet, TimeProvider time, CancellationToken cancellationToken)
    {
        await _signals.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(quiet, time, cancellationToken).ConfigureAwait(false);
            var fingerprint = Fingerprint();
            var signalled = _signals.Reader.TryRead(out _);
            if (!signalled && fingerprint == _fingerprint)
            {
                break;
            }

            _fingerprint = fingerprint;
        }

        _fingerprint = Fingerprint();
    }

    /// <summary>Makes the next wait return at once (e.g. a certificate is due for rotation).</summary>
    public void Signal() => _signals.Writer.TryWrite(true);

    public void Dispose()
    {
        _watcher?.Dispose();
        _poll.Dispose();
    }

    private void Poll()
    {
        var current = Fingerprint();
        if (current != _fingerprint)
        {
            _fingerprint = current;
            Signal();
        }
    }

    private string Fingerprint()
    {
        if (!Directory.Exists(_folder))
        {
            return "missing";
        }

        try
        {
            return string.Join('\n', Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(f => new FileInfo(f))
                .Select(f => $"{f.FullName}|{f.Length}|{f.LastWriteTimeUtc.Ticks}"));
        }
        catch (IOException)
        {
            return "changing";
        }
    }
}
