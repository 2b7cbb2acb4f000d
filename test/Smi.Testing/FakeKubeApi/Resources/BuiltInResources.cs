namespace Smi.Testing.FakeKubeApi.Resources;

/// <summary>
/// The built-in resources the fake serves out of the box: what the operator reads and writes, what
/// kubectl needs to install it (<c>kubectl apply -k .</c> also creates RBAC and webhook objects), and
/// the CRD type through which custom resources appear. Names, short names and categories are the
/// real API server's.
/// </summary>
internal static class BuiltInResources
{
    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Core("namespaces", "namespace", "Namespace", namespaced: false, status: true, ["ns"]),
        Core("services", "service", "Service", namespaced: true, status: true, ["svc"], ["all"]),
        Core("endpoints", "endpoints", "Endpoints", namespaced: true, status: false, ["ep"]),
        Core("pods", "pod", "Pod", namespaced: true, status: true, ["po"], ["all"]),
        Core("serviceaccounts", "serviceaccount", "ServiceAccount", namespaced: true, status: false, ["sa"]),
        Core("configmaps", "configmap", "ConfigMap", namespaced: true, status: false, ["cm"]),
        Core("secrets", "secret", "Secret", namespaced: true, status: false, []),
        Core("events", "event", "Event", namespaced: true, status: false, ["ev"]),
        Type("discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", namespaced: true, status: false, []),
        Type("events.k8s.io", "v1", "events", "event", "Event", namespaced: true, status: false, ["ev"]),
        Type("coordination.k8s.io", "v1", "leases", "lease", "Lease", namespaced: true, status: false, []),
        Type("apps", "v1", "deployments", "deployment", "Deployment", namespaced: true, status: true, ["deploy"], ["all"], scale: true),
        Type("apps", "v1", "replicasets", "replicaset", "ReplicaSet", namespaced: true, status: true, ["rs"], ["all"], scale: true),
        Type("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "mutatingwebhookconfiguration", "MutatingWebhookConfiguration", namespaced: false, status: false, [], ["api-extensions"]),
        Type("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "validatingwebhookconfiguration", "ValidatingWebhookConfiguration", namespaced: false, status: false, [], ["api-extensions"]),
        Type("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", namespaced: false, status: true, ["crd", "crds"], ["api-extensions"]),
        Type("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", namespaced: true, status: false, []),
        Type("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", namespaced: true, status: false, []),
        Type("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", namespaced: false, status: false, []),
        Type("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", namespaced: false, status: false, []),
    ];

    private static ResourceType Core(string plural, string singular, string kind, bool namespaced, bool status, string[] shortNames, string[]? categories = null) =>
        Type(string.Empty, "v1", plural, singular, kind, namespaced, status, shortNames, categories);

    private static ResourceType Type(string group, string version, string plural, string singular, string kind, bool namespaced, bool status, string[] shortNames, string[]? categories = null, bool scale = false)
        => new(group, plural, singular, kind, namespaced, shortNames, categories ?? [], [ResourceVersion.BuiltIn(version, status, scale)]);
}
