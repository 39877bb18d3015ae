using System.Collections.Immutable;
using ShiftLeft.Analyzers.Flow;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Rules.ModelInputAndLlm
{
    /// <summary>SL2007: prompts and model answers written to logs or the console verbatim. Two tables,
    /// one descriptor: LLM output in any form, and request text (strings) in methods that call an LLM.</summary>
    internal static class SL2007PromptOrOutputLogged
    {
        private static readonly string[] LogMethods = { "Log", "LogTrace", "LogDebug", "LogInformation", "LogWarning", "LogError", "LogCritical" };

        private static ImmutableArray<SinkDefinition> BuildSinks(System.Func<SinkCall, bool>? condition)
        {
            var b = ImmutableArray.CreateBuilder<SinkDefinition>();
            foreach (var m in LogMethods)
                b.Add(new SinkDefinition(new MemberRef(TypeNames.LoggerExtensions, m), "ILogger." + m, parameterFilter: p => p.Name is "message" or "args", condition: condition));
            foreach (var m in new[] { "Write", "WriteLine" })
                b.Add(new SinkDefinition(new MemberRef(TypeNames.Console, m), "Console." + m, parameterFilter: _ => true, condition: condition));
            return b.ToImmutable();
        }

        /// <summary>Request data counts when it is text (ids and numbers are ordinary log fields).</summary>
        private static bool IsText(SinkCall call) => LlmTables.IsText(LlmTables.ValueType(call.Value));

        /// <summary>Model output counts unless it is a number, bool or enum derived from it (a length, a count).</summary>
        private static bool IsNotScalar(SinkCall call)
        {
            var type = LlmTables.ValueType(call.Value);
            return type is null || !(type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Enum ||
                type.SpecialType is >= Microsoft.CodeAnalysis.SpecialType.System_Boolean and <= Microsoft.CodeAnalysis.SpecialType.System_Double);
        }

        public static FlowRule LlmOutputRule { get; } = new FlowRule(
            Descriptors.SL2007PromptOrOutputLogged,
            TaintKind.LlmOutput,
            SanitizerGroups.AllowListed,
            BuildSinks(IsNotScalar),
            hit => new object[] { hit.SourceDescription, hit.SinkDisplay },
            configuredSanitizerKey: "sanitizer_methods",
            configuredSanitizerGroups: SanitizerGroups.AllowListed,
            commonSinks: true);

        public static FlowRule RequestTextRule { get; } = new FlowRule(
            Descriptors.SL2007PromptOrOutputLogged,
            TaintKind.Request,
            SanitizerGroups.AllowListed,
            BuildSinks(IsText),
            hit => new object[] { hit.SourceDescription, hit.SinkDisplay },
            configuredSanitizerKey: "sanitizer_methods",
            configuredSanitizerGroups: SanitizerGroups.AllowListed,
            commonSinks: true,
            requiresLlmCall: true);
    }
}
