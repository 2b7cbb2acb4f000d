using System.Diagnostics.CodeAnalysis;

namespace Smi.Api;

/// <summary>
/// The outcome of an operation on user input that can fail: either a value or an error message that
/// tells the user what to fix. Bad input is data, not an exception.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed record Result<T>
{
    private Result(T? value, string? error, string? errorPath)
    {
        Value = value;
        Error = error;
        ErrorPath = errorPath;
    }

    /// <summary>The value, when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>The error message, when not <see cref="IsSuccess"/>.</summary>
    public string? Error { get; }

    /// <summary>The field path the error is about (e.g. <c>spec.backends[0].weight</c>), when known.</summary>
    public string? ErrorPath { get; }

    /// <summary>True when <see cref="Value"/> holds the result.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>A successful result.</summary>
    public static Result<T> Success(T value) => new(value, null, null);

    /// <summary>A failed result.</summary>
    public static Result<T> Failure(string error, string? path = null) => new(default, error, path);

    /// <summary>Maps a successful value; failures pass through.</summary>
    public Result<TOut> Map<TOut>(Func<T, TOut> map) =>
        IsSuccess ? Result<TOut>.Success(map(Value)) : Result<TOut>.Failure(Error, ErrorPath);

    /// <summary>Chains an operation that can fail; failures pass through.</summary>
    public Result<TOut> Bind<TOut>(Func<T, Result<TOut>> next) =>
        IsSuccess ? next(Value) : Result<TOut>.Failure(Error, ErrorPath);
}
