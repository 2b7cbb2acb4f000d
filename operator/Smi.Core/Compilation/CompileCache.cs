using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Core.Cluster;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>The memoized results one compile leaves for the next (see <see cref="Memo{TKey, TValue}"/>).</summary>
internal sealed class CompileCache
{
    public Memo<string, ClusterEntry> Clusters { get; } = new(StringComparer.Ordinal);

    public Memo<ServiceKey, FragmentEntry> Fragments { get; } = new();

    public Memo<string, RuleEntry> Rules { get; } = new(StringComparer.Ordinal);

    public Memo<ProxyIdentity, MeshProxyConfig> Configs { get; } = new();

    public Memo<ServiceKey, ServiceFragment> PolicyFragments { get; } = new();

    public Memo<string, ImmutableArray<ServiceFragment>> FragmentLists { get; } = new(StringComparer.Ordinal);

    public Memo<ProxyIdentity, ServedServices> Served { get; } = new();

    public Memo<string, ImmutableArray<ServiceKey>> KeyLists { get; } = new(StringComparer.Ordinal);

    public IndexMemo<PodInfo, Dictionary<(string Namespace, string Name), PodInfo>> Pods { get; } = new();

    public IndexMemo<ServiceInfo, Dictionary<ServiceKey, ServiceInfo>> Services { get; } = new();

    public IndexMemo<NamespaceInfo, Dictionary<string, NamespaceInfo>> Namespaces { get; } = new();

    public IndexMemo<HttpRouteGroup, Dictionary<string, HttpRouteGroup>> RouteGroups { get; } = new();

    public IndexMemo<L4Route, Dictionary<string, L4Route>> L4Routes { get; } = new();

    public IndexMemo<PodInfo, ImmutableArray<ProxyIdentity>> PodIdentities { get; } = new();

    public void Advance()
    {
        Clusters.Advance();
        Fragments.Advance();
        Rules.Advance();
        Configs.Advance();
        PolicyFragments.Advance();
        FragmentLists.Advance();
        KeyLists.Advance();
        Served.Advance();
    }
}
