using BenchmarkDotNet.Running;
using ShiftLeft.Benchmarks;

// perf [lines] [iterations] : timed analyzer run on a generated literal-heavy file (default 20000 lines)
// bdn                        : BenchmarkDotNet micro-benchmarks of the matcher
// probe [name] value         : how the heuristics classify a value (dev aid)
// hash [MiB] [files] [KiB]   : model hashing throughput next to openssl dgst -sha256 (issue: >= 0.9x)
// endpoints [n] [dir] [ver]  : writes an ASP.NET project with n ML/LLM endpoints, the worst case (see analyzer-cost.sh)
// file [lines] [iter] [case] : per-analyzer time on one ~2k-line file, IDE-style (target <= 20 ms)
// project [lines] [iter] [warmup]: ShiftLeft's share of compile time on whole generated projects, warm, in-process (target <= 3 %)
// solution [lines] [dir] [ver]: writes a multi-project ML-backed ASP.NET solution of >= lines lines (see analyzer-cost.sh)
var mode = args.Length > 0 ? args[0] : "perf";
var rest = args.Skip(1).ToArray();
return mode switch
{
    "probe" => Probe.Run(rest),
    "hash" => HashingBenchmark.Run(rest),
    "endpoints" => EndpointProjectGenerator.Run(rest),
    "solution" => ServiceSolutionGenerator.Run(rest),
    "file" => PerFileCost.Run(rest),
    "project" => ProjectCost.Run(rest),
    "bdn" => BenchmarkRunner.Run<MatcherBenchmark>(args: rest) is null ? 1 : 0,
    _ => Perf.Run(rest),
};
