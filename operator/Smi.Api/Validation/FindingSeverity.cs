namespace Smi.Api.Validation;

/// <summary>How serious a finding is.</summary>
public enum FindingSeverity
{
    /// <summary>The object is invalid: admission rejects it and <c>validate</c> fails.</summary>
    Error,

    /// <summary>The object works but is probably not what was meant.</summary>
    Warning,
}
