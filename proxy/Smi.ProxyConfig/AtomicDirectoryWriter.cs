using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Smi.ProxyConfig;

/// <summary>
/// Writes a set of files into a directory atomically, exactly the way kubelet projects a ConfigMap
/// or Secret volume (its <c>AtomicWriter</c>): the files go into a fresh <c>..&lt;timestamp&gt;</c>
/// directory, a <c>..data_tmp</c> symlink to it is renamed over <c>..data</c> (one atomic
/// <c>rename(2)</c>), and each visible name is a symlink <c>name -&gt; ..data/name</c>. A reader
/// therefore sees either the whole old set or the whole new set, never a mix, and the proxy's
/// watchers treat a local-mode directory and a mounted volume the same way.
/// </summary>
/// <remarks>
/// One writer per directory at a time (the caller serializes). Unix only: the swap relies on
/// renaming a symlink over a symlink, which Windows cannot do atomically.
/// </remarks>
public static partial class AtomicDirectoryWriter
{
    /// <summary>The symlink naming the directory that holds the current files.</summary>
    public const string DataLinkName = "..data";

    private const string TempLinkName = "..data_tmp";
    private const UnixFileMode DefaultMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// Makes <paramref name="directory"/> hold exactly <paramref name="files"/>. Returns false (and
    /// writes nothing) when it already does, true when a new generation was swapped in.
    /// </summary>
    /// <exception cref="ArgumentException">A file name is empty, contains a separator, starts with "..", or repeats.</exception>
    /// <exception cref="PlatformNotSupportedException">On Windows.</exception>
    public static bool Write(string directory, IReadOnlyCollection<AtomicFile> files, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(files);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("AtomicDirectoryWriter needs POSIX rename(2) of symlinks.");
        }

        ValidateNames(files);
        Directory.CreateDirectory(directory);
        var dataLink = Path.Combine(directory, DataLinkName);
        var currentGeneration = new FileInfo(dataLink).LinkTarget;
        if (currentGeneration is not null && HasSameContent(Path.Combine(directory, currentGeneration), files))
        {
            EnsureVisibleLinks(directory, files);
            return false;
        }

        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        var generation = string.Create(CultureInfo.InvariantCulture, $"..{now:yyyy_MM_dd_HH_mm_ss.fffffff}.{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
        var generationPath = Path.Combine(directory, generation);
        Directory.CreateDirectory(generationPath);
        foreach (var file in files)
        {
            var path = Path.Combine(generationPath, file.Name);
            File.WriteAllBytes(path, file.Content);
            File.SetUnixFileMode(path, file.Mode ?? DefaultMode);
        }

        var tempLink = Path.Combine(directory, TempLinkName);
        DeleteLinkIfPresent(tempLink);
        File.CreateSymbolicLink(tempLink, generation);
        if (Rename(tempLink, dataLink) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"rename {tempLink} -> {dataLink} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }

        EnsureVisibleLinks(directory, files);
        RemoveStaleLinks(directory, files);
        if (currentGeneration is not null && currentGeneration != generation)
        {
            var oldPath = Path.Combine(directory, currentGeneration);
            if (Directory.Exists(oldPath))
            {
                Directory.Delete(oldPath, recursive: true);
            }
        }

        return true;
    }

    private static void ValidateNames(IReadOnlyCollection<AtomicFile> files)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (string.IsNullOrEmpty(file.Name) || file.Name.Contains('/', StringComparison.Ordinal) || file.Name.Contains('\\', StringComparison.Ordinal) || file.Name.StartsWith("..", StringComparison.Ordinal))
            {
                throw new ArgumentException($"\"{file.Name}\" is not a valid file name here: use a plain name without separators that does not start with \"..\".", nameof(files));
            }

            if (!names.Add(file.Name))
            {
                throw new ArgumentException($"\"{file.Name}\" appears twice.", nameof(files));
            }
        }
    }

    private static bool HasSameContent(string generationPath, IReadOnlyCollection<AtomicFile> files)
    {
        if (!Directory.Exists(generationPath) || Directory.GetFiles(generationPath).Length != files.Count)
        {
            return false;
        }

        foreach (var file in files)
        {
            var path = Path.Combine(generationPath, file.Name);
            if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(file.Content))
            {
                return false;
            }
        }

        return true;
    }

    private static void EnsureVisibleLinks(string directory, IReadOnlyCollection<AtomicFile> files)
    {
        foreach (var file in files)
        {
            var link = Path.Combine(directory, file.Name);
            if (new FileInfo(link).LinkTarget is null)
            {
                // A regular file in the way (a directory written by hand) is replaced by the link.
                if (File.Exists(link))
                {
                    File.Delete(link);
                }

                File.CreateSymbolicLink(link, DataLinkName + "/" + file.Name);
            }
        }
    }

    private static void RemoveStaleLinks(string directory, IReadOnlyCollection<AtomicFile> files)
    {
        var wanted = files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (!entry.Name.StartsWith("..", StringComparison.Ordinal) && !wanted.Contains(entry.Name)
                && entry.LinkTarget is { } target && target.StartsWith(DataLinkName + "/", StringComparison.Ordinal))
            {
                entry.Delete();
            }
        }
    }

    private static void DeleteLinkIfPresent(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            info.Delete();
        }
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string oldPath, string newPath);
}
