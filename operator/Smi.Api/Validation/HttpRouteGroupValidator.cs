using FluentValidation;
using Smi.Api.Model;

namespace Smi.Api.Validation;

/// <summary>
/// HTTPRouteGroup rules: named, unique matches; regexes the proxy can run in linear time; methods
/// from the CRD's enum; header names that are HTTP tokens.
/// </summary>
public sealed class HttpRouteGroupValidator : SmiObjectValidator<HttpRouteGroup>
{
    /// <summary>The methods the CRD allows (case-sensitive), <c>*</c> meaning all.</summary>
    public static IReadOnlyList<string> AllowedMethods { get; } = ["*", "GET", "HEAD", "PUT", "POST", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

    /// <summary>Adds the rules.</summary>
    public HttpRouteGroupValidator()
    {
        RuleFor(g => g.Matches).Custom((matches, context) =>
        {
            var root = SmiPaths.HttpMatches(context.InstanceToValidate.SourceApiVersion);
            if (matches.IsDefaultOrEmpty)
            {
                context.Error(root, "at least one match is required");
                return;
            }

            var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < matches.Length; i++)
            {
                CheckMatch(matches[i], $"{root}[{i}]", context);
                var name = matches[i].Name;
                if (name.Length > 0 && !firstIndex.TryAdd(name, i))
                {
                    context.Error($"{root}[{i}].name", $"match name \"{name}\" is used twice (also {root}[{firstIndex[name]}]); names must be unique within the group because rules select matches by name");
                }
            }
        });
    }

    private static void CheckMatch(HttpMatch match, string path, ValidationContext<HttpRouteGroup> context)
    {
        if (string.IsNullOrEmpty(match.Name))
        {
            context.Error($"{path}.name", "required: every match needs a name, which TrafficTarget rules select it by");
        }

        if (match.PathRegex is { } pathRegex && RegexRules.Check(pathRegex) is { } pathProblem)
        {
            context.Error($"{path}.pathRegex", pathProblem);
        }

        var methods = match.Methods.IsDefault ? [] : match.Methods;
        for (var m = 0; m < methods.Length; m++)
        {
            if (!AllowedMethods.Contains(methods[m], StringComparer.Ordinal))
            {
                context.Error($"{path}.methods[{m}]", $"method \"{methods[m]}\" is not allowed; use one of {string.Join(", ", AllowedMethods)} (upper case, as written)");
            }
        }

        var headers = match.Headers.IsDefault ? [] : match.Headers;
        for (var h = 0; h < headers.Length; h++)
        {
            var header = headers[h];
            var headerPath = SmiPaths.Header(path, match.HeadersForm, h, header.Name);
            if (!Names.IsHttpToken(header.Name))
            {
                context.Error(headerPath, $"\"{header.Name}\" is not a valid HTTP header name; use letters, digits and !#$%&'*+-.^_`|~ only");
            }

            if (RegexRules.Check(header.ValueRegex) is { } headerProblem)
            {
                context.Error(headerPath, headerProblem);
            }
        }
    }
}
