using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Smi.Testing.FakeKubeApi;

namespace Smi.Operator.Tests.Operator;

/// <summary>Makes an operator replica reconcile once more without changing the mesh, and shows what it wrote meanwhile.</summary>
internal static class OperatorNudge
{
    /// <summary>
    /// Triggers one reconcile with a change the compile ignores (an annotation on a Namespace), waits
    /// for it to succeed, and returns the writes the replica sent (by its User-Agent) while it ran.
    /// </summary>
    public static async Task<List<RecordedRequest>> ReconcileAsync(OperatorFixture fixture, WebApplication app, string ns = "demo", string identity = "operator-0")
    {
        var before = Writes(fixture, identity).Count;
        var reconciles = fixture.Measurements(app).Sum("smi_operator_reconcile", "result=success");
        var touched = fixture.Api.Get(string.Empty, "v1", "namespaces", null, ns)!;
        touched["metadata"]!["annotations"] = new JsonObject { ["touched"] = Guid.NewGuid().ToString() };
        fixture.Api.Seed(touched);
        await fixture.Eventually(() => fixture.Measurements(app).Sum("smi_operator_reconcile", "result=success") > reconciles ? "ok" : null, "a reconcile after the touch");
        return [.. Writes(fixture, identity).Skip(before)];
    }

    private static List<RecordedRequest> Writes(OperatorFixture fixture, string identity) =>
        [.. fixture.Api.Requests.Where(r => r.UserAgent?.Contains($"smi-operator-test/{identity}", StringComparison.Ordinal) == true && r.Verb is "create" or "update" or "patch" or "delete")];
}
