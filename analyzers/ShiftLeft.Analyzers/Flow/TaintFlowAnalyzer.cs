using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Rules.Deserialization;
using ShiftLeft.Analyzers.Rules.ModelInputAndLlm;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>
    /// Hosts every taint rule on the one flow engine. Per compilation it indexes the rule tables by
    /// member name (nothing is resolved up front); per method it gathers, from the operations the driver
    /// walks anyway, which sinks, sources and project methods the body calls, and runs the engine only
    /// when a sink, a minimal-API route or a sink-reaching project method is involved.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TaintFlowAnalyzer : DiagnosticAnalyzer
    {
        internal static ImmutableArray<FlowRule> Rules { get; } = ImmutableArray.Create(
            SL1003DataChosenDeserializerType.Rule,
            SL1004UntrustedModelLoad.Rule,
            SL1006ModelFetchedOverHttp.Rule,
            SL2001UnvalidatedInferenceInput.Rule,
            SL2002TensorShapeFromRequest.ShapeRule,
            SL2002TensorShapeFromRequest.UploadRule,
            SL2003UntrustedTextInSystemPrompt.Rule,
            SL2004LlmOutputToDangerousSink.Rule,
            SL2005UnboundedGeneration.Rule,
            SL2006RawScoresReturned.Rule,
            SL2007PromptOrOutputLogged.LlmOutputRule,
            SL2007PromptOrOutputLogged.RequestTextRule);

        internal static ImmutableArray<SourceDefinition> RuleSources { get; } = SL1003DataChosenDeserializerType.Sources.AddRange(LlmTables.Sources);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = BuildSupported();


        private static ImmutableArray<DiagnosticDescriptor> BuildSupported()
        {
            var builder = ImmutableArray.CreateBuilder<DiagnosticDescriptor>();
            foreach (var rule in Rules)
            {
                if (!builder.Contains(rule.Descriptor))
                    builder.Add(rule.Descriptor);
            }

            return builder.ToImmutable();
        }

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var flow = FlowContext.Create(start.Compilation, start.Options, Rules, RuleSources);
                start.RegisterOperationBlockStartAction(blockStart =>
                {
                    if (blockStart.OwningSymbol is not IMethodSymbol method)
                        return;
                    // The pre-check: what this body calls and reads, gathered from the operations the driver walks anyway.
                    var facts = new FlowContext.FactsBuilder(flow, method);
                    blockStart.RegisterOperationAction(op => facts.Add(op.Operation), FlowContext.FactKinds);
                    blockStart.RegisterOperationBlockEndAction(end =>
                    {
                        if (flow.ShouldAnalyze(method, facts.Build()))
                            AnalyzeBlocks(end, method, flow);
                    });
                });
            });
        }

        private static bool CallsLlm(IOperation block, FlowContext flow)
        {
            foreach (var operation in block.Descendants())
            {
                if (operation is IInvocationOperation invocation && flow.IsLlmCall(invocation.TargetMethod))
                    return true;
            }

            return false;
        }

        private static void AnalyzeBlocks(OperationBlockAnalysisContext context, IMethodSymbol method, FlowContext flow)
        {
            var reported = new HashSet<(string, Location)>();
            foreach (var block in context.OperationBlocks)
            {
                // A method's body block (its parent, when present, is the IMethodBodyOperation); field
                // initializers, attributes and parameter defaults hold no flows worth following.
                if (block is not (IMethodBodyOperation or IConstructorBodyOperation or
                    IBlockOperation { Parent: null or IMethodBodyOperation or IConstructorBodyOperation or ILocalFunctionOperation or IAnonymousFunctionOperation }))
                    continue;
                var graph = context.GetControlFlowGraph(block);
                bool? callsLlm = null;
                foreach (var hit in FlowEngine.AnalyzeRoot(graph, method, flow, isHandler: false))
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    if (hit.Rule.RequiresLlmCall && !(callsLlm ??= CallsLlm(block, flow)))
                        continue;
                    var location = hit.Rule.ReportAtOrigin ? hit.Taint.Origin?.UrlLocation : hit.Argument.Syntax.GetLocation();
                    if (location is null || !reported.Add((hit.Rule.Descriptor.Id, location)))
                        continue;
                    var properties = hit.Rule.DiagnosticProperties?.Invoke(hit, context.Options);
                    context.ReportDiagnostic(Diagnostic.Create(hit.Rule.Descriptor, location, properties, hit.Rule.MessageArguments(hit)));
                }
            }
        }
    }
}
