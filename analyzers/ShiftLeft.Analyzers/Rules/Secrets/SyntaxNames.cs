using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ShiftLeft.Analyzers.Rules.Secrets
{
    /// <summary>Syntax-only helpers: the name a literal is stored under, and AWS key pairing.</summary>
    internal static class SyntaxNames
    {
        /// <summary>The symbol or key name a literal expression is assigned to, without a semantic model:
        /// declarator, property, assignment target, named argument, <c>["Key"] = …</c>, anonymous member.</summary>
        public static string? TargetName(SyntaxNode? literal)
        {
            var node = literal;
            while (node?.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } or PostfixUnaryExpressionSyntax)
                node = node.Parent;
            switch (node?.Parent)
            {
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                    return declarator.Identifier.ValueText;
                case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                    return property.Identifier.ValueText;
                case EqualsValueClauseSyntax { Parent: ParameterSyntax parameter }:
                    return parameter.Identifier.ValueText;
                case ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax arrowProperty }:
                    return arrowProperty.Identifier.ValueText;
                case AssignmentExpressionSyntax assignment when assignment.Right == node:
                    return NameOf(assignment.Left);
                case ArgumentSyntax { NameColon: { } nameColon }:
                    return nameColon.Name.Identifier.ValueText;
                case AnonymousObjectMemberDeclaratorSyntax { NameEquals: { } nameEquals }:
                    return nameEquals.Name.Identifier.ValueText;
                case AttributeArgumentSyntax { NameEquals: { } attrEquals }:
                    return attrEquals.Name.Identifier.ValueText;
                default:
                    return null;
            }
        }

        private static string? NameOf(ExpressionSyntax target) => target switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            ImplicitElementAccessSyntax { ArgumentList.Arguments: { Count: 1 } args } when args[0].Expression is LiteralExpressionSyntax key => key.Token.ValueText,
            ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } args2 } when args2[0].Expression is LiteralExpressionSyntax key2 => key2.Token.ValueText,
            _ => null,
        };

        /// <summary>True when an AWS access key id appears within <paramref name="radius"/> lines of <paramref name="line"/>.</summary>
        public static bool HasAwsKeyIdNearby(SourceText text, int line, int radius = 3)
        {
            var first = System.Math.Max(0, line - radius);
            var last = System.Math.Min(text.Lines.Count - 1, line + radius);
            for (var i = first; i <= last; i++)
            {
                var lineText = text.ToString(text.Lines[i].Span);
                if (lineText.IndexOf("AKIA", System.StringComparison.Ordinal) < 0 && lineText.IndexOf("ASIA", System.StringComparison.Ordinal) < 0)
                    continue;
                var matches = SecretMatcher.Scan(lineText);
                if (matches is null)
                    continue;
                foreach (var m in matches)
                {
                    if (m.Format.Id == "aws_key_id")
                        return true;
                }
            }

            return false;
        }
    }
}
