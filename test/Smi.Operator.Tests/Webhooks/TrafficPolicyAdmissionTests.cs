using System.Text.Json;
using Smi.Operator.Webhooks.Admission;

namespace Smi.Operator.Tests.Webhooks;

/// <summary>The validating webhook applies the TrafficPolicy rules, as for the SMI kinds.</summary>
public sealed class TrafficPolicyAdmissionTests
{
    private const string Review = """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"9a1e0c2b-0000-4000-8000-000000000001",
         "kind":{"group":"policy.smi-operator.io","version":"v1alpha1","kind":"TrafficPolicy"},
         "resource":{"group":"policy.smi-operator.io","version":"v1alpha1","resource":"trafficpolicies"},
         "name":"web","namespace":"demo","operation":"CREATE","userInfo":{"username":"admin"},
         "object":{"apiVersion":"policy.smi-operator.io/v1alpha1","kind":"TrafficPolicy","metadata":{"name":"web","namespace":"demo"},
           "spec":SPEC},
         "oldObject":null,"dryRun":false}}
        """;

    [Fact]
    public void Validate_ValidPolicy_Allowed()
    {
        var response = Answer("""{"targetRef":{"kind":"Service","name":"web"},"mirror":{"service":"web-shadow","percent":10},"rateLimits":[{"requests":5,"period":"1s"}]}""");

        Assert.True(response.Allowed);
        Assert.Null(response.Warnings);
    }

    [Theory]
    [InlineData("""{"targetRef":{"kind":"Service","name":"web"},"mirror":{"service":"web","percent":10}}""", "spec.mirror.service: the mirror \"web\" is the target Service itself")]
    [InlineData("""{"targetRef":{"kind":"Service","name":"web"},"rateLimits":[{"requests":5,"period":"soon"}]}""", "spec.rateLimits[0].period: \"soon\" is not a duration")]
    [InlineData("""{"targetRef":{"kind":"Service","name":"web"},"faults":{"abort":{"percent":1,"httpStatus":700}}}""", "spec.faults.abort.httpStatus: status 700 is out of range")]
    [InlineData("""{"targetRef":{"kind":"Pod","name":"web"},"accessLog":true}""", "spec.targetRef.kind")]
    [InlineData("""{"targetRef":{"kind":"Service","name":"web"},"loadBalancing":"Sticky"}""", "spec.loadBalancing: unknown load-balancing policy \"Sticky\"")]
    public void Validate_InvalidPolicy_DeniedWithFieldPath(string spec, string expected)
    {
        var response = Answer(spec);

        Assert.False(response.Allowed);
        Assert.Equal(422, response.Status!.Code);
        Assert.Contains(expected, response.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PolicySettingNothing_AllowedWithWarning()
    {
        var response = Answer("""{"targetRef":{"kind":"Service","name":"web"}}""");

        Assert.True(response.Allowed);
        Assert.Contains(response.Warnings!, w => w.StartsWith("spec: the policy sets nothing", StringComparison.Ordinal));
    }

    private static AdmissionResponse Answer(string spec) =>
        ValidationWebhook.Review(JsonSerializer.Deserialize<AdmissionReview>(Review.Replace("SPEC", spec, StringComparison.Ordinal))!).Response!;
}
