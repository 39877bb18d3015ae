using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Configuration;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>
    /// Everything the flow engine needs for one compilation, resolved once: the source, sink and
    /// sanitizer tables as symbols, the request-source logic, and the caches of method summaries.
    /// </summary>
    internal sealed class FlowContext
    {
        private const int MaxCallDepth = 4;

        private readonly SummaryCache _summaries;
        private readonly ConcurrentDictionary<IMethodSymbol, MethodFacts> _facts = new ConcurrentDictionary<IMethodSymbol, MethodFacts>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _groups =
            new ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, Reach> _reach = new ConcurrentDictionary<IMethodSymbol, Reach>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, byte> _analyzedHandlers = new ConcurrentDictionary<IMethodSymbol, byte>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<(FlowRule Rule, ImmutableArray<string> Names)>> _configuredSanitizers =
            new ConcurrentDictionary<SyntaxTree, ImmutableArray<(FlowRule, ImmutableArray<string>)>>();
        private readonly ConcurrentDictionary<INamedTypeSymbol, string> _metadataNames = new ConcurrentDictionary<INamedTypeSymbol, string>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _types = new ConcurrentDictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);
        private NameSet _relevantNames = NameSet.Empty;
        private readonly ulong _endpointReturnRules;
        private readonly Dictionary<FlowRule, int> _ruleIndex = new Dictionary<FlowRule, int>();

        private FlowContext(Compilation compilation, AnalyzerOptions options, ImmutableArray<FlowRule> rules)
        {
            Compilation = compilation;
            Options = options;
            Rules = rules;
            Requests = new RequestSources(compilation, Resolve, Is);
            _summaries = new SummaryCache(ComputeSummary, GroupOf, MaxCallDepth);
            Sources = new SymbolTable<SourceDefinition>(MetadataName);
            Sinks = new SymbolTable<(FlowRule, SinkDefinition)>(MetadataName);

            foreach (var source in CommonSources.All)
                Sources.AddMembers(source.Member, source);
            for (var i = 0; i < rules.Length; i++)
            {
                _ruleIndex[rules[i]] = i;
                foreach (var sink in rules[i].Sinks)
                    Sinks.AddMembers(sink.Member, (rules[i], sink));
                if (rules[i].EndpointReturnSink is not null)
                    _endpointReturnRules |= 1UL << i;
            }
        }

        public Compilation Compilation { get; }

        public AnalyzerOptions Options { get; }

        public ImmutableArray<FlowRule> Rules { get; }

        public RequestSources Requests { get; }

        public SymbolTable<SourceDefinition> Sources { get; }

        public SymbolTable<(FlowRule Rule, SinkDefinition Sink)> Sinks { get; }

        /// <summary>Extra sources a rule brings (e.g. Type.GetType for SL1003).</summary>
        public void AddSources(ImmutableArray<SourceDefinition> sources)
        {
            foreach (var source in sources)
                Sources.AddMembers(source.Member, source);
        }

        /// <summary>Creates the context. Nothing is resolved up front: types and members are matched by name when first met.</summary>
        public static FlowContext Create(Compilation compilation, AnalyzerOptions options, ImmutableArray<FlowRule> rules, ImmutableArray<SourceDefinition> extraSources)
        {
            var context = new FlowContext(compilation, options, rules);
            context.AddSources(extraSources);
            context.BuildRelevantNames(extraSources);
            return context;
        }

        /// <summary>Names that make a summary worth computing when a method of this compilation refers to a member or
        /// type of that name outside this compilation: sinks, sources and their types, request objects, minimal-API
        /// routes, and verification or validation calls.</summary>
        private void BuildRelevantNames(ImmutableArray<SourceDefinition> extraSources)
        {
            var relevant = new HashSet<string>(StringComparer.Ordinal);
            foreach (var rule in Rules)
            {
                foreach (var sink in rule.Sinks)
                    relevant.Add(SimpleName(sink.Member));
            }

            foreach (var source in CommonSources.All.Concat(extraSources))
            {
                relevant.Add(SimpleName(source.Member));
                relevant.Add(TypeSimpleName(source.Member.TypeMetadataName));
            }

            // Types whose instances hand out request data without naming a source member in the method itself.
            foreach (var name in new[] { "HttpContext", "HttpRequest", "Request", "IFormFile", "IFormFileCollection" })
                relevant.Add(name);
            _relevantNames = new NameSet(relevant, prefixes: new[] { "Map" }, fragments: new[] { "Verify", "Validate" });
        }

        private static string SimpleName(MemberRef member) =>
            member.MemberName == ".ctor" ? TypeSimpleName(member.TypeMetadataName) : member.MemberName;

        private static string TypeSimpleName(string metadataName)
        {
            var start = Math.Max(metadataName.LastIndexOf('.'), metadataName.LastIndexOf('+')) + 1;
            var name = metadataName.Substring(start);
            var tick = name.IndexOf('`');
            return tick >= 0 ? name.Substring(0, tick) : name;
        }

        /// <summary>Identifier names to look for: exact names, prefixes and fragments.</summary>
        private sealed class NameSet
        {
            public static readonly NameSet Empty = new NameSet(new HashSet<string>(), Array.Empty<string>(), Array.Empty<string>());

            private readonly HashSet<string> _names;
            private readonly string[] _prefixes;
            private readonly string[] _fragments;

            public NameSet(HashSet<string> names, string[] prefixes, string[] fragments)
            {
                _names = names;
                _prefixes = prefixes;
                _fragments = fragments;
            }

            public bool Matches(string identifier)
            {
                if (_names.Contains(identifier))
                    return true;
                foreach (var prefix in _prefixes)
                {
                    if (identifier.StartsWith(prefix, StringComparison.Ordinal))
                        return true;
                }

                foreach (var fragment in _fragments)
                {
                    if (identifier.IndexOf(fragment, StringComparison.Ordinal) >= 0)
                        return true;
                }

                return false;
            }
        }

        /// <summary>Whether the type's original definition has this metadata name. Hot-path checks compare names rather than
        /// resolve types: resolving a type by metadata name searches every reference, and the IDE starts a compilation per edit.</summary>
        public bool Is(ITypeSymbol? type, string metadataName) =>
            type is INamedTypeSymbol named && string.Equals(MetadataName(named), metadataName, StringComparison.Ordinal);

        /// <summary>The metadata name of a type's original definition, computed once per type and compilation.</summary>
        public string MetadataName(INamedTypeSymbol type) =>
            _metadataNames.GetOrAdd(type.OriginalDefinition, TypeNames.MetadataNameOf);

        /// <summary>A type by metadata name, resolved once per compilation (lock-free on the hot path).</summary>
        public INamedTypeSymbol? Resolve(string metadataName) =>
            _types.TryGetValue(metadataName, out var type) ? type : _types.GetOrAdd(metadataName, n => Compilation.GetTypeByMetadataName(n));

        /// <summary>Sanitizer groups for a call: the ShiftLeft verification API, verification-named
        /// helpers, and methods configured through <c>shiftleft.&lt;id&gt;.&lt;key&gt;</c>.</summary>
        public SanitizerGroups GetSanitizerGroups(IMethodSymbol method, SyntaxTree tree)
        {
            var groups = SanitizerGroups.None;
            if (LooksLikeModelVerification(method))
                groups |= SanitizerGroups.ModelVerified;
            foreach (var (rule, names) in GetConfiguredSanitizers(tree))
            {
                if (ShiftLeftOptions.MatchesMethodName(method, names))
                    groups |= rule.ConfiguredSanitizerGroups;
            }

            return groups;
        }

        private static readonly string[] VerificationObjects = { "Signature", "Digest", "Hash", "Checksum", "Integrity", "Model", "Bundle" };

        /// <summary>ShiftLeft's own <c>ShiftLeft.Signing</c> verifiers, and any method whose name says it
        /// verifies a signature, digest, hash, checksum or model (<c>VerifyModelSignature</c>, <c>ValidateChecksum</c>).</summary>
        internal static bool LooksLikeModelVerification(IMethodSymbol method)
        {
            var name = method.Name;
            var verbIndex = name.IndexOf("Verify", StringComparison.Ordinal);
            if (verbIndex < 0)
                verbIndex = name.IndexOf("Validate", StringComparison.Ordinal);
            if (verbIndex < 0)
                return false;
            var ns = TypeNames.NamespaceOf(method);
            if (ns.StartsWith("ShiftLeft.Signing", StringComparison.Ordinal))
                return true;
            foreach (var word in VerificationObjects)
            {
                if (name.IndexOf(word, StringComparison.Ordinal) >= 0)
                    return true;
            }

            return false;
        }

        private ImmutableArray<(FlowRule Rule, ImmutableArray<string> Names)> GetConfiguredSanitizers(SyntaxTree tree) =>
            _configuredSanitizers.GetOrAdd(tree, t =>
            {
                var builder = ImmutableArray.CreateBuilder<(FlowRule, ImmutableArray<string>)>();
                foreach (var rule in Rules)
                {
                    if (rule.ConfiguredSanitizerKey is null)
                        continue;
                    var names = ShiftLeftOptions.GetList(Options, t, rule.Descriptor, rule.ConfiguredSanitizerKey);
                    if (!names.IsEmpty)
                        builder.Add((rule, names));
                }

                return builder.ToImmutable();
            });

        /// <summary>Types whose contents a call can fill (streams, buffers, builders, collections).</summary>
        public bool IsMutableContainer(ITypeSymbol? type)
        {
            if (type is null || type.SpecialType == SpecialType.System_String)
                return false;
            if (type is IArrayTypeSymbol)
                return true;
            if (type is INamedTypeSymbol named)
            {
                if (Is(named, "System.Span`1") || Is(named, "System.Memory`1"))
                    return true;
                for (var t = named; t is not null; t = t.BaseType)
                {
                    if (Is(t, TypeNames.Stream) || Is(t, TypeNames.StringBuilder))
                        return true;
                }

                foreach (var i in named.AllInterfaces)
                {
                    if (Is(i, "System.Collections.Generic.ICollection`1") || Is(i, "System.Collections.IList"))
                        return true;
                }
            }

            return false;
        }

        /// <summary>For <c>File.Create(path)</c>, <c>new FileStream(path, …)</c> and friends: the path argument,
        /// so that data later written to the stream taints the path it was opened on.</summary>
        public IOperation? GetOpenedPath(IOperation value)
        {
            value = FlowEngine.Unwrap(value);
            IMethodSymbol? method;
            ImmutableArray<IArgumentOperation> arguments;
            switch (value)
            {
                case IInvocationOperation invocation:
                    method = invocation.TargetMethod;
                    arguments = invocation.Arguments;
                    break;
                case IObjectCreationOperation creation when creation.Constructor is not null:
                    method = creation.Constructor;
                    arguments = creation.Arguments;
                    break;
                default:
                    return null;
            }

            var type = method.ContainingType;
            var isOpener =
                (Is(type, TypeNames.File) && (method.Name is "Create" or "OpenWrite" or "Open" or "CreateText" or "AppendText")) ||
                (method.MethodKind == MethodKind.Constructor &&
                 (Is(type, TypeNames.FileStream) || Is(type, TypeNames.StreamWriter)));
            if (!isOpener)
                return null;
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { Ordinal: 0 } p && p.Type.SpecialType == SpecialType.System_String)
                    return argument.Value;
            }

            return null;
        }

        /// <summary>For <c>File.WriteAllBytes(path, data)</c>, <c>File.Copy(src, dest)</c> and friends:
        /// (destination path argument, data arguments).</summary>
        public bool IsFileWrite(IMethodSymbol method, out string destinationParameter)
        {
            destinationParameter = "path";
            if (!Is(method.ContainingType, TypeNames.File))
                return false;
            if (method.Name.StartsWith("WriteAll", StringComparison.Ordinal) || method.Name.StartsWith("AppendAll", StringComparison.Ordinal))
                return true;
            if (method.Name is "Copy" or "Move")
            {
                destinationParameter = "destFileName";
                return true;
            }

            return false;
        }

        /// <summary>True for the calls that return LLM output.</summary>
        public bool IsLlmCall(IMethodSymbol method)
        {
            var sources = Sources.Lookup(method);
            if (sources is null)
                return false;
            foreach (var source in sources)
            {
                if ((source.Kind & TaintKind.LlmOutput) != 0)
                    return true;
            }

            return false;
        }

        /// <summary>Whether a summary of this method can differ from plain argument-to-result propagation:
        /// only for a bool helper with parameters (it may be a validation guard), or when it (or a method of this
        /// compilation it calls) reads a source, calls a sink or sanitizer, or refers to request objects.</summary>
        private bool NeedsSummary(IMethodSymbol method)
        {
            if (method.ReturnType.SpecialType == SpecialType.System_Boolean && method.Parameters.Length > 0)
                return true; // a guard helper
            method = Normalize(method);
            if (!IsInSource(method))
                return false;
            // Its own facts usually decide it, without the walk through everything below it.
            return GetFacts(method).Relevant || GetReach(method).Relevant;
        }

        private static IMethodSymbol Normalize(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

        /// <summary>What a method of this compilation does itself, read once from its bound body (the operation tree
        /// the analyzer driver builds anyway): which rules' sinks it calls, which kinds of source it reads, whether it
        /// maps a route or refers to something a summary depends on, and which methods of this compilation it calls or
        /// passes as delegates.</summary>
        internal sealed class MethodFacts
        {
            public static readonly MethodFacts None = new MethodFacts(0, TaintKind.None, false, false, ImmutableArray<IMethodSymbol>.Empty);

            public MethodFacts(ulong sinkRules, TaintKind sourceKinds, bool hasRoute, bool relevant, ImmutableArray<IMethodSymbol> callees)
            {
                SinkRules = sinkRules;
                SourceKinds = sourceKinds;
                HasRoute = hasRoute;
                Relevant = relevant;
                Callees = callees;
            }

            /// <summary>Bit i: a sink of <c>Rules[i]</c> is called.</summary>
            public ulong SinkRules { get; }

            public TaintKind SourceKinds { get; }

            /// <summary>The body maps a minimal-API route (its handlers' parameters are request data).</summary>
            public bool HasRoute { get; }

            public bool Relevant { get; }

            public ImmutableArray<IMethodSymbol> Callees { get; }
        }

        private MethodFacts GetFacts(IMethodSymbol method) =>
            _facts.TryGetValue(method, out var facts) ? facts : _facts.GetOrAdd(method, ComputeFacts);

        /// <summary>The operation kinds facts are read from (the analyzer registers for the same kinds).</summary>
        public static ImmutableArray<OperationKind> FactKinds { get; } =
            ImmutableArray.Create(OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.PropertyReference, OperationKind.MethodReference);

        /// <summary>Facts of a method the driver has not shown us yet (a callee in another file): read from its bound body.</summary>
        private MethodFacts ComputeFacts(IMethodSymbol method)
        {
            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
            if (!Compilation.ContainsSyntaxTree(syntax.SyntaxTree))
                return MethodFacts.None;
#pragma warning disable RS1030 // The callee's operation tree: the semantic model is only read (and shared with the driver).
            var body = Compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax);
#pragma warning restore RS1030
            if (body is null)
                return MethodFacts.None;
            var builder = new FactsBuilder(this, method);
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (FactKinds.Contains(operation.Kind))
                    builder.Add(operation);
            }

            return builder.Build();
        }

        /// <summary>Called once per method body by the analyzer with the facts the driver's operation callbacks gathered:
        /// keeps them (so no caller binds this body again) and says whether the engine should run — only when a rule
        /// whose sink the method reaches (itself or through methods of this compilation) can be fed by a kind of data the
        /// method takes in: request data through an endpoint's or a minimal-API handler's parameters, or a source it (or
        /// a method it calls) reads. Nothing else can make a root analysis report.</summary>
        public bool ShouldAnalyze(IMethodSymbol method, MethodFacts facts)
        {
            var definition = method.OriginalDefinition;
            if (IsInSource(definition) && definition.MethodKind != MethodKind.LocalFunction)
                _facts.TryAdd(definition, facts);
            var requestData = facts.HasRoute || TakesRequestData(method);
            var endpoint = facts.HasRoute || Requests.IsEndpoint(method);

            // The answer only grows with what is reached, so the method's own facts and its direct callees' often
            // decide it without walking the whole call graph below them (the walk binds callees in other files).
            var rules = facts.SinkRules;
            var kinds = facts.SourceKinds;
            foreach (var callee in facts.Callees)
            {
                var direct = GetFacts(Normalize(callee));
                rules |= direct.SinkRules;
                kinds |= direct.SourceKinds;
            }

            if (AnyRuleFed(rules, kinds, facts, requestData, endpoint))
                return true;
            foreach (var callee in facts.Callees)
            {
                var reach = GetReach(callee);
                rules |= reach.SinkRules;
                kinds |= reach.SourceKinds;
            }

            return AnyRuleFed(rules, kinds, facts, requestData, endpoint);
        }

        private bool AnyRuleFed(ulong rules, TaintKind kinds, MethodFacts facts, bool requestData, bool endpoint)
        {
            if (requestData)
                kinds |= TaintKind.Request | TaintKind.Upload;
            if ((kinds & TaintKind.Network) != 0)
                kinds |= TaintKind.PlainHttp; // a fetch from a constant http:// URL
            if (endpoint)
                rules |= _endpointReturnRules;
            for (var i = 0; i < Rules.Length; i++)
            {
                var rule = Rules[i];
                if ((rules & (1UL << i)) == 0 || (rule.Kinds & kinds) == 0)
                    continue;
                // Prompt logging counts only in a method that calls the LLM itself (see FlowRule.RequiresLlmCall).
                if (rule.RequiresLlmCall && (facts.SourceKinds & TaintKind.LlmOutput) == 0)
                    continue;
                return true;
            }

            return false;
        }

        private int RuleIndex(FlowRule rule) => _ruleIndex.TryGetValue(rule, out var index) ? index : -1;

        private bool TakesRequestData(IMethodSymbol method)
        {
            if (method.Parameters.IsEmpty || !Requests.IsEndpoint(method))
                return false;
            foreach (var parameter in method.Parameters)
            {
                if (Requests.DescribeSourceParameter(method, parameter, isMinimalApiHandler: false) is not null)
                    return true;
            }

            return false;
        }

        /// <summary>Gathers <see cref="MethodFacts"/> from a method's operations (thread-safe: the driver may call back concurrently).</summary>
        internal sealed class FactsBuilder
        {
            private readonly FlowContext _ctx;
            private readonly IMethodSymbol _method;
            private readonly HashSet<IMethodSymbol> _callees = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            private ulong _sinkRules;
            private TaintKind _sourceKinds;
            private bool _hasRoute;
            private bool _relevant;
            private int _busy;

            public FactsBuilder(FlowContext ctx, IMethodSymbol method)
            {
                _ctx = ctx;
                _method = method.OriginalDefinition;
            }

            public void Add(IOperation operation)
            {
                // Work out what this operation contributes without the lock; most contribute nothing.
                var found = default(Found);
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        found.Route = _ctx.Requests.IsMinimalApiMap(invocation.TargetMethod);
                        Member(invocation.TargetMethod, operation, ref found);
                        found.Relevant |= RelevantType(invocation.Instance?.Type);
                        break;
                    case IObjectCreationOperation { Constructor: { } constructor }:
                        Member(constructor, operation, ref found);
                        break;
                    case IPropertyReferenceOperation property:
                        Member(property.Property, operation, ref found);
                        found.Relevant |= RelevantType(property.Instance?.Type);
                        break;
                    case IMethodReferenceOperation reference:
                        Member(reference.Method, operation, ref found);
                        break;
                }

                found.Relevant |= RelevantType(operation.Type);
                if (found.SinkRules == 0 && found.SourceKinds == TaintKind.None && !found.Route && !found.Relevant && found.Callee is null)
                    return;
                Enter();
                try
                {
                    _sinkRules |= found.SinkRules;
                    _sourceKinds |= found.SourceKinds;
                    _hasRoute |= found.Route;
                    _relevant |= found.Relevant;
                    if (found.Callee is not null)
                        _callees.Add(found.Callee);
                }
                finally
                {
                    Volatile.Write(ref _busy, 0);
                }
            }

            // The driver may call Add concurrently for one block, but calls rarely overlap, so a compare-and-swap spin
            // stands in for a monitor (whose first use on each fresh builder took its slow path: ~6 % of the samples).
            private void Enter()
            {
                var spinner = default(SpinWait);
                while (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
                    spinner.SpinOnce();
            }

            private struct Found
            {
                public ulong SinkRules;
                public TaintKind SourceKinds;
                public bool Route;
                public bool Relevant;
                public IMethodSymbol? Callee;
            }

            public MethodFacts Build()
            {
                Enter();
                try
                {
                    return new MethodFacts(_sinkRules, _sourceKinds, _hasRoute, _relevant || _hasRoute || _sinkRules != 0 || _sourceKinds != TaintKind.None, _callees.ToImmutableArray());
                }
                finally
                {
                    Volatile.Write(ref _busy, 0);
                }
            }

            private bool RelevantType(ITypeSymbol? type) =>
                type is INamedTypeSymbol { SpecialType: SpecialType.None } named && _ctx._relevantNames.Matches(named.Name);

            private void Member(ISymbol member, IOperation operation, ref Found found)
            {
                if (member is IMethodSymbol m)
                {
                    m = Normalize(m);
                    if (_ctx.IsInSource(m))
                    {
                        // Followed through its own facts (a local function's body is part of this one); a configured or
                        // verification-named sanitizer matters by itself.
                        if (m.MethodKind != MethodKind.LocalFunction && !SymbolEqualityComparer.Default.Equals(m, _method))
                            found.Callee = m;
                        found.Relevant |= _ctx.GetSanitizerGroups(m, m.DeclaringSyntaxReferences[0].SyntaxTree) != SanitizerGroups.None;
                        return;
                    }

                    found.Relevant |= _ctx.GetSanitizerGroups(m, operation.Syntax.SyntaxTree) != SanitizerGroups.None;
                }

                if (_ctx.Sinks.Lookup(member) is { } sinks)
                {
                    foreach (var (rule, _) in sinks)
                    {
                        var index = _ctx.RuleIndex(rule);
                        if (index >= 0)
                            found.SinkRules |= 1UL << index;
                    }
                }

                if (_ctx.Sources.Lookup(member) is { } sources)
                {
                    foreach (var source in sources)
                        found.SourceKinds |= source.Kind;
                }

                found.Relevant |= _ctx._relevantNames.Matches(member.Name);
            }
        }

        /// <summary>What a method of this compilation reaches through the methods of this compilation it calls
        /// (itself included): the union of their facts. Exact, so it never depends on what other queries cached first:
        /// one iterative walk over the call graph finds its strongly connected groups (Tarjan) and caches every method
        /// it finished, so each method's facts are folded in once per compilation.</summary>
        private Reach GetReach(IMethodSymbol method)
        {
            method = Normalize(method);
            if (!IsInSource(method))
                return default;
            if (_reach.TryGetValue(method, out var known))
                return known;

            var nodes = new Dictionary<IMethodSymbol, ReachNode>(SymbolEqualityComparer.Default);
            var groupStack = new Stack<ReachNode>();
            var walk = new Stack<ReachNode>();
            var next = 0;

            ReachNode Enter(IMethodSymbol m)
            {
                var facts = GetFacts(m);
                var node = new ReachNode(m, next++, facts);
                nodes[m] = node;
                groupStack.Push(node);
                walk.Push(node);
                return node;
            }

            Enter(method);
            while (walk.Count > 0)
            {
                var node = walk.Peek();
                if (node.NextCallee < node.Facts.Callees.Length)
                {
                    var callee = Normalize(node.Facts.Callees[node.NextCallee++]);
                    if (!IsInSource(callee))
                        continue;
                    if (_reach.TryGetValue(callee, out var done))
                        node.Value = node.Value.Union(done);
                    else if (nodes.TryGetValue(callee, out var seen))
                    {
                        if (seen.OnStack)
                            node.Low = Math.Min(node.Low, seen.Index);
                        else
                            node.Value = node.Value.Union(seen.Value); // finished earlier in this walk
                    }
                    else
                    {
                        Enter(callee);
                    }

                    continue;
                }

                walk.Pop();
                if (walk.Count > 0)
                {
                    var caller = walk.Peek();
                    caller.Low = Math.Min(caller.Low, node.Low);
                    caller.Value = caller.Value.Union(node.Value);
                }

                if (node.Low != node.Index)
                    continue;
                // The first-entered member of a group: everything above it on the group stack is the group.
                var members = new List<ReachNode>();
                var union = default(Reach);
                ReachNode member;
                do
                {
                    member = groupStack.Pop();
                    member.OnStack = false;
                    members.Add(member);
                    union = union.Union(member.Value);
                }
                while (member != node);
                var group = members.Count > 1 ? members.Select(m => m.Method).ToImmutableArray() : ImmutableArray<IMethodSymbol>.Empty;
                foreach (var m in members)
                {
                    m.Value = union;
                    if (!group.IsEmpty)
                        _groups.TryAdd(m.Method, group);
                    _reach.TryAdd(m.Method, union);
                }
            }

            return nodes[method].Value;
        }

        /// <summary>The methods of this compilation that call each other in a cycle with <paramref name="method"/> (itself
        /// included): its strongly connected group in the call graph, found by the reachability walk.</summary>
        private ImmutableArray<IMethodSymbol> GroupOf(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.LocalFunction || GetFacts(method).Callees.IsEmpty)
                return ImmutableArray.Create(method); // calls no other method of this compilation
            GetReach(method);
            return _groups.TryGetValue(method, out var group) ? group : ImmutableArray.Create(method);
        }

        /// <summary>The union of the facts of the methods a method reaches.</summary>
        private readonly struct Reach
        {
            public Reach(ulong sinkRules, TaintKind sourceKinds, bool relevant)
            {
                SinkRules = sinkRules;
                SourceKinds = sourceKinds;
                Relevant = relevant;
            }

            public ulong SinkRules { get; }

            public TaintKind SourceKinds { get; }

            public bool Relevant { get; }

            public static Reach Of(MethodFacts facts) => new Reach(facts.SinkRules, facts.SourceKinds, facts.Relevant);

            public Reach Union(Reach other) =>
                new Reach(SinkRules | other.SinkRules, SourceKinds | other.SourceKinds, Relevant || other.Relevant);
        }

        private sealed class ReachNode
        {
            public ReachNode(IMethodSymbol method, int index, MethodFacts facts)
            {
                Method = method;
                Index = Low = index;
                Facts = facts;
                Value = Reach.Of(facts);
                OnStack = true;
            }

            public IMethodSymbol Method { get; }

            public int Index { get; }

            public int Low { get; set; }

            public MethodFacts Facts { get; }

            public int NextCallee { get; set; }

            public Reach Value { get; set; }

            public bool OnStack { get; set; }
        }

        public bool IsInSource(IMethodSymbol method) =>
            method.DeclaringSyntaxReferences.Length == 1 && !method.IsAbstract && !method.IsExtern &&
            SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, Compilation.Assembly) &&
            method.MethodKind is MethodKind.Ordinary or MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.LocalFunction;

        private IOperation? GetBodyOperation(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.LocalFunction)
                return null; // analysed through the enclosing method's graph
            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
            if (!Compilation.ContainsSyntaxTree(syntax.SyntaxTree))
                return null;
#pragma warning disable RS1030 // Interprocedural summaries need the callee's operation tree; the semantic model is only read.
            var model = Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            return model.GetOperation(syntax);
        }

        /// <summary>The control-flow graph of a method of this compilation, or null (no body, partial, metadata).</summary>
        public ControlFlowGraph? GetControlFlowGraph(IMethodSymbol method)
        {
            var body = GetBodyOperation(method);
            return body switch
            {
                IMethodBodyOperation m => ControlFlowGraph.Create(m),
                IConstructorBodyOperation c => ControlFlowGraph.Create(c),
                _ => null,
            };
        }

        /// <summary>The summary of a method of this compilation called at <paramref name="depth"/>, or null when the
        /// caller treats the call as unknown (argument-to-result): it needs no summary, has no body, is past the depth
        /// limit (<paramref name="truncated"/>), or is in the caller's own recursive group. See <see cref="SummaryCache"/>.</summary>
        public MethodSummary? GetSummary(IMethodSymbol method, ControlFlowGraph? knownGraph, int depth, out bool truncated)
        {
            truncated = false;
            method = method.OriginalDefinition;
            if (knownGraph is null && !NeedsSummary(method))
                return null;
            return _summaries.Get(method, knownGraph, depth, out truncated);
        }

        private MethodSummary? ComputeSummary(IMethodSymbol method, ref ControlFlowGraph? graph, int depth, out bool truncated)
        {
            truncated = false;
            graph ??= GetControlFlowGraph(method);
            return graph is null ? null : FlowEngine.Summarize(graph, method, this, depth + 1, out truncated);
        }

        /// <summary>True the first time a method-group handler is seen, so it is analysed once.</summary>
        public bool TryClaimHandler(IMethodSymbol method) => _analyzedHandlers.TryAdd(method.OriginalDefinition, 0);
    }
}
