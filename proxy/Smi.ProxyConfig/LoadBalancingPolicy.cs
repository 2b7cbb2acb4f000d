namespace Smi.ProxyConfig;

/// <summary>Load-balancing policy names (YARP's policies).</summary>
public static class LoadBalancingPolicy
{
    /// <summary>Round robin.</summary>
    public const string RoundRobin = "RoundRobin";

    /// <summary>Fewest requests in flight.</summary>
    public const string LeastRequests = "LeastRequests";

    /// <summary>Two random endpoints, the less loaded wins.</summary>
    public const string PowerOfTwoChoices = "PowerOfTwoChoices";

    /// <summary>Uniformly random.</summary>
    public const string Random = "Random";

    /// <summary>All known policies.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { RoundRobin, LeastRequests, PowerOfTwoChoices, Random };
}
