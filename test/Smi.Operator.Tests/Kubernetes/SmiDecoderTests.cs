using System.Text.Json.Nodes;
using k8s;
using Smi.Api.Model;
using Smi.Operator.Kubernetes;

namespace Smi.Operator.Tests.Kubernetes;

/// <summary>An SMI object the operator cannot read comes back with the reason, never as a silent null.</summary>
public sealed class SmiDecoderTests
{
    [Fact]
    public void Decode_ValidSplit_HubObject()
    {
        var result = SmiDecoder.Decode(Object("split.smi-spec.io/v1alpha4", "TrafficSplit", new JsonObject
        {
            ["service"] = "web",
            ["backends"] = new JsonArray(new JsonObject { ["service"] = "web-v1", ["weight"] = 1 }),
        }));

        Assert.True(result.IsSuccess);
        Assert.Equal("web", Assert.IsType<TrafficSplit>(result.Value).Service);
    }

    [Fact]
    public void Decode_FieldOfTheWrongType_FailureNamingTheFieldAndTheObject()
    {
        var result = SmiDecoder.Decode(Object("split.smi-spec.io/v1alpha4", "TrafficSplit", new JsonObject
        {
            ["service"] = "web",
            ["backends"] = new JsonArray(new JsonObject { ["service"] = "web-v1", ["weight"] = "ten" }),
        }));

        Assert.False(result.IsSuccess);
        Assert.Equal(("TrafficSplit", "demo", "broken", 4L), (result.Failure.Object.Kind, result.Failure.Object.Namespace, result.Failure.Object.Name, result.Failure.Object.Generation));
        Assert.StartsWith("spec.backends[0].weight: ", result.Failure.Problem, StringComparison.Ordinal);
        Assert.Contains("\"ten\"", result.Failure.Problem, StringComparison.Ordinal);
        Assert.Equal("InvalidObject", SmiDecodeFailure.Reason);
    }

    [Fact]
    public void Decode_ConversionRejectsTheObject_FailureWithTheConvertersReason()
    {
        var obj = Object("specs.smi-spec.io/v1alpha1", "HTTPRouteGroup", null);
        obj.Metadata.Annotations = new Dictionary<string, string> { ["conversion.smi-operator.io/headers"] = "{not json" };

        var result = SmiDecoder.Decode(obj);

        Assert.False(result.IsSuccess);
        Assert.StartsWith("metadata.annotations[\"conversion.smi-operator.io/headers\"]: annotation", result.Failure.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_VersionNotServed_Failure()
    {
        var result = SmiDecoder.Decode(Object("split.smi-spec.io/v9", "TrafficSplit", new JsonObject()));

        Assert.Equal("split.smi-spec.io/v9 TrafficSplit is not a version this operator reads", result.Failure!.Problem);
    }

    private static UnstructuredObject Object(string apiVersion, string kind, JsonObject? spec)
    {
        var json = new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = "broken", ["namespace"] = "demo", ["generation"] = 4 },
        };
        if (spec is not null)
        {
            json["spec"] = spec;
        }

        return KubernetesJson.Deserialize<UnstructuredObject>(json.ToJsonString());
    }
}
