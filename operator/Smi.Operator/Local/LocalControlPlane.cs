using System.Diagnostics;
using Smi.Certificates;
using Smi.Core.Cluster;
using Smi.Core.Compilation;
using Smi.Manifests;

namespace Smi.Operator.Local;

/// <summary>
/// The control plane without a cluster: a folder of manifests in, proxy configurations and
/// certificates out (in a state directory laid out like mounted ConfigMap/Secret volumes). Each
/// step re-reads what changed, recompiles incrementally and rewrites only the identities whose
/// revision changed; <see cref="WatchAsync"/> steps on every change of the folder.
/// </summary>
internal sealed class LocalControlPlane : IDisposable
{
    private readonly ManifestFolder _folder;
    private readonly LocalSnapshotBuilder _snapshots;
    private readonly IncrementalMeshCompiler _compiler = new();
    private readonly MeshOptions _mesh;
    private readonly TimeProvider _time;
    private readonly MeshCertificateAuthority? _ca;
    private readonly StateWriter? _writer;

    public LocalControlPlane(string folder, string? stateDir, MeshOptions mesh, TimeProvider time, TimeSpan? certificateLifetime = null, SimulationOptions? simulation = null)
    {
        _snapshots = new LocalSnapshotBuilder(simulation);
        _folder = new ManifestFolder(folder);
        _mesh = mesh with { MeshUnlabelledNamespaces = true };
        _time = time;
        if (stateDir is not null)
        {
            Directory.CreateDirectory(stateDir);
            _ca = LocalCertificateAuthority.LoadOrCreate(stateDir, mesh.TrustDomain, time);
            _writer = new StateWriter(stateDir, _ca, time, certificateLifetime ?? MeshCertificateAuthority.DefaultLeafLifetime);
        }
    }

    public string Folder => _folder.Folder;

    public string? StateDir => _writer?.StateDir;

    /// <summary>The mesh root certificate (PEM), when writing state.</summary>
    public string? RootCertificatePem => _ca?.CertificatePem;

    /// <summary>Reads, compiles and (with a state directory) writes once.</summary>
    public LocalStep Step()
    {
        var start = Stopwatch.GetTimestamp();
        var (objects, problems) = _folder.Refresh();
        var (snapshot, pods) = _snapshots.Build(objects, _mesh);
        var result = _compiler.Compile(snapshot);
        var changed = _writer?.Write(result) ?? [];
        return new LocalStep(result, problems, pods, changed, Stopwatch.GetElapsedTime(start)) { Snapshot = snapshot };
    }

    /// <summary>Steps now, then after every change of the folder (and when certificates are due), until cancelled.</summary>
    public async Task WatchAsync(Func<LocalStep, Task> onStep, CancellationToken cancellationToken)
    {
        using var watcher = new FolderWatcher(_folder.Folder, _time, TimeSpan.FromSeconds(1));
        using var rotation = _time.CreateTimer(_ => { if (_writer?.RotationDue() == true) watcher.Signal(); }, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        await onStep(Step()).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await watcher.WaitAsync(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await onStep(Step()).ConfigureAwait(false);
        }
    }

    public void Dispose() => _ca?.Dispose();
}
