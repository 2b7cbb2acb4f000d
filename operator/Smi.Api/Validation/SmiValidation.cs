using System.Collections.Immutable;
using FluentValidation;
using FluentValidation.Results;
using Smi.Api.Model;

namespace Smi.Api.Validation;

/// <summary>
/// Validates any hub SMI object with its kind's validator. Shared by <c>validate</c>, local mode and
/// the admission webhook, so all three say the same thing about the same object.
/// </summary>
public static class SmiValidation
{
    private static readonly TrafficSplitValidator Split = new();
    private static readonly TrafficTargetValidator Target = new();
    private static readonly HttpRouteGroupValidator RouteGroup = new();
    private static readonly L4RouteValidator L4 = new();
    private static readonly TrafficPolicyValidator Policy = new();

    /// <summary>Every finding for <paramref name="obj"/>, errors and warnings, in rule order.</summary>
    public static ImmutableArray<ValidationFinding> Validate(SmiObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var result = obj switch
        {
            TrafficSplit split => Split.Validate(split),
            TrafficTarget target => Target.Validate(target),
            HttpRouteGroup group => RouteGroup.Validate(group),
            L4Route route => L4.Validate(route),
            TrafficPolicy policy => Policy.Validate(policy),
            _ => new ValidationResult(),
        };
        return [.. result.Errors.Select(ToFinding)];
    }

    private static ValidationFinding ToFinding(ValidationFailure failure) => new(
        failure.Severity == Severity.Error ? FindingSeverity.Error : FindingSeverity.Warning,
        failure.PropertyName,
        failure.ErrorMessage);
}
