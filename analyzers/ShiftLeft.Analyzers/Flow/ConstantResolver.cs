using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>One source literal that contributed to a resolved constant.</summary>
    internal readonly struct ConstantPiece
    {
        public ConstantPiece(string value, SyntaxNode? literal, ISymbol? via)
        {
            Value = value;
            Literal = literal;
            Via = via;
        }

        /// <summary>The literal's value (after decoding escapes).</summary>
        public string Value { get; }

        /// <summary>The literal expression in source, when there is one (null for metadata constants).</summary>
        public SyntaxNode? Literal { get; }

        /// <summary>The const / static readonly field or local the value came through, if any.</summary>
        public ISymbol? Via { get; }
    }

    /// <summary>A compile-time-known string reaching an operation, with the literals it is made of.</summary>
    internal sealed class ResolvedConstant
    {
        public ResolvedConstant(string value, ImmutableArray<ConstantPiece> pieces)
        {
            Value = value;
            Pieces = pieces;
        }

        public string Value { get; }

        public ImmutableArray<ConstantPiece> Pieces { get; }

        /// <summary>The piece carrying most of the value (where to report): the longest literal in source.</summary>
        public ConstantPiece? MainPiece
        {
            get
            {
                ConstantPiece? best = null;
                foreach (var piece in Pieces)
                {
                    if (piece.Literal is not null && (best is null || piece.Value.Length > best.Value.Value.Length))
                        best = piece;
                }

                return best;
            }
        }
    }

    /// <summary>
    /// Resolves the compile-time-known string that reaches an operation: literals (regular, verbatim,
    /// raw, UTF-8 <c>"…"u8</c>), concatenation and interpolation of constants, <c>const</c> fields and
    /// locals, <c>static readonly</c> fields initialised with constants (read through the operation's
    /// own semantic model when in the same tree, otherwise syntactically), locals whose every write in
    /// the method is constant, <c>new string(char[])</c> / char arrays, <c>Convert.FromBase64String</c>
    /// and <c>Encoding.*.GetString/GetBytes</c> of constants, and the fallback of <c>x ?? "…"</c>.
    /// Returns null when any part is not constant. Bounded in depth; never throws.
    /// </summary>
    internal static class ConstantResolver
    {
        private const int MaxDepth = 10;
        private const int MaxLength = 16 * 1024;

        public static ResolvedConstant? Resolve(IOperation? operation, CancellationToken cancellationToken = default)
        {
            if (operation is null)
                return null;
            try
            {
                var pieces = ImmutableArray.CreateBuilder<ConstantPiece>();
                var value = Resolve(operation, pieces, new HashSet<ISymbol>(SymbolEqualityComparer.Default), 0, null, cancellationToken);
                return value is null || value.Length > MaxLength ? null : new ResolvedConstant(value, pieces.ToImmutable());
            }
            catch (InvalidOperationException)
            {
                return null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private static string? Resolve(IOperation op, ImmutableArray<ConstantPiece>.Builder pieces, HashSet<ISymbol> visiting, int depth, ISymbol? via, CancellationToken ct)
        {
            if (depth > MaxDepth)
                return null;
            ct.ThrowIfCancellationRequested();
            switch (op)
            {
                case ILiteralOperation literal when literal.ConstantValue is { HasValue: true, Value: string s }:
                    pieces.Add(new ConstantPiece(s, literal.Syntax, via));
                    return s;
                case IUtf8StringOperation utf8:
                    pieces.Add(new ConstantPiece(utf8.Value, utf8.Syntax, via));
                    return utf8.Value;
                case IConversionOperation conversion:
                    return Resolve(conversion.Operand, pieces, visiting, depth + 1, via, ct);
                case IParenthesizedOperation parenthesized:
                    return Resolve(parenthesized.Operand, pieces, visiting, depth + 1, via, ct);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                {
                    var left = Resolve(binary.LeftOperand, pieces, visiting, depth + 1, via, ct);
                    if (left is null)
                        return null;
                    var right = Resolve(binary.RightOperand, pieces, visiting, depth + 1, via, ct);
                    return right is null ? null : left + right;
                }

                case IInterpolatedStringOperation interpolated:
                {
                    var sb = new StringBuilder();
                    foreach (var part in interpolated.Parts)
                    {
                        switch (part)
                        {
                            case IInterpolatedStringTextOperation text:
                                var t = Resolve(text.Text, pieces, visiting, depth + 1, via, ct);
                                if (t is null)
                                    return null;
                                sb.Append(t);
                                break;
                            case IInterpolationOperation interpolation when interpolation.Alignment is null && interpolation.FormatString is null:
                                var e = Resolve(interpolation.Expression, pieces, visiting, depth + 1, via, ct);
                                if (e is null)
                                    return null;
                                sb.Append(e);
                                break;
                            default:
                                return null;
                        }
                    }

                    return sb.ToString();
                }

                case ICoalesceOperation coalesce:
                    // `x ?? "fallback"`: the fallback is a constant that can reach the sink.
                    return Resolve(coalesce.WhenNull, pieces, visiting, depth + 1, via, ct);
                case IFieldReferenceOperation field:
                    return ResolveField(field, pieces, visiting, depth, ct);
                case ILocalReferenceOperation local:
                    return ResolveLocal(local, pieces, visiting, depth, ct);
                case IObjectCreationOperation creation when creation.Type?.SpecialType == SpecialType.System_String && creation.Arguments.Length == 1:
                    return ResolveChars(creation.Arguments[0].Value, pieces, visiting, depth + 1, via, ct);
                case IInvocationOperation invocation:
                    return ResolveInvocation(invocation, pieces, visiting, depth, via, ct);
                case IArrayCreationOperation:
                    return ResolveChars(op, pieces, visiting, depth + 1, via, ct);
            }

            if (op.ConstantValue is { HasValue: true, Value: string constant })
            {
                pieces.Add(new ConstantPiece(constant, op.Syntax, via));
                return constant;
            }

            return null;
        }

        private static string? ResolveInvocation(IInvocationOperation invocation, ImmutableArray<ConstantPiece>.Builder pieces, HashSet<ISymbol> visiting, int depth, ISymbol? via, CancellationToken ct)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type is null)
                return null;
            var typeName = type.ToDisplayString();
            switch (method.Name)
            {
                case "FromBase64String" when typeName == "System.Convert" && invocation.Arguments.Length == 1:
                {
                    var b64 = Resolve(invocation.Arguments[0].Value, pieces, visiting, depth + 1, via, ct);
                    if (b64 is null)
                        return null;
                    try
                    {
                        var bytes = Convert.FromBase64String(b64);
                        var decoded = new UTF8Encoding(false, true).GetString(bytes);
                        foreach (var c in decoded)
                        {
                            if (char.IsControl(c))
                                return b64;
                        }

                        return decoded;
                    }
                    catch (FormatException)
                    {
                        return null;
                    }
                    catch (ArgumentException)
                    {
                        return b64; // binary key material: keep the base64 text
                    }
                }

                case "GetString" or "GetBytes" when typeName.StartsWith("System.Text.", StringComparison.Ordinal) && invocation.Arguments.Length == 1:
                    return Resolve(invocation.Arguments[0].Value, pieces, visiting, depth + 1, via, ct);
                case "ToArray" when invocation.Instance is not null && invocation.Arguments.Length == 0:
                    return Resolve(invocation.Instance, pieces, visiting, depth + 1, via, ct);
                case "ToString" or "Trim" when type.SpecialType == SpecialType.System_String && invocation.Instance is not null && invocation.Arguments.Length == 0:
                    var s = Resolve(invocation.Instance, pieces, visiting, depth + 1, via, ct);
                    return method.Name == "Trim" ? s?.Trim() : s;
                case "Concat" when type.SpecialType == SpecialType.System_String:
                {
                    var sb = new StringBuilder();
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } init })
                        {
                            foreach (var element in init.ElementValues)
                            {
                                var part = Resolve(element, pieces, visiting, depth + 1, via, ct);
                                if (part is null)
                                    return null;
                                sb.Append(part);
                            }

                            continue;
                        }

                        var v = Resolve(argument.Value, pieces, visiting, depth + 1, via, ct);
                        if (v is null)
                            return null;
                        sb.Append(v);
                    }

                    return sb.ToString();
                }

                default:
                    return null;
            }
        }

        /// <summary><c>new string(new[] { 'a', 'b' })</c>, <c>new char[] { … }</c>, <c>"…".ToCharArray()</c>.</summary>
        private static string? ResolveChars(IOperation op, ImmutableArray<ConstantPiece>.Builder pieces, HashSet<ISymbol> visiting, int depth, ISymbol? via, CancellationToken ct)
        {
            while (op is IConversionOperation conversion)
                op = conversion.Operand;
            switch (op)
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                {
                    var sb = new StringBuilder();
                    foreach (var element in initializer.ElementValues)
                    {
                        if (element.ConstantValue is { HasValue: true, Value: char c })
                            sb.Append(c);
                        else
                            return null;
                    }

                    var s = sb.ToString();
                    pieces.Add(new ConstantPiece(s, op.Syntax, via));
                    return s;
                }

                case IInvocationOperation { TargetMethod.Name: "ToCharArray", Instance: { } instance }:
                    return Resolve(instance, pieces, visiting, depth + 1, via, ct);
                case ILocalReferenceOperation or IFieldReferenceOperation:
                    return Resolve(op, pieces, visiting, depth + 1, via, ct);
                default:
                    return null;
            }
        }

        private static string? ResolveField(IFieldReferenceOperation reference, ImmutableArray<ConstantPiece>.Builder pieces, HashSet<ISymbol> visiting, int depth, CancellationToken ct)
        {
            var field = reference.Field;
            if (!visiting.Add(field))
                return null;
            try
            {
                SyntaxNode? initializer = null;
                foreach (var syntaxRef in field.DeclaringSyntaxReferences)
                {
                    if (syntaxRef.GetSyntax(ct) is VariableDeclaratorSyntax { Initializer.Value: { } value })
                        initializer = value;
                }

                if (field.HasConstantValue)
                {
                    if (field.ConstantValue is not string constant)
                        return null;
                    if (initializer is not null)
                    {
                        // Keep the pieces of `const string Key = Head + Tail;` when they can be read in this tree.
                        var model = reference.SemanticModel;
                        if (model is not null && initializer.SyntaxTree == model.SyntaxTree && model.GetOperation(initializer, ct) is { } init)
                        {
                            var mark = pieces.Count;
                            var viaOp = Resolve(init, pieces, visiting, depth + 1, field, ct);
                            if (viaOp == constant)
                                return constant;
                            while (pieces.Count > mark)
                                pieces.RemoveAt(pieces.Count - 1);
                        }
                        else if (SyntacticConstant(initializer, pieces, field, 0) == constant)
                        {
                            return constant;
                        }
                    }

                    pieces.Add(new ConstantPiece(constant, initializer, field));
                    return constant;
                }

                if (!field.IsReadOnly || !field.IsStatic || initializer is null)
                    return null;
                var semanticModel = reference.SemanticModel;
                if (semanticModel is not null && initializer.SyntaxTree == semanticModel.SyntaxTree)
                {
                    var operation = semanticModel.GetOperation(initializer, ct);
                    return operation is null ? null : Resolve(operation, pieces, visiting, depth + 1, field, ct);
                }

                return SyntacticConstant(initializer, pieces, field, 0);
            }
            finally
            {
                visiting.Remove(field);
            }
        }

        /// <summary>Reads a field initializer in another syntax tree without its semantic model:
        /// literals, <c>+</c> of literals, interpolations without holes, u8 literals, char arrays.</summary>
        private static string? SyntacticConstant(SyntaxNode node, ImmutableArray<ConstantPiece>.Builder pieces, ISymbol via, int depth)
        {
            if (depth > MaxDepth)
                return null;
            switch (node)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.Utf8StringLiteralExpression):
                    var s = literal.Token.ValueText;
                    pieces.Add(new ConstantPiece(s, literal, via));
                    return s;
                case ParenthesizedExpressionSyntax parenthesized:
                    return SyntacticConstant(parenthesized.Expression, pieces, via, depth + 1);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                    var left = SyntacticConstant(binary.Left, pieces, via, depth + 1);
                    var right = left is null ? null : SyntacticConstant(binary.Right, pieces, via, depth + 1);
                    return right is null ? null : left + right;
                case InterpolatedStringExpressionSyntax interpolated:
                    var sb = new StringBuilder();
                    foreach (var content in interpolated.Contents)
                    {
                        if (content is not InterpolatedStringTextSyntax text)
                            return null;
                        sb.Append(text.TextToken.ValueText);
                    }

                    var value = sb.ToString();
                    pieces.Add(new ConstantPiece(value, interpolated, via));
                    return value;
                case ArrayCreationExpressionSyntax { Initializer: { } init }:
                    return SyntacticChars(init, node, pieces, via);
                case ImplicitArrayCreationExpressionSyntax { Initializer: { } init2 }:
                    return SyntacticChars(init2, node, pieces, via);
                case ObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } args } creation when creation.Type.ToString() is "string" or "String" or "System.String":
                    return SyntacticConstant(args[0].Expression, pieces, via, depth + 1);
                default:
                    return null;
            }
        }

        private static string? SyntacticChars(InitializerExpressionSyntax init, SyntaxNode node, ImmutableArray<ConstantPiece>.Builder pieces, ISymbol via)
        {
            var sb = new StringBuilder();
            foreach (var e in init.Expressions)
            {
                if (e is LiteralExpressionSyntax l && l.IsKind(SyntaxKind.CharacterLiteralExpression) && l.Token.Value is char c)
                    sb.Append(c);
                else
                    return null;
            }

            var s = sb.ToString();
            pieces.Add(new ConstantPiece(s, node, via));
            return s;
        }

        /// <summary>A local whose every write in its method resolves to the same constant.</summary>
        private static string? ResolveLocal(ILocalReferenceOperation reference, ImmutableArray<ConstantPiece>.Builder pieces, HashSet<ISymbol> visiting, int depth, CancellationToken ct)
        {
            var local = reference.Local;
            if (local.HasConstantValue && local.ConstantValue is string c && local.DeclaringSyntaxReferences.Length == 0)
            {
                pieces.Add(new ConstantPiece(c, null, local));
                return c;
            }

            if (!visiting.Add(local))
                return null;
            try
            {
                if (!LocalWrites.TryGetWrittenValues(reference, out var written))
                    return null;
                string? result = null;
                var mark = pieces.Count;
                foreach (var value in written)
                {
                    var resolved = Resolve(value, pieces, visiting, depth + 1, local, ct);
                    if (resolved is null || (result is not null && result != resolved))
                    {
                        while (pieces.Count > mark)
                            pieces.RemoveAt(pieces.Count - 1);
                        return null;
                    }

                    result = resolved;
                }

                return result;
            }
            finally
            {
                visiting.Remove(local);
            }
        }
    }
}
