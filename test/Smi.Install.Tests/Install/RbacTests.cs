using Smi.Install.Tests.Support;
using Smi.Testing;

namespace Smi.Install.Tests.Install;

/// <summary>The operator's permissions are exactly those it needs (least privilege), as rendered.</summary>
public sealed class RbacTests
{
    private static readonly string[] SmiCrdNames =
    [
        "trafficsplits.split.smi-spec.io", "traffictargets.access.smi-spec.io", "httproutegroups.specs.smi-spec.io",
        "tcproutes.specs.smi-spec.io", "udproutes.specs.smi-spec.io",
    ];

    // group/resource -> verbs (and resourceNames where restricted). Adding a permission means adding it here, on purpose.
    private static readonly Dictionary<string, string> ExpectedClusterPermissions = new(StringComparer.Ordinal)
    {
        ["split.smi-spec.io/trafficsplits"] = "get,list,watch",
        ["access.smi-spec.io/traffictargets"] = "get,list,watch",
        ["specs.smi-spec.io/httproutegroups"] = "get,list,watch",
        ["specs.smi-spec.io/tcproutes"] = "get,list,watch",
        ["specs.smi-spec.io/udproutes"] = "get,list,watch",
        ["split.smi-spec.io/trafficsplits/status"] = "patch",
        ["access.smi-spec.io/traffictargets/status"] = "patch",
        ["specs.smi-spec.io/httproutegroups/status"] = "patch",
        ["specs.smi-spec.io/tcproutes/status"] = "patch",
        ["specs.smi-spec.io/udproutes/status"] = "patch",
        ["policy.smi-operator.io/trafficpolicies"] = "get,list,watch",
        ["policy.smi-operator.io/trafficpolicies/status"] = "patch",
        ["/services"] = "get,list,watch",
        ["/pods"] = "get,list,watch",
        ["/serviceaccounts"] = "get,list,watch",
        ["/namespaces"] = "get,list,watch",
        ["discovery.k8s.io/endpointslices"] = "get,list,watch",
        // Server-side apply is a patch, and create when it creates; get on Secrets reads the mesh CA root.
        ["/configmaps"] = "create,delete,list,patch,watch",
        ["/secrets"] = "create,delete,get,list,patch,watch",
        ["/events"] = "create,patch",
        ["events.k8s.io/events"] = "create,patch",
        ["admissionregistration.k8s.io/mutatingwebhookconfigurations"] = "get,list,patch,update,watch [smi-operator]",
        ["admissionregistration.k8s.io/validatingwebhookconfigurations"] = "get,list,patch,update,watch [smi-operator]",
        ["apiextensions.k8s.io/customresourcedefinitions"] = "get,list,patch,update,watch [" + string.Join(",", SmiCrdNames.Order(StringComparer.Ordinal)) + "]",
        ["apiregistration.k8s.io/apiservices"] = "get,patch [v1alpha1.metrics.smi-spec.io]",
    };

    [Fact]
    public async Task Render_ClusterRole_ExactlyTheNeededVerbs()
    {
        var role = await RenderedInstall.SingleAsync("ClusterRole", "smi-operator");

        var actual = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in role["rules"]!.AsArray())
        {
            var verbs = string.Join(",", Manifests.Strings(rule!["verbs"]).Order(StringComparer.Ordinal));
            var names = Manifests.Strings(rule["resourceNames"]);
            var suffix = names.Count == 0 ? string.Empty : " [" + string.Join(",", names.Order(StringComparer.Ordinal)) + "]";
            foreach (var group in Manifests.Strings(rule["apiGroups"]))
            {
                foreach (var resource in Manifests.Strings(rule["resources"]))
                {
                    var key = $"{group}/{resource}";
                    var expected = ExpectedClusterPermissions.GetValueOrDefault(key);

                    // Rules list several groups and resources together; only the pairs that make sense may appear.
                    if (expected is null)
                    {
                        Assert.Contains(group, new[] { "split.smi-spec.io", "access.smi-spec.io", "specs.smi-spec.io" });
                        continue;
                    }

                    Assert.True(actual.TryAdd(key, verbs + suffix), $"{key} is granted twice");
                }
            }
        }

        Assert.Equal(ExpectedClusterPermissions.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Render_Rbac_NoWildcards()
    {
        foreach (var obj in (await RenderedInstall.ObjectsAsync()).Where(o => Manifests.Kind(o) is "ClusterRole" or "Role"))
        {
            foreach (var rule in obj["rules"]!.AsArray())
            {
                Assert.DoesNotContain("*", Manifests.Strings(rule!["verbs"]));
                Assert.DoesNotContain("*", Manifests.Strings(rule["resources"]));
                Assert.DoesNotContain("*", Manifests.Strings(rule["apiGroups"]));
            }
        }
    }

    [Fact]
    public async Task Render_CrdResourceNames_AreTheCrdsWithConversion()
    {
        var objects = await RenderedInstall.ObjectsAsync();
        // Only CRDs with a conversion webhook need their caBundle patched (TrafficPolicy has one version).
        var crds = objects.Where(o => Manifests.Kind(o) == "CustomResourceDefinition" && o["spec"]?["conversion"] is not null).Select(o => Manifests.Name(o)!).Order(StringComparer.Ordinal);

        Assert.Equal(SmiCrdNames.Order(StringComparer.Ordinal), crds);
    }

    [Fact]
    public async Task Render_LeaderElection_LeasesInSmiSystemOnly()
    {
        var role = await RenderedInstall.SingleAsync("Role", "smi-operator-leader-election");

        Assert.Equal(RenderedInstall.Namespace, Manifests.Namespace(role));
        var rule = Assert.Single(role["rules"]!.AsArray())!;
        Assert.Equal(["coordination.k8s.io"], Manifests.Strings(rule["apiGroups"]));
        Assert.Equal(["leases"], Manifests.Strings(rule["resources"]));
        Assert.Equal(["create", "get", "update"], Manifests.Strings(rule["verbs"]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("ClusterRoleBinding", "smi-operator", "ClusterRole", "smi-operator")]
    [InlineData("RoleBinding", "smi-operator-leader-election", "Role", "smi-operator-leader-election")]
    [InlineData("RoleBinding", "smi-operator-authentication-reader", "Role", "extension-apiserver-authentication-reader")]
    public async Task Render_Bindings_GrantTheOperatorServiceAccount(string kind, string name, string roleKind, string roleName)
    {
        var binding = await RenderedInstall.SingleAsync(kind, name);
        var subject = Assert.Single(binding["subjects"]!.AsArray())!;

        Assert.Equal((roleKind, roleName), (Manifests.Text(binding["roleRef"]!["kind"]), Manifests.Text(binding["roleRef"]!["name"])));
        Assert.Equal(("ServiceAccount", "smi-operator", RenderedInstall.Namespace), (Manifests.Text(subject["kind"]), Manifests.Text(subject["name"]), Manifests.Text(subject["namespace"])));
        Assert.NotNull(await RenderedInstall.SingleAsync("ServiceAccount", "smi-operator"));
    }

    [Fact]
    public void ClusterRoleSource_EveryRuleExplained()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "config", "rbac", "cluster_role.yaml"));

        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("- apiGroups:", StringComparison.Ordinal))
            {
                Assert.True(i > 0 && lines[i - 1].StartsWith('#'), $"cluster_role.yaml line {i + 1}: a rule without a comment saying why");
            }
        }
    }
}
