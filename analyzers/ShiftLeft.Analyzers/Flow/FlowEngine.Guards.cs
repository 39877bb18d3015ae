using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>
    /// Validation as the engine sees it. A conditional block's <see cref="BasicBlock.BranchValue"/> is
    /// a guard: on the edge where it passes, the value it checks (or the member it checks, such as
    /// <c>dto.Text</c>) gains <see cref="SanitizerGroups.Validated"/> and/or
    /// <see cref="SanitizerGroups.AllowListed"/>; the other edge is unchanged. Because joins keep a
    /// sanitizer only when every incoming path has it, a guard protects a sink exactly when the
    /// failing edge returns or throws (or the sink sits inside the passing branch).
    /// Also here: calls whose result is bounded or allow-listed by construction (<c>Math.Clamp</c>,
    /// <c>Enum.Parse</c>, dictionary lookups) and validator calls.
    /// </summary>
    internal sealed partial class FlowEngine
    {
        private const SanitizerGroups Checked = SanitizerGroups.Validated | SanitizerGroups.AllowListed;

        private bool _returnsTrueSeen;
        private readonly Dictionary<CaptureId, List<IOperation>> _captureConditions = new Dictionary<CaptureId, List<IOperation>>();

        /// <summary>A bool captured by the graph (the lowered <c>a &amp;&amp; b</c> of a return value) keeps
        /// its possible values, so a guard on the capture can look at them.</summary>
        private void RecordCaptureCondition(IFlowCaptureOperation capture)
        {
            if (capture.Value.Type?.SpecialType != SpecialType.System_Boolean)
                return;
            if (!_captureConditions.TryGetValue(capture.Id, out var values))
                _captureConditions[capture.Id] = values = new List<IOperation>();
            foreach (var v in values)
            {
                if (ReferenceEquals(v, capture.Value))
                    return;
            }

            values.Add(capture.Value);
        }

        /// <summary>The call a branch condition consists of (under any number of <c>!</c>), whose
        /// bool sanitizer effect is applied per edge instead of unconditionally.</summary>
        private static IOperation? GuardCall(IOperation branch)
        {
            var operation = Unwrap(branch);
            while (operation is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
                operation = Unwrap(not.Operand);
            return operation as IInvocationOperation;
        }

        private FlowState EdgeState(IOperation condition, bool whenTrue, FlowState state)
        {
            List<(FlowKey Key, SanitizerGroups Groups)>? facts = null;
            CollectGuardFacts(condition, whenTrue, state, ref facts, 0);
            if (facts is null)
                return state;
            var edge = state.Copy();
            foreach (var (key, groups) in facts)
                SanitizeKey(key, groups, edge);
            return edge;
        }

        private void SanitizeKey(FlowKey key, SanitizerGroups groups, FlowState state)
        {
            if (groups == SanitizerGroups.None)
                return;
            for (var i = 0; i < 4; i++)
            {
                var current = state.Get(key);
                if (!current.IsClean)
                    state.Set(key, current.WithSanitized(groups));
                if (!_captureOrigins.TryGetValue(key, out var origin))
                    return;
                key = origin; // a switch or ?? captures its value first: the check holds for the original too
            }
        }

        private static void AddFact(ref List<(FlowKey, SanitizerGroups)>? facts, FlowKey? key, SanitizerGroups groups)
        {
            if (key is null || groups == SanitizerGroups.None)
                return;
            (facts ??= new List<(FlowKey, SanitizerGroups)>()).Add((key.Value, groups));
        }

        private void CollectGuardFacts(IOperation condition, bool whenTrue, FlowState state, ref List<(FlowKey, SanitizerGroups)>? facts, int depth)
        {
            if (depth > 8)
                return;
            condition = Unwrap(condition);
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    CollectGuardFacts(not.Operand, !whenTrue, state, ref facts, depth + 1);
                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } conjunction
                    when whenTrue && conjunction.Type?.SpecialType == SpecialType.System_Boolean:
                    CollectGuardFacts(conjunction.LeftOperand, true, state, ref facts, depth + 1);
                    CollectGuardFacts(conjunction.RightOperand, true, state, ref facts, depth + 1);
                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } disjunction
                    when !whenTrue && disjunction.Type?.SpecialType == SpecialType.System_Boolean:
                    CollectGuardFacts(disjunction.LeftOperand, false, state, ref facts, depth + 1);
                    CollectGuardFacts(disjunction.RightOperand, false, state, ref facts, depth + 1);
                    return;
                case IBinaryOperation binary:
                    ComparisonFacts(binary, whenTrue, state, ref facts);
                    return;
                case IIsPatternOperation isPattern:
                {
                    if (Measure(isPattern.Value) is { } measured)
                    {
                        var groups = PatternGroups(isPattern.Pattern, whenTrue, 0);
                        AddFact(ref facts, measured.Key, measured.IsValue ? groups : groups & SanitizerGroups.Validated);
                    }

                    return;
                }

                case IInvocationOperation invocation when whenTrue:
                    InvocationFacts(invocation, state, ref facts);
                    return;
                case IFlowCaptureReferenceOperation captured when whenTrue && _captureConditions.TryGetValue(captured.Id, out var values):
                {
                    // True only through its non-constant value(s): "a && b" captures false or b.
                    IOperation? only = null;
                    foreach (var v in values)
                    {
                        var constant = Unwrap(v).ConstantValue;
                        if (constant.HasValue && constant.Value is false)
                            continue;
                        if (constant.HasValue || only is not null)
                            return;
                        only = v;
                    }

                    if (only is not null)
                        CollectGuardFacts(only, true, state, ref facts, depth + 1);
                    return;
                }

                case IPropertyReferenceOperation { Property.Name: "IsValid", Instance: { } instance } when whenTrue:
                    if (KeyOf(instance) is { } resultKey && _validationLinks.TryGetValue(resultKey, out var validated))
                        AddFact(ref facts, validated, SanitizerGroups.Validated);
                    return;
            }
        }

        /// <summary>What a comparison proves on the edge where it is <paramref name="whenTrue"/>: an upper
        /// bound or equality (against a constant or an untainted value) validates; equality of the
        /// value itself with a constant also allow-lists it.</summary>
        private void ComparisonFacts(IBinaryOperation binary, bool whenTrue, FlowState state, ref List<(FlowKey, SanitizerGroups)>? facts)
        {
            var op = binary.OperatorKind;
            if (op is not (BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or
                BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
                return;
            Measured? measured;
            IOperation bound;
            if ((measured = Measure(binary.LeftOperand)) is not null && IsTrusted(binary.RightOperand, state))
            {
                bound = binary.RightOperand;
            }
            else if ((measured = Measure(binary.RightOperand)) is not null && IsTrusted(binary.LeftOperand, state))
            {
                bound = binary.LeftOperand;
                op = Flip(op);
            }
            else
            {
                return;
            }

            if (!whenTrue)
                op = Negate(op);
            var constant = Unwrap(bound).ConstantValue;
            if (op == BinaryOperatorKind.Equals && constant.HasValue && constant.Value is null)
                return; // x == null proves nothing
            var groups = op switch
            {
                BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual => SanitizerGroups.Validated,
                BinaryOperatorKind.Equals => measured.Value.IsValue && constant.HasValue ? Checked : SanitizerGroups.Validated,
                _ => SanitizerGroups.None,
            };
            AddFact(ref facts, measured.Value.Key, groups);
        }

        private static BinaryOperatorKind Flip(BinaryOperatorKind op) => op switch
        {
            BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
            _ => op,
        };

        private static BinaryOperatorKind Negate(BinaryOperatorKind op) => op switch
        {
            BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThanOrEqual,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThan,
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThanOrEqual,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThan,
            BinaryOperatorKind.Equals => BinaryOperatorKind.NotEquals,
            BinaryOperatorKind.NotEquals => BinaryOperatorKind.Equals,
            _ => op,
        };

        /// <summary>Groups a pattern proves for its value when it <paramref name="matched"/> (or not).</summary>
        private static SanitizerGroups PatternGroups(IPatternOperation pattern, bool matched, int depth)
        {
            if (depth > 8)
                return SanitizerGroups.None;
            switch (pattern)
            {
                case IConstantPatternOperation constant:
                    return matched && Unwrap(constant.Value).ConstantValue is { HasValue: true, Value: not null } ? Checked : SanitizerGroups.None;
                case IRelationalPatternOperation relational:
                {
                    var op = matched ? relational.OperatorKind : Negate(relational.OperatorKind);
                    return op is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual ? SanitizerGroups.Validated : SanitizerGroups.None;
                }

                case INegatedPatternOperation negated:
                    return PatternGroups(negated.Pattern, !matched, depth + 1);
                case IBinaryPatternOperation binary:
                {
                    var left = PatternGroups(binary.LeftPattern, matched, depth + 1);
                    var right = PatternGroups(binary.RightPattern, matched, depth + 1);
                    var isOr = binary.OperatorKind == BinaryOperatorKind.Or;
                    // matched "a or b": both alternatives must prove it; matched "a and b": either does.
                    return isOr == matched ? left & right : left | right;
                }

                default:
                    return SanitizerGroups.None;
            }
        }

        private void InvocationFacts(IInvocationOperation invocation, FlowState state, ref List<(FlowKey, SanitizerGroups)>? facts)
        {
            var method = invocation.TargetMethod;

            var groups = _ctx.GetSanitizerGroups(method, _tree);
            if (groups != SanitizerGroups.None)
            {
                foreach (var argument in invocation.Arguments)
                    AddFact(ref facts, KeyOf(argument.Value), groups);
                AddFact(ref facts, KeyOf(invocation.Instance), groups);
                return;
            }

            switch (method.Name)
            {
                case "IsFinite" when TypeNameOf(method) is "float" or "double" or "System.Half" && invocation.Arguments.Length == 1:
                    AddFact(ref facts, KeyOf(invocation.Arguments[0].Value), SanitizerGroups.Validated);
                    return;
                case "Contains" or "ContainsKey" or "TryGetValue" or "ContainsValue":
                {
                    if (method.ContainingType?.SpecialType == SpecialType.System_String)
                        return; // a substring test, not membership
                    IOperation? receiver = invocation.Instance;
                    var first = 0;
                    if (receiver is null && method.IsExtensionMethod && invocation.Arguments.Length >= 2)
                    {
                        receiver = invocation.Arguments[0].Value;
                        first = 1;
                    }

                    if (receiver is null || first >= invocation.Arguments.Length || !IsTrusted(receiver, state))
                        return;
                    AddFact(ref facts, Measure(invocation.Arguments[first].Value) is { IsValue: true } m ? m.Key : null, Checked);
                    return;
                }

                case "TryParse" or "IsDefined" when TypeNameOf(method) == "System.Enum":
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter is { } p && (p.Name is "value" or "result") && p.Type.SpecialType != SpecialType.System_Boolean)
                            AddFact(ref facts, KeyOf(argument.Value), Checked);
                    }

                    return;
                case "IsMatch" when TypeNameOf(method) == "System.Text.RegularExpressions.Regex":
                {
                    var input = Argument(invocation, "input");
                    var fullMatch = method.IsStatic
                        ? IsAnchoredPattern(Argument(invocation, "pattern")?.ConstantValue.Value as string) && !HasMultiline(Argument(invocation, "options"))
                        : invocation.Instance is not null && IsFullMatchRegex(invocation.Instance);
                    if (fullMatch && input is not null)
                        AddFact(ref facts, KeyOf(input), Checked);
                    return;
                }

                case "TryValidateObject" when TypeNameOf(method) == "System.ComponentModel.DataAnnotations.Validator":
                    AddFact(ref facts, KeyOf(Argument(invocation, "instance")), SanitizerGroups.Validated);
                    return;
            }

            if (_ctx.IsInSource(method) && GetSummary(method) is { ParameterSanitizedWhenTrue: { IsEmpty: false } whenTrue })
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } p && p.Ordinal < whenTrue.Length)
                        AddFact(ref facts, KeyOf(argument.Value), whenTrue[p.Ordinal]);
                }
            }
        }

        private static IOperation? Argument(IInvocationOperation invocation, string name)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == name && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    return Unwrap(argument.Value);
            }

            return null;
        }

        private readonly struct Measured
        {
            public Measured(FlowKey key, bool isValue)
            {
                Key = key;
                IsValue = isValue;
            }

            public FlowKey Key { get; }

            /// <summary>True when the value itself is compared (not its length or count).</summary>
            public bool IsValue { get; }
        }

        /// <summary>The tracked value a guard is about: the value itself, or the owner of a
        /// <c>Length</c>/<c>Count</c>/<c>LongLength</c> (<c>dto.Text.Length</c> measures <c>dto.Text</c>).</summary>
        private Measured? Measure(IOperation operation)
        {
            operation = Unwrap(operation);
            switch (operation)
            {
                case IPropertyReferenceOperation { Property.Name: "Length" or "Count" or "LongLength", Arguments.IsEmpty: true, Instance: { } instance }:
                    return KeyOf(instance) is { } owner ? new Measured(owner, false) : null;
                case IFieldReferenceOperation { Field.Name: "Length", Instance: { } fieldInstance } when !operation.ConstantValue.HasValue:
                    return KeyOf(fieldInstance) is { } fieldOwner ? new Measured(fieldOwner, false) : null;
                case IInvocationOperation { TargetMethod.Name: "Count" or "LongCount", Arguments.Length: 1 } count when count.TargetMethod.IsExtensionMethod:
                    return KeyOf(count.Arguments[0].Value) is { } countOwner ? new Measured(countOwner, false) : null;
            }

            return KeyOf(operation) is { } key ? new Measured(key, true) : null;
        }

        /// <summary>Side-effect-free: is this operand certainly not tainted (a constant, a clean tracked
        /// location, or a collection built only from constants)?</summary>
        private bool IsTrusted(IOperation operation, FlowState state)
        {
            operation = Unwrap(operation);
            if (operation.ConstantValue.HasValue)
                return true;
            if (KeyOf(operation) is { } key)
                return state.Get(key).IsClean;
            switch (operation)
            {
                case IArrayCreationOperation or IObjectCreationOperation or IInstanceReferenceOperation:
                    break;
                default:
                    if (operation.Kind.ToString() != "CollectionExpression")
                        return false;
                    break;
            }

            foreach (var descendant in operation.Descendants())
            {
                switch (descendant)
                {
                    case ILocalReferenceOperation or IParameterReferenceOperation or IFlowCaptureReferenceOperation or IAwaitOperation:
                        return false;
                    case IFieldReferenceOperation field when !field.ConstantValue.HasValue && !field.Field.IsReadOnly:
                        return false;
                    case IPropertyReferenceOperation property when _ctx.Sources.Lookup(property.Property) is not null:
                        return false;
                    case IInvocationOperation call when call.Instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                        return false; // only the Add calls of a collection initializer
                }
            }

            return true;
        }

        internal static bool IsAnchoredPattern(string? pattern)
        {
            if (pattern is null || pattern.Length < 2)
                return false;
            var starts = pattern.StartsWith("^", StringComparison.Ordinal) || pattern.StartsWith("\\A", StringComparison.Ordinal);
            var ends = (pattern.EndsWith("$", StringComparison.Ordinal) && !pattern.EndsWith("\\$", StringComparison.Ordinal)) ||
                       pattern.EndsWith("\\z", StringComparison.Ordinal) || pattern.EndsWith("\\Z", StringComparison.Ordinal);
            return starts && ends;
        }

        private static bool HasMultiline(IOperation? options) =>
            options is not null && (!options.ConstantValue.HasValue || (options.ConstantValue.Value is int flags && (flags & 2) != 0));

        /// <summary>A <c>Regex</c> instance known to be built from an anchored constant pattern: a field or
        /// property initialised with <c>new Regex("^…$")</c>, or a <c>[GeneratedRegex("^…$")]</c> method.</summary>
        private static bool IsFullMatchRegex(IOperation receiver)
        {
            receiver = Unwrap(receiver);
            ISymbol? symbol = receiver switch
            {
                IInvocationOperation call => call.TargetMethod,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };
            if (symbol is null)
                return false;
            if (symbol is IMethodSymbol generated)
            {
                foreach (var attribute in generated.GetAttributes())
                {
                    if (attribute.AttributeClass?.Name == "GeneratedRegexAttribute" && attribute.ConstructorArguments.Length > 0)
                    {
                        var multiline = attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[1].Value is int f && (f & 2) != 0;
                        return !multiline && IsAnchoredPattern(attribute.ConstructorArguments[0].Value as string);
                    }
                }

                return false;
            }

            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                ExpressionSyntax? initializer = syntax switch
                {
                    VariableDeclaratorSyntax v => v.Initializer?.Value,
                    PropertyDeclarationSyntax p => p.Initializer?.Value ?? p.ExpressionBody?.Expression,
                    _ => null,
                };
                if (initializer is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } args } &&
                    args[0].Expression is LiteralExpressionSyntax literal)
                {
                    for (var i = 1; i < args.Count; i++)
                    {
                        if (args[i].Expression.ToString().IndexOf("Multiline", StringComparison.Ordinal) >= 0)
                            return false;
                    }

                    return IsAnchoredPattern(literal.Token.ValueText);
                }
            }

            return false;
        }

        /// <summary>At a return: records what a bool helper proves when it returns true, and checks
        /// values returned from HTTP endpoints against the rules that watch responses.</summary>
        private void OnReturn(ControlFlowGraph graph, IOperation returned, Taint value, FlowState state)
        {
            if (_whenTrue is not null && ReferenceEquals(graph, _rootGraph))
            {
                var constant = Unwrap(returned).ConstantValue;
                if (!(constant.HasValue && constant.Value is false))
                {
                    var atTrue = state;
                    if (!constant.HasValue)
                        atTrue = EdgeState(returned, true, state);
                    for (var i = 0; i < _whenTrue.Length; i++)
                    {
                        var groups = SanitizerGroups.None;
                        foreach (var pair in atTrue.Entries)
                        {
                            if (!pair.Key.IsMember && pair.Key.Symbol is IParameterSymbol p && p.Ordinal == i && (pair.Value.Parameters & (1UL << i)) != 0)
                                groups = pair.Value.Sanitized;
                        }

                        _whenTrue[i] = _returnsTrueSeen ? _whenTrue[i] & groups : groups;
                    }

                    _returnsTrueSeen = true;
                }
            }

            if (_summaryMode || !_endpointGraphs.Contains(graph) || value.IsClean)
                return;
            foreach (var rule in _ctx.Rules)
            {
                if (rule.EndpointReturnSink is { } sink && (sink.Condition is null || sink.Condition(new SinkCall(ImmutableArray<IArgumentOperation>.Empty, returned))))
                    RecordHit(rule, sink, returned, value, null);
            }
        }

        /// <summary>Remembers that a local or capture holds the result of a FluentValidation
        /// <c>Validate</c>/<c>ValidateAsync</c> call, so that a guard on its <c>IsValid</c> validates the object.</summary>
        private void RecordValidationLink(FlowKey key, IOperation valueOperation)
        {
            var value = Unwrap(valueOperation);
            if (value is IAwaitOperation awaited)
                value = Unwrap(awaited.Operation);
            if (value is IInvocationOperation invocation && IsFluentValidation(invocation.TargetMethod) &&
                KeyOf(ValidatedInstance(invocation)) is { } validated)
            {
                _validationLinks[key] = validated;
                return;
            }

            if (KeyOf(value) is { } source && _validationLinks.TryGetValue(source, out var linked))
                _validationLinks[key] = linked;
        }

        private static bool IsFluentValidation(IMethodSymbol method) =>
            method.Name.StartsWith("Validate", StringComparison.Ordinal) &&
            TypeNames.NamespaceOf(method.ContainingType).StartsWith("FluentValidation", StringComparison.Ordinal);

        private static IOperation? ValidatedInstance(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "instance")
                    return argument.Value;
            }

            return !invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;
        }

        /// <summary>Calls with a known effect on taint: bounded results (<c>Math.Clamp</c>, <c>Math.Min</c>
        /// with a trusted bound), allow-listed results (<c>Enum.Parse</c>), lookups whose result comes from
        /// the (trusted) collection, and validators that throw. Null for any other call.</summary>
        /// <summary>The containing type's display name; only computed once a call's name has matched.</summary>
        private static string TypeNameOf(IMethodSymbol method) => method.ContainingType?.OriginalDefinition.ToDisplayString() ?? string.Empty;

        private Taint? BuiltInCall(IInvocationOperation invocation, Taint instance, Taint[] taints, Taint inputs, FlowState state)
        {
            var method = invocation.TargetMethod;
            var arguments = invocation.Arguments;
            switch (method.Name)
            {
                case "Clamp" when TypeNameOf(method) == "System.Math" && taints.Length == 3:
                    return taints[1].IsClean && taints[2].IsClean ? inputs.WithSanitized(SanitizerGroups.Validated) : inputs;
                case "Min" when TypeNameOf(method) == "System.Math" && taints.Length == 2:
                    return taints[0].IsClean || taints[1].IsClean ? inputs.WithSanitized(SanitizerGroups.Validated) : inputs;
                case "Parse" when TypeNameOf(method) == "System.Enum":
                    return inputs.WithSanitized(Checked);
                case "TryGetValue" or "GetValueOrDefault" or "GetValueOrNull":
                {
                    // The result is an entry of the collection, not the key.
                    var receiver = instance;
                    var keyIndex = 0;
                    if (invocation.Instance is null && method.IsExtensionMethod && arguments.Length >= 2)
                    {
                        receiver = taints[0];
                        keyIndex = 1;
                    }
                    else if (invocation.Instance is null)
                    {
                        return null;
                    }

                    var result = receiver;
                    for (var i = keyIndex + 1; i < arguments.Length; i++)
                    {
                        if (arguments[i].Parameter?.RefKind == RefKind.Out)
                            Assign(arguments[i].Value, null, receiver, state);
                        else
                            result = Taint.Join(result, taints[i]);
                    }

                    return method.ReturnType.SpecialType == SpecialType.System_Boolean ? Taint.Clean : result;
                }

                case "ValidateObject" when TypeNameOf(method) == "System.ComponentModel.DataAnnotations.Validator":
                    Sanitize(ValidatedInstance(invocation), SanitizerGroups.Validated, state);
                    return Taint.Clean;
                case "ValidateAndThrow" or "ValidateAndThrowAsync" when IsFluentValidation(method):
                    Sanitize(ValidatedInstance(invocation), SanitizerGroups.Validated, state);
                    return Taint.Clean;
            }

            return null;
        }
    }
}
