using System.Text.Json.Nodes;
using Smi.Install.Tests.Support;

namespace Smi.Install.Tests.Install;

/// <summary>The non-CRD part of the install as `kubectl kustomize .` renders it.</summary>
public sealed class KustomizeInstallTests
{
    [Fact]
    public async Task Render_Install_ExactlyTheExpectedObjects()
    {
        var objects = await RenderedInstall.ObjectsAsync();

        var names = objects.Select(o => $"{Manifests.Kind(o)}/{Manifests.Name(o)}").Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "APIService/v1alpha1.metrics.smi-spec.io",
                "ClusterRole/smi-operator",
                "ClusterRole/smi-traffic-metrics-reader",
                "ClusterRoleBinding/smi-operator",
                "CustomResourceDefinition/httproutegroups.specs.smi-spec.io",
                "CustomResourceDefinition/tcproutes.specs.smi-spec.io",
                "CustomResourceDefinition/trafficpolicies.policy.smi-operator.io",
                "CustomResourceDefinition/trafficsplits.split.smi-spec.io",
                "CustomResourceDefinition/traffictargets.access.smi-spec.io",
                "CustomResourceDefinition/udproutes.specs.smi-spec.io",
                "Deployment/smi-operator",
                "MutatingWebhookConfiguration/smi-operator",
                "Namespace/smi-system",
                "PodDisruptionBudget/smi-operator",
                "Role/smi-operator-leader-election",
                "RoleBinding/smi-operator-authentication-reader",
                "RoleBinding/smi-operator-leader-election",
                "Service/smi-operator-metrics",
                "Service/smi-operator-webhook",
                "ServiceAccount/smi-operator",
                "ValidatingWebhookConfiguration/smi-operator",
            ],
            names);
    }

    [Fact]
    public async Task Render_NamespacedObjects_AllInSmiSystemAndLabelledPartOf()
    {
        string[] clusterScoped = ["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService"];

        foreach (var obj in await RenderedInstall.ObjectsAsync())
        {
            var kind = Manifests.Kind(obj)!;

            // The one exception: aggregated API servers read the request-header CA through a RoleBinding in kube-system.
            var expected = clusterScoped.Contains(kind) ? null
                : kind == "RoleBinding" && Manifests.Name(obj) == "smi-operator-authentication-reader" ? "kube-system"
                : RenderedInstall.Namespace;
            Assert.Equal(expected, Manifests.Namespace(obj));
            Assert.Equal("smi-operator", Manifests.Text(obj["metadata"]!["labels"]?["app.kubernetes.io/part-of"]));
        }
    }

    [Fact]
    public async Task Render_Namespace_NotMeshedAndRestricted()
    {
        var labels = (await RenderedInstall.SingleAsync("Namespace", "smi-system"))["metadata"]!["labels"]!;

        Assert.Equal("disabled", Manifests.Text(labels["smi-operator.io/inject"]));
        Assert.Equal("restricted", Manifests.Text(labels["pod-security.kubernetes.io/enforce"]));
    }

    [Fact]
    public async Task Render_Deployment_HighlyAvailableWithImageArgsAndPorts()
    {
        var deployment = await RenderedInstall.SingleAsync("Deployment", "smi-operator");
        var spec = deployment["spec"]!;
        var pod = spec["template"]!["spec"]!;
        var container = Assert.Single(pod["containers"]!.AsArray())!;

        Assert.Equal(2L, spec["replicas"]!.GetValue<long>());
        Assert.Equal(0L, spec["strategy"]!["rollingUpdate"]!["maxUnavailable"]!.GetValue<long>());
        Assert.Equal("smi-operator", Manifests.Text(pod["serviceAccountName"]));
        Assert.Equal("ghcr.io/smi-operator/operator:0.1.0", Manifests.Text(container["image"]));
        Assert.Equal(["run"], Manifests.Strings(container["args"]));
        Assert.Equal([("webhook", 9443L), ("metrics", 8080L)], container["ports"]!.AsArray().Select(p => (Manifests.Text(p!["name"]), p!["containerPort"]!.GetValue<long>())));
        AssertSelectorMatchesTemplate(deployment);
    }

    [Fact]
    public async Task Render_Deployment_ProbesOnHealthEndpoints()
    {
        var container = (await RenderedInstall.SingleAsync("Deployment", "smi-operator"))["spec"]!["template"]!["spec"]!["containers"]![0]!;

        Assert.Equal(("/healthz", "metrics"), Probe(container["livenessProbe"]));
        Assert.Equal(("/readyz", "metrics"), Probe(container["readinessProbe"]));
        Assert.Equal(("/healthz", "metrics"), Probe(container["startupProbe"]));
    }

    [Fact]
    public async Task Render_Deployment_HardenedToRestricted()
    {
        var pod = (await RenderedInstall.SingleAsync("Deployment", "smi-operator"))["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]![0]!;
        var podSecurity = pod["securityContext"]!;
        var security = container["securityContext"]!;

        Assert.True(podSecurity["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal(65532L, podSecurity["runAsUser"]!.GetValue<long>());
        Assert.Equal("RuntimeDefault", Manifests.Text(podSecurity["seccompProfile"]!["type"]));
        Assert.False(security["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.True(security["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.True(security["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal(["ALL"], Manifests.Strings(security["capabilities"]!["drop"]));
        Assert.Null(security["capabilities"]!["add"]);
        Assert.Equal("RuntimeDefault", Manifests.Text(security["seccompProfile"]!["type"]));

        var tmp = Assert.Single(container["volumeMounts"]!.AsArray())!;
        Assert.Equal("/tmp", Manifests.Text(tmp["mountPath"]));
        var volume = pod["volumes"]!.AsArray().Single(v => Manifests.Text(v!["name"]) == Manifests.Text(tmp["name"]))!;
        Assert.NotNull(volume["emptyDir"]);
    }

    [Fact]
    public async Task Render_Deployment_ResourcesSpreadAndEnvironment()
    {
        var pod = (await RenderedInstall.SingleAsync("Deployment", "smi-operator"))["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]![0]!;
        var env = container["env"]!.AsArray().ToDictionary(e => Manifests.Text(e!["name"])!, e => e!);

        Assert.NotNull(container["resources"]!["requests"]!["cpu"]);
        Assert.NotNull(container["resources"]!["requests"]!["memory"]);
        Assert.NotNull(container["resources"]!["limits"]!["memory"]);
        Assert.Contains(pod["topologySpreadConstraints"]!.AsArray(), c => Manifests.Text(c!["topologyKey"]) == "kubernetes.io/hostname");
        Assert.Equal("ghcr.io/smi-operator/proxy:0.1.0", Manifests.Text(env["SMI_PROXY_IMAGE"]["value"]));
        Assert.Equal("metadata.name", Manifests.Text(env["POD_NAME"]["valueFrom"]!["fieldRef"]!["fieldPath"]));
        Assert.Equal("metadata.namespace", Manifests.Text(env["POD_NAMESPACE"]["valueFrom"]!["fieldRef"]!["fieldPath"]));
    }

    [Fact]
    public async Task Render_PodDisruptionBudget_KeepsOneOperatorReplica()
    {
        var pdb = await RenderedInstall.SingleAsync("PodDisruptionBudget", "smi-operator");
        var deployment = await RenderedInstall.SingleAsync("Deployment", "smi-operator");

        Assert.Equal(1L, pdb["spec"]!["minAvailable"]!.GetValue<long>());
        Assert.Equal(deployment["spec"]!["selector"]!.ToJsonString(), pdb["spec"]!["selector"]!.ToJsonString());
    }

    [Fact]
    public async Task Render_WebhookService_Port443ToTheOperatorsWebhookPort()
    {
        var service = await RenderedInstall.SingleAsync("Service", "smi-operator-webhook");
        var deployment = await RenderedInstall.SingleAsync("Deployment", "smi-operator");

        var port = Assert.Single(service["spec"]!["ports"]!.AsArray())!;
        Assert.Equal((443L, "webhook"), (port["port"]!.GetValue<long>(), Manifests.Text(port["targetPort"])));
        AssertSelects(service, deployment);
    }

    [Fact]
    public async Task Render_ValidatingWebhook_AllSmiKindsAndTrafficPolicyAtValidate()
    {
        var configuration = await RenderedInstall.SingleAsync("ValidatingWebhookConfiguration", "smi-operator");
        var webhook = Assert.Single(configuration["webhooks"]!.AsArray())!;

        AssertWebhookBasics(webhook, "/validate");
        var covered = webhook["rules"]!.AsArray()
            .SelectMany(r => Manifests.Strings(r!["apiGroups"]).SelectMany(g => Manifests.Strings(r!["resources"]).Select(res => $"{res}.{g}")))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["httproutegroups.specs.smi-spec.io", "tcproutes.specs.smi-spec.io", "trafficpolicies.policy.smi-operator.io", "trafficsplits.split.smi-spec.io", "traffictargets.access.smi-spec.io", "udproutes.specs.smi-spec.io"], covered);
        Assert.All(webhook["rules"]!.AsArray(), r =>
        {
            Assert.Equal(["CREATE", "UPDATE"], Manifests.Strings(r!["operations"]));
            Assert.Equal(["*"], Manifests.Strings(r["apiVersions"]));
        });
    }

    [Fact]
    public async Task Render_MutatingWebhook_InjectsPodsOfLabelledNamespacesOnly()
    {
        var configuration = await RenderedInstall.SingleAsync("MutatingWebhookConfiguration", "smi-operator");
        var webhook = Assert.Single(configuration["webhooks"]!.AsArray())!;

        AssertWebhookBasics(webhook, "/inject");
        Assert.Equal("Never", Manifests.Text(webhook["reinvocationPolicy"]));
        var rule = Assert.Single(webhook["rules"]!.AsArray())!;
        Assert.Equal([""], Manifests.Strings(rule["apiGroups"]));
        Assert.Equal(["v1"], Manifests.Strings(rule["apiVersions"]));
        Assert.Equal(["CREATE"], Manifests.Strings(rule["operations"]));
        Assert.Equal(["pods"], Manifests.Strings(rule["resources"]));
        Assert.Equal("enabled", Manifests.Text(webhook["namespaceSelector"]!["matchLabels"]!["smi-operator.io/inject"]));
        var expression = Assert.Single(webhook["objectSelector"]!["matchExpressions"]!.AsArray())!;
        Assert.Equal(("smi-operator.io/inject", "NotIn"), (Manifests.Text(expression["key"]), Manifests.Text(expression["operator"])));
        Assert.Equal(["disabled"], Manifests.Strings(expression["values"]));
    }

    private static void AssertWebhookBasics(JsonNode webhook, string path)
    {
        Assert.EndsWith(".smi-operator.io", Manifests.Text(webhook["name"]), StringComparison.Ordinal);
        Assert.Equal(["v1"], Manifests.Strings(webhook["admissionReviewVersions"]));
        Assert.Equal(("None", "Fail"), (Manifests.Text(webhook["sideEffects"]), Manifests.Text(webhook["failurePolicy"])));
        var service = webhook["clientConfig"]!["service"]!;
        Assert.Equal(("smi-system", "smi-operator-webhook", path, 443L), (Manifests.Text(service["namespace"]), Manifests.Text(service["name"]), Manifests.Text(service["path"]), service["port"]!.GetValue<long>()));
        Assert.Null(webhook["clientConfig"]!["caBundle"]);
    }

    private static (string?, string?) Probe(JsonNode? probe) =>
        (Manifests.Text(probe?["httpGet"]?["path"]), Manifests.Text(probe?["httpGet"]?["port"]));

    internal static void AssertSelectorMatchesTemplate(JsonNode deployment)
    {
        var selector = deployment["spec"]!["selector"]!["matchLabels"]!.AsObject();
        var labels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.All(selector, s => Assert.Equal(Manifests.Text(s.Value), Manifests.Text(labels[s.Key])));
    }

    internal static void AssertSelects(JsonNode service, JsonNode deployment)
    {
        var selector = service["spec"]!["selector"]!.AsObject();
        var labels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.NotEmpty(selector);
        Assert.All(selector, s => Assert.Equal(Manifests.Text(s.Value), Manifests.Text(labels[s.Key])));
    }
}
