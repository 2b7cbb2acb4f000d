using FluentValidation;
using Smi.Api.Model;

namespace Smi.Api.Validation;

/// <summary>Rules every SMI object shares; each kind's validator derives from this.</summary>
/// <typeparam name="T">The hub kind.</typeparam>
public abstract class SmiObjectValidator<T> : AbstractValidator<T>
    where T : SmiObject
{
    /// <summary>Adds the shared rules.</summary>
    protected SmiObjectValidator()
    {
        RuleFor(o => o.Metadata).Custom((meta, context) =>
        {
            if (string.IsNullOrEmpty(meta.Name))
            {
                context.Error("metadata.name", "required: every object needs a name");
            }
        });
    }
}
