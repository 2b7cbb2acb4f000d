using System.Text.Json.Nodes;
using Smi.Api.Manifests;
using Smi.Api.Validation;

namespace Smi.Operator.Webhooks.Admission;

/// <summary>
/// The validating webhook for SMI objects: the same reading and FluentValidation rules as
/// <c>validate</c>. Errors deny with every message (field path and what to fix); warnings are
/// returned as admission warnings, which kubectl prints.
/// </summary>
internal static class ValidationWebhook
{
    public static AdmissionReview Review(AdmissionReview review)
    {
        var request = review.Request ?? throw new ArgumentException("AdmissionReview without request", nameof(review));
        var response = new AdmissionResponse { Uid = request.Uid, Allowed = true };
        if (request.Object is not JsonObject obj || request.Operation is "DELETE" or "CONNECT")
        {
            return new AdmissionReview { Response = response };
        }

        var file = ManifestLoader.LoadText("admission", obj.ToJsonString());
        var findings = file.Errors.Concat(file.Documents.SelectMany(d => ManifestValidation.Validate(d))).ToList();
        var errors = findings.Where(f => f.Severity == FindingSeverity.Error).Select(Format).ToList();
        var warnings = findings.Where(f => f.Severity == FindingSeverity.Warning).Select(Format).ToList();
        if (warnings.Count > 0)
        {
            response.Warnings = warnings;
        }

        if (errors.Count > 0)
        {
            response.Allowed = false;
            response.Status = new AdmissionStatus { Code = 422, Reason = "Invalid", Message = string.Join("; ", errors) };
        }

        return new AdmissionReview { Response = response };
    }

    private static string Format(ManifestFinding finding) =>
        finding.Path.Length > 0 ? $"{finding.Path}: {finding.Message}" : finding.Message;
}
