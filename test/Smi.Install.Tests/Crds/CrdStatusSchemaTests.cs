using Smi.Install.Tests.Support;
using static Smi.Install.Tests.Crds.SmiInputs;

namespace Smi.Install.Tests.Crds;

/// <summary>The status subresource schema shared by every SMI kind and version (metav1.Condition).</summary>
public sealed class CrdStatusSchemaTests
{
    public static TheoryData<string, string> EveryKindAndVersion()
    {
        var data = new TheoryData<string, string>();
        foreach (var crd in RepoCrds.Catalog.Definitions)
        {
            foreach (var version in crd.Versions)
            {
                data.Add(crd.Kind, version.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKindAndVersion))]
    public void Status_ConditionsAndObservedGeneration_AcceptedOnEveryVersion(string kind, string version)
    {
        var status = """
            status:
              observedGeneration: 3
              conditions:
              - {type: Accepted, status: 'True', observedGeneration: 3, lastTransitionTime: '2024-05-01T10:00:00Z', reason: Accepted, message: ok}
              - {type: ResolvedRefs, status: 'False', observedGeneration: 3, lastTransitionTime: '2024-05-01T10:00:00Z', reason: BackendNotFound, message: 'Service web-v3 not found'}
            """;

        var result = RepoCrds.Version(kind, version).Validate(Manifests.Object(status));

        Assert.Empty(result.PrunedFields);
        Assert.DoesNotContain(result.Errors, e => e.Field.StartsWith("status", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_BadConditions_RejectedLikeMetav1Condition()
    {
        var status = """
            status:
              observedGeneration: -1
              conditions:
              - {type: Accepted, status: Maybe, lastTransitionTime: 'now', reason: 'not camel', message: m}
              - {type: Accepted, status: 'True', lastTransitionTime: '2024-05-01T10:00:00Z', message: m}
            """;

        var result = RepoCrds.Version("TrafficSplit", "v1alpha4").Validate(Manifests.Object(status));

        Assert.Equal(
            [
                "status.observedGeneration: Invalid value: -1: status.observedGeneration in body should be greater than or equal to 0",
                "status.conditions[0].status: Unsupported value: \"Maybe\": supported values: \"True\", \"False\", \"Unknown\"",
                "status.conditions[0].lastTransitionTime: Invalid value: \"now\": status.conditions[0].lastTransitionTime in body must be of type date-time: \"now\"",
                "status.conditions[0].reason: Invalid value: \"not camel\": status.conditions[0].reason in body should match '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$'",
                "status.conditions[1].reason: Required value",
                "spec: Required value",
                "status.conditions[1]: Duplicate value: {\"type\":\"Accepted\"}",
            ],
            Messages(result));
    }
}
