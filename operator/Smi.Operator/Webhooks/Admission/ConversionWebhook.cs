using Smi.Api.Conversion;

namespace Smi.Operator.Webhooks.Admission;

/// <summary>
/// The CRD conversion webhook: converts each object through the API layer's hub model
/// (<see cref="SmiConverter"/>), which keeps v1alpha1 weight ratios exact and stashes what a
/// version cannot hold in annotations. Any object that cannot be converted fails the whole review
/// with a message naming it, as the API server expects.
/// </summary>
internal static class ConversionWebhook
{
    public static ConversionReview Review(ConversionReview review)
    {
        var request = review.Request ?? throw new ArgumentException("ConversionReview without request", nameof(review));
        var response = new ConversionResponse { Uid = request.Uid };
        foreach (var obj in request.Objects)
        {
            var converted = SmiConverter.Convert(obj, request.DesiredApiVersion);
            if (!converted.IsSuccess)
            {
                var name = obj["metadata"]?["name"]?.ToString() ?? "(unnamed)";
                var where = converted.ErrorPath is { Length: > 0 } path ? $"{path}: " : string.Empty;
                response.ConvertedObjects.Clear();
                response.Result = new ConversionResult { Status = "Failure", Message = $"cannot convert {obj["kind"]} {name} to {request.DesiredApiVersion}: {where}{converted.Error}" };
                return new ConversionReview { Response = response };
            }

            response.ConvertedObjects.Add(converted.Value!);
        }

        return new ConversionReview { Response = response };
    }
}
