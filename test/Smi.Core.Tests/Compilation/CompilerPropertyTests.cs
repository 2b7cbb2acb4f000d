using System.Text;
using FsCheck.Xunit;
using Smi.Core.Compilation;
using Smi.Core.Tests.Builders;
using Smi.ProxyConfig;

namespace Smi.Core.Tests.Compilation;

public sealed class CompilerPropertyTests
{
    [Property(MaxTest = 200)]
    public bool Compile_AnyInputOrder_ByteIdenticalOutput(int seed, int shuffleSeed)
    {
        var snapshot = RandomMesh.Generate(seed);

        return Render(MeshCompiler.Compile(snapshot)) == Render(MeshCompiler.Compile(RandomMesh.Shuffle(snapshot, shuffleSeed)));
    }

    [Property(MaxTest = 100)]
    public bool Compile_Twice_Idempotent(int seed)
    {
        var snapshot = RandomMesh.Generate(seed);

        return Render(MeshCompiler.Compile(snapshot)) == Render(MeshCompiler.Compile(snapshot));
    }

    [Property(MaxTest = 200)]
    public void Compile_EveryEmittedConfig_PassesContractValidation(int seed)
    {
        foreach (var (identity, config) in MeshCompiler.Compile(RandomMesh.Generate(seed)).Configs)
        {
            var errors = ProxyConfigValidator.Validate(config);
            Assert.True(errors.Count == 0, $"seed {seed}, {identity}: {string.Join("; ", errors)}");
        }
    }

    [Property(MaxTest = 200)]
    public void Compile_EveryRoute_HasBackendsWithPositiveWeights_LastRouteCatchesAll(int seed)
    {
        foreach (var config in MeshCompiler.Compile(RandomMesh.Generate(seed)).Configs.Values)
        {
            foreach (var port in config.Outbound.Services.SelectMany(s => s.Ports))
            {
                Assert.Empty(port.Routes[^1].Matches);
                Assert.All(port.Routes, r => Assert.All(r.Backends, b => Assert.True(b.Weight > 0)));
            }
        }
    }

    private static string Render(CompileResult result)
    {
        var text = new StringBuilder();
        foreach (var (identity, config) in result.Configs)
        {
            text.Append(identity).Append('\n').Append(Encoding.UTF8.GetString(ProxyConfigSerializer.Serialize(config))).Append('\n');
        }

        foreach (var status in result.Statuses)
        {
            text.Append(status).Append(string.Join("|", status.Conditions)).Append('\n');
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            text.Append(diagnostic).Append('\n');
        }

        return text.ToString();
    }
}
