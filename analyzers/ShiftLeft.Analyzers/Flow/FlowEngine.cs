using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>
    /// The one taint engine: a forward may-analysis over a method's <see cref="ControlFlowGraph"/>.
    /// Values carry <see cref="Taint"/> through locals, parameters, members, flow captures, awaits,
    /// object creation, string building and calls; calls to methods of the same compilation use
    /// their <see cref="MethodSummary"/>; lambdas and local functions are analysed with the
    /// enclosing state for captured variables. Sources, sinks and sanitizers come from the
    /// <see cref="FlowContext"/> tables, so a rule never needs an engine of its own.
    /// </summary>
    internal sealed partial class FlowEngine
    {
        private const int MaxVisitsPerBlock = 32;

        private readonly FlowContext _ctx;
        private readonly bool _summaryMode;
        private readonly int _depth;
        private readonly Dictionary<(IOperation Operation, FlowRule Rule), FlowHit> _hits = new Dictionary<(IOperation, FlowRule), FlowHit>();
        private readonly Dictionary<(int Ordinal, FlowRule Rule, SinkDefinition Sink), SanitizerGroups> _parameterSinks =
            new Dictionary<(int, FlowRule, SinkDefinition), SanitizerGroups>();
        private readonly Dictionary<FlowKey, FlowKey> _aliases = new Dictionary<FlowKey, FlowKey>();
        private readonly HashSet<IMethodSymbol> _handlerLambdas = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        private readonly List<IMethodSymbol> _methodGroupHandlers = new List<IMethodSymbol>();
        private readonly Dictionary<ControlFlowGraph, List<IFlowAnonymousFunctionOperation>> _lambdas = new Dictionary<ControlFlowGraph, List<IFlowAnonymousFunctionOperation>>();
        private readonly Dictionary<IOperation, Taint> _elementTaints = new Dictionary<IOperation, Taint>();
        private readonly Dictionary<FlowKey, FlowKey> _captureOrigins = new Dictionary<FlowKey, FlowKey>();
        private readonly Dictionary<FlowKey, FlowKey> _validationLinks = new Dictionary<FlowKey, FlowKey>();
        private readonly List<ControlFlowGraph> _endpointGraphs = new List<ControlFlowGraph>(); // a few; a list needs no hash of each graph
        private readonly SyntaxTree _tree;
        private readonly ControlFlowGraph _rootGraph;
        private ControlFlowGraph _graph;
        private Taint _return;
        private IOperation? _deferredSanitizerCall;
        private SanitizerGroups[]? _whenTrue;
        private bool _truncated; // a summary this engine used was cut short by the call-depth limit
        private int _height; // 1 + the height of the tallest summary this engine used

        private FlowEngine(FlowContext ctx, ControlFlowGraph graph, bool summaryMode, int depth)
        {
            _ctx = ctx;
            _graph = graph;
            _rootGraph = graph;
            _summaryMode = summaryMode;
            _depth = depth;
            _tree = graph.OriginalOperation.Syntax.SyntaxTree;
        }

        /// <summary>Analyses a method body (with its lambdas and local functions) and returns the
        /// tainted values that reach sinks.</summary>
        public static ImmutableArray<FlowHit> AnalyzeRoot(ControlFlowGraph graph, IMethodSymbol? method, FlowContext ctx, bool isHandler)
        {
            var engine = new FlowEngine(ctx, graph, summaryMode: false, depth: 0);
            var initial = new FlowState();
            if (method is not null)
            {
                engine.SeedRequestParameters(initial, method, isHandler);
                if (isHandler || ctx.Requests.IsEndpoint(method))
                    engine._endpointGraphs.Add(graph);
            }
            var global = engine.Run(graph, initial, out _);
            engine.AnalyzeNested(graph, global);

            var hits = ImmutableArray.CreateBuilder<FlowHit>();
            hits.AddRange(engine._hits.Values);
            foreach (var handler in engine._methodGroupHandlers)
            {
                if (!ctx.TryClaimHandler(handler))
                    continue;
                var handlerGraph = ctx.GetControlFlowGraph(handler);
                if (handlerGraph is not null)
                    hits.AddRange(AnalyzeRoot(handlerGraph, handler, ctx, isHandler: true));
            }

            return hits.ToImmutable();
        }

        /// <summary>Computes the summary of a method from its graph, parameters standing for the arguments.</summary>
        public static MethodSummary Summarize(ControlFlowGraph graph, IMethodSymbol method, FlowContext ctx, int depth, out bool truncated)
        {
            var engine = new FlowEngine(ctx, graph, summaryMode: true, depth: depth);
            var initial = new FlowState();
            foreach (var parameter in method.Parameters)
                initial.Set(FlowKey.For(parameter), Taint.Parameter(parameter.Ordinal));
            if (method.ReturnType.SpecialType == SpecialType.System_Boolean && method.Parameters.Length > 0)
                engine._whenTrue = new SanitizerGroups[method.Parameters.Length];
            var global = engine.Run(graph, initial, out var exit);
            var returnTaint = engine._return;
            engine.AnalyzeNested(graph, global);

            var sanitized = ImmutableArray.CreateBuilder<SanitizerGroups>(method.Parameters.Length);
            foreach (var parameter in method.Parameters)
            {
                var atExit = exit?.Get(FlowKey.For(parameter)) ?? Taint.Clean;
                sanitized.Add(parameter.Ordinal < 64 && (atExit.Parameters & (1UL << parameter.Ordinal)) != 0 ? atExit.Sanitized : SanitizerGroups.None);
            }

            var sinks = ImmutableArray.CreateBuilder<ParameterSink>();
            foreach (var pair in engine._parameterSinks)
                sinks.Add(new ParameterSink(pair.Key.Ordinal, pair.Key.Rule, pair.Key.Sink, pair.Value));
            var whenTrue = engine._whenTrue is { } w && engine._returnsTrueSeen ? ImmutableArray.Create(w) : ImmutableArray<SanitizerGroups>.Empty;
            truncated = engine._truncated;
            return new MethodSummary(returnTaint, sinks.ToImmutable(), sanitized.MoveToImmutable(), whenTrue) { Height = engine._height };
        }

        private void SeedRequestParameters(FlowState state, IMethodSymbol method, bool isHandler)
        {
            foreach (var parameter in method.Parameters)
            {
                var description = _ctx.Requests.DescribeSourceParameter(method, parameter, isHandler);
                if (description is null)
                    continue;
                var location = parameter.Locations.IsDefaultOrEmpty ? null : parameter.Locations[0];
                var kind = TaintKind.Request | (_ctx.Requests.IsUpload(parameter.Type) ? TaintKind.Upload : TaintKind.None);
                var taint = Taint.Source(kind, new TaintOrigin(description, location));
                var key = FlowKey.For(parameter);
                var validation = _ctx.Requests.GetDeclaredValidation(method, parameter, isHandler);
                state.Set(key, validation.Whole ? taint.WithSanitized(SanitizerGroups.Validated) : taint);
                foreach (var member in validation.Members)
                    state.Set(key.WithMember(member), taint.WithSanitized(SanitizerGroups.Validated));
            }
        }

        /// <summary>Runs the worklist to a fixed point; returns the join of all states (used for captured variables).</summary>
        private FlowState Run(ControlFlowGraph graph, FlowState initial, out FlowState? exit)
        {
            var previousGraph = _graph;
            _graph = graph;
            var blocks = graph.Blocks;
            var entry = new FlowState?[blocks.Length];
            var visits = new int[blocks.Length];
            // Lowest ordinal first: blocks are numbered in source order, so a block usually runs after all of its
            // forward predecessors and once, rather than again each time a later predecessor changes its entry.
            var queued = new bool[blocks.Length];
            var pending = 0;
            var cursor = 0;
            var global = initial.Copy();
            var orphans = new List<int>();

            void Enqueue(int ordinal)
            {
                if (!queued[ordinal])
                {
                    queued[ordinal] = true;
                    pending++;
                    if (ordinal < cursor)
                        cursor = ordinal;
                }
            }

            entry[0] = initial;
            Enqueue(0);
            for (var i = 1; i < blocks.Length; i++)
            {
                // Catch and finally handlers have no predecessor edges: they start from everything seen so far.
                if (blocks[i].Predecessors.IsEmpty && blocks[i].Kind == BasicBlockKind.Block)
                    orphans.Add(i);
            }

            foreach (var o in orphans)
                Enqueue(o);

            // The join of all states feeds catch/finally handlers and the lambdas and local functions (captured
            // variables); a graph with none of those skips it, and joining it at every block was a quarter of the run.
            var trackGlobal = orphans.Count > 0 || !graph.LocalFunctions.IsEmpty || MayContainLambdas(graph.OriginalOperation.Syntax);

            while (pending > 0)
            {
                while (!queued[cursor])
                    cursor++;
                var index = cursor;
                queued[index] = false;
                pending--;
                if (++visits[index] > MaxVisitsPerBlock)
                    continue;
                var block = blocks[index];
                var state = (entry[index] ?? global).Copy();
                foreach (var operation in block.Operations)
                    Eval(operation, state);
                var branch = block.BranchValue;
                if (branch is not null)
                {
                    _deferredSanitizerCall = block.ConditionKind != ControlFlowConditionKind.None ? GuardCall(branch) : null;
                    var value = Eval(branch, state);
                    _deferredSanitizerCall = null;
                    if (block.ConditionKind == ControlFlowConditionKind.None && block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
                    {
                        _return = Taint.Join(_return, value);
                        OnReturn(graph, branch, value, state);
                    }
                }

                if (branch is not null && block.ConditionKind != ControlFlowConditionKind.None && block.ConditionalSuccessor is not null)
                {
                    // Per-edge transfer: a guard validates its value on the edge where it passes only.
                    var jumpWhenTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                    Propagate(block.ConditionalSuccessor, EdgeState(branch, jumpWhenTrue, state), entry, Enqueue);
                    Propagate(block.FallThroughSuccessor, EdgeState(branch, !jumpWhenTrue, state), entry, Enqueue);
                }
                else
                {
                    // The last successor to see this block's state may keep it instead of a copy: it is only read below.
                    Propagate(block.FallThroughSuccessor, state, entry, Enqueue, owned: block.ConditionalSuccessor?.Destination is null);
                    Propagate(block.ConditionalSuccessor, state, entry, Enqueue, owned: true);
                }
                if (trackGlobal && global.JoinFrom(state))
                {
                    foreach (var o in orphans)
                    {
                        if (o != index)
                            Enqueue(o);
                    }
                }
            }

            if (!trackGlobal && _lambdas.ContainsKey(graph))
            {
                // A lambda outside the text MayContainLambdas read (it reads the graph's own code, so this is a safety
                // net): approximate the join from every block's entry state.
                foreach (var state in entry)
                {
                    if (state is not null)
                        global.JoinFrom(state);
                }
            }

            exit = entry[blocks.Length - 1];
            _graph = previousGraph;
            return global;
        }

        /// <summary>Whether the graph's code may hold a lambda, an anonymous method or a query expression (whose clauses
        /// are lambdas). Read from the source text, not the syntax nodes (walking them was ~8 % of the engine's time on
        /// endpoint-dense code): every such expression spells <c>=&gt;</c>, the keyword <c>delegate</c> or the keyword
        /// <c>from</c>, so finding none of them proves there is none. Anything else that spells them (a switch
        /// expression, an expression-bodied local function, a comment) only keeps the all-states join.</summary>
        internal static bool MayContainLambdas(SyntaxNode syntax)
        {
            // A graph's code is a method, constructor or local function declaration, or an accessor's arrow clause;
            // the member's own arrow is not a lambda.
            var ownArrow = syntax switch
            {
                ArrowExpressionClauseSyntax arrow => arrow,
                BaseMethodDeclarationSyntax method => method.ExpressionBody,
                LocalFunctionStatementSyntax local => local.ExpressionBody,
                AccessorDeclarationSyntax accessor => accessor.ExpressionBody,
                _ => null,
            };
            var start = ownArrow?.ArrowToken.Span.End ?? syntax.SpanStart;
            var end = syntax.Span.End;
            var text = syntax.SyntaxTree.GetText();
            for (var i = start; i < end; i++)
            {
                switch (text[i])
                {
                    case '=' when i + 1 < end && text[i + 1] == '>':
                        return true;
                    case 'd' when IsWordAt(text, i, end, "delegate"):
                    case 'f' when IsWordAt(text, i, end, "from"):
                        return true;
                }
            }

            return false;
        }

        private static bool IsWordAt(SourceText text, int index, int end, string word)
        {
            if (index + word.Length > end || (index > 0 && IsIdentifierChar(text[index - 1])))
                return false;
            for (var k = 1; k < word.Length; k++)
            {
                if (text[index + k] != word[k])
                    return false;
            }

            return index + word.Length == end || !IsIdentifierChar(text[index + word.Length]);
        }

        private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '@';

        private static void Propagate(ControlFlowBranch? branch, FlowState state, FlowState?[] entry, Action<int> enqueue, bool owned = false)
        {
            var destination = branch?.Destination;
            if (destination is null)
                return;
            var target = entry[destination.Ordinal];
            if (target is null)
            {
                entry[destination.Ordinal] = owned ? state : state.Copy();
                enqueue(destination.Ordinal);
            }
            else if (target.JoinFrom(state))
            {
                enqueue(destination.Ordinal);
            }
        }

        private void AnalyzeNested(ControlFlowGraph graph, FlowState global)
        {
            var savedReturn = _return;
            if (_lambdas.TryGetValue(graph, out var lambdas))
            {
                for (var i = 0; i < lambdas.Count; i++)
                {
                    var lambda = lambdas[i];
                    var lambdaGraph = graph.GetAnonymousFunctionControlFlowGraph(lambda);
                    var initial = global.Copy();
                    if (!_summaryMode && _handlerLambdas.Contains(lambda.Symbol))
                    {
                        SeedRequestParameters(initial, lambda.Symbol, isHandler: true);
                        _endpointGraphs.Add(lambdaGraph);
                    }

                    var lambdaGlobal = Run(lambdaGraph, initial, out _);
                    AnalyzeNested(lambdaGraph, lambdaGlobal);
                }
            }

            foreach (var localFunction in graph.LocalFunctions)
            {
                var localGraph = graph.GetLocalFunctionControlFlowGraph(localFunction);
                var localGlobal = Run(localGraph, global.Copy(), out _);
                AnalyzeNested(localGraph, localGlobal);
            }

            _return = savedReturn;
        }

        internal static IOperation Unwrap(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    default:
                        return operation;
                }
            }
        }

        /// <summary>The tracked location an operation reads or writes, if it is one.</summary>
        private FlowKey? KeyOf(IOperation? operation)
        {
            if (operation is null)
                return null;
            operation = Unwrap(operation);
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return FlowKey.For(local.Local);
                case IParameterReferenceOperation parameter:
                    return FlowKey.For(parameter.Parameter);
                case IFlowCaptureReferenceOperation capture:
                    return FlowKey.For(capture.Id);
                case IFieldReferenceOperation field:
                    return MemberKey(field.Instance, field.Field);
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                    return MemberKey(property.Instance, property.Property);
                case IArrayElementReferenceOperation element:
                    return KeyOf(element.ArrayReference);
                default:
                    return null;
            }
        }

        private FlowKey? MemberKey(IOperation? instance, ISymbol member)
        {
            if (instance is null || Unwrap(instance) is IInstanceReferenceOperation)
                return FlowKey.For(member);
            var root = KeyOf(instance);
            if (root is null)
                return null;
            return root.Value.IsMember ? root : root.Value.WithMember(member.Name);
        }

        private Taint Eval(IOperation? operation, FlowState state)
        {
            switch (operation)
            {
                case null:
                    return Taint.Clean;
                case ILiteralOperation literal:
                    return ConstantUrl(literal, literal.Syntax.GetLocation());
                case ILocalReferenceOperation local:
                    return state.Get(FlowKey.For(local.Local));
                case IParameterReferenceOperation parameter:
                    return state.Get(FlowKey.For(parameter.Parameter));
                case IFlowCaptureReferenceOperation capture:
                    return state.Get(FlowKey.For(capture.Id));
                case IFlowCaptureOperation capture:
                {
                    var value = Eval(capture.Value, state);
                    var key = FlowKey.For(capture.Id);
                    state.Set(key, value);
                    RecordAlias(key, capture.Value);
                    if (KeyOf(capture.Value) is { } origin)
                        _captureOrigins[key] = origin;
                    RecordCaptureCondition(capture);
                    return value;
                }

                case ISimpleAssignmentOperation assignment:
                {
                    var value = Eval(assignment.Value, state);
                    Assign(assignment.Target, assignment.Value, value, state);
                    return value;
                }

                case ICompoundAssignmentOperation compound:
                {
                    var value = Taint.Join(Eval(compound.Target, state), Eval(compound.Value, state));
                    Assign(compound.Target, compound.Value, value, state);
                    return value;
                }

                case ICoalesceAssignmentOperation coalesce:
                {
                    var value = Taint.Join(Eval(coalesce.Target, state), Eval(coalesce.Value, state));
                    Assign(coalesce.Target, coalesce.Value, value, state);
                    return value;
                }

                case IDeconstructionAssignmentOperation deconstruction:
                {
                    var value = Eval(deconstruction.Value, state);
                    Assign(deconstruction.Target, null, value, state);
                    return value;
                }

                case IIncrementOrDecrementOperation increment:
                    return Eval(increment.Target, state);
                case IConversionOperation conversion:
                    return Eval(conversion.Operand, state);
                case IParenthesizedOperation parenthesized:
                    return Eval(parenthesized.Operand, state);
                case IAwaitOperation awaitOperation:
                    return Eval(awaitOperation.Operation, state);
                case IInvocationOperation invocation:
                    return EvalInvocation(invocation, state);
                case IObjectCreationOperation creation:
                    return EvalCreation(creation, state);
                case IPropertyReferenceOperation property:
                    return EvalPropertyRead(property, state);
                case IFieldReferenceOperation field:
                {
                    if (field.ConstantValue.HasValue)
                        return ConstantUrl(field, DeclarationValueLocation(field.Field) ?? field.Syntax.GetLocation());
                    var key = KeyOf(field);
                    return key is not null ? state.Get(key.Value) : Eval(field.Instance, state);
                }

                case IArrayElementReferenceOperation element:
                {
                    foreach (var index in element.Indices)
                        Eval(index, state);
                    return Eval(element.ArrayReference, state);
                }

                case IBinaryOperation binary:
                {
                    var result = Taint.Join(Eval(binary.LeftOperand, state), Eval(binary.RightOperand, state));
                    return binary.Type?.SpecialType == SpecialType.System_Boolean ? Taint.Clean : result;
                }

                case IArrayCreationOperation { IsImplicit: true, Initializer: { } initializer } paramArray:
                {
                    // A params array: element taints are kept so a sink can report the element itself.
                    foreach (var size in paramArray.DimensionSizes)
                        Eval(size, state);
                    var result = Taint.Clean;
                    foreach (var element in initializer.ElementValues)
                    {
                        var t = Eval(element, state);
                        _elementTaints[element] = t;
                        result = Taint.Join(result, t);
                    }

                    return result;
                }

                case IIsTypeOperation isType:
                    Eval(isType.ValueOperand, state);
                    return Taint.Clean;
                case IIsPatternOperation isPattern:
                    Eval(isPattern.Value, state);
                    return Taint.Clean;
                case IFlowAnonymousFunctionOperation lambda:
                    RememberLambda(lambda);
                    return Taint.Clean;
                case IDelegateCreationOperation delegateCreation:
                    Eval(delegateCreation.Target, state);
                    return Taint.Clean;
                case ITypeOfOperation:
                case ISizeOfOperation:
                case INameOfOperation:
                case IDefaultValueOperation:
                case IInstanceReferenceOperation:
                case IMethodReferenceOperation:
                case ILocalFunctionOperation:
                    return Taint.Clean;
                default:
                {
                    var result = Taint.Clean;
                    foreach (var child in operation.ChildOperations)
                        result = Taint.Join(result, Eval(child, state));
                    return result;
                }
            }
        }

        /// <summary>A constant http:// URL is a source of <see cref="TaintKind.PlainHttp"/>, located where it is written.</summary>
        private static Taint ConstantUrl(IOperation operation, Location location)
        {
            if (operation.ConstantValue.HasValue && operation.ConstantValue.Value is string text && IsPlainHttpUrl(text))
                return Taint.Source(TaintKind.PlainHttp, new TaintOrigin("the http:// URL '" + text + "'", location, text, location));
            return Taint.Clean;
        }

        private static Location? DeclarationValueLocation(IFieldSymbol field)
        {
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } value })
                    return value.GetLocation();
            }

            return null;
        }

        /// <summary>An http:// URL to anything but loopback.</summary>
        internal static bool IsPlainHttpUrl(string text)
        {
            if (!text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.Length <= 7)
                return false;
            var host = text.Substring(7);
            return !(host.StartsWith("localhost", StringComparison.OrdinalIgnoreCase) || host.StartsWith("127.", StringComparison.Ordinal) ||
                     host.StartsWith("[::1]", StringComparison.Ordinal));
        }

        private void RememberLambda(IFlowAnonymousFunctionOperation lambda)
        {
            if (!_lambdas.TryGetValue(_graph, out var list))
                _lambdas[_graph] = list = new List<IFlowAnonymousFunctionOperation>();
            foreach (var existing in list)
            {
                if (ReferenceEquals(existing, lambda))
                    return;
            }

            list.Add(lambda);
        }

        private void Assign(IOperation target, IOperation? valueOperation, Taint value, FlowState state)
        {
            target = Unwrap(target);
            switch (target)
            {
                case IPropertyReferenceOperation property:
                {
                    foreach (var argument in property.Arguments)
                        Eval(argument.Value, state);
                    if (valueOperation is not null)
                        CheckPropertySink(property, valueOperation, value);
                    break;
                }

                case IArrayElementReferenceOperation element:
                    foreach (var index in element.Indices)
                        Eval(index, state);
                    break;
                case IDeclarationExpressionOperation declaration:
                    Assign(declaration.Expression, null, value, state);
                    return;
                case ITupleOperation tuple:
                    foreach (var element in tuple.Elements)
                        Assign(element, null, value, state);
                    return;
            }

            var key = KeyOf(target);
            if (key is null)
                return;
            if (target is IArrayElementReferenceOperation || (target is IPropertyReferenceOperation p && !p.Arguments.IsEmpty))
            {
                state.Join(key.Value, value);
                return;
            }

            state.Set(key.Value, value);
            if (key.Value.IsMember)
                state.Join(key.Value.Root, value);
            if (valueOperation is not null)
                RecordAlias(key.Value, valueOperation);
        }

        private void RecordAlias(FlowKey key, IOperation valueOperation)
        {
            RecordValidationLink(key, valueOperation);
            var path = _ctx.GetOpenedPath(valueOperation);
            if (path is not null && KeyOf(path) is { } pathKey)
            {
                _aliases[key] = pathKey;
                return;
            }

            if (KeyOf(valueOperation) is { } source && _aliases.TryGetValue(source, out var alias))
                _aliases[key] = alias;
        }

        /// <summary>Data written into a stream, buffer or file: taints what it lands in, and the path a stream was opened on.</summary>
        private void TaintDestination(IOperation destination, Taint value, FlowState state)
        {
            if (value.IsClean)
                return;
            var key = KeyOf(destination);
            if (key is null)
            {
                var path = _ctx.GetOpenedPath(destination);
                if (path is not null && KeyOf(path) is { } pathKey)
                    state.Join(pathKey, value);
                return;
            }

            state.Join(key.Value, value);
            if (key.Value.IsMember)
                state.Join(key.Value.Root, value);
            if (_aliases.TryGetValue(key.Value.Root, out var alias))
                state.Join(alias, value);
        }

        private void Sanitize(IOperation? operation, SanitizerGroups groups, FlowState state)
        {
            if (operation is null || KeyOf(operation) is not { } key)
                return;
            var current = state.Get(key);
            if (!current.IsClean)
                state.Set(key, current.WithSanitized(groups));
        }

        private Taint EvalPropertyRead(IPropertyReferenceOperation property, FlowState state)
        {
            var instance = property.Instance is null ? Taint.Clean : Eval(property.Instance, state);
            foreach (var argument in property.Arguments)
                Eval(argument.Value, state);
            var sources = _ctx.Sources.Lookup(property.Property);
            if (sources is not null)
            {
                var source = sources[0];
                return Taint.Join(Taint.Source(source.Kind, new TaintOrigin(source.Description, property.Syntax.GetLocation())), instance);
            }

            var key = KeyOf(property);
            return key is not null ? state.Get(key.Value) : instance;
        }

        private Taint EvalCreation(IObjectCreationOperation creation, FlowState state)
        {
            var arguments = creation.Arguments;
            var taints = new Taint[arguments.Length];
            var all = Taint.Clean;
            for (var i = 0; i < arguments.Length; i++)
            {
                taints[i] = Eval(arguments[i].Value, state);
                all = Taint.Join(all, taints[i]);
            }

            if (creation.Initializer is not null)
                all = Taint.Join(all, Eval(creation.Initializer, state));
            if (creation.Constructor is null)
                return all;
            CheckSinks(creation.Constructor, arguments, taints, via: null);
            var sources = _ctx.Sources.Lookup(creation.Constructor);
            if (sources is not null)
                return Taint.Join(all, Taint.Source(sources[0].Kind, new TaintOrigin(sources[0].Description, creation.Syntax.GetLocation())));
            return all;
        }

        private Taint EvalInvocation(IInvocationOperation invocation, FlowState state)
        {
            var method = invocation.TargetMethod;
            var instance = invocation.Instance is null ? Taint.Clean : Eval(invocation.Instance, state);
            var arguments = invocation.Arguments;
            var taints = new Taint[arguments.Length];
            var inputs = instance;
            for (var i = 0; i < arguments.Length; i++)
            {
                taints[i] = Eval(arguments[i].Value, state);
                inputs = Taint.Join(inputs, taints[i]);
            }

            if (_ctx.Requests.IsMinimalApiMap(method))
                RegisterHandlers(arguments);

            CheckSinks(method, arguments, taints, via: null);

            var groups = _ctx.GetSanitizerGroups(method, _tree);
            if (groups != SanitizerGroups.None)
            {
                var isBool = method.ReturnType.SpecialType == SpecialType.System_Boolean;
                if (isBool && ReferenceEquals(invocation, _deferredSanitizerCall))
                    return Taint.Clean; // a guard: applied on the edge where it returns true
                foreach (var argument in arguments)
                    Sanitize(argument.Value, groups, state);
                Sanitize(invocation.Instance, groups, state);
                return isBool ? Taint.Clean : inputs.WithSanitized(groups);
            }

            if (BuiltInCall(invocation, instance, taints, inputs, state) is { } builtIn)
                return builtIn;

            Taint result;
            var sources = _ctx.Sources.Lookup(method);
            MethodSummary? summary = null;
            if (sources is not null && ApplySource(sources[0], invocation, arguments, taints, instance, inputs, state) is { } sourced)
            {
                result = sourced;
            }
            else if (_ctx.IsInSource(method) && (summary = GetSummary(method)) is not null)
            {
                result = ApplySummary(summary, method, arguments, taints, state);
            }
            else
            {
                result = method.ReturnsVoid || method.ReturnType.SpecialType == SpecialType.System_Boolean ? Taint.Clean
                    : ArgumentsToResult(method, instance, arguments, taints, inputs);
            }

            if (summary is null && !inputs.IsClean)
                ApplyDestinationEffects(method, invocation.Instance, instance, arguments, taints, state);
            return result;
        }

        /// <summary>
        /// Argument-to-result propagation for a call without a summary. A call that receives the data only through
        /// identifiers (a Guid, an integer, an enum) and returns one of this compilation's own object types looks that
        /// object up (<c>repository.Find(id)</c>, <c>db.Orders.FindAsync(id)</c>): the result is stored data, not the
        /// request. Every other call passes its inputs on.
        /// </summary>
        private Taint ArgumentsToResult(IMethodSymbol method, Taint instance, ImmutableArray<IArgumentOperation> arguments, Taint[] taints, Taint inputs)
        {
            if (inputs.IsClean || !IsOwnObjectType(AwaitedType(method.ReturnType)))
                return inputs;
            var result = instance;
            for (var i = 0; i < arguments.Length; i++)
            {
                if (!taints[i].IsClean && !IsIdentifierType(Unwrap(arguments[i].Value).Type))
                    result = Taint.Join(result, taints[i]);
            }

            return result;
        }

        private bool IsIdentifierType(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                type = nullable.TypeArguments[0];
            return type is not null &&
                (type.TypeKind == TypeKind.Enum ||
                 type.SpecialType is SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64 or
                     SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 ||
                 _ctx.Is(type, TypeNames.Guid));
        }

        private ITypeSymbol AwaitedType(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { TypeArguments.Length: 1 } named &&
                (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T ||
                 _ctx.Is(named, TypeNames.TaskOfT) || _ctx.Is(named, TypeNames.ValueTaskOfT)))
                return named.TypeArguments[0];
            return type;
        }

        /// <summary>A class, struct or record declared in this compilation that is not a collection (an entity, a DTO).</summary>
        private bool IsOwnObjectType(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named ||
                !SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, _ctx.Compilation.Assembly))
                return false;
            foreach (var i in named.AllInterfaces)
            {
                if (i.SpecialType == SpecialType.System_Collections_IEnumerable)
                    return false;
            }

            return true;
        }

        private MethodSummary? GetSummary(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                for (var graph = _graph; graph is not null; graph = graph.Parent)
                {
                    foreach (var localFunction in graph.LocalFunctions)
                    {
                        if (SymbolEqualityComparer.Default.Equals(localFunction, method.OriginalDefinition))
                        {
                            return Used(_ctx.GetSummary(method, graph.GetLocalFunctionControlFlowGraph(localFunction), _depth, out var localTruncated), localTruncated);
                        }
                    }
                }

                return null;
            }

            return Used(_ctx.GetSummary(method, null, _depth, out var truncated), truncated);
        }

        private MethodSummary? Used(MethodSummary? summary, bool truncated)
        {
            _truncated |= truncated;
            if (summary is not null)
                _height = Math.Max(_height, summary.Height + 1);
            return summary;
        }

        private Taint? ApplySource(SourceDefinition source, IInvocationOperation invocation, ImmutableArray<IArgumentOperation> arguments,
            Taint[] taints, Taint instance, Taint inputs, FlowState state)
        {
            if (source.RequiresNonConstantArgument && (arguments.IsEmpty || arguments[0].Value.ConstantValue.HasValue))
                return null;

            var kind = source.Kind;
            string? url = null;
            Location? urlLocation = null;
            var urlTaint = instance;
            if (source.UrlParameter is not null)
            {
                for (var i = 0; i < arguments.Length; i++)
                {
                    if (arguments[i].Parameter?.Name == source.UrlParameter)
                        urlTaint = Taint.Join(urlTaint, taints[i]);
                }
            }

            if ((urlTaint.Kinds & TaintKind.PlainHttp) != 0 && urlTaint.Origin?.PlainHttpUrl is { } plain)
            {
                kind |= TaintKind.PlainHttp;
                url = plain;
                urlLocation = urlTaint.Origin.UrlLocation;
            }

            var taint = Taint.Source(kind, new TaintOrigin(source.Description, invocation.Syntax.GetLocation(), url, urlLocation));
            if (source.TaintsParameter is null)
                return Taint.Join(taint, inputs.IsClean ? Taint.Clean : new Taint(inputs.Kinds & ~TaintKind.PlainHttp, inputs.Parameters, inputs.Sanitized, inputs.Origin));

            for (var i = 0; i < arguments.Length; i++)
            {
                if (arguments[i].Parameter?.Name == source.TaintsParameter)
                    TaintDestination(arguments[i].Value, taint, state);
            }

            return Taint.Clean;
        }

        private Taint ApplySummary(MethodSummary summary, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, Taint[] taints, FlowState state)
        {
            Taint ArgumentTaint(int ordinal, out IOperation? argument)
            {
                for (var i = 0; i < arguments.Length; i++)
                {
                    if (arguments[i].Parameter?.Ordinal == ordinal)
                    {
                        argument = arguments[i].Value;
                        return taints[i];
                    }
                }

                argument = null;
                return Taint.Clean;
            }

            var result = summary.Return.Kinds == TaintKind.None ? Taint.Clean : summary.Return.WithoutParameters();
            for (var ordinal = 0; ordinal < 64 && (summary.Return.Parameters >> ordinal) != 0; ordinal++)
            {
                if ((summary.Return.Parameters & (1UL << ordinal)) != 0)
                    result = Taint.Join(result, ArgumentTaint(ordinal, out _).WithSanitized(summary.Return.Sanitized));
            }

            foreach (var parameterSink in summary.ParameterSinks)
            {
                var taint = ArgumentTaint(parameterSink.Ordinal, out var argument).WithSanitized(parameterSink.Sanitized);
                if (argument is not null)
                    RecordHit(parameterSink.Rule, parameterSink.Sink, argument, taint, method);
            }

            for (var ordinal = 0; ordinal < summary.ParameterSanitized.Length; ordinal++)
            {
                if (summary.ParameterSanitized[ordinal] == SanitizerGroups.None)
                    continue;
                ArgumentTaint(ordinal, out var argument);
                Sanitize(argument, summary.ParameterSanitized[ordinal], state);
            }

            return result;
        }

        private void ApplyDestinationEffects(IMethodSymbol method, IOperation? instanceOperation, Taint instance,
            ImmutableArray<IArgumentOperation> arguments, Taint[] taints, FlowState state)
        {
            if (_ctx.IsFileWrite(method, out var destinationParameter))
            {
                var data = Taint.Clean;
                IOperation? destination = null;
                for (var i = 0; i < arguments.Length; i++)
                {
                    if (arguments[i].Parameter?.Name == destinationParameter)
                        destination = arguments[i].Value;
                    else
                        data = Taint.Join(data, taints[i]);
                }

                if (destination is not null)
                    TaintDestination(destination, data, state);
                return;
            }

            for (var i = 0; i < arguments.Length; i++)
            {
                var parameter = arguments[i].Parameter;
                if (parameter is null)
                    continue;
                var isDestination = parameter.RefKind is RefKind.Out or RefKind.Ref || _ctx.IsMutableContainer(parameter.Type);
                if (!isDestination)
                    continue;
                var others = instance;
                for (var j = 0; j < arguments.Length; j++)
                {
                    if (j != i)
                        others = Taint.Join(others, taints[j]);
                }

                TaintDestination(arguments[i].Value, others, state);
            }

            if (instanceOperation is not null && !IsQuery(method) && _ctx.IsMutableContainer(instanceOperation.Type))
            {
                var argumentTaint = Taint.Clean;
                foreach (var t in taints)
                    argumentTaint = Taint.Join(argumentTaint, t);
                TaintDestination(instanceOperation, argumentTaint, state);
            }
        }

        private static readonly string[] QueryPrefixes =
        {
            "Contains", "IndexOf", "LastIndexOf", "TryGetValue", "GetValueOrDefault", "Exists", "Find", "BinarySearch", "Equals",
            "IsSubsetOf", "IsSupersetOf", "IsProperSubsetOf", "IsProperSupersetOf", "Overlaps", "SetEquals", "StartsWith", "EndsWith",
        };

        /// <summary>Collection queries: they read their arguments, they do not store them in the collection.</summary>
        private static bool IsQuery(IMethodSymbol method)
        {
            foreach (var prefix in QueryPrefixes)
            {
                if (method.Name.StartsWith(prefix, StringComparison.Ordinal))
                    return true;
            }

            return false;
        }

        private void RegisterHandlers(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Type.SpecialType != SpecialType.System_Delegate)
                    continue;
                var value = Unwrap(argument.Value);
                if (value is IDelegateCreationOperation creation)
                    value = Unwrap(creation.Target);
                switch (value)
                {
                    case IFlowAnonymousFunctionOperation lambda:
                        _handlerLambdas.Add(lambda.Symbol);
                        break;
                    case IMethodReferenceOperation methodReference when !_summaryMode:
                        _methodGroupHandlers.Add(methodReference.Method);
                        break;
                }
            }
        }

        private void CheckSinks(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, Taint[] taints, IMethodSymbol? via)
        {
            var sinks = _ctx.Sinks.Lookup(method);
            if (sinks is null)
                return;
            foreach (var (rule, sink) in sinks)
            {
                if (sink.IsPropertySetter)
                    continue;
                var parameterType = sink.ParameterTypeMetadataName is null ? null : _ctx.Resolve(sink.ParameterTypeMetadataName);
                for (var i = 0; i < arguments.Length; i++)
                {
                    if (arguments[i].Parameter is not { } parameter || !sink.IsSinkParameter(parameter, parameterType) || taints[i].IsClean)
                        continue;
                    if (arguments[i].ArgumentKind == ArgumentKind.ParamArray && Unwrap(arguments[i].Value) is IArrayCreationOperation { Initializer: { } elements })
                    {
                        foreach (var element in elements.ElementValues)
                        {
                            if (_elementTaints.TryGetValue(element, out var elementTaint) && !elementTaint.IsClean &&
                                (sink.Condition is null || sink.Condition(new SinkCall(arguments, element))))
                                RecordHit(rule, sink, element, elementTaint, via);
                        }

                        continue;
                    }

                    if (sink.Condition is null || sink.Condition(new SinkCall(arguments, arguments[i].Value)))
                        RecordHit(rule, sink, arguments[i].Value, taints[i], via);
                }
            }
        }

        private void CheckPropertySink(IPropertyReferenceOperation property, IOperation valueOperation, Taint value)
        {
            var sinks = _ctx.Sinks.Lookup(property.Property);
            if (sinks is null)
                return;
            foreach (var (rule, sink) in sinks)
            {
                if (sink.IsPropertySetter && (sink.Condition is null || value.IsClean || sink.Condition(new SinkCall(ImmutableArray<IArgumentOperation>.Empty, valueOperation))))
                    RecordHit(rule, sink, valueOperation, value, null);
            }
        }

        private void RecordHit(FlowRule rule, SinkDefinition sink, IOperation argument, Taint taint, IMethodSymbol? via)
        {
            if ((taint.Sanitized & rule.SanitizedBy) != 0)
                return;
            if (_summaryMode)
            {
                for (var ordinal = 0; ordinal < 64 && (taint.Parameters >> ordinal) != 0; ordinal++)
                {
                    if ((taint.Parameters & (1UL << ordinal)) == 0)
                        continue;
                    var key = (ordinal, rule, sink);
                    _parameterSinks[key] = _parameterSinks.TryGetValue(key, out var existing) ? existing & taint.Sanitized : taint.Sanitized;
                }

                return;
            }

            if (!taint.Reaches(rule.Kinds, rule.SanitizedBy))
                return;
            var hitKey = (argument, rule);
            if (_hits.TryGetValue(hitKey, out var hit))
                hit.Taint = Taint.Join(hit.Taint, taint);
            else
                _hits[hitKey] = new FlowHit(rule, sink, argument, taint, via);
        }
    }
}
