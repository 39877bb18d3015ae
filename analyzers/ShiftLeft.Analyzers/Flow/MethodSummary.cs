using System.Collections.Immutable;
using System.Linq;

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

        /// <summary>The longest chain of other summaries this one was built from (0: none). A summary asked for
        /// at a depth where that chain would pass the call-depth limit is recomputed there, cut short.</summary>
        public int Height { get; set; }

        /// <summary>Whether two summaries say the same (origins aside): the test that ends the rounds over a recursive group.</summary>
        public static bool Same(MethodSummary? a, MethodSummary? b)
        {
            if (a is null || b is null)
                return a is null && b is null;
            if (!a.Return.Equals(b.Return) || !a.ParameterSanitized.SequenceEqual(b.ParameterSanitized)
                || !a.ParameterSanitizedWhenTrue.SequenceEqual(b.ParameterSanitizedWhenTrue) || a.ParameterSinks.Length != b.ParameterSinks.Length)
                return false;
            foreach (var sink in a.ParameterSinks)
            {
                if (!b.ParameterSinks.Any(other => other.Ordinal == sink.Ordinal && other.Rule == sink.Rule && other.Sink == sink.Sink && other.Sanitized == sink.Sanitized))
                    return false;
            }

            return true;
        }
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
