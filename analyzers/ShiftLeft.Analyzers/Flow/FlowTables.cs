using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>A member of a type, by metadata name. <c>.ctor</c> names constructors; a property
    /// name matches both its getter (sources) and its setter (sinks).</summary>
    internal readonly struct MemberRef
    {
        public MemberRef(string typeMetadataName, string memberName)
        {
            TypeMetadataName = typeMetadataName;
            MemberName = memberName;
        }

        public string TypeMetadataName { get; }

        public string MemberName { get; }

        public override string ToString() => TypeMetadataName + "." + MemberName;
    }

    /// <summary>A method or property whose result (or one of whose arguments, e.g. the file that
    /// <c>WebClient.DownloadFile</c> writes) carries taint.</summary>
    internal sealed class SourceDefinition
    {
        public SourceDefinition(MemberRef member, TaintKind kind, string description,
            string? taintsParameter = null, string? urlParameter = null, bool requiresNonConstantArgument = false)
        {
            Member = member;
            Kind = kind;
            Description = description;
            TaintsParameter = taintsParameter;
            UrlParameter = urlParameter;
            RequiresNonConstantArgument = requiresNonConstantArgument;
        }

        public MemberRef Member { get; }

        public TaintKind Kind { get; }

        /// <summary>How messages name this source, e.g. "the network ('HttpClient.GetByteArrayAsync')".</summary>
        public string Description { get; }

        /// <summary>When set, the source writes into the argument of this parameter instead of returning.</summary>
        public string? TaintsParameter { get; }

        /// <summary>The parameter holding the URL, checked for the http:// scheme.</summary>
        public string? UrlParameter { get; }

        /// <summary>Only a source when its first argument is not a compile-time constant (Type.GetType).</summary>
        public bool RequiresNonConstantArgument { get; }
    }

    /// <summary>Selects which parameters of a sink member are sinks.</summary>
    internal sealed class SinkDefinition
    {
        public SinkDefinition(MemberRef member, string display, int? parameterOrdinal = null, string? parameterTypeMetadataName = null,
            Func<IParameterSymbol, bool>? parameterFilter = null, Func<SinkCall, bool>? condition = null)
        {
            Member = member;
            Display = display;
            ParameterOrdinal = parameterOrdinal;
            ParameterTypeMetadataName = parameterTypeMetadataName;
            ParameterFilter = parameterFilter;
            Condition = condition;
        }

        /// <summary>When set, the call is a sink only if this holds for it (e.g. the role argument is
        /// <c>ChatRole.System</c>, the content type is <c>text/html</c>, the value is a score vector).</summary>
        public Func<SinkCall, bool>? Condition { get; }

        public MemberRef Member { get; }

        /// <summary>How messages name the sink, e.g. "InferenceSession".</summary>
        public string Display { get; }

        public int? ParameterOrdinal { get; }

        public string? ParameterTypeMetadataName { get; }

        public Func<IParameterSymbol, bool>? ParameterFilter { get; }

        /// <summary>True when this is a property whose assigned value is the sink.</summary>
        public bool IsPropertySetter => ParameterOrdinal is null && ParameterTypeMetadataName is null && ParameterFilter is null;

        public bool IsSinkParameter(IParameterSymbol parameter, INamedTypeSymbol? parameterType)
        {
            if (ParameterOrdinal is int ordinal && parameter.Ordinal != ordinal)
                return false;
            if (ParameterTypeMetadataName is not null &&
                (parameterType is null || !SymbolEqualityComparer.Default.Equals(parameter.Type, parameterType)))
                return false;
            return ParameterFilter is null || ParameterFilter(parameter);
        }
    }

    /// <summary>One candidate sink use: all arguments of the call (empty for a property assignment)
    /// and the value reaching the sink parameter.</summary>
    internal readonly struct SinkCall
    {
        public SinkCall(ImmutableArray<IArgumentOperation> arguments, IOperation value)
        {
            Arguments = arguments;
            Value = value;
        }

        public ImmutableArray<IArgumentOperation> Arguments { get; }

        public IOperation Value { get; }

        /// <summary>The argument passed for the parameter named <paramref name="name"/>, unwrapped.</summary>
        public IOperation? Argument(string name)
        {
            foreach (var argument in Arguments)
            {
                if (argument.Parameter?.Name == name && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    return FlowEngine.Unwrap(argument.Value);
            }

            return null;
        }
    }

    /// <summary>A method that makes its result (and the variables passed to it) safe for some rules.</summary>
    internal sealed class SanitizerDefinition
    {
        public SanitizerDefinition(MemberRef member, SanitizerGroups groups)
        {
            Member = member;
            Groups = groups;
        }

        public MemberRef Member { get; }

        public SanitizerGroups Groups { get; }
    }

    /// <summary>
    /// One taint rule: the kinds of data it cares about, its sinks, what sanitizes a value for it,
    /// and the diagnostic it reports. A new flow rule is one of these plus its sink table.
    /// </summary>
    internal sealed class FlowRule
    {
        public FlowRule(DiagnosticDescriptor descriptor, TaintKind kinds, SanitizerGroups sanitizedBy,
            ImmutableArray<SinkDefinition> sinks, Func<FlowHit, object[]> messageArguments,
            bool reportAtOrigin = false, string? configuredSanitizerKey = null, SanitizerGroups configuredSanitizerGroups = SanitizerGroups.None,
            SinkDefinition? endpointReturnSink = null, Func<FlowHit, AnalyzerOptions, ImmutableDictionary<string, string?>?>? diagnosticProperties = null,
            bool commonSinks = false, bool requiresLlmCall = false)
        {
            CommonSinks = commonSinks;
            RequiresLlmCall = requiresLlmCall;
            EndpointReturnSink = endpointReturnSink;
            DiagnosticProperties = diagnosticProperties;
            Descriptor = descriptor;
            Kinds = kinds;
            SanitizedBy = sanitizedBy;
            Sinks = sinks;
            MessageArguments = messageArguments;
            ReportAtOrigin = reportAtOrigin;
            ConfiguredSanitizerKey = configuredSanitizerKey;
            ConfiguredSanitizerGroups = configuredSanitizerGroups;
        }

        public DiagnosticDescriptor Descriptor { get; }

        public TaintKind Kinds { get; }

        public SanitizerGroups SanitizedBy { get; }

        public ImmutableArray<SinkDefinition> Sinks { get; }

        public Func<FlowHit, object[]> MessageArguments { get; }

        /// <summary>Report at the origin (e.g. the http:// URL literal) instead of at the sink.</summary>
        public bool ReportAtOrigin { get; }

        /// <summary>Config key (<c>shiftleft.&lt;id&gt;.&lt;key&gt;</c>) listing user methods that sanitize for this rule.</summary>
        public string? ConfiguredSanitizerKey { get; }

        public SanitizerGroups ConfiguredSanitizerGroups { get; }

        /// <summary>When set, values returned from an HTTP endpoint (controller action, minimal-API
        /// handler, hub method) are checked against this sink: its <see cref="SinkDefinition.Condition"/>
        /// gets the returned value; its member is not matched.</summary>
        public SinkDefinition? EndpointReturnSink { get; }

        /// <summary>The sinks are everyday APIs (logging, <c>Ok(…)</c>): a method containing only such
        /// sinks is analysed only when it also reads a source, calls a project method, or is an endpoint.</summary>
        public bool CommonSinks { get; }

        /// <summary>Report only in method bodies that also call a language model (the value is a prompt there).</summary>
        public bool RequiresLlmCall { get; }

        /// <summary>Extra properties for the diagnostic (read by code fixes).</summary>
        public Func<FlowHit, AnalyzerOptions, ImmutableDictionary<string, string?>?>? DiagnosticProperties { get; }
    }

    /// <summary>A tainted value reaching a sink.</summary>
    internal sealed class FlowHit
    {
        public FlowHit(FlowRule rule, SinkDefinition sink, IOperation argument, Taint taint, IMethodSymbol? via)
        {
            Rule = rule;
            Sink = sink;
            Argument = argument;
            Taint = taint;
            Via = via;
        }

        public FlowRule Rule { get; }

        public SinkDefinition Sink { get; }

        /// <summary>The value reaching the sink (an argument or assigned value), for the location.</summary>
        public IOperation Argument { get; }

        public Taint Taint { get; set; }

        /// <summary>The helper method of the same compilation through which the value reached the sink, if any.</summary>
        public IMethodSymbol? Via { get; }

        /// <summary>The sink's name for a message argument that the format wraps in quotes (<c>'{0}'</c>); through a
        /// helper it reads <c>'InferenceSession' through 'Open'</c> (the format supplies the outer quotes).</summary>
        public string SinkDisplay => Via is null ? Sink.Display : Sink.Display + "' through '" + Via.Name;

        public string SourceDescription => Taint.Origin?.Description ?? "untrusted data";
    }
}
