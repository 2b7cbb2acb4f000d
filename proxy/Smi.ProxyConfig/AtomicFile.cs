namespace Smi.ProxyConfig;

/// <summary>One file of a set written by <see cref="AtomicDirectoryWriter"/>.</summary>
/// <param name="Name">File name: no directory separators, and not starting with <c>..</c> (reserved for the writer's own entries).</param>
/// <param name="Content">The bytes to write.</param>
/// <param name="Mode">Unix permissions; null means 0644 (kubelet's default mode). Use 0600 for private keys.</param>
public sealed record AtomicFile(string Name, byte[] Content, UnixFileMode? Mode = null);
