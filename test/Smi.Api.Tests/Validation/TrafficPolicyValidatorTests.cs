using Smi.Api.Model;

namespace Smi.Api.Tests.Validation;

public sealed class TrafficPolicyValidatorTests
{
    private const string Dns1035 = "a DNS-1035 label: at most 63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";
    private const string Durations = "a duration such as 500ms, 1s, 1m30s or 1h (units ns, us, ms, s, m, h)";
    private const string Target = "  targetRef: { kind: Service, name: web }\n";

    [Fact]
    public void Validate_EveryFieldValid_NoFindings() =>
        Assert.Empty(Load.Findings(Policy(Target + """
              port: 8080
              matches:
              - kind: HTTPRouteGroup
                name: web-routes
                matches: [api]
              mirror: { service: web-shadow, port: 8080, percent: 0.5, maxConcurrent: 32 }
              rateLimits:
              - requests: 100
                period: 1s
                burst: 120
                perSource: true
                sources:
                - { kind: ServiceAccount, name: client, namespace: demo }
              faults:
                delay: { percent: 10, fixedDelay: 500ms }
                abort: { percent: 5, httpStatus: 503 }
              loadBalancing: LeastRequests
              timeouts: { request: 5s, connect: 1s }
              retries: { attempts: 3, budgetPercent: 20 }
              outlierDetection: { consecutiveFailures: 5, ejectionTime: 10s }
              accessLog: true
            """)));

    [Fact]
    public void Load_EveryField_ReadIntoHub()
    {
        var policy = Load.Hub<TrafficPolicy>(Policy(Target + "  port: 80\n  mirror: { service: shadow, percent: 10 }\n  rateLimits:\n  - { requests: 5, period: 1m, sources: [{ kind: ServiceAccount, name: a }] }\n  accessLog: true\n"));
        Assert.Equal(new PolicyTargetRef("Service", "web"), policy.TargetRef);
        Assert.Equal(80, policy.Port);
        Assert.Equal(new PolicyMirror("shadow", null, 10, null), policy.Mirror);
        var limit = Assert.Single(policy.RateLimits);
        Assert.Equal((5, "1m"), (limit.Requests!.Value, limit.Period!));
        Assert.Equal(new IdentityReference("ServiceAccount", "a", null), Assert.Single(limit.Sources));
        Assert.True(policy.AccessLog);
    }

    [Theory]
    [InlineData("  accessLog: true\n", "error spec.targetRef: required: name the Service the policy applies to, e.g. targetRef: { kind: Service, name: web }")]
    [InlineData("  targetRef: { kind: Deployment, name: web }\n  accessLog: true\n", "error spec.targetRef.kind: kind \"Deployment\" is not supported; a TrafficPolicy targets a Service")]
    [InlineData("  targetRef: { name: web }\n  accessLog: true\n", "error spec.targetRef.kind: required: kind must be Service")]
    [InlineData("  targetRef: { kind: Service }\n  accessLog: true\n", "error spec.targetRef.name: required: name the Service the policy applies to")]
    [InlineData("  targetRef: { kind: Service, name: Web_1 }\n  accessLog: true\n", $"error spec.targetRef.name: \"Web_1\" is not a valid Service name; it must be {Dns1035}")]
    [InlineData(Target + "  port: 0\n  accessLog: true\n", "error spec.port: port 0 is out of range; a Service port is 1..65535")]
    [InlineData(Target + "  port: 70000\n  accessLog: true\n", "error spec.port: port 70000 is out of range; a Service port is 1..65535")]
    [InlineData(Target + "  port: \"80\"\n  accessLog: true\n", "error spec.port: expected a whole number, got \"80\"")]
    [InlineData(Target + "  matches: [{ kind: TCPRoute, name: r }]\n  accessLog: true\n", "error spec.matches[0].kind: kind \"TCPRoute\" is not supported; a TrafficPolicy can only match HTTPRouteGroup")]
    [InlineData(Target + "  matches: [{ name: r }]\n  accessLog: true\n", "error spec.matches[0].kind: required: kind must be HTTPRouteGroup")]
    [InlineData(Target + "  matches: [{ kind: HTTPRouteGroup }]\n  accessLog: true\n", "error spec.matches[0].name: required: name the HTTPRouteGroup to match")]
    [InlineData(Target + "  matches: [{ kind: HTTPRouteGroup, name: r }, { kind: HTTPRouteGroup, name: r }]\n  accessLog: true\n", "error spec.matches[1].name: HTTPRouteGroup \"r\" is listed twice (also spec.matches[0]); list each group once with all its match names")]
    [InlineData(Target + "  matches: [{ kind: HTTPRouteGroup, name: r, matches: [\"\"] }]\n  accessLog: true\n", "error spec.matches[0].matches[0]: match names cannot be empty; name a match of the group, or leave matches out for all of them")]
    [InlineData(Target + "  matches: [{ kind: HTTPRouteGroup, name: r, matches: [a, a] }]\n  accessLog: true\n", "warning spec.matches[0].matches[1]: match \"a\" is listed twice")]
    [InlineData(Target + "  mirror: { percent: 10 }\n", "error spec.mirror.service: required: name the Service that receives the copies")]
    [InlineData(Target + "  mirror: { service: Shadow, percent: 10 }\n", $"error spec.mirror.service: \"Shadow\" is not a valid Service name; it must be {Dns1035}")]
    [InlineData(Target + "  mirror: { service: web, percent: 10 }\n", "error spec.mirror.service: the mirror \"web\" is the target Service itself: every copy would be mirrored again (a loop); mirror to a separate Service such as web-shadow")]
    [InlineData(Target + "  mirror: { service: shadow, port: 0, percent: 10 }\n", "error spec.mirror.port: port 0 is out of range; a Service port is 1..65535")]
    [InlineData(Target + "  mirror: { service: shadow }\n", "error spec.mirror.percent: required: the share of matching requests to copy, greater than 0 and at most 100 (decimals allowed, e.g. 0.5)")]
    [InlineData(Target + "  mirror: { service: shadow, percent: 0 }\n", "error spec.mirror.percent: percent 0 is out of range; it must be greater than 0 and at most 100 (decimals allowed, e.g. 0.5)")]
    [InlineData(Target + "  mirror: { service: shadow, percent: 100.5 }\n", "error spec.mirror.percent: percent 100.5 is out of range; it must be greater than 0 and at most 100 (decimals allowed, e.g. 0.5)")]
    [InlineData(Target + "  mirror: { service: shadow, percent: 10, maxConcurrent: 0 }\n", "error spec.mirror.maxConcurrent: maxConcurrent 0 is out of range; it must be 1..10000 (default 32)")]
    [InlineData(Target + "  rateLimits: [{ period: 1s }]\n", "error spec.rateLimits[0].requests: required: how many requests each period allows (at least 1)")]
    [InlineData(Target + "  rateLimits: [{ requests: 0, period: 1s }]\n", "error spec.rateLimits[0].requests: requests 0 must be at least 1; to block a caller, leave it out of the TrafficTarget instead")]
    [InlineData(Target + "  rateLimits: [{ requests: 1 }]\n", $"error spec.rateLimits[0].period: required: the period the requests are counted over (e.g. 1s; a quota is a long period such as 1h), as {Durations}")]
    [InlineData(Target + "  rateLimits: [{ requests: 1, period: 1 second }]\n", $"error spec.rateLimits[0].period: \"1 second\" is not a duration; write {Durations}")]
    [InlineData(Target + "  rateLimits: [{ requests: 1, period: 100us }]\n", "error spec.rateLimits[0].period: \"100us\" is shorter than 1ms; the period the requests are counted over (e.g. 1s; a quota is a long period such as 1h) must be at least 1ms")]
    [InlineData(Target + "  rateLimits: [{ requests: 1, period: 1000h }]\n", "error spec.rateLimits[0].period: \"1000h\" is longer than 24 days (576h), the longest duration a proxy accepts")]
    [InlineData(Target + "  rateLimits: [{ requests: 1, period: 1s, burst: 0 }]\n", "error spec.rateLimits[0].burst: burst 0 must be at least 1 (leave it out for burst = requests)")]
    [InlineData(Target + "  rateLimits: [{ requests: 10, period: 1s, burst: 5 }]\n", "warning spec.rateLimits[0].burst: burst 5 is smaller than requests 10, so at most 5 requests pass per period; raise burst to at least requests or lower requests")]
    [InlineData(Target + "  rateLimits: [{ requests: 1, period: 1s, perSource: yes please }]\n", "error spec.rateLimits[0].perSource: expected true or false, got \"yes please\"")]
    [InlineData(Target + "  rateLimits: [{ requests: 1, period: 1s, sources: [{ kind: User, name: a }] }]\n", "error spec.rateLimits[0].sources[0].kind: kind \"User\" is not supported; rate-limit sources are ServiceAccounts")]
    [InlineData(Target + "  rateLimits: [{ requests: 1, period: 1s, sources: [{ kind: ServiceAccount }] }]\n", "error spec.rateLimits[0].sources[0].name: required: name the caller's ServiceAccount")]
    [InlineData(Target + "  rateLimits: [{ requests: 1, period: 1s, sources: [{ kind: ServiceAccount, name: a }, { kind: ServiceAccount, name: a }] }]\n", "warning spec.rateLimits[0].sources[1]: ServiceAccount \"a\" is listed twice")]
    [InlineData(Target + "  faults: {}\n", "warning spec.faults: faults sets neither delay nor abort, so nothing is injected")]
    [InlineData(Target + "  faults: { delay: { fixedDelay: 1s } }\n", "error spec.faults.delay.percent: required: the share of matching requests to delay, greater than 0 and at most 100 (decimals allowed, e.g. 0.5)")]
    [InlineData(Target + "  faults: { delay: { percent: -1, fixedDelay: 1s } }\n", "error spec.faults.delay.percent: percent -1 is out of range; it must be greater than 0 and at most 100 (decimals allowed, e.g. 0.5)")]
    [InlineData(Target + "  faults: { delay: { percent: 1 } }\n", $"error spec.faults.delay.fixedDelay: required: the delay, as {Durations}")]
    [InlineData(Target + "  faults: { delay: { percent: 1, fixedDelay: 5 } }\n", "error spec.faults.delay.fixedDelay: expected a string, got 5")]
    [InlineData(Target + "  faults: { delay: { percent: 1, fixedDelay: 5x } }\n", $"error spec.faults.delay.fixedDelay: \"5x\" is not a duration; write {Durations}")]
    [InlineData(Target + "  faults: { abort: { httpStatus: 503 } }\n", "error spec.faults.abort.percent: required: the share of matching requests to abort, greater than 0 and at most 100 (decimals allowed, e.g. 0.5)")]
    [InlineData(Target + "  faults: { abort: { percent: 101, httpStatus: 503 } }\n", "error spec.faults.abort.percent: percent 101 is out of range; it must be greater than 0 and at most 100 (decimals allowed, e.g. 0.5)")]
    [InlineData(Target + "  faults: { abort: { percent: 1 } }\n", "error spec.faults.abort.httpStatus: required: the status code aborted requests get, 200..599 (e.g. 503)")]
    [InlineData(Target + "  faults: { abort: { percent: 1, httpStatus: 600 } }\n", "error spec.faults.abort.httpStatus: status 600 is out of range; use an HTTP status 200..599 (e.g. 503)")]
    [InlineData(Target + "  faults: { abort: { percent: 1, httpStatus: 199 } }\n", "error spec.faults.abort.httpStatus: status 199 is out of range; use an HTTP status 200..599 (e.g. 503)")]
    [InlineData(Target + "  loadBalancing: Fastest\n", "error spec.loadBalancing: unknown load-balancing policy \"Fastest\"; use one of RoundRobin, LeastRequests, PowerOfTwoChoices, Random")]
    [InlineData(Target + "  loadBalancing: roundrobin\n", "error spec.loadBalancing: unknown load-balancing policy \"roundrobin\"; use one of RoundRobin, LeastRequests, PowerOfTwoChoices, Random")]
    [InlineData(Target + "  timeouts: {}\n", "warning spec.timeouts: timeouts sets neither request nor connect, so the defaults apply")]
    [InlineData(Target + "  timeouts: { request: 5 s }\n", $"error spec.timeouts.request: \"5 s\" is not a duration; write {Durations}")]
    [InlineData(Target + "  timeouts: { request: 0s }\n", "error spec.timeouts.request: \"0s\" is shorter than 1ms; the request timeout must be at least 1ms")]
    [InlineData(Target + "  timeouts: { connect: -1s }\n", $"error spec.timeouts.connect: \"-1s\" is not a duration; write {Durations}")]
    [InlineData(Target + "  retries: { budgetPercent: 10 }\n", "error spec.retries.attempts: required: how many extra attempts, 0..10")]
    [InlineData(Target + "  retries: { attempts: 11 }\n", "error spec.retries.attempts: attempts 11 is out of range; use 0..10 (0 turns retries off)")]
    [InlineData(Target + "  retries: { attempts: -1 }\n", "error spec.retries.attempts: attempts -1 is out of range; use 0..10 (0 turns retries off)")]
    [InlineData(Target + "  retries: { attempts: 1, budgetPercent: 0 }\n", "error spec.retries.budgetPercent: budgetPercent 0 is out of range; use 1..100, or leave it out for no budget")]
    [InlineData(Target + "  retries: { attempts: 1, budgetPercent: 101 }\n", "error spec.retries.budgetPercent: budgetPercent 101 is out of range; use 1..100, or leave it out for no budget")]
    [InlineData(Target + "  outlierDetection: { ejectionTime: 10s }\n", "error spec.outlierDetection.consecutiveFailures: required: how many consecutive failures eject an endpoint (at least 1)")]
    [InlineData(Target + "  outlierDetection: { consecutiveFailures: 0, ejectionTime: 10s }\n", "error spec.outlierDetection.consecutiveFailures: consecutiveFailures 0 must be at least 1")]
    [InlineData(Target + "  outlierDetection: { consecutiveFailures: 1 }\n", $"error spec.outlierDetection.ejectionTime: required: how long an ejected endpoint stays out, as {Durations}")]
    [InlineData(Target + "  outlierDetection: { consecutiveFailures: 1, ejectionTime: ten }\n", $"error spec.outlierDetection.ejectionTime: \"ten\" is not a duration; write {Durations}")]
    [InlineData(Target + "  accessLog: \"on\"\n", "error spec.accessLog: expected true or false, got \"on\"")]
    [InlineData(Target, "warning spec: the policy sets nothing: add at least one of mirror, rateLimits, faults, loadBalancing, timeouts, retries, outlierDetection or accessLog")]
    [InlineData(Target + "  accessLog: true\n  mirorr: {}\n", "warning spec.mirorr: unknown field for policy.smi-operator.io/v1alpha1 TrafficPolicy; the API server drops fields it does not know, so this has no effect")]
    public void Validate_EveryField_ExactPathAndMessage(string spec, string expected) =>
        Assert.Equal([expected], Load.Findings(Policy(spec)));

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1s", 1000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("250us", 0.25)]
    public void GoDuration_Valid_Parsed(string text, double ms)
    {
        Assert.True(Smi.Api.Validation.GoDuration.TryParse(text, out var duration));
        Assert.Equal(ms, duration.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("s")]
    [InlineData("1d")]
    [InlineData("-1s")]
    [InlineData("1.2.3s")]
    public void GoDuration_Invalid_False(string text) =>
        Assert.False(Smi.Api.Validation.GoDuration.TryParse(text, out _));

    private static string Policy(string spec) =>
        $"apiVersion: policy.smi-operator.io/v1alpha1\nkind: TrafficPolicy\nmetadata:\n  name: p\n  namespace: demo\nspec:\n{spec}";
}
