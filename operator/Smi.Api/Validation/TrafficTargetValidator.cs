using FluentValidation;
using Smi.Api.Model;

namespace Smi.Api.Validation;

/// <summary>
/// TrafficTarget rules: a ServiceAccount destination in the target's own namespace, at least one
/// source and one rule, ServiceAccount sources, known route kinds, and match names only where they
/// mean something (HTTPRouteGroup rules).
/// </summary>
public sealed class TrafficTargetValidator : SmiObjectValidator<TrafficTarget>
{
    private static readonly string[] RouteKinds = [SmiKinds.HttpRouteGroup, SmiKinds.TcpRoute, SmiKinds.UdpRoute];

    /// <summary>Adds the rules.</summary>
    public TrafficTargetValidator()
    {
        RuleFor(t => t.Destination).Custom((destination, context) => CheckDestination(context.InstanceToValidate, context));
        RuleFor(t => t.Sources).Custom((sources, context) => CheckSources(context.InstanceToValidate, context));
        RuleFor(t => t.Rules).Custom((rules, context) => CheckRules(context.InstanceToValidate, context));
    }

    private static void CheckDestination(TrafficTarget target, ValidationContext<TrafficTarget> context)
    {
        var path = SmiPaths.TargetPrefix(target.SourceApiVersion) + "destination";
        var destination = target.Destination;
        if (destination.Kind.Length == 0 && destination.Name.Length == 0)
        {
            context.Error(path, "required: name the destination ServiceAccount (kind: ServiceAccount, name: ...)");
        }
        else
        {
            if (destination.Kind != SmiKinds.ServiceAccount)
            {
                context.Error($"{path}.kind", destination.Kind.Length == 0
                    ? "required: the destination kind must be ServiceAccount"
                    : $"kind \"{destination.Kind}\" is not supported; the destination must be a ServiceAccount");
            }

            if (destination.Name.Length == 0)
            {
                context.Error($"{path}.name", "required: name the destination ServiceAccount");
            }
        }

        if (!string.IsNullOrEmpty(destination.Namespace) && destination.Namespace != target.Metadata.Namespace)
        {
            context.Error(
                $"{path}.namespace",
                $"namespace \"{destination.Namespace}\" differs from the TrafficTarget's namespace \"{target.Metadata.Namespace}\"; a TrafficTarget can only grant access to identities in its own namespace, so leave it empty or set it to \"{target.Metadata.Namespace}\"");
        }

        if (target.DestinationPort is { } port && port is < 1 or > 65535)
        {
            context.Error(SmiPaths.TargetDestinationPort(target.SourceApiVersion), $"port {port} is out of range; ports are 1-65535");
        }
    }

    private static void CheckSources(TrafficTarget target, ValidationContext<TrafficTarget> context)
    {
        var path = SmiPaths.TargetPrefix(target.SourceApiVersion) + "sources";
        if (target.Sources.IsDefaultOrEmpty)
        {
            context.Error(path, "at least one source is required; access is denied by default, so a target without sources allows nothing");
            return;
        }

        for (var i = 0; i < target.Sources.Length; i++)
        {
            var source = target.Sources[i];
            if (source.Kind != SmiKinds.ServiceAccount)
            {
                context.Error($"{path}[{i}].kind", source.Kind.Length == 0
                    ? "required: the source kind must be ServiceAccount"
                    : $"kind \"{source.Kind}\" is not supported; sources must be ServiceAccounts");
            }

            if (source.Name.Length == 0)
            {
                context.Error($"{path}[{i}].name", "required: name the source ServiceAccount");
            }
        }
    }

    private static void CheckRules(TrafficTarget target, ValidationContext<TrafficTarget> context)
    {
        var path = SmiPaths.TargetRules(target.SourceApiVersion);
        if (target.Rules.IsDefaultOrEmpty)
        {
            context.Error(path, "at least one rule is required; access is denied by default, so a target without rules allows nothing");
            return;
        }

        for (var i = 0; i < target.Rules.Length; i++)
        {
            var rule = target.Rules[i];
            if (!RouteKinds.Contains(rule.Kind, StringComparer.Ordinal))
            {
                context.Error($"{path}[{i}].kind", rule.Kind.Length == 0
                    ? $"required: the rule kind must be one of {string.Join(", ", RouteKinds)}"
                    : $"kind \"{rule.Kind}\" is not supported; use one of {string.Join(", ", RouteKinds)}");
            }

            if (rule.Name.Length == 0)
            {
                context.Error($"{path}[{i}].name", $"required: name the {(rule.Kind.Length == 0 ? "route" : rule.Kind)} this rule allows");
            }

            var matches = rule.Matches.IsDefault ? [] : rule.Matches;
            if (matches.Length > 0 && rule.Kind is SmiKinds.TcpRoute or SmiKinds.UdpRoute)
            {
                context.Error($"{path}[{i}].matches", $"matches select {SmiKinds.HttpRouteGroup} matches by name and are not allowed on a {rule.Kind} rule; remove them");
                continue;
            }

            for (var m = 0; m < matches.Length; m++)
            {
                if (matches[m].Length == 0)
                {
                    context.Error($"{path}[{i}].matches[{m}]", "required: name a match of the HTTPRouteGroup, or leave matches out to allow all of them");
                }
            }
        }
    }
}
