using System.Collections.Immutable;
using k8s.Models;
using Smi.Operator.Kubernetes;

namespace Smi.Operator.Control;

/// <summary>
/// What the caches hold that the desired-state step compares against: the operator's own
/// ConfigMaps and Secrets, the ServiceAccounts they are owned by, the SMI objects (whose status
/// and Events are written), and the SMI objects that could not be decoded. Keys are
/// <c>namespace/name</c>.
/// </summary>
/// <param name="ConfigMaps">The operator's ConfigMaps.</param>
/// <param name="Secrets">The operator's Secrets.</param>
/// <param name="ServiceAccounts">Every ServiceAccount (owners of the per-identity objects).</param>
/// <param name="Smi">SMI objects per kind, in <see cref="SmiResources.StorageVersions"/> order.</param>
/// <param name="Unreadable">SMI objects left out of the compile because they cannot be decoded.</param>
internal sealed record CurrentObjects(
    ImmutableDictionary<string, V1ConfigMap> ConfigMaps,
    ImmutableDictionary<string, V1Secret> Secrets,
    ImmutableDictionary<string, V1ServiceAccount> ServiceAccounts,
    IReadOnlyList<ImmutableDictionary<string, UnstructuredObject>> Smi,
    ImmutableArray<SmiDecodeFailure> Unreadable)
{
    /// <summary>Nothing at all: a cluster the operator has not written to.</summary>
    public static CurrentObjects Empty { get; } = new(
        ImmutableDictionary<string, V1ConfigMap>.Empty,
        ImmutableDictionary<string, V1Secret>.Empty,
        ImmutableDictionary<string, V1ServiceAccount>.Empty,
        [.. SmiResources.StorageVersions.Select(_ => ImmutableDictionary<string, UnstructuredObject>.Empty)],
        []);

    /// <summary>The caches' contents now.</summary>
    public static CurrentObjects From(ClusterState state, ImmutableArray<SmiDecodeFailure> unreadable) => new(
        state.ConfigMaps.Items,
        state.Secrets.Items,
        state.ServiceAccounts.Items,
        [.. state.Smi.Select(i => i.Items)],
        unreadable);

    /// <summary>The cached SMI object <paramref name="kind"/> <paramref name="ns"/>/<paramref name="name"/>, with its resource, or null.</summary>
    public (UnstructuredObject? Object, (string Group, string Version, string Plural, string Kind) Resource)? FindSmi(string kind, string ns, string name)
    {
        for (var i = 0; i < SmiResources.StorageVersions.Count; i++)
        {
            if (SmiResources.StorageVersions[i].Kind == kind)
            {
                return (Smi[i].GetValueOrDefault($"{ns}/{name}"), SmiResources.StorageVersions[i]);
            }
        }

        return null;
    }
}
