using FluentValidation;
using Smi.Api.Model;

namespace Smi.Api.Validation;

/// <summary>TCPRoute and UDPRoute rules: ports are 1–65535 and listed once. An empty list means every port.</summary>
public sealed class L4RouteValidator : SmiObjectValidator<L4Route>
{
    /// <summary>Adds the rules.</summary>
    public L4RouteValidator()
    {
        RuleFor(r => r.Ports).Custom((ports, context) =>
        {
            var seen = new Dictionary<int, int>();
            var list = ports.IsDefault ? [] : ports;
            for (var i = 0; i < list.Length; i++)
            {
                var path = $"spec.matches.ports[{i}]";
                if (list[i] is < 1 or > 65535)
                {
                    context.Error(path, $"port {list[i]} is out of range; ports are 1-65535");
                }
                else if (!seen.TryAdd(list[i], i))
                {
                    context.Error(path, $"port {list[i]} is listed twice (also spec.matches.ports[{seen[list[i]]}])");
                }
            }
        });
    }
}
