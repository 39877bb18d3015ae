using System.Collections.Immutable;
using ShiftLeft.Analyzers.Configuration;
using ShiftLeft.Analyzers.Flow;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Rules.ModelInputAndLlm
{
    /// <summary>SL2005: the caller decides how many tokens the model may generate.</summary>
    internal static class SL2005UnboundedGeneration
    {
        /// <summary>Config key (<c>shiftleft.SL2005.max_output_tokens</c>) for the upper bound the code fix clamps to.</summary>
        public const string MaxOutputTokensKey = "max_output_tokens";

        public const int DefaultMaxOutputTokens = 4096;

        /// <summary>Diagnostic property read by the code fix.</summary>
        public const string MaxProperty = "max";

        public static ImmutableArray<SinkDefinition> Sinks { get; } = ImmutableArray.Create(
            new SinkDefinition(new MemberRef(TypeNames.MeaiChatOptions, "MaxOutputTokens"), "ChatOptions.MaxOutputTokens"),
            new SinkDefinition(new MemberRef(TypeNames.OpenAIChatCompletionOptions, "MaxOutputTokenCount"), "ChatCompletionOptions.MaxOutputTokenCount"),
            new SinkDefinition(new MemberRef(TypeNames.SkOpenAIPromptExecutionSettings, "MaxTokens"), "OpenAIPromptExecutionSettings.MaxTokens"));

        public static FlowRule Rule { get; } = new FlowRule(
            Descriptors.SL2005UnboundedGeneration,
            TaintKind.Request,
            SanitizerGroups.Validated | SanitizerGroups.AllowListed,
            Sinks,
            hit => new object[] { hit.SinkDisplay, hit.SourceDescription },
            configuredSanitizerKey: "sanitizer_methods",
            configuredSanitizerGroups: SanitizerGroups.Validated,
            diagnosticProperties: (hit, options) =>
            {
                var max = ShiftLeftOptions.GetInt(options, hit.Argument.Syntax.SyntaxTree, Descriptors.SL2005UnboundedGeneration, MaxOutputTokensKey, DefaultMaxOutputTokens);
                return ImmutableDictionary<string, string?>.Empty.Add(MaxProperty, (max > 0 ? max : DefaultMaxOutputTokens).ToString(System.Globalization.CultureInfo.InvariantCulture));
            });
    }
}
