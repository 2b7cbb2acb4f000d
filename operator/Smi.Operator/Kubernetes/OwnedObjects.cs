using k8s.Models;
using Smi.ProxyConfig;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// What every object the operator owns carries, in one place: the field manager its writes use,
/// the labels that make it findable (<c>kubectl get cm,secret -l app.kubernetes.io/managed-by=smi-operator</c>)
/// and the owner reference to the identity's ServiceAccount, so garbage collection removes it with
/// the account.
/// </summary>
internal static class OwnedObjects
{
    /// <summary>
    /// The field manager of every write: server-side apply records the fields the operator owns
    /// under this name, and a fixed name (not the client's User-Agent, which changes with the
    /// library version) keeps that ownership across upgrades.
    /// </summary>
    public const string FieldManager = "smi-operator";

    /// <summary>The label on every ConfigMap/Secret the operator owns (the informers select on it).</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>Its value.</summary>
    public const string ManagedByValue = "smi-operator";

    /// <summary>The label naming the identity's ServiceAccount (shortened to a valid label value).</summary>
    public const string ServiceAccountLabel = "smi-operator.io/service-account";

    /// <summary>The label selector of the operator's own ConfigMaps and Secrets.</summary>
    public static string Selector => $"{ManagedByLabel}={ManagedByValue}";

    /// <summary>
    /// Metadata of an object owned for <paramref name="identity"/>: name, namespace, the managed-by
    /// and ServiceAccount labels plus <paramref name="labels"/>, <paramref name="annotations"/>, and an
    /// owner reference to <paramref name="owner"/> when the account is known (its uid is required).
    /// </summary>
    public static V1ObjectMeta Metadata(
        string name,
        ProxyIdentity identity,
        V1ServiceAccount? owner,
        IEnumerable<KeyValuePair<string, string>>? labels = null,
        IDictionary<string, string>? annotations = null)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ManagedByLabel] = ManagedByValue,
            [ServiceAccountLabel] = KubernetesNames.LabelValue(identity.ServiceAccount),
        };
        foreach (var (key, value) in labels ?? [])
        {
            all[key] = KubernetesNames.LabelValue(value);
        }

        return new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = identity.Namespace,
            Labels = all,
            Annotations = annotations,
            OwnerReferences = owner?.Metadata.Uid is { } uid
                ? [new V1OwnerReference { ApiVersion = "v1", Kind = "ServiceAccount", Name = owner.Metadata.Name, Uid = uid }]
                : null,
        };
    }

    /// <summary>
    /// True when <paramref name="existing"/> already carries what <paramref name="desired"/> sets: every
    /// label and annotation with its value, and the owner reference when the owner is known. Fields
    /// others added are not the operator's business (server-side apply leaves them alone too), and an
    /// owner missing from the cache does not remove the reference the object has.
    /// </summary>
    public static bool IsCurrent(V1ObjectMeta existing, V1ObjectMeta desired) =>
        Contains(existing.Labels, desired.Labels)
        && Contains(existing.Annotations, desired.Annotations)
        && (desired.OwnerReferences ?? []).All(o => existing.OwnerReferences?.Any(e => e.Uid == o.Uid) == true);

    /// <summary>True for an object carrying the ServiceAccount label (what stale-object cleanup keys on).</summary>
    public static bool HasServiceAccountLabel(V1ObjectMeta metadata) => metadata.Labels?.ContainsKey(ServiceAccountLabel) == true;

    private static bool Contains(IDictionary<string, string>? existing, IDictionary<string, string>? desired) =>
        (desired ?? new Dictionary<string, string>()).All(kv => existing?.TryGetValue(kv.Key, out var value) == true && value == kv.Value);
}
