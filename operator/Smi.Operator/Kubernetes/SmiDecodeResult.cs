using System.Diagnostics.CodeAnalysis;
using Smi.Api.Model;

namespace Smi.Operator.Kubernetes;

/// <summary>An SMI object read into the hub model, or why it could not be.</summary>
internal sealed record SmiDecodeResult
{
    private SmiDecodeResult(SmiObject? value, SmiDecodeFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public SmiObject? Value { get; }

    public SmiDecodeFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Value is not null;

    public static SmiDecodeResult Success(SmiObject value) => new(value, null);

    public static SmiDecodeResult Failed(SmiDecodeFailure failure) => new(null, failure);
}
