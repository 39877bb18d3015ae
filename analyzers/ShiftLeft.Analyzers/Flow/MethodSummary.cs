using System.Collections.Immutable;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>What a method of the same compilation does with its parameters, computed once per
    /// method: which parameters reach its return value, which reach a sink inside it, which it
    /// sanitizes, and what its return value carries from sources of its own.</summary>
    internal sealed class MethodSummary
    {
        public MethodSummary(Taint returnTaint, ImmutableArray<ParameterSink> parameterSinks, ImmutableArray<SanitizerGroups> parameterSanitized,
            ImmutableArray<SanitizerGroups> parameterSanitizedWhenTrue)
        {
            ParameterSanitizedWhenTrue = parameterSanitizedWhenTrue;
            Return = returnTaint;
            ParameterSinks = parameterSinks;
            ParameterSanitized = parameterSanitized;
        }

        /// <summary>Taint of the return value; <see cref="Taint.Parameters"/> bits stand for the arguments.</summary>
        public Taint Return { get; }

        public ImmutableArray<ParameterSink> ParameterSinks { get; }

        /// <summary>Per parameter: the sanitizer groups the method applies to it on every path.</summary>
        public ImmutableArray<SanitizerGroups> ParameterSanitized { get; }

        /// <summary>For a bool method used as a guard: per parameter, the groups it has on every path
        /// that returns true (<c>bool IsValidPrompt(string s) =&gt; s.Length &lt;= 2000;</c>). Empty otherwise.</summary>
        public ImmutableArray<SanitizerGroups> ParameterSanitizedWhenTrue { get; }
    }

    /// <summary>Parameter <see cref="Ordinal"/> reaches <see cref="Sink"/> of <see cref="Rule"/> unsanitized.</summary>
    internal readonly struct ParameterSink
    {
        public ParameterSink(int ordinal, FlowRule rule, SinkDefinition sink, SanitizerGroups sanitized)
        {
            Ordinal = ordinal;
            Rule = rule;
            Sink = sink;
            Sanitized = sanitized;
        }

        public int Ordinal { get; }

        public FlowRule Rule { get; }

        public SinkDefinition Sink { get; }

        /// <summary>Groups applied to the parameter's value before it reached the sink.</summary>
        public SanitizerGroups Sanitized { get; }
    }
}
