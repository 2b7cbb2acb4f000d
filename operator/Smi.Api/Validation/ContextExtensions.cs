using FluentValidation;
using FluentValidation.Results;

namespace Smi.Api.Validation;

/// <summary>Adds findings under the exact field path the user wrote, instead of FluentValidation's property names.</summary>
internal static class ContextExtensions
{
    public static void Error<T>(this ValidationContext<T> context, string path, string message) =>
        context.AddFailure(new ValidationFailure(path, message) { Severity = Severity.Error });

    public static void Warning<T>(this ValidationContext<T> context, string path, string message) =>
        context.AddFailure(new ValidationFailure(path, message) { Severity = Severity.Warning });
}
