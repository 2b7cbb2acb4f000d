using BenchmarkDotNet.Running;
using Smi.Bench;

// `dotnet run -c Release --project test/bench/Smi.Bench -- compile`  : quick Stopwatch report (CI smoke, docs)
// `dotnet run -c Release --project test/bench/Smi.Bench -- bdn [BenchmarkDotNet args]` : full BenchmarkDotNet run
// `test/bench/run.sh [--smoke]` : the side-by-side proxy suite (`Smi.Bench proxy`), writes docs/benchmarks.md
return args.FirstOrDefault() switch
{
    "compile" => QuickCompileReport.Run(args.Skip(1).ToArray()),
    "compile-loop" => QuickCompileReport.Loop(args.Skip(1).ToArray()),
    "bdn" => RunBenchmarkDotNet(args.Skip(1).ToArray()),
    "proxy" => await Smi.Bench.Proxy.ProxyBench.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(QuickCompileReport).Assembly).Run(args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Smi.Bench compile [--iterations N] | compile-loop [N] | proxy [--smoke] [--repetitions N] [--seconds S] [--out FILE] | bdn [BenchmarkDotNet args]");
    return 2;
}
