using Smi.Install.Tests.Support;

namespace Smi.Install.Tests.Crds;

/// <summary>The schemas in crds/ load as structural schemas (SPEC-NOTES §1–§4 describe each version).</summary>
public sealed class CrdSchemaTests
{
    [Fact]
    public void Load_EveryCrd_IsStructuralAndNamed()
    {
        var names = RepoCrds.Catalog.Definitions.Select(d => d.Name).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["httproutegroups.specs.smi-spec.io", "tcproutes.specs.smi-spec.io", "trafficpolicies.policy.smi-operator.io", "trafficsplits.split.smi-spec.io", "traffictargets.access.smi-spec.io", "udproutes.specs.smi-spec.io"],
            names);
    }
}
