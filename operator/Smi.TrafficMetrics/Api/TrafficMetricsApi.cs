using Smi.Api.Model;

namespace Smi.TrafficMetrics.Api;

/// <summary>
/// The TrafficMetrics API (<c>metrics.smi-spec.io/v1alpha1</c>, read-only, behind an APIService),
/// as a function from path to answer so it can be served by the operator's HTTPS listener and
/// tested without one. Paths under <c>/apis</c>:
/// <list type="bullet">
/// <item>discovery: <c>/apis</c>, <c>/apis/metrics.smi-spec.io</c>, <c>/apis/metrics.smi-spec.io/v1alpha1</c>;</item>
/// <item><c>…/v1alpha1/{kind}</c> (all namespaces) and <c>…/v1alpha1/namespaces/{ns}/{kind}</c>: a TrafficMetricsList, one item per resource (<c>?labelSelector=</c> for pods);</item>
/// <item><c>…/namespaces/{ns}/{kind}/{name}</c>: one TrafficMetrics (a list of backends for trafficsplits);</item>
/// <item><c>…/namespaces/{ns}/{kind}/{name}/edges</c>: a TrafficMetricsList of its edges;</item>
/// <item><c>…/v1alpha1/namespaces/{name}</c> and <c>…/namespaces/{name}/edges</c>: a namespace's own metrics and edges.</item>
/// </list>
/// </summary>
internal sealed class TrafficMetricsApi(ITrafficWindowSource traffic, IMeshInventorySource inventory)
{
    public const string Group = "metrics.smi-spec.io";
    public const string Version = "v1alpha1";
    public const string GroupVersion = Group + "/" + Version;
    private const string Root = "/apis/" + GroupVersion;

    public async Task<ApiAnswer> GetAsync(string path, string? labelSelector, CancellationToken cancellationToken)
    {
        path = path.TrimEnd('/');
        switch (path)
        {
            case "/apis":
                return ApiAnswer.Ok(new Dictionary<string, object> { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = new[] { GroupDocument() } });
            case "/apis/" + Group:
                return ApiAnswer.Ok(GroupDocument());
            case Root:
                return ApiAnswer.Ok(ResourceList());
        }

        if (!path.StartsWith(Root + "/", StringComparison.Ordinal))
        {
            return ApiAnswer.NotFound($"{path} is not served here; the TrafficMetrics API is {Root}");
        }

        LabelSelector? selector = null;
        if (!string.IsNullOrWhiteSpace(labelSelector))
        {
            selector = LabelSelector.Parse(labelSelector, out var error);
            if (selector is null)
            {
                return ApiAnswer.BadRequest(error!);
            }
        }

        var segments = path[(Root.Length + 1)..].Split('/');
        var mesh = inventory.Current();
        return segments switch
        {
            ["namespaces", var ns] => await NamespaceAsync(mesh, ns, edges: false, path, cancellationToken).ConfigureAwait(false),
            ["namespaces", var ns, "edges"] => await NamespaceAsync(mesh, ns, edges: true, path, cancellationToken).ConfigureAwait(false),
            [var plural] => await ListAsync(mesh, plural, null, selector, path, cancellationToken).ConfigureAwait(false),
            ["namespaces", var ns, var plural] => await ListAsync(mesh, plural, ns, selector, path, cancellationToken).ConfigureAwait(false),
            ["namespaces", var ns, var plural, var name] => await GetAsync(mesh, plural, ns, name, edges: false, path, cancellationToken).ConfigureAwait(false),
            ["namespaces", var ns, var plural, var name, "edges"] => await GetAsync(mesh, plural, ns, name, edges: true, path, cancellationToken).ConfigureAwait(false),
            _ => ApiAnswer.NotFound($"{path}: no such TrafficMetrics path (see {Root} for the resources)"),
        };
    }

    private static Dictionary<string, object> GroupDocument()
    {
        var version = new Dictionary<string, object> { ["groupVersion"] = GroupVersion, ["version"] = Version };
        return new() { ["kind"] = "APIGroup", ["apiVersion"] = "v1", ["name"] = Group, ["versions"] = new[] { version }, ["preferredVersion"] = version };
    }

    private static Dictionary<string, object> ResourceList()
    {
        var resources = new List<Dictionary<string, object>>();
        foreach (var kind in MetricsKind.All)
        {
            resources.Add(new() { ["name"] = kind.Plural, ["singularName"] = string.Empty, ["namespaced"] = kind.Namespaced, ["kind"] = "TrafficMetrics", ["verbs"] = new[] { "get", "list" } });
            if (kind.Granularity != Granularity.TrafficSplit)
            {
                resources.Add(new() { ["name"] = kind.Plural + "/edges", ["singularName"] = string.Empty, ["namespaced"] = kind.Namespaced, ["kind"] = "TrafficMetricsList", ["verbs"] = new[] { "get" } });
            }
        }

        return new() { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = GroupVersion, ["resources"] = resources };
    }

    /// <summary>The resources of a kind that exist (meshed pods, their workloads, namespaces, splits), optionally in one namespace.</summary>
    private static IEnumerable<PeerRef> ResourcesOf(MeshInventory mesh, MetricsKind kind, string? ns, LabelSelector? selector)
    {
        var pods = mesh.Pods.Where(p => p.HasProxy && (ns is null || p.Namespace == ns) && (selector is null || selector.Matches(p.Labels)));
        return kind.Granularity switch
        {
            Granularity.Pod => pods.Select(p => new PeerRef("Pod", p.Namespace, p.Name)),
            Granularity.Workload => pods.Select(MeshInventory.RefOf).Where(p => p.WorkloadKind == kind.Kind).Select(p => new PeerRef(kind.Kind, p.Namespace, p.WorkloadName)).Distinct(),
            Granularity.Namespace => mesh.Namespaces.Where(n => ns is null || n == ns).Select(n => new PeerRef("Namespace", null, n)),
            _ => mesh.TrafficSplits.Where(s => ns is null || s.Metadata.Namespace == ns).Select(s => new PeerRef("TrafficSplit", s.Metadata.Namespace, s.Metadata.Name)),
        };
    }

    private async Task<ApiAnswer> ListAsync(MeshInventory mesh, string plural, string? ns, LabelSelector? selector, string path, CancellationToken cancellationToken)
    {
        if (MetricsKind.ByPlural(plural) is not { } kind)
        {
            return UnknownKind(plural);
        }

        if (selector is not null && kind.Granularity != Granularity.Pod)
        {
            return ApiAnswer.BadRequest($"labelSelector is supported for pods only (the operator does not watch {plural}); select pods, or name the resource");
        }

        var window = await traffic.WindowAsync(cancellationToken).ConfigureAwait(false);
        var resources = ResourcesOf(mesh, kind, ns, selector).OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var items = kind.Granularity == Granularity.TrafficSplit
            ? resources.SelectMany(r => TrafficMetricsCalculator.Split(window, SplitOf(mesh, r)!, $"{Root}/namespaces/{r.Namespace}/{plural}/{r.Name}")).ToList()
            : resources.Select(r => TrafficMetricsCalculator.Resource(window, r, kind.Granularity, ItemLink(kind, r))).ToList();
        return ApiAnswer.Ok(new TrafficMetricsList { Metadata = new ListMeta(path), Resource = new ObjectReference { Kind = kind.Kind, Namespace = ns }, Items = items });
    }

    private async Task<ApiAnswer> GetAsync(MeshInventory mesh, string plural, string ns, string name, bool edges, string path, CancellationToken cancellationToken)
    {
        if (MetricsKind.ByPlural(plural) is not { Namespaced: true } kind)
        {
            return UnknownKind(plural);
        }

        var resource = ResourcesOf(mesh, kind, ns, null).FirstOrDefault(r => r.Name == name);
        if (resource is null)
        {
            return ApiAnswer.NotFound($"{plural} \"{name}\" not found in namespace \"{ns}\" (TrafficMetrics covers meshed pods, their workloads and TrafficSplits)");
        }

        var window = await traffic.WindowAsync(cancellationToken).ConfigureAwait(false);
        if (kind.Granularity == Granularity.TrafficSplit)
        {
            return edges
                ? ApiAnswer.NotFound("trafficsplits have no edges; their metrics are per backend at " + path[..^"/edges".Length])
                : ApiAnswer.Ok(new TrafficMetricsList { Metadata = new ListMeta(path), Resource = resource.ToReference(), Items = TrafficMetricsCalculator.Split(window, SplitOf(mesh, resource)!, path) });
        }

        return edges
            ? ApiAnswer.Ok(new TrafficMetricsList { Metadata = new ListMeta(path), Resource = resource.ToReference(), Items = TrafficMetricsCalculator.Edges(window, resource, kind.Granularity, path) })
            : ApiAnswer.Ok(TrafficMetricsCalculator.Resource(window, resource, kind.Granularity, path));
    }

    private async Task<ApiAnswer> NamespaceAsync(MeshInventory mesh, string ns, bool edges, string path, CancellationToken cancellationToken)
    {
        if (!mesh.Namespaces.Contains(ns))
        {
            return ApiAnswer.NotFound($"namespace \"{ns}\" not found");
        }

        var window = await traffic.WindowAsync(cancellationToken).ConfigureAwait(false);
        var resource = new PeerRef("Namespace", null, ns);
        return edges
            ? ApiAnswer.Ok(new TrafficMetricsList { Metadata = new ListMeta(path), Resource = resource.ToReference(), Items = TrafficMetricsCalculator.Edges(window, resource, Granularity.Namespace, path) })
            : ApiAnswer.Ok(TrafficMetricsCalculator.Resource(window, resource, Granularity.Namespace, path));
    }

    private static TrafficSplit? SplitOf(MeshInventory mesh, PeerRef resource) =>
        mesh.TrafficSplits.FirstOrDefault(s => s.Metadata.Namespace == resource.Namespace && s.Metadata.Name == resource.Name);

    private static string ItemLink(MetricsKind kind, PeerRef resource) =>
        kind.Namespaced ? $"{Root}/namespaces/{resource.Namespace}/{kind.Plural}/{resource.Name}" : $"{Root}/{kind.Plural}/{resource.Name}";

    private static ApiAnswer UnknownKind(string plural) =>
        ApiAnswer.NotFound($"\"{plural}\" is not a TrafficMetrics resource; served: {string.Join(", ", MetricsKind.All.Select(k => k.Plural))}");
}
