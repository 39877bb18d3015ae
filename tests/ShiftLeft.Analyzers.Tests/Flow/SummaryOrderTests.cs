using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Flow.TaintFlowAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Flow;

/// <summary>
/// A helper's summary must not depend on which caller asked for it first. Each case declares the same callers in both
/// orders (the analyzer driver visits them roughly in declaration order) and expects the same findings.
/// </summary>
public class SummaryOrderTests
{
    private const string FromMeai = "LLM output ('IChatClient.GetResponseAsync')";

    /// <summary>A class whose method asks the model and passes the answer on with <paramref name="call"/>.</summary>
    private static string Caller(string name, string call) => $$"""
        class {{name}}
        {
            private readonly IChatClient _client;
            public {{name}}(IChatClient client) => _client = client;

            public async Task RunAsync()
            {
                var answer = (await _client.GetResponseAsync("question?")).Text;
                {{call}};
            }
        }

        """;

    private const string Header = """
        using System.Diagnostics;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    // Reached at depth 0 from Direct, and at the call-depth limit from Deep, where its own callee is cut off.
    private static readonly string DeepChain = Caller("Deep", "Chain.C1(answer)") + """
        static class Chain
        {
            public static void C1(string s) => C2(s + "1");
            private static void C2(string s) => C3(s + "2");
            private static void C3(string s) => C4(s + "3");
            private static void C4(string s) => Shell.Helper(s + "4");
        }

        """;

    private static readonly string DirectCaller = Caller("Direct", "Shell.Helper({|#0:answer|})");

    private const string Shell = """
        static class Shell
        {
            public static void Helper(string commandLine) => Run("-c " + commandLine);
            private static void Run(string arguments) => Process.Start("bash", arguments);
        }

        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task HelperCutShortUnderADeepCaller_StillReportedForADirectCaller(bool deepFirst) => Verify.VerifyAnalyzerAsync(
        Header + (deepFirst ? DeepChain + DirectCaller : DirectCaller + DeepChain) + Shell,
        Verify.Diagnostic("SL2004").WithLocation(0).WithArguments(FromMeai, "Process.Start' through 'Helper"));

    // Mutually recursive helpers: only Visit calls the sink, Walk reaches it only through the recursion.
    private const string Recursive = """
        static class Tree
        {
            public static void Walk(string path, int depth)
            {
                if (depth > 0)
                    Visit(path + "/child", depth - 1);
            }

            public static void Visit(string path, int depth)
            {
                Process.Start("ls", path);
                Walk(path, depth);
            }
        }

        """;

    private static readonly string WalkCaller = Caller("WalkCaller", "Tree.Walk({|#0:answer|}, 3)");

    private static readonly string VisitCaller = Caller("VisitCaller", "Tree.Visit({|#1:answer|}, 3)");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task MutuallyRecursiveHelpers_ReportedWhicheverIsEnteredFirst(bool walkFirst) => Verify.VerifyAnalyzerAsync(
        Header + (walkFirst ? WalkCaller + VisitCaller : VisitCaller + WalkCaller) + Recursive,
        Verify.Diagnostic("SL2004").WithLocation(0).WithArguments(FromMeai, "Process.Start' through 'Walk"),
        Verify.Diagnostic("SL2004").WithLocation(1).WithArguments(FromMeai, "Process.Start' through 'Visit"));
}
