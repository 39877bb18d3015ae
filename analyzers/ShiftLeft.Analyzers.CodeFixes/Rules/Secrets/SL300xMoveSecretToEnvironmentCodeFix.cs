using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace ShiftLeft.Analyzers.CodeFixes.Rules.Secrets
{
    /// <summary>
    /// SL3001 / SL3002 / SL3003 fix: replace the secret literal with
    /// <c>Environment.GetEnvironmentVariable("NAME") ?? throw new InvalidOperationException("Set NAME")</c>
    /// (the variable named after the provider or the symbol), and turn a <c>const</c> that held it into
    /// <c>static readonly</c> (field) or a plain local. UTF-8 literals become <c>Encoding.UTF8.GetBytes(…)</c>.
    /// Offered only when the literal is exactly the secret and sits where a non-constant expression is
    /// allowed (not an attribute argument, parameter default or case label).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SL300xMoveSecretToEnvironmentCodeFix)), Shared]
    public sealed class SL300xMoveSecretToEnvironmentCodeFix : CodeFixProvider
    {
        private const string EnvironmentVariableProperty = "EnvironmentVariable";
        private const string WholeLiteralProperty = "WholeLiteral";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            RuleIds.KnownFormatCredential, RuleIds.ConstantPassedAsCredential, RuleIds.HighEntropySecretName);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
                return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(WholeLiteralProperty, out var whole) || whole != "true" ||
                    !diagnostic.Properties.TryGetValue(EnvironmentVariableProperty, out var variable) || string.IsNullOrEmpty(variable))
                    continue;
                var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
                if (token.Parent is not LiteralExpressionSyntax literal || !CanReplace(literal))
                    continue;
                var title = "Read the secret from environment variable " + variable;
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => ReplaceAsync(context.Document, literal, variable!, ct), equivalenceKey: nameof(SL300xMoveSecretToEnvironmentCodeFix)),
                    diagnostic);
            }
        }

        private static bool CanReplace(LiteralExpressionSyntax literal)
        {
            foreach (var ancestor in literal.Ancestors())
            {
                switch (ancestor)
                {
                    case AttributeArgumentSyntax:
                    case CaseSwitchLabelSyntax:
                    case ConstantPatternSyntax:
                    case ParameterSyntax:
                    case EnumMemberDeclarationSyntax:
                        return false;
                    case StatementSyntax:
                    case MemberDeclarationSyntax:
                        return true;
                }
            }

            return true;
        }

        private static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, string variable, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
                return document;
            var name = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(variable));
            var message = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("Set " + variable));
            ExpressionSyntax lookup = SyntaxFactory.ParseExpression("global::System.Environment.GetEnvironmentVariable(" + name.ToFullString() + ")");
            if (!TargetIsNullable(literal))
            {
                lookup = SyntaxFactory.BinaryExpression(
                    SyntaxKind.CoalesceExpression,
                    lookup,
                    SyntaxFactory.ThrowExpression(SyntaxFactory.ParseExpression("new global::System.InvalidOperationException(" + message.ToFullString() + ")")));
            }

            ExpressionSyntax replacement = literal.IsKind(SyntaxKind.Utf8StringLiteralExpression)
                ? SyntaxFactory.ParseExpression("global::System.Text.Encoding.UTF8.GetBytes(" + lookup.NormalizeWhitespace().ToFullString() + ")")
                : lookup;
            replacement = replacement.NormalizeWhitespace();
            replacement = replacement.ReplaceNodes(
                replacement.DescendantNodes().Where(n => n is NameSyntax or MemberAccessExpressionSyntax),
                (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation));
            replacement = replacement.WithTriviaFrom(literal).WithAdditionalAnnotations(Simplifier.Annotation);

            var newRoot = root.TrackNodes(literal);
            var current = newRoot.GetCurrentNode(literal)!;
            newRoot = newRoot.ReplaceNode(current, replacement);

            // A const can no longer hold the value.
            var field = literal.FirstAncestorOrSelf<FieldDeclarationSyntax>();
            if (field is not null && field.Modifiers.Any(SyntaxKind.ConstKeyword))
            {
                var currentField = newRoot.DescendantNodes().OfType<FieldDeclarationSyntax>().FirstOrDefault(f => f.SpanStart == field.SpanStart);
                if (currentField is not null)
                    newRoot = newRoot.ReplaceNode(currentField, ToStaticReadonly(currentField));
            }

            var local = literal.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>();
            if (local is not null && local.Modifiers.Any(SyntaxKind.ConstKeyword))
            {
                var currentLocal = newRoot.DescendantNodes().OfType<LocalDeclarationStatementSyntax>().FirstOrDefault(l => l.SpanStart == local.SpanStart);
                if (currentLocal is not null)
                {
                    var constToken = currentLocal.Modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
                    var updated = currentLocal.WithModifiers(currentLocal.Modifiers.Remove(constToken));
                    if (updated.Modifiers.Count == 0)
                        updated = updated.WithDeclaration(updated.Declaration.WithType(updated.Declaration.Type.WithLeadingTrivia(constToken.LeadingTrivia)));
                    newRoot = newRoot.ReplaceNode(currentLocal, updated);
                }
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private static FieldDeclarationSyntax ToStaticReadonly(FieldDeclarationSyntax field)
        {
            var modifiers = SyntaxFactory.TokenList();
            foreach (var modifier in field.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.ConstKeyword))
                {
                    modifiers = modifiers.Add(SyntaxFactory.Token(modifier.LeadingTrivia, SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
                    modifiers = modifiers.Add(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ReadOnlyKeyword, modifier.TrailingTrivia));
                }
                else
                {
                    modifiers = modifiers.Add(modifier);
                }
            }

            return field.WithModifiers(modifiers);
        }

        /// <summary>The literal initializes something declared <c>string?</c>: no throw needed.</summary>
        private static bool TargetIsNullable(LiteralExpressionSyntax literal)
        {
            var parent = literal.Parent;
            while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
                parent = parent.Parent;
            return parent switch
            {
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: NullableTypeSyntax } } } => true,
                EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax { Type: NullableTypeSyntax } } => true,
                _ => false,
            };
        }
    }
}
