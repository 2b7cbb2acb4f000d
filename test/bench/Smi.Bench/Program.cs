using BenchmarkDotNet.Running;
using Smi.Bench;

// `dotnet run -c Release --project test/bench/Smi.Bench -- compile`  : quick Stopwatch report (CI smoke, docs)
// `dotnet run -c Release --project test/bench/Smi.Bench -- bdn [BenchmarkDotNet args]` : full BenchmarkDotNet run
return args.FirstOrDefault() switch
{
    "compile" => QuickCompileReport.Run(args.Skip(1).ToArray()),
    "compile-loop" => QuickCompileReport.Loop(args.Skip(1).ToArray()),
    "bdn" => RunBenchmarkDotNet(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(QuickCompileReport).Assembly).Run(args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Smi.Bench compile [--iterations N] | bdn [BenchmarkDotNet args]");
    return 2;
}
