namespace Smi.Api.Tests.Validation;

public sealed class HttpRouteGroupValidatorTests
{
    private const string Re2 = "uses a construct RE2-compatible syntax does not have; backreferences, lookarounds, atomic groups and conditionals are not allowed, so rewrite it in RE2-compatible syntax";

    [Fact]
    public void Validate_ValidGroup_NoFindings() =>
        Assert.Empty(Load.Findings(Group("v1alpha4", "  - name: m\n    pathRegex: /api/v[0-9]{1,2}/.*\n    methods: [GET, \"*\"]\n    headers:\n      user-agent: \".*Firefox.*\"")));

    [Theory]
    [InlineData("  - pathRegex: /api", "error spec.matches[0].name: required: every match needs a name, which TrafficTarget rules select it by")]
    [InlineData("  - name: m\n  - name: m", "error spec.matches[1].name: match name \"m\" is used twice (also spec.matches[0]); names must be unique within the group because rules select matches by name")]
    [InlineData("  - name: m\n    pathRegex: (a)\\1", $"error spec.matches[0].pathRegex: regex \"(a)\\1\" {Re2}")]
    [InlineData("  - name: m\n    pathRegex: /api(?=/v1)", $"error spec.matches[0].pathRegex: regex \"/api(?=/v1)\" {Re2}")]
    [InlineData("  - name: m\n    pathRegex: (?<!x)/api", $"error spec.matches[0].pathRegex: regex \"(?<!x)/api\" {Re2}")]
    [InlineData("  - name: m\n    pathRegex: (?>a+)b", $"error spec.matches[0].pathRegex: regex \"(?>a+)b\" {Re2}")]
    [InlineData("  - name: m\n    pathRegex: (?(a)b|c)", $"error spec.matches[0].pathRegex: regex \"(?(a)b|c)\" {Re2}")]
    [InlineData("  - name: m\n    pathRegex: \"(\"", "error spec.matches[0].pathRegex: regex \"(\" is invalid: Invalid pattern '(' at offset 1. Not enough )'s.")]
    [InlineData("  - name: m\n    methods: [get]", "error spec.matches[0].methods[0]: method \"get\" is not allowed; use one of *, GET, HEAD, PUT, POST, DELETE, CONNECT, OPTIONS, TRACE, PATCH (upper case, as written)")]
    [InlineData("  - name: m\n    methods: [GET, FETCH]", "error spec.matches[0].methods[1]: method \"FETCH\" is not allowed; use one of *, GET, HEAD, PUT, POST, DELETE, CONNECT, OPTIONS, TRACE, PATCH (upper case, as written)")]
    [InlineData("  - name: m\n    headers:\n      user agent: x", "error spec.matches[0].headers[\"user agent\"]: \"user agent\" is not a valid HTTP header name; use letters, digits and !#$%&'*+-.^_`|~ only")]
    [InlineData("  - name: m\n    headers:\n    - user-agent: x\n    - cookie: \"(?<=a)b\"", $"error spec.matches[0].headers[1].cookie: regex \"(?<=a)b\" {Re2}")]
    [InlineData("  - name: m\n    headers:\n      x-version: 2", "error spec.matches[0].headers: expected a regex string for header \"x-version\", got 2")]
    [InlineData("  - name: m\n    headers: firefox", "error spec.matches[0].headers: expected a map of header name to regex, or a list of such maps, got \"firefox\"")]
    public void Validate_V1Alpha4Rule_ExactPathAndMessage(string matches, string expected) =>
        Assert.Equal([expected], Load.Findings(Group("v1alpha4", matches)));

    [Fact]
    public void Validate_NoMatches_Error()
    {
        Assert.Equal(["error spec.matches: at least one match is required"], Load.Findings("apiVersion: specs.smi-spec.io/v1alpha4\nkind: HTTPRouteGroup\nmetadata:\n  name: g\nspec:\n  matches: []\n"));
        Assert.Equal(["error matches: at least one match is required"], Load.Findings("apiVersion: specs.smi-spec.io/v1alpha2\nkind: HTTPRouteGroup\nmetadata:\n  name: g\nmatches: []\n"));
    }

    [Fact]
    public void Validate_V1Alpha1Layout_PathsAtTopLevel() =>
        Assert.Equal(
            ["error matches[0].methods[0]: method \"get\" is not allowed; use one of *, GET, HEAD, PUT, POST, DELETE, CONNECT, OPTIONS, TRACE, PATCH (upper case, as written)"],
            Load.Findings("apiVersion: specs.smi-spec.io/v1alpha1\nkind: HTTPRouteGroup\nmetadata:\n  name: g\nmatches:\n- name: m\n  methods: [get]\n"));

    [Fact]
    public void Validate_V1Alpha4TopLevelMatches_OneErrorSayingMoveUnderSpec() =>
        Assert.Equal(
            ["error matches: matches is at the top level, but in specs.smi-spec.io/v1alpha4 it belongs under spec: the v1 CRD prunes unknown top-level fields, which leaves an HTTPRouteGroup with no matches; move matches under spec:"],
            Load.Findings("apiVersion: specs.smi-spec.io/v1alpha4\nkind: HTTPRouteGroup\nmetadata:\n  name: g\nmatches:\n- name: m\n"));

    [Fact]
    public void Validate_V1Alpha3BothLevels_WarnsTopLevelIgnored() =>
        Assert.Equal(
            ["warning matches: top-level matches is ignored in specs.smi-spec.io/v1alpha3 (the CRD prunes it); only spec.matches counts, so remove it"],
            Load.Findings("apiVersion: specs.smi-spec.io/v1alpha3\nkind: HTTPRouteGroup\nmetadata:\n  name: g\nspec:\n  matches:\n  - name: m\nmatches:\n- name: other\n"));

    [Fact]
    public void Validate_V1Alpha2MatchesUnderSpec_OneErrorSayingMoveToTopLevel() =>
        Assert.Equal(
            ["error spec.matches: matches is under spec, but in specs.smi-spec.io/v1alpha2 it belongs at the top level (spec: only exists from specs.smi-spec.io/v1alpha3); move it to the top level or use apiVersion specs.smi-spec.io/v1alpha4"],
            Load.Findings("apiVersion: specs.smi-spec.io/v1alpha2\nkind: HTTPRouteGroup\nmetadata:\n  name: g\nspec:\n  matches:\n  - name: m\n"));

    private static string Group(string version, string matches) =>
        $"apiVersion: specs.smi-spec.io/{version}\nkind: HTTPRouteGroup\nmetadata:\n  name: g\nspec:\n  matches:\n{matches}\n";
}
