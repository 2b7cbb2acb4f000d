using Smi.Testing;
using Smi.Testing.Crds;

namespace Smi.Install.Tests.Support;

/// <summary>The CRDs checked in under crds/, loaded once.</summary>
internal static class RepoCrds
{
    private static readonly Lazy<CrdCatalog> Loaded = new(() => CrdCatalog.LoadDirectory(Path.Combine(RepoPaths.Root, "crds")));

    public static CrdCatalog Catalog => Loaded.Value;

    public static CrdVersion Version(string kind, string version) =>
        Catalog.Definitions.Single(d => d.Kind == kind).Version(version) ?? throw new InvalidOperationException($"{kind} has no version {version}");
}
