using System.Collections.Immutable;
using System.Text.Json;
using k8s.Models;
using Smi.Core.Cluster;
using Smi.Core.Compilation;
using Smi.Manifests;
using Smi.Operator.Control;
using Smi.Operator.Kubernetes;

namespace Smi.Operator.Tests.Control;

/// <summary>
/// Inputs for the desired-state step without an API server: a compile of manifests (as local mode
/// simulates them), caches holding the SMI objects and ServiceAccounts it mentions, and the caches
/// as they are once a plan has been written.
/// </summary>
internal static class PlannerCluster
{
    public static CompileResult Compile(string yaml)
    {
        var folder = Directory.CreateTempSubdirectory("smi-planner-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "cluster.yaml"), yaml);
            var (objects, problems) = new ManifestFolder(folder.FullName).Refresh();
            Assert.True(problems.All(p => p.Severity != "error"), string.Join("\n", problems));
            var (snapshot, _) = new LocalSnapshotBuilder().Build(objects, new MeshOptions { MeshUnlabelledNamespaces = true });
            return MeshCompiler.Compile(snapshot);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Caches with every SMI object the compile reports on and every identity's ServiceAccount, and nothing the operator writes.</summary>
    public static CurrentObjects Current(CompileResult result)
    {
        var smi = SmiResources.StorageVersions.Select(r => result.Statuses
            .Where(s => s.Object.Kind == r.Kind)
            .ToImmutableDictionary(s => $"{s.Object.Namespace}/{s.Object.Name}", s => Smi(s.Object.Kind, s.Object.Namespace, s.Object.Name), StringComparer.Ordinal)).ToList();
        var accounts = result.Configs.Keys.ToImmutableDictionary(i => i.Key, i => new V1ServiceAccount
        {
            Metadata = new V1ObjectMeta { Name = i.ServiceAccount, NamespaceProperty = i.Namespace, Uid = $"uid-{i.Key}" },
        }, StringComparer.Ordinal);
        return CurrentObjects.Empty with { ServiceAccounts = accounts, Smi = smi };
    }

    public static UnstructuredObject Smi(string kind, string ns, string name, long generation = 1)
    {
        var (group, version, _, _) = SmiResources.ForKind(kind);
        return new UnstructuredObject
        {
            ApiVersion = $"{group}/{version}",
            Kind = kind,
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Generation = generation, Uid = $"uid-{kind}-{ns}-{name}", ResourceVersion = "7" },
        };
    }

    /// <summary>The caches once <paramref name="plan"/> is written, as the informers would then show them.</summary>
    public static CurrentObjects Written(CurrentObjects current, DesiredState plan)
    {
        var configMaps = current.ConfigMaps
            .RemoveRange(plan.StaleConfigMaps.Select(Key))
            .SetItems(plan.ConfigMaps.Select(c => KeyValuePair.Create(Key(c), c)));
        var secrets = current.Secrets
            .RemoveRange(plan.StaleSecrets.Select(Key))
            .SetItems(plan.Secrets.Select(s => KeyValuePair.Create(Key(s.Secret), s.Secret)));
        var smi = current.Smi.Select((items, i) => items.SetItems(plan.Statuses
            .Where(s => s.Plural == SmiResources.StorageVersions[i].Plural && items.ContainsKey($"{s.Object.Namespace}/{s.Object.Name}"))
            .Select(s =>
            {
                var key = $"{s.Object.Namespace}/{s.Object.Name}";
                var obj = items[key];
                var fields = new Dictionary<string, JsonElement>(obj.Fields) { ["status"] = JsonSerializer.SerializeToElement(s.Body["status"]) };
                return KeyValuePair.Create(key, new UnstructuredObject { ApiVersion = obj.ApiVersion, Kind = obj.Kind, Metadata = obj.Metadata, Fields = fields });
            }))).ToList();
        return current with { ConfigMaps = configMaps, Secrets = secrets, Smi = smi };
    }

    private static string Key(k8s.IKubernetesObject<V1ObjectMeta> obj) => $"{obj.Metadata.NamespaceProperty}/{obj.Metadata.Name}";
}
